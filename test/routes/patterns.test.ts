/**
 * `GET /api/money/patterns`: a small fan-in and layering fixture, record visibility, the
 * caps and every parameter's invalid values.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'
import { expectError, importCsv, removeFixtures } from './requests.js'

const PREFIX = 't-patterns-route:'
const SOURCE = 't-patterns-route'

const NODES = [
  'id,type,name',
  ...['hub', 'p1', 'p2', 'p3', 'p4', 'p5', 'fund', 's1', 's2', 'firm'].map(
    (name) => `${PREFIX}${name},Account,Patterns ${name}`,
  ),
].join('\n')

// 1903 keeps these transfers apart from other test files' data, besides their own source.
// p5's payment is restricted to Germany, so a French viewer sees only four payers.
const EDGES = [
  'source,target,type,id,date:date,amount,currency,ownerNcb,restrictedTo',
  ...[1, 2, 3, 4, 5].map(
    (i) =>
      `${PREFIX}p${i},${PREFIX}hub,TRANSFER,${PREFIX}in-${i},1903-05-0${i},${1000 * i}.00,EUR,` +
      (i === 5 ? 'DE,DE' : ','),
  ),
  `${PREFIX}fund,${PREFIX}s1,TRANSFER,${PREFIX}hop-1,1903-05-10,500000.00,USD,,`,
  `${PREFIX}s1,${PREFIX}s2,TRANSFER,${PREFIX}hop-2,1903-05-11,495000.00,USD,,`,
  `${PREFIX}s2,${PREFIX}firm,TRANSFER,${PREFIX}hop-3,1903-05-13,490000.00,USD,,`,
].join('\n')

const SCAN = { since: '1903-05-01', until: '1903-05-31', source: SOURCE }

interface Body {
  scanned: number
  windowDays: number
  counts: Record<string, number>
  truncated: boolean
  hits: { type: string; transfers: string[]; total: { currency: string; amount: string }[]; reason: string }[]
}

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, PREFIX)
  await importCsv(app, 't-patterns-route-nodes.csv', `${NODES}\n`, SOURCE)
  // Only an admin may import a record that a country owns.
  const edges = await app.inject({
    method: 'POST',
    url: '/api/import',
    query: { filename: 't-patterns-route-edges.csv', source: SOURCE },
    headers: { ...bearer('admin'), 'content-type': 'text/csv' },
    payload: `${EDGES}\n`,
  })
  if (edges.statusCode !== 200 || edges.json<{ rejected: unknown[] }>().rejected.length > 0) {
    throw new Error(`Importing the fixture transfers failed: ${edges.body}`)
  }
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await app.close()
})

function scan(query: Record<string, string>, role: Parameters<typeof bearer>[0] = 'viewer', ncb: string | null = null) {
  return app.inject({ url: '/api/money/patterns', query, headers: bearer(role, ncb) })
}

t.test('patterns route finds fixture hits', async (t) => {
  const response = await scan(SCAN, 'viewer', 'DE')
  t.equal(response.statusCode, 200)
  const body = response.json<Body>()

  t.equal(body.scanned, 8)
  t.equal(body.windowDays, 30)
  t.equal(body.truncated, false)
  t.same(body.counts, {
    'fan-in': 1,
    'fan-out': 0,
    cycle: 0,
    'scatter-gather': 0,
    'gather-scatter': 0,
    bipartite: 0,
    stack: 0,
    layering: 1,
  })
  t.same(
    body.hits.map((hit) => hit.type),
    ['fan-in', 'layering'],
  )
  const [fanIn, layering] = body.hits
  t.same(fanIn?.transfers, [1, 2, 3, 4, 5].map((i) => `${PREFIX}in-${i}`))
  t.same(fanIn?.total, [{ currency: 'EUR', amount: '15000.00' }])
  t.equal(fanIn?.reason, `5 accounts paid 3,000.00 EUR on average into ${PREFIX}hub within 5 days`)
  t.same(layering?.total, [{ currency: 'USD', amount: '500000.00' }])
  t.match(layering?.reason, /in 3 hops within 4 days/)
})

t.test('patterns route hides restricted transfers', async (t) => {
  const response = await scan(SCAN, 'viewer', 'FR')
  t.equal(response.statusCode, 200)
  const body = response.json<Body>()
  t.equal(body.scanned, 7, 'the restricted payment is not read')
  t.same(
    body.hits.map((hit) => hit.type),
    ['layering'],
    'four visible payers are below minCount',
  )
})

t.test('patterns route narrows by type and limit', async (t) => {
  const onlyFans = (await scan({ ...SCAN, type: 'fan-in,fan-out' }, 'admin')).json<Body>()
  t.same(onlyFans.counts, { 'fan-in': 1, 'fan-out': 0 })
  t.same(
    onlyFans.hits.map((hit) => hit.type),
    ['fan-in'],
  )

  const limited = (await scan({ ...SCAN, limit: '1' }, 'admin')).json<Body>()
  t.equal(limited.hits.length, 1)
  t.equal(limited.truncated, true)

  const strict = (await scan({ ...SCAN, minCount: '6' }, 'admin')).json<Body>()
  t.same(
    strict.hits.map((hit) => hit.type),
    ['layering'],
  )

  const short = (await scan({ ...SCAN, window: 'P4D' }, 'admin')).json<Body>()
  t.equal(short.windowDays, 4)
  t.same(
    short.hits.map((hit) => hit.type),
    ['layering'],
    'the five payments span 5 days, past a 4-day window',
  )
})

t.test('patterns route needs a token', async (t) => {
  const response = await app.inject({ url: '/api/money/patterns', query: SCAN })
  expectError(t, response, 401, 'MLN_UNAUTHORIZED')
})

const INVALID: { description: string; query: Record<string, string>; field: string; mentions: string }[] = [
  { description: 'unknown type', query: { ...SCAN, type: 'fan-in,smurfing' }, field: 'type', mentions: '"smurfing" is not one' },
  { description: 'since after until', query: { ...SCAN, since: '1903-06-01' }, field: 'until', mentions: 'on or after since (1903-06-01)' },
  {
    description: 'span past the cap',
    query: { ...SCAN, since: '1903-01-01', until: '1904-01-02' },
    field: 'until',
    mentions: 'at most 366 days',
  },
  { description: 'window with a time part', query: { ...SCAN, window: 'PT12H' }, field: 'window', mentions: 'time part' },
  { description: 'window not a duration', query: { ...SCAN, window: '30' }, field: 'window', mentions: 'ISO 8601 duration' },
  { description: 'window past the cap', query: { ...SCAN, window: 'P367D' }, field: 'window', mentions: 'at most 366 days' },
  { description: 'window of a year past the cap', query: { ...SCAN, window: 'P2Y' }, field: 'window', mentions: '731 days' },
  { description: 'empty window', query: { ...SCAN, window: 'P0D' }, field: 'window', mentions: 'at least one day' },
  { description: 'missing since', query: { until: '1903-05-31' }, field: 'since', mentions: 'calendar date' },
  { description: 'impossible date', query: { ...SCAN, until: '1903-02-29' }, field: 'until', mentions: 'exists in the calendar' },
  { description: 'minCount below 2', query: { ...SCAN, minCount: '1' }, field: 'minCount', mentions: 'from 2 to 500' },
  { description: 'minCount past the cap', query: { ...SCAN, minCount: '501' }, field: 'minCount', mentions: 'from 2 to 500' },
  { description: 'limit past the cap', query: { ...SCAN, limit: '1001' }, field: 'limit', mentions: 'from 1 to 1000' },
  { description: 'bad source', query: { ...SCAN, source: 'a b' }, field: 'source', mentions: 'dataset name' },
  { description: 'unknown parameter', query: { ...SCAN, from: '1903-05-01' }, field: 'from', mentions: 'expected only' },
]

for (const { description, query, field, mentions } of INVALID) {
  t.test(`patterns route rejects ${description}`, async (t) => {
    const body = expectError(t, await scan(query), 400, 'MLN_INVALID_PARAMETER')
    t.match(body.message, `"${field}"`, 'message names the parameter')
    t.match(body.message, mentions, 'message states the expectation')
  })
}
