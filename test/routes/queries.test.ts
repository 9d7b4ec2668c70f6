/**
 * `GET /api/queries` and `POST /api/queries/:name`: the list, exact rows from fixture data,
 * parameter checks that name the parameter, and proof that canned queries cannot write.
 */
import type { FastifyInstance, InjectOptions } from 'fastify'
import t from 'tap'

import { SEE_ALL } from '../../src/data/database.js'
import { createQueryService, parseCannedQuery } from '../../src/services/queries.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { expectError, importCsv, removeFixtures } from './requests.js'

const PREFIX = 't-queries:'
const SOURCE = 't-queries'

const NODES = [
  'id,type,name,status,colour,kind,number',
  't-queries:brotherhood,Group,Queries Brotherhood,,,,',
  't-queries:anna,Person,Anna Queries,thief-in-law,,,',
  't-queries:viktor,Person,Viktor Queries,authority,,,',
  't-queries:boris,Person,Boris Queries,member,,,',
  't-queries:notice-boris,Notice,Red notice for Boris,active,red,notice,',
  't-queries:notice-anna,Notice,Old notice for Anna,cancelled,yellow,notice,',
  't-queries:account-1,Account,Queries Account 1,,,,AC-1',
  't-queries:account-2,Account,Queries Account 2,,,,AC-2',
].join('\n')

// MNT in 1901 keeps these transfers apart from any other test file's data.
const EDGES = [
  'source,target,type,id,role,since:date,until:date,date:date,amount,currency',
  't-queries:anna,t-queries:brotherhood,MEMBER_OF,,boss,1990-05-01,,,,',
  't-queries:viktor,t-queries:brotherhood,MEMBER_OF,,advisor,1995-01-01,2001-12-31,,,',
  't-queries:boris,t-queries:brotherhood,MEMBER_OF,,soldier,,,,,',
  't-queries:boris,t-queries:notice-boris,SUBJECT_OF,,,,,,,',
  't-queries:anna,t-queries:notice-anna,SUBJECT_OF,,,,,,,',
  't-queries:anna,t-queries:account-1,HOLDS,,,,,,,',
  't-queries:account-1,t-queries:account-2,TRANSFER,t-queries:tx-1,,,,1901-02-03,1500.50,MNT',
  't-queries:account-2,t-queries:account-1,TRANSFER,t-queries:tx-2,,,,1901-02-04,99999999999999.99,MNT',
  't-queries:account-1,t-queries:account-2,TRANSFER,t-queries:tx-3,,,,1901-06-30,0.01,MNT',
  't-queries:account-1,t-queries:account-2,TRANSFER,t-queries:tx-4,,,,1902-01-01,5000.00,MNT',
  't-queries:account-1,t-queries:account-2,TRANSFER,t-queries:tx-5,,,,1901-03-01,77.00,EUR',
].join('\n')

const ACCOUNT_1 = { toId: 't-queries:account-1', toName: 'Queries Account 1', toHolders: ['Anna Queries'] }
const ACCOUNT_2 = { toId: 't-queries:account-2', toName: 'Queries Account 2', toHolders: [] as string[] }

function from(account: typeof ACCOUNT_1 | typeof ACCOUNT_2) {
  return { fromId: account.toId, fromName: account.toName, fromHolders: account.toHolders }
}

const TRANSFER_ROWS = {
  tx2: { id: 't-queries:tx-2', date: '1901-02-04', amount: '99999999999999.99', currency: 'MNT', ...from(ACCOUNT_2), ...ACCOUNT_1 },
  tx1: { id: 't-queries:tx-1', date: '1901-02-03', amount: '1500.50', currency: 'MNT', ...from(ACCOUNT_1), ...ACCOUNT_2 },
  tx3: { id: 't-queries:tx-3', date: '1901-06-30', amount: '0.01', currency: 'MNT', ...from(ACCOUNT_1), ...ACCOUNT_2 },
  tx4: { id: 't-queries:tx-4', date: '1902-01-01', amount: '5000.00', currency: 'MNT', ...from(ACCOUNT_1), ...ACCOUNT_2 },
}

