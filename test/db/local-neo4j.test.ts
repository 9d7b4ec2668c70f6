/**
 * The embedded Neo4j launcher: start and stop are idempotent, and data survives a restart.
 * Runs its own instance on a separate port and folder, so it never touches the shared one.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import neo4j from 'neo4j-driver'
import t from 'tap'

import { localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j } from '../../src/db/local-neo4j.js'

const PORT = 7731
const PASSWORD = 'launcher-test-password'
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'millennium-launcher-'))
const options = { dataDir, host: '127.0.0.1', port: PORT, user: 'neo4j', password: PASSWORD, pageCache: '64m', heap: '512m' }

const other = { ...options, dataDir: path.join(dataDir, 'other') }

t.teardown(async () => {
  await stopLocalNeo4j(dataDir)
  await stopLocalNeo4j(other.dataDir)
  rmSync(dataDir, { recursive: true, force: true })
})

async function run<T>(query: string, read: (value: unknown) => T, password = PASSWORD): Promise<T> {
  const driver = neo4j.driver(`bolt://127.0.0.1:${PORT}`, neo4j.auth.basic('neo4j', password))
  try {
    const result = await driver.executeQuery(query)
    return read(result.records[0]?.get(0))
  } finally {
    await driver.close()
  }
}

t.test('start, restart and stop', async (t) => {
  const first = await startLocalNeo4j(options)
  t.equal(first.running, true)
  t.ok(first.pid !== null && first.pid > 0, 'a pid is recorded')

  const again = await startLocalNeo4j(options)
  t.equal(again.pid, first.pid, 'a second start reuses the running database')

  await run("CREATE (:Entity {id: 'launcher:kept'}) RETURN 1", () => null)
  await t.rejects(run('RETURN 1', () => null, 'wrong-password'), /unauthorized|authentication/i, 'a wrong password is rejected')

  t.equal(await stopLocalNeo4j(dataDir), true, 'stop stops it')
  t.equal(localNeo4jStatus(dataDir).running, false)
  t.equal(await stopLocalNeo4j(dataDir), false, 'a second stop is a no-op')

  const restarted = await startLocalNeo4j(options)
  t.not(restarted.pid, first.pid, 'a new process after the stop')
  const count = await run("MATCH (n:Entity {id: 'launcher:kept'}) RETURN count(n)", (value) => neo4j.integer.toNumber(value as number))
  t.equal(count, 1, 'data survives a stop and a start')
})

t.test('port in use by something else', async (t) => {
  await startLocalNeo4j(options)
  await t.rejects(startLocalNeo4j(other), /Port 7731 on 127.0.0.1 is in use/)
})
