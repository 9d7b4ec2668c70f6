/**
 * Neo4j stopped under load. A Neo4j of this test's own (on a free port, with a fresh data folder) serves
 * 20 clients that read without pause. Once it stops, every request must get a 503 with
 * MLN_DATABASE_UNAVAILABLE and Retry-After, each within DOWN_BOUND_MS, and none a 500; once
 * it runs again, the same app (never restarted) must answer 200 within RECOVERY_BOUND_MS.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { createDatabase } from '../../src/data/database.js'
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/db/local-neo4j.js'
import { buildApp } from '../../src/server/app.js'
import { bearer } from '../helpers/app.js'
import { testConfig } from '../helpers/neo4j.js'
import { freePort } from '../helpers/ports.js'

const PORT = await freePort()
const PASSWORD = 'fault-test-password'
const CLIENTS = 20
/** Each request made while Neo4j is down is answered within this. */
const DOWN_BOUND_MS = 6_000
/** After Neo4j accepts connections again, requests succeed within this. */
const RECOVERY_BOUND_MS = 10_000

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'millennium-fault-'))
const neo4jOptions = { dataDir, host: '127.0.0.1', port: PORT, user: 'neo4j', password: PASSWORD, pageCache: '64m', heap: '512m' }

const READS = [
  '/api/search?q=Fault',
  '/api/entities/t-fault:boss',
  '/api/graph/neighbourhood/t-fault:boss?depth=2',
  '/api/stats?source=t-fault',
  '/api/paths/shortest?from=t-fault:boss&to=t-fault:aide',
]

interface Sample {
  url: string
  startedAt: number
  ms: number
  status: number
  code: string | null
  retryAfter: string | null
}

let app: FastifyInstance
/** The 5xx errors the app logged, by code and cause, with their counts. */
const failures = new Map<string, number>()

t.before(async () => {
  await startLocalNeo4j(neo4jOptions)
  const config = await testConfig({ NEO4J_URI: `bolt://127.0.0.1:${PORT}`, NEO4J_PASSWORD: PASSWORD })
  const database = createDatabase({
    uri: `bolt://127.0.0.1:${PORT}`,
    user: 'neo4j',
    password: PASSWORD,
    database: config.neo4j.database,
    transactionTimeoutMs: config.neo4j.transactionTimeoutMs,
  })
  await database.applySchema()
  const stream = {
    write(line: string) {
      const entry = JSON.parse(line) as { msg?: string; code?: string; cause?: string; err?: { type?: string; code?: string; message?: string } }
      if (entry.msg?.startsWith('request failed') === true) {
        const key = `${entry.code}: ${(entry.cause ?? `${entry.err?.type} ${entry.err?.code} ${entry.err?.message}`).slice(0, 160)}`
        failures.set(key, (failures.get(key) ?? 0) + 1)
      }
    },
  }
  app = await buildApp({ config, database, logger: { level: 'warn', stream } })
  await app.ready()

  const nodes = 'id,type,name\nt-fault:boss,Person,Fault Boss\nt-fault:aide,Person,Fault Aide\nt-fault:clan,Group,Fault Clan\n'
  const edges = 'id,source,target,type\nt-fault:m1,t-fault:boss,t-fault:clan,MEMBER_OF\nt-fault:m2,t-fault:aide,t-fault:clan,MEMBER_OF\n'
  for (const [file, text] of [['t-fault-nodes.csv', nodes], ['t-fault-edges.csv', edges]] as const) {
    const response = await app.inject({
      method: 'POST',
      url: `/api/import?filename=${file}&source=t-fault`,
      headers: { ...bearer('admin'), 'content-type': 'text/csv' },
      payload: text,
    })
    if (response.statusCode !== 200) {
      throw new Error(`Fixture ${file} failed: ${response.body}`)
    }
  }
})

t.teardown(async () => {
  await app?.close()
  await stopLocalNeo4j(dataDir)
  rmSync(dataDir, { recursive: true, force: true })
})

