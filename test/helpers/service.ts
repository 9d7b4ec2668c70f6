/**
 * A real running service for end-to-end tests: the application listening on a free
 * loopback port, backed by the test Neo4j with the seeded demo network loaded.
 */
import type { AddressInfo } from 'node:net'

import type { Role } from '../../src/auth/tokens.js'
import { loadDemoNetwork } from '../../src/cli/loaders.js'
import { buildApp } from '../../src/server/app.js'
import { createServices } from '../../src/services/index.js'
import { testToken } from './app.js'
import { testConfig, testDatabase } from './neo4j.js'

export const TEST_DEMO = { seed: 42, size: 120 }

export interface TestService {
  url: string
  token(role?: Role, ncb?: string | null): string
  close(): Promise<void>
}

export async function startTestService(): Promise<TestService> {
  const config = await testConfig()
  const database = await testDatabase()
  await loadDemoNetwork(createServices(database), TEST_DEMO)
  const app = await buildApp({ config, database, logger: false })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    token: (role = 'analyst', ncb = null) => testToken(role, ncb),
    close: () => app.close(),
  }
}