interface QueryResult {
  columns: string[]
  rows: Record<string, unknown>[]
  truncated: boolean
}

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, PREFIX)
  await importCsv(app, 't-queries-nodes.csv', `${NODES}\n`, SOURCE)
  const edges = await importCsv(app, 't-queries-edges.csv', `${EDGES}\n`, SOURCE)
  if (edges.rejected.length > 0) {
    throw new Error(`Fixture edges were rejected: ${JSON.stringify(edges.rejected)}`)
  }
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await app.close()
})

function runRequest(name: string, body: unknown): InjectOptions {
  return {
    method: 'POST',
    url: `/api/queries/${name}`,
    headers: { ...bearer('analyst'), 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  }
}

async function run(name: string, parameters: Record<string, unknown>): Promise<QueryResult> {
  const response = await app.inject(runRequest(name, { parameters }))
  if (response.statusCode !== 200) {
    throw new Error(`Query ${name} failed with status ${response.statusCode}: ${response.body}`)
  }
  return response.json<QueryResult>()
}

function ownRows(result: QueryResult): Record<string, unknown>[] {
  return result.rows.filter((row) => String(row.id).startsWith(PREFIX))
}

t.test('list declares query parameters', async (t) => {
  const response = await app.inject({ url: '/api/queries', headers: bearer('analyst') })

  t.equal(response.statusCode, 200)
  const { queries } = response.json<{ queries: { name: string; description: string; parameters: unknown[] }[] }>()
  t.ok(queries.length >= 5, `at least 5 queries (got ${queries.length})`)
  for (const query of queries) {
    t.match(query.name, /^[a-z][a-z0-9-]*$/, `${query.name}: lower-case name`)
    t.ok(query.description.length > 0, `${query.name}: has a description`)
    t.ok(query.parameters.length > 0, `${query.name}: declares its parameters`)
  }
  const byName = new Map(queries.map((query) => [query.name, query]))
  t.same(byName.get('group-members')?.parameters, [{ name: 'id', type: 'string', description: 'the group' }])
  t.same(byName.get('largest-transfers')?.parameters, [
    { name: 'currency', type: 'string', description: 'ISO 4217 code, such as EUR' },
    { name: 'since', type: 'date', default: '1900-01-01', description: 'first day included' },
    { name: 'until', type: 'date', default: '2999-12-31', description: 'last day included' },
    { name: 'limit', type: 'integer', min: 1, max: 500, default: '50', description: 'rows to return' },
  ])
})

t.test('group-members returns the members by rank', async (t) => {
  const result = await run('group-members', { id: 't-queries:brotherhood' })

  t.same(result.columns, ['id', 'name', 'status', 'role', 'since', 'until', 'notices'])
  t.same(result.rows, [
    {
      id: 't-queries:anna',
      name: 'Anna Queries',
      status: 'thief-in-law',
      role: 'boss',
      since: '1990-05-01',
      until: null,
      notices: [],
    },
    {
      id: 't-queries:viktor',
      name: 'Viktor Queries',
      status: 'authority',
      role: 'advisor',
      since: '1995-01-01',
      until: '2001-12-31',
      notices: [],
    },
    {
      id: 't-queries:boris',
      name: 'Boris Queries',
      status: 'member',
      role: 'soldier',
      since: null,
      until: null,
      notices: ['red notice'],
    },
  ])
  t.equal(result.truncated, false)
})

t.test('group-members of an unknown group is empty', async (t) => {
  const result = await run('group-members', { id: 't-queries:no-such-group' })

  t.same(result, { columns: [], rows: [], truncated: false })
})

t.test('largest-transfers orders by exact amount', async (t) => {
  const result = await run('largest-transfers', { currency: 'MNT', since: '1901-01-01', until: '1901-12-31' })

  t.same(result.columns, ['id', 'date', 'amount', 'currency', 'fromId', 'fromName', 'fromHolders', 'toId', 'toName', 'toHolders'])
  t.same(ownRows(result), [TRANSFER_ROWS.tx2, TRANSFER_ROWS.tx1, TRANSFER_ROWS.tx3])
})

t.test('largest-transfers takes its default dates', async (t) => {
  const result = await run('largest-transfers', { currency: 'MNT', limit: 500 })

  t.same(ownRows(result), [TRANSFER_ROWS.tx2, TRANSFER_ROWS.tx4, TRANSFER_ROWS.tx1, TRANSFER_ROWS.tx3])
})

t.test('largest-transfers respects limit', async (t) => {
  const asNumber = await run('largest-transfers', { currency: 'MNT', since: '1901-01-01', until: '1901-12-31', limit: 1 })
  const asText = await run('largest-transfers', { currency: 'MNT', since: '1901-01-01', until: '1901-12-31', limit: '2' })

  t.same(asNumber.rows, [TRANSFER_ROWS.tx2])
  t.same(asText.rows, [TRANSFER_ROWS.tx2, TRANSFER_ROWS.tx1])
})

t.test('largest-transfers keeps currencies apart', async (t) => {
  const result = await run('largest-transfers', { currency: 'EUR', since: '1901-03-01', until: '1901-03-01' })

  t.same(
    ownRows(result).map((row) => [row.id, row.amount]),
    [['t-queries:tx-5', '77.00']],
  )
})

interface RejectedRun {
  description: string
  name: string
  body: unknown
  status: number
  code: string
  /** Text the message must contain. */
  mentions?: string
}

const REJECTED_RUNS: RejectedRun[] = [
  { description: 'missing required parameter', name: 'group-members', body: { parameters: {} }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"id"' },
  { description: 'missing parameters object', name: 'largest-transfers', body: {}, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"currency"' },
  { description: 'integer given as a word', name: 'largest-transfers', body: { parameters: { currency: 'MNT', limit: 'ten' } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"limit"' },
  { description: 'integer given as a fraction', name: 'largest-transfers', body: { parameters: { currency: 'MNT', limit: 2.5 } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"limit"' },
  { description: 'integer given as a boolean', name: 'companies-controlled', body: { parameters: { id: 'x', maxHops: true } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"maxHops"' },
  { description: 'date in another format', name: 'largest-transfers', body: { parameters: { currency: 'MNT', since: '03/02/1901' } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"since"' },
  { description: 'date that does not exist', name: 'largest-transfers', body: { parameters: { currency: 'MNT', until: '1901-02-29' } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"until"' },
  { description: 'date given as a number', name: 'largest-transfers', body: { parameters: { currency: 'MNT', since: 19010203 } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"since"' },
  { description: 'string given as a list', name: 'group-members', body: { parameters: { id: ['t-queries:brotherhood'] } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: 'id' },
  { description: 'string given as an object', name: 'group-members', body: { parameters: { id: { $ne: null } } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: 'id' },
  { description: 'string given as null', name: 'group-members', body: { parameters: { id: null } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: 'id' },
  { description: 'empty string', name: 'group-members', body: { parameters: { id: '' } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"id"' },
  { description: 'integer below the range', name: 'largest-transfers', body: { parameters: { currency: 'MNT', limit: 0 } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"limit"' },
  { description: 'integer above the range', name: 'largest-transfers', body: { parameters: { currency: 'MNT', limit: 501 } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"limit"' },
  { description: 'negative integer', name: 'crowning-lineage', body: { parameters: { id: 'x', depth: -1 } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"depth"' },
  { description: 'integer above 2^53', name: 'largest-transfers', body: { parameters: { currency: 'MNT', limit: '9007199254740993' } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"limit"' },
  { description: 'unknown parameter', name: 'group-members', body: { parameters: { id: 'x', extra: 1 } }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"extra"' },
  { description: 'prototype key as a parameter', name: 'group-members', body: '{"parameters":{"id":"x","constructor":"y"}}', status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"constructor"' },
  { description: 'unknown top-level field', name: 'group-members', body: { parameters: { id: 'x' }, cypher: 'MATCH (n) DETACH DELETE n' }, status: 400, code: 'MLN_INVALID_PARAMETER' },
  { description: 'body that is a list', name: 'group-members', body: '[1,2]', status: 400, code: 'MLN_INVALID_PARAMETER' },
  { description: 'body that is a string', name: 'group-members', body: '"group-members"', status: 400, code: 'MLN_INVALID_PARAMETER' },
  { description: 'body that is a number', name: 'group-members', body: '5', status: 400, code: 'MLN_INVALID_PARAMETER' },
  { description: 'body that is null', name: 'group-members', body: 'null', status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"id"' },
  { description: 'body that is not JSON', name: 'group-members', body: '{parameters: {id: x}}', status: 400, code: 'MLN_INVALID_PARAMETER' },
  { description: 'parameters that are a list', name: 'group-members', body: { parameters: ['x'] }, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: 'parameters' },
  { description: 'unknown query', name: 't-queries-missing', body: {}, status: 404, code: 'MLN_NOT_FOUND', mentions: '"t-queries-missing"' },
  { description: 'query name with capitals', name: 'GROUP-MEMBERS', body: {}, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"name"' },
  { description: 'query name with a path', name: '..%2Fschema%2F01-constraints', body: {}, status: 400, code: 'MLN_INVALID_PARAMETER', mentions: '"name"' },
]

t.test('invalid runs are rejected', async (t) => {
  for (const rejected of REJECTED_RUNS) {
    await t.test(rejected.description, async (t) => {
      const response = await app.inject(runRequest(rejected.name, rejected.body))

      const body = expectError(t, response, rejected.status, rejected.code)
      if (rejected.mentions !== undefined) {
        t.match(body.message, rejected.mentions, `message names ${rejected.mentions}`)
      }
    })
  }
})

t.test('run without a body uses the defaults', async (t) => {
  const response = await app.inject({ method: 'POST', url: '/api/queries/group-members', headers: bearer('analyst') })

  const body = expectError(t, response, 400, 'MLN_INVALID_PARAMETER')
  t.match(body.message, '"id"', 'the required id is still missing')
})

t.test('canned queries run read-only', async (t) => {
  const writers = [
    { description: 'CREATE', text: "// @name writer\nCREATE (n:Entity {id: 't-queries:written'}) RETURN n" },
    { description: 'MERGE', text: "// @name writer\nMERGE (n:Entity {id: 't-queries:written'}) RETURN n" },
    { description: 'SET', text: "// @name writer\nMATCH (n:Entity {id: 't-queries:anna'}) SET n.name = 'Overwritten' RETURN n" },
    { description: 'DETACH DELETE', text: "// @name writer\nMATCH (n:Entity {id: 't-queries:boris'}) DETACH DELETE n RETURN 1 AS done" },
  ]

  for (const writer of writers) {
    const service = createQueryService(app.database, new Map([['writer', parseCannedQuery('x.cypher', writer.text)]]))

    await t.rejects(service.run('writer', {}, SEE_ALL), { code: 'MLN_INVALID_QUERY', statusCode: 400 }, `${writer.description} is rejected`)
  }

  const written = await app.inject({ url: '/api/entities/t-queries:written', headers: bearer('admin') })
  const anna = await app.inject({ url: '/api/entities/t-queries:anna', headers: bearer('admin') })
  const boris = await app.inject({ url: '/api/entities/t-queries:boris', headers: bearer('admin') })

  t.equal(written.statusCode, 404, 'the CREATE and MERGE left no node')
  t.equal(anna.json<{ name: string }>().name, 'Anna Queries', 'the SET left the name')
  t.equal(boris.statusCode, 200, 'the DETACH DELETE left the node')
})