/** Runs CLIENTS clients that read in a loop until `stop()`, recording every response. */
function startLoad(): { samples: Sample[]; stop: () => Promise<void> } {
  const samples: Sample[] = []
  let running = true
  const headers = bearer('analyst')
  const client = async (index: number) => {
    for (let i = index; running; i += 1) {
      const url = READS[i % READS.length] as string
      const startedAt = Date.now()
      const response = await app.inject({ method: 'GET', url, headers })
      const body = response.json<{ code?: string }>()
      samples.push({
        url,
        startedAt,
        ms: Date.now() - startedAt,
        status: response.statusCode,
        code: body.code ?? null,
        retryAfter: (response.headers['retry-after'] as string | undefined) ?? null,
      })
      // A failed request returns at once while the breaker is open, so a client pauses as
      // Retry-After requests, shortened so the test sees many requests during the outage.
      if (response.statusCode !== 200) {
        await sleep(50)
      }
    }
  }
  const clients = Array.from({ length: CLIENTS }, (_, index) => client(index))
  return {
    samples,
    stop: async () => {
      running = false
      await Promise.all(clients)
    },
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

t.test('stop and start Neo4j under load', async (t) => {
  const load = startLoad()
  // Warms up: at least 100 responses, so the stop hits a service in its stride.
  for (let waited = 0; load.samples.length < 100 && waited < 60_000; waited += 250) {
    await sleep(250)
  }
  const stoppingAt = Date.now()
  await stopLocalNeo4j(dataDir)
  const downAt = Date.now()
  await sleep(8_000)

  const health = await app.inject({ method: 'GET', url: '/api/health' })
  t.equal(health.statusCode, 503, 'health is 503 while Neo4j is down')
  t.ok(Number(health.headers['retry-after']) > 0, 'health sends Retry-After')
  t.equal(health.json<{ database: { status: string } }>().database.status, 'down', 'health reports the database down')

  const startingAt = Date.now()
  await startLocalNeo4j(neo4jOptions)
  const upAt = Date.now()
  await sleep(RECOVERY_BOUND_MS)
  // Keeps the load on until enough requests have run after the bound, because a busy machine
  // completes few requests in a fixed window.
  const recoveredCount = () => load.samples.filter((sample) => sample.startedAt >= upAt + RECOVERY_BOUND_MS).length
  for (let waited = 0; recoveredCount() < 40 && waited < 60_000; waited += 250) {
    await sleep(250)
  }
  await load.stop()

  const samples = load.samples
  const before = samples.filter((sample) => sample.startedAt + sample.ms < stoppingAt)
  const down = samples.filter((sample) => sample.startedAt >= downAt && sample.startedAt + sample.ms < startingAt)
  const recovered = samples.filter((sample) => sample.startedAt >= upAt + RECOVERY_BOUND_MS)
  const firstSuccess = samples.find((sample) => sample.startedAt >= upAt && sample.status === 200)
  const slowest = Math.max(...down.map((sample) => sample.ms))
  const statuses = [...new Set(samples.map((sample) => sample.status))].sort()
  t.comment(
    `${samples.length} requests: ${before.length} before the stop, ${down.length} while down (slowest ${slowest} ms), ` +
      `${recovered.length} after recovery; Neo4j took ${upAt - startingAt} ms to start; statuses ${statuses.join(', ')}`,
  )

  for (const [cause, count] of failures) {
    t.comment(`logged ${count} times: ${cause}`)
  }
  t.ok(before.length > 0, 'requests ran before the stop')
  t.ok(before.every((sample) => sample.status === 200), 'every request before the stop succeeded')
  t.ok(down.length > 20, `requests ran while Neo4j was down (${down.length})`)
  t.same(samples.filter((sample) => sample.status >= 500 && sample.status !== 503).slice(0, 5), [], 'no 5xx but 503 at any time')
  t.ok(down.every((sample) => sample.status === 503), 'every request while down got 503')
  t.ok(down.every((sample) => sample.code === 'MLN_DATABASE_UNAVAILABLE'), 'with code MLN_DATABASE_UNAVAILABLE')
  t.ok(down.every((sample) => sample.retryAfter !== null && Number(sample.retryAfter) > 0), 'with Retry-After')
  t.ok(slowest < DOWN_BOUND_MS, `each answered within ${DOWN_BOUND_MS} ms while down (slowest ${slowest} ms)`)
  t.ok(firstSuccess !== undefined, 'a request succeeded after the restart')
  t.ok(
    firstSuccess !== undefined && firstSuccess.startedAt + firstSuccess.ms - upAt < RECOVERY_BOUND_MS,
    `the first success came within ${RECOVERY_BOUND_MS} ms of the restart (${firstSuccess === undefined ? 'none' : firstSuccess.startedAt + firstSuccess.ms - upAt} ms)`,
  )
  t.ok(recovered.length >= 40, `requests ran after recovery (${recovered.length})`)
  t.ok(recovered.every((sample) => sample.status === 200), 'every request after recovery succeeded')

  const healthAfter = await app.inject({ method: 'GET', url: '/health' })
  t.equal(healthAfter.statusCode, 200, 'health is 200 again')
})
