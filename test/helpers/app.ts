/**
 * Builds the real application against the test Neo4j, and signs tokens for it.
 */
import type { FastifyInstance } from 'fastify'

import { signToken, type Role } from '../../src/auth/tokens.js'
import type { Config } from '../../src/config/env.js'
import type { RateTable } from '../../src/money/rates.js'
import { buildApp } from '../../src/server/app.js'
import { TEST_SECRET, testConfig, testDatabase } from './neo4j.js'

export async function buildTestApp(options: { rates?: RateTable; config?: Partial<Config> } = {}): Promise<FastifyInstance> {
  const config = { ...(await testConfig()), ...options.config }
  const database = await testDatabase()
  const app = await buildApp({ config, database, logger: false, rates: options.rates })
  await app.ready()
  return app
}

export function testToken(role: Role = 'analyst', ncb: string | null = null, lifetimeSeconds = 600): string {
  return signToken(TEST_SECRET, { sub: `test-${role}`, role, ncb, lifetimeSeconds })
}

export function bearer(role: Role = 'analyst', ncb: string | null = null): { authorization: string } {
  return { authorization: `Bearer ${testToken(role, ncb)}` }
}
