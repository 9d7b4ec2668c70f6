/**
 * 100 clients issue mixed reads for 60 s against the service on loopback (real HTTP, the
 * demo network, tokens of five callers). Every request must succeed: no 5xx and no failure of
 * any kind. The latency percentiles are printed, not asserted, because they depend on the machine.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { httpReads, listenOnLoopback, pickTargets, runLoad } from '../../bench/load.js'
import { loadDemoNetwork } from '../../src/cli/loaders.js'
import type { Database } from '../../src/data/database.js'
import { createServices } from '../../src/services/index.js'
import { TEST_SECRET, testConfig, testDatabase } from '../helpers/neo4j.js'

const CLIENTS = 100
const DURATION_MS = 60_000
/** A small demo network, loaded under its own namespace beside other test data. */
const DEMO = { seed: 7, size: 300, namespace: 't-load-demo' }

let app: FastifyInstance
let baseUrl: string
let database: Database

t.before(async () => {
  const config = await testConfig()
  database = await testDatabase()
  await loadDemoNetwork(createServices(database), DEMO)
  const started = await listenOnLoopback(config, database)
  app = started.app
  baseUrl = started.baseUrl
})

t.teardown(async () => {
  await app?.close()
  await database?.close()
})

t.test('100 clients for 60 s', async (t) => {
  const config = await testConfig()
  const targets = await pickTargets(app.database.driver, config.neo4j.database, DEMO.namespace)
  t.ok(targets.persons.length > 0, `persons to start from (${targets.persons.length})`)
  t.ok(targets.accounts.length > 0, `accounts to start from (${targets.accounts.length})`)

  const figures = await runLoad(httpReads(baseUrl, targets, TEST_SECRET), { clients: CLIENTS, durationMs: DURATION_MS })
  t.comment(
    `${figures.requests} requests in ${figures.seconds.toFixed(1)} s (${figures.throughput.toFixed(0)}/s): ` +
      `p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, max ${figures.max.toFixed(1)} ms; ` +
      `statuses ${JSON.stringify(figures.statuses)}`,
  )

  t.ok(figures.requests > CLIENTS, `requests sent (${figures.requests})`)
  const serverErrors = Object.entries(figures.statuses).filter(([status]) => status.startsWith('5'))
  t.same(serverErrors, [], 'no 5xx')
  t.equal(figures.failed, 0, 'no failed requests')
})
