/**
 * NEO4J_TX_TIMEOUT_MS bounds every query: a read that runs past a short limit fails with a
 * Neo4j timeout, which the error handler turns into a 504 MLN_QUERY_TIMEOUT, not a 500.
 */
import t from 'tap'

import { createDatabase, SEE_ALL } from '../../src/data/database.js'
import { ERROR_CODES } from '../../src/errors.js'
import { classifyError } from '../../src/server/plugins/errors.js'
import { createQueryService, parseCannedQuery } from '../../src/services/queries.js'
import { testConfig } from '../helpers/neo4j.js'

const TIMEOUT_MS = 200
/** Counts through 10^9 numbers, which takes Neo4j far longer than the timeout. */
const SLOW_CYPHER = 'UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 100 RETURN count(x) AS hits'

const config = await testConfig()
const database = createDatabase({
  uri: config.neo4j.uri ?? '',
  user: config.neo4j.user,
  password: config.neo4j.password,
  database: config.neo4j.database,
  transactionTimeoutMs: TIMEOUT_MS,
})
t.teardown(() => database.close())

async function failure(work: () => Promise<unknown>): Promise<{ error: unknown; elapsedMs: number }> {
  const started = Date.now()
  try {
    await work()
  } catch (error) {
    return { error, elapsedMs: Date.now() - started }
  }
  return { error: null, elapsedMs: Date.now() - started }
}

t.test('quick read within the timeout', async (t) => {
  const result = await database.readText('RETURN 42 AS answer', {}, SEE_ALL)

  t.equal(result.records[0]?.get('answer').toNumber(), 42)
})

t.test('slow read becomes a 504', async (t) => {
  const { error, elapsedMs } = await failure(() => database.readText(SLOW_CYPHER, {}, SEE_ALL))

  t.ok(error !== null, 'the read fails')
  t.match((error as { code?: string }).code, 'TransactionTimedOut', 'Neo4j reports a transaction timeout')
  const classified = classifyError(error)
  t.equal(classified.code, 'MLN_QUERY_TIMEOUT')
  t.equal(ERROR_CODES[classified.code], 504)
  t.match(classified.message, 'transaction time limit')
  t.ok(elapsedMs < 10_000, `stopped after ${elapsedMs} ms`)
})

t.test('slow canned query becomes a 504', async (t) => {
  const slow = parseCannedQuery('slow-count.cypher', `// @name slow-count\n// @description Counts for a long time.\n${SLOW_CYPHER}\n`)
  const queries = createQueryService(database, new Map([[slow.name, slow]]))

  const { error } = await failure(() => queries.run('slow-count', {}, SEE_ALL))

  t.equal(classifyError(error).code, 'MLN_QUERY_TIMEOUT')
})

t.test('ping and graph version still work', async (t) => {
  await t.resolves(database.ping())
  t.ok((await database.graphVersion()) >= 0, 'graph version read')
})
