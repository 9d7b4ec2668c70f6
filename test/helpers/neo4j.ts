/**
 * The Neo4j that tests talk to: the one NEO4J_URI names (set by `npm test`), or else a
 * local test instance on port 7688 with its own data folder, started on first use and
 * left running for the next test file. Tests never replace the driver with a mock.
 */
import path from 'node:path'

import { loadConfig, PROJECT_ROOT, type Config } from '../../src/config/env.js'
import { createDatabase, type Database } from '../../src/data/database.js'
import { startLocalNeo4j } from '../../src/db/local-neo4j.js'

export const TEST_SECRET = 'test-secret-that-is-at-least-32-bytes-long!'
export const TEST_BOLT_PORT = 7688
export const TEST_DATA_DIR = path.join(PROJECT_ROOT, '.neo4j-test')
export const TEST_PASSWORD = 'millennium-test-password'

let started: Promise<string> | undefined

/** Returns the Bolt URI of the test database, starting the local one when needed. */
export async function testNeo4jUri(): Promise<string> {
  if (process.env.NEO4J_URI) {
    return process.env.NEO4J_URI
  }
  started ??= startLocalNeo4j({
    dataDir: TEST_DATA_DIR,
    host: '127.0.0.1',
    port: TEST_BOLT_PORT,
    user: 'neo4j',
    password: TEST_PASSWORD,
    pageCache: '128m',
    heap: '1g',
  }).then(() => `bolt://127.0.0.1:${TEST_BOLT_PORT}`)
  return started
}

export async function testConfig(overrides: Record<string, string> = {}): Promise<Config> {
  const uri = await testNeo4jUri()
  return loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    NEO4J_URI: uri,
    NEO4J_USER: process.env.NEO4J_USER ?? 'neo4j',
    NEO4J_PASSWORD: process.env.NEO4J_URI ? (process.env.NEO4J_PASSWORD ?? TEST_PASSWORD) : TEST_PASSWORD,
    MILLENNIUM_DATA_DIR: process.env.MILLENNIUM_DATA_DIR ?? '',
    // Tests send many requests under one token; test/api/rate-limits.test.ts turns the limits on.
    MILLENNIUM_RATE_LIMIT: 'off',
    MILLENNIUM_HEAVY_RATE_LIMIT: 'off',
    ...overrides,
  })
}

/** Opens the test database with the schema applied. The caller closes it. */
export async function testDatabase(): Promise<Database> {
  const config = await testConfig()
  const database = createDatabase({
    uri: config.neo4j.uri ?? '',
    user: config.neo4j.user,
    password: config.neo4j.password,
    database: config.neo4j.database,
    transactionTimeoutMs: config.neo4j.transactionTimeoutMs,
  })
  await database.applySchema()
  return database
}
