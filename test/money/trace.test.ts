/**
 * Money trails through the API on small hand-built networks, with the expected results
 * worked out in the comments: time order, pro-rata splits and merges, gaps, hop limits,
 * currencies and holders.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { RateTable } from '../../src/money/rates.js'
import { bearer, buildTestApp } from '../helpers/app.js'

const SOURCE = 't-trace'

const NODES = [
  'id,type,name,dataSource',
  ...['f', 'a', 'b', 'c', 'd', 's', 'x', 'y', 'o', 'z', 'w', 'p', 'q', 'r', 'g', 'h', 'i', 'm', 'n1', 'n2', 'n3', 'v1', 'v2', 'v3', 'v4', 'v5'].map(
    (key) => `t-trace:${key},Account,Account ${key.toUpperCase()},${SOURCE}`,
  ),
  `t-trace:fund,Fund,Trace Fund,${SOURCE}`,
].join('\n')

// Case 1, time order: F pays A on 10 March; A paid B on 1 March, before the money came, and
//   pays C on 12 March. B pays D later. A time-blind walk would reach B and D.
// Case 2, split and merge: S pays X 600 and Y 400 on 1 January. O pays X 600 of other money
//   on 2 January. X pays Z 900 on the 3rd, Y pays Z 400 on the 4th, Z pays W 650 on the 5th.
// Case 3, gaps: M pays P on 1 May, P pays Q on 20 May, Q pays R on 21 May.
// Case 4, currencies: G pays H 1000.00 USD, 500.00 EUR and 1000.00 GEL on 10 June 2024.
const EDGES = [
  'id,source,target,type,date:date,amount,currency,dataSource',
  `t-trace:fa,t-trace:f,t-trace:a,TRANSFER,2024-03-10,1000.00,EUR,${SOURCE}`,
  `t-trace:ab,t-trace:a,t-trace:b,TRANSFER,2024-03-01,500.00,EUR,${SOURCE}`,
  `t-trace:ac,t-trace:a,t-trace:c,TRANSFER,2024-03-12,800.00,EUR,${SOURCE}`,
  `t-trace:bd,t-trace:b,t-trace:d,TRANSFER,2024-03-15,500.00,EUR,${SOURCE}`,
  `t-trace:sx,t-trace:s,t-trace:x,TRANSFER,2024-01-01,600.00,EUR,${SOURCE}`,
  `t-trace:sy,t-trace:s,t-trace:y,TRANSFER,2024-01-01,400.00,EUR,${SOURCE}`,
  `t-trace:ox,t-trace:o,t-trace:x,TRANSFER,2024-01-02,600.00,EUR,${SOURCE}`,
  `t-trace:xz,t-trace:x,t-trace:z,TRANSFER,2024-01-03,900.00,EUR,${SOURCE}`,
  `t-trace:yz,t-trace:y,t-trace:z,TRANSFER,2024-01-04,400.00,EUR,${SOURCE}`,
  `t-trace:zw,t-trace:z,t-trace:w,TRANSFER,2024-01-05,650.00,EUR,${SOURCE}`,
  `t-trace:mp,t-trace:m,t-trace:p,TRANSFER,2024-05-01,100.00,EUR,${SOURCE}`,
  `t-trace:pq,t-trace:p,t-trace:q,TRANSFER,2024-05-20,100.00,EUR,${SOURCE}`,
  `t-trace:qr,t-trace:q,t-trace:r,TRANSFER,2024-05-21,100.00,EUR,${SOURCE}`,
  `t-trace:gh1,t-trace:g,t-trace:h,TRANSFER,2024-06-10,1000.00,USD,${SOURCE}`,
  `t-trace:gh2,t-trace:g,t-trace:h,TRANSFER,2024-06-10,500.00,EUR,${SOURCE}`,
  `t-trace:gi,t-trace:g,t-trace:i,TRANSFER,2024-06-10,1000.00,GEL,${SOURCE}`,
  `t-trace:holds,t-trace:fund,t-trace:s,HOLDS,,,,${SOURCE}`,
  `t-trace:n12,t-trace:n1,t-trace:n2,TRANSFER,2024-07-01,0.00,EUR,${SOURCE}`,
  `t-trace:n23,t-trace:n2,t-trace:n3,TRANSFER,2024-07-02,-50.00,EUR,${SOURCE}`,
  `t-trace:n13,t-trace:n1,t-trace:n3,TRANSFER,2024-07-03,10.00,EUR,${SOURCE}`,
  `t-trace:v12,t-trace:v1,t-trace:v2,TRANSFER,2024-08-01,10.00,EUR,${SOURCE}`,
  `t-trace:v23,t-trace:v2,t-trace:v3,TRANSFER,2024-08-02,10.00,EUR,${SOURCE}`,
].join('\n')

// Caspian Holding holds account Z and bought a yacht three days after Z was paid, and a flat
// a month before.
const HOLDINGS = [
  'id,type,name,dataSource,kind,value:money,currency,acquiredOn:date',
  `t-trace:co,Company,Caspian Holding,${SOURCE},,,,`,
  `t-trace:yacht,Asset,Yacht Tamara,${SOURCE},yacht,450000.00,EUR,2024-01-06`,
  `t-trace:flat,Asset,Flat on Rustaveli,${SOURCE},real-estate,300000.00,EUR,2023-12-01`,
].join('\n')

const HOLDING_EDGES = [
  'id,source,target,type,dataSource',
  `t-trace:co-z,t-trace:co,t-trace:z,HOLDS,${SOURCE}`,
  `t-trace:co-yacht,t-trace:co,t-trace:yacht,OWNS,${SOURCE}`,
  `t-trace:co-flat,t-trace:co,t-trace:flat,OWNS,${SOURCE}`,
].join('\n')

// V2 pays V4 and V5 too, but only French callers may see those transfers.
const RESTRICTED_EDGES = [
  'id,source,target,type,date:date,amount,currency,dataSource,ownerNcb,restrictedTo',
  `t-trace:v24,t-trace:v2,t-trace:v4,TRANSFER,2024-08-03,10.00,EUR,${SOURCE},FR,FR`,
  `t-trace:v25,t-trace:v2,t-trace:v5,TRANSFER,2024-08-04,10.00,EUR,${SOURCE},FR,FR`,
].join('\n')

interface Endpoint {
  id: string
  amount: string
  stop: string
  holder: { id: string } | null
}

interface Trace {
  currency: string | null
  total: string | null
  endpoints: Endpoint[]
  paths: { nodes: string[]; transfers: string[]; amount: string; hops: number }[]
  graph: { nodes: { key: string }[]; edges: { key: string; source: string; target: string; attributes: Record<string, unknown> }[] }
  unconverted: { id: string; currency: string }[]
  assets: { id: string; owner: string; via: string; reachedOn: string; acquiredOn: string; value: string | null }[]
  counts: { transfers: number }
  truncated: boolean
  completeHops: number
}

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp({
    rates: new RateTable([{ date: '2024-06-01', currency: 'EUR', quote: 'USD', rate: '1.0800' }]),
  })
  for (const [text, file] of [
    [NODES, 'trace-nodes.csv'],
    [EDGES, 'trace-edges.csv'],
    [RESTRICTED_EDGES, 'trace-restricted.csv'],
    [HOLDINGS, 'trace-holdings.csv'],
    [HOLDING_EDGES, 'trace-holding-edges.csv'],
  ] as const) {
    const report = await app.services.imports.importText(text, { file, format: 'csv' })
    t.equal(report.rejected.length, 0, `${file} imports without rejected rows`)
  }
})

t.teardown(async () => {
  await app?.close()
})

async function trace(query: string, headers = bearer('viewer')): Promise<Trace> {
  const response = await app.inject({ method: 'GET', url: `/api/money/trace?${query}`, headers })
  if (response.statusCode !== 200) {
    throw new Error(`GET /api/money/trace?${query} returned ${response.statusCode}: ${response.body}`)
  }
  return response.json<Trace>()
}

function amounts(result: Trace): Record<string, string> {
  return Object.fromEntries(result.endpoints.map((endpoint) => [`${endpoint.id} ${endpoint.stop}`, endpoint.amount]))
}

t.test('trace skips transfers before arrival', async (t) => {
  const result = await trace('from=t-trace:f')
  t.same(
    result.graph.edges.map((edge) => edge.key).sort(),
    ['t-trace:ac', 't-trace:fa'],
    'A paid B before the money came, so B and D are not on the trail',
  )
  t.equal(result.total, '1000.00', 'F sent 1000.00')
  // A receives 1000 traced from an empty balance (its 500 to B left before), sends 800 on.
  t.same(amounts(result), { 't-trace:c only-receives': '800.00', 't-trace:a kept': '200.00' })
  t.equal(result.paths[0]?.nodes.join(' '), 't-trace:f t-trace:a t-trace:c', 'the heaviest path ends at C')
  t.equal(result.paths[0]?.amount, '800.00', 'a path is as heavy as its smallest hop')
})

t.test('trace splits and merges pro rata', async (t) => {
  const result = await trace('from=t-trace:s')
  // X has 600 traced of 1,200 when it pays Z 900, so 450 is traced and X keeps 150.
  // Z has 450 + 400 = 850 traced of 1,300 when it pays W 650, so 425 is traced and Z keeps 425.
  t.same(amounts(result), {
    't-trace:x kept': '150.00',
    't-trace:z kept': '425.00',
    't-trace:w only-receives': '425.00',
  })
  t.equal(result.total, '1000.00', 'S sent 1000.00, and the endpoints add up to it')
  const traced = Object.fromEntries(result.graph.edges.map((edge) => [edge.key, edge.attributes.traced]))
  t.same(traced, {
    't-trace:sx': '600.00',
    't-trace:sy': '400.00',
    't-trace:xz': '450.00',
    't-trace:yz': '400.00',
    't-trace:zw': '425.00',
  })
  t.notOk(result.graph.edges.some((edge) => edge.key === 't-trace:ox'), "O's payment is not on S's trail")
})

t.test('trace lists assets bought later', async (t) => {
  const result = await trace('from=t-trace:s')
  t.same(
    result.assets.map((asset) => [asset.id, asset.owner, asset.via, asset.reachedOn, asset.acquiredOn, asset.value]),
    [['t-trace:yacht', 't-trace:co', 't-trace:z', '2024-01-03', '2024-01-06', '450000.00']],
    'the flat was bought before Z was paid',
  )
  const back = await trace('from=t-trace:w&direction=in')
  t.same(back.assets, [], 'a backward trail lists no assets')
})

t.test('backward trace apportions origins', async (t) => {
  const result = await trace('from=t-trace:w&direction=in')
  // Z's 650 to W carries 850/1300 from S (425) and 450/1300 from O (225).
  t.same(amounts(result), { 't-trace:s no-earlier-transfer': '425.00', 't-trace:o no-earlier-transfer': '225.00' })
  t.equal(result.total, '650.00')
  t.equal(result.paths[0]?.nodes.join(' '), 't-trace:s t-trace:x t-trace:z t-trace:w', 'paths read in the order the money moved')
})

t.test('maxHops leaves money at hop limit', async (t) => {
  const result = await trace('from=t-trace:s&maxHops=1')
  // X and Y are reached at the last hop, so the trail does not look at what they did next.
  t.same(amounts(result), {
    't-trace:x hop-limit': '600.00',
    't-trace:y hop-limit': '400.00',
  })
})

t.test('hubs and the transfer cap stop the trail', async (t) => {
  // A has two outgoing transfers, so with hubSize=1 it is a hub and the trail stops there.
  const hub = await trace('from=t-trace:f&hubSize=1')
  t.same(amounts(hub), { 't-trace:a hub': '1000.00' })
  t.equal(hub.counts.transfers, 1)
  // Hop 2 (X→Z and Y→Z) would pass maxTransfers=3, so the trail keeps hop 1 only.
  const capped = await trace('from=t-trace:s&maxTransfers=3')
  t.equal(capped.truncated, true)
  t.equal(capped.completeHops, 1)
  t.same(amounts(capped), { 't-trace:x trail-limit': '600.00', 't-trace:y trail-limit': '400.00' })
})

t.test('transfers of no or negative amount are not followed', async (t) => {
  const result = await trace('from=t-trace:n1')
  t.equal(result.total, '10.00', 'only the 10.00 moved money')
  t.same(amounts(result), { 't-trace:n3 only-receives': '10.00' })
})

t.test('hub size counts only transfers the caller sees', async (t) => {
  // V2 sends three transfers, two of them hidden from a Russian caller.
  const hidden = await trace('from=t-trace:v1&hubSize=1', bearer('viewer', 'RU'))
  t.same(amounts(hidden), { 't-trace:v3 only-receives': '10.00' }, 'one visible transfer: not a hub')
  const seen = await trace('from=t-trace:v1&hubSize=1', bearer('viewer', 'FR'))
  t.same(amounts(seen), { 't-trace:v2 hub': '10.00' }, 'three visible transfers: a hub')
})

t.test('maxGap bounds time between hops', async (t) => {
  const open = await trace('from=t-trace:m')
  t.same(amounts(open), { 't-trace:r only-receives': '100.00' })
  const gapped = await trace('from=t-trace:m&maxGap=P7D')
  t.same(amounts(gapped), { 't-trace:p not-followed': '100.00' }, 'the 19-day wait at P is too long')
  const wide = await trace('from=t-trace:m&maxGap=P3W')
  t.same(amounts(wide), { 't-trace:r only-receives': '100.00' })
})

t.test('trace converts with dated rates', async (t) => {
  const result = await trace('from=t-trace:g&currency=EUR')
  // 1000.00 USD at 1.08 USD per EUR is 925.925..., so 925.93 EUR. GEL has no rate and is listed.
  t.equal(result.total, '1425.93')
  t.same(amounts(result), { 't-trace:h only-receives': '1425.93' })
  t.same(
    result.unconverted.map((item) => `${item.id} ${item.currency}`),
    ['t-trace:gi GEL'],
  )
  const usd = await trace('from=t-trace:g&currency=USD')
  t.equal(usd.total, '1540.00', '500.00 EUR is 540.00 USD')
  const before = await trace('from=t-trace:g&currency=EUR&until=2024-05-31')
  t.equal(before.counts.transfers, 0, 'nothing was sent before June')
})

t.test('minAmount excludes small transfers', async (t) => {
  const result = await trace('from=t-trace:s&minAmount=500&currency=EUR')
  // S→Y (400) is too small. X keeps its 600 mix and pays Z 900, of which 450 is traced.
  t.equal(result.total, '600.00')
  t.same(amounts(result), {
    't-trace:x kept': '150.00',
    't-trace:z kept': '225.00',
    't-trace:w only-receives': '225.00',
  })
})

t.test('trace from holder starts at accounts', async (t) => {
  const result = await trace('from=t-trace:fund')
  t.equal(result.total, '1000.00')
  const w = result.endpoints.find((endpoint) => endpoint.id === 't-trace:w')
  t.equal(w?.amount, '425.00')
})

t.test('invalid trace requests name parameter', async (t) => {
  const cases: [string, number, RegExp][] = [
    ['from=t-trace:none', 404, /t-trace:none/],
    ['from=t-trace:s&maxHops=11', 400, /maxHops/],
    ['from=t-trace:s&since=2024-02-01&until=2024-01-01', 400, /until/],
    ['from=t-trace:s&maxGap=PT5H', 400, /maxGap.*time part/],
    ['from=t-trace:s&maxGap=P20Y', 400, /maxGap.*3660 days/],
    ['from=t-trace:s&minAmount=100', 400, /currency/],
    ['from=t-trace:s&currency=XYZ', 400, /currency.*ISO 4217/],
    ['from=t-trace:s&minAmount=1.234&currency=EUR', 400, /minAmount/],
    ['from=t-trace:s&since=2024-02-30', 400, /since.*calendar/],
    ['from=t-trace:s&since=2024-13-01', 400, /since.*calendar date/],
    ['from=t-trace:s&since=20240101', 400, /since.*YYYY-MM-DD/],
    ['from=t-trace:s&direction=sideways', 400, /direction/],
    ['from=t-trace:s&maxTransfers=20001', 400, /maxTransfers/],
  ]
  for (const [query, status, message] of cases) {
    const response = await app.inject({ method: 'GET', url: `/api/money/trace?${query}`, headers: bearer('viewer') })
    t.equal(response.statusCode, status, query)
    t.match(response.json<{ message: string }>().message, message, query)
  }
})
