/**
 * Round trips and flows between two entities through the API, on hand-built transfers with
 * the expected results worked out in the comments.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'

const SOURCE = 't-cycle'
const KEYS = ['k', 'l', 'm', 'n', 'p', 'q1', 'q2', 'q3', 'u', 'v', 'i', 'j']

const NODES = [
  'id,type,name,dataSource',
  ...KEYS.map((key) => `t-cycle:${key},Account,Account ${key.toUpperCase()},${SOURCE}`),
].join('\n')

// Round trips through K: K→L→M→K keeps 98.5%; K→N→K runs backwards in time; K→P→K loses 30%;
// K→Q1→Q2→Q3→K has four hops. Flows: U pays V 100 and 200 directly, and 300 through I;
// V pays U 50, and 300 goes from V through J back to V, which must not count twice.
const EDGES = [
  'id,source,target,type,date:date,amount,currency,dataSource',
  `t-cycle:kl,t-cycle:k,t-cycle:l,TRANSFER,2024-07-01,1000.00,EUR,${SOURCE}`,
  `t-cycle:lm,t-cycle:l,t-cycle:m,TRANSFER,2024-07-03,990.00,EUR,${SOURCE}`,
  `t-cycle:mk,t-cycle:m,t-cycle:k,TRANSFER,2024-07-05,985.00,EUR,${SOURCE}`,
  `t-cycle:kn,t-cycle:k,t-cycle:n,TRANSFER,2024-07-10,500.00,EUR,${SOURCE}`,
  `t-cycle:nk,t-cycle:n,t-cycle:k,TRANSFER,2024-07-09,500.00,EUR,${SOURCE}`,
  `t-cycle:kp,t-cycle:k,t-cycle:p,TRANSFER,2024-08-01,1000.00,EUR,${SOURCE}`,
  `t-cycle:pk,t-cycle:p,t-cycle:k,TRANSFER,2024-08-02,700.00,EUR,${SOURCE}`,
  `t-cycle:kq1,t-cycle:k,t-cycle:q1,TRANSFER,2024-09-01,2000.00,EUR,${SOURCE}`,
  `t-cycle:q1q2,t-cycle:q1,t-cycle:q2,TRANSFER,2024-09-02,2000.00,EUR,${SOURCE}`,
  `t-cycle:q2q3,t-cycle:q2,t-cycle:q3,TRANSFER,2024-09-03,1990.00,EUR,${SOURCE}`,
  `t-cycle:q3k,t-cycle:q3,t-cycle:k,TRANSFER,2024-09-04,1980.00,EUR,${SOURCE}`,
  `t-cycle:uv1,t-cycle:u,t-cycle:v,TRANSFER,2024-01-10,100.00,EUR,${SOURCE}`,
  `t-cycle:uv2,t-cycle:u,t-cycle:v,TRANSFER,2024-02-15,200.00,EUR,${SOURCE}`,
  `t-cycle:ui,t-cycle:u,t-cycle:i,TRANSFER,2024-01-05,300.00,EUR,${SOURCE}`,
  `t-cycle:iv,t-cycle:i,t-cycle:v,TRANSFER,2024-01-20,300.00,EUR,${SOURCE}`,
  `t-cycle:vu,t-cycle:v,t-cycle:u,TRANSFER,2024-03-01,50.00,EUR,${SOURCE}`,
  `t-cycle:vj,t-cycle:v,t-cycle:j,TRANSFER,2024-01-25,300.00,EUR,${SOURCE}`,
  `t-cycle:jv,t-cycle:j,t-cycle:v,TRANSFER,2024-01-28,300.00,EUR,${SOURCE}`,
].join('\n')

interface Cycles {
  cycles: { transfers: string[]; hops: number; sent: string; returned: string; returnedShare: number; days: number }[]
  seeds: number
  graph: { edges: { key: string }[] }
}

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  for (const [text, file] of [
    [NODES, 'cycle-nodes.csv'],
    [EDGES, 'cycle-edges.csv'],
  ] as const) {
    const report = await app.services.imports.importText(text, { file, format: 'csv' })
    t.equal(report.rejected.length, 0, `${file} imports without rejected rows`)
  }
})

t.teardown(async () => {
  await app?.close()
})

async function get<T>(url: string): Promise<T> {
  const response = await app.inject({ method: 'GET', url, headers: bearer('viewer') })
  if (response.statusCode !== 200) {
    throw new Error(`GET ${url} returned ${response.statusCode}: ${response.body}`)
  }
  return response.json<T>()
}

t.test('cycles return in time order', async (t) => {
  const result = await get<Cycles>('/api/money/cycles?through=t-cycle:k')
  t.same(
    result.cycles.map((cycle) => cycle.transfers.join(' ')),
    ['t-cycle:kq1 t-cycle:q1q2 t-cycle:q2q3 t-cycle:q3k', 't-cycle:kl t-cycle:lm t-cycle:mk'],
    'the backwards-dated and the lossy returns are not round trips at 10%',
  )
  const [, small] = result.cycles
  t.equal(small?.sent, '1000.00')
  t.equal(small?.returned, '985.00')
  t.equal(small?.returnedShare, 0.985)
  t.equal(small?.days, 4)
  t.equal(result.seeds, 4, 'four transfers leave K')
  t.equal(result.graph.edges.length, 7, 'the payload contains the seven transfers of both cycles')
})

t.test('tolerance and maxLength bound cycles', async (t) => {
  const loose = await get<Cycles>('/api/money/cycles?through=t-cycle:k&tolerance=0.35')
  t.same(
    loose.cycles.map((cycle) => cycle.transfers[0]),
    ['t-cycle:kq1', 't-cycle:kl', 't-cycle:kp'],
    'at 35% the return of 700 from 1000 counts; equal amounts go by date',
  )
  const short = await get<Cycles>('/api/money/cycles?through=t-cycle:k&maxLength=3')
  t.same(short.cycles.map((cycle) => cycle.hops), [3])
  const window = await get<Cycles>('/api/money/cycles?through=t-cycle:k&since=2024-08-15')
  t.same(window.cycles.map((cycle) => cycle.hops), [4], 'only the September round trip lies in the window')
})

interface Flows {
  currency: string
  directions: {
    from: string
    direct: { amount: string; transfers: number; firstDate: string; lastDate: string }
    indirect: { amount: string; transfers: number }
    series: { period: string; direct: string; indirect: string }[]
  }[]
}

t.test('flows count direct and indirect money', async (t) => {
  const result = await get<Flows>('/api/money/flows?from=t-cycle:u&to=t-cycle:v')
  t.equal(result.currency, 'EUR')
  const [there, back] = result.directions
  t.same(there?.direct, { amount: '300.00', transfers: 2, firstDate: '2024-01-10', lastDate: '2024-02-15' })
  t.equal(there?.indirect.amount, '300.00', 'the 300 through I reaches V once')
  t.same(there?.series, [
    { period: '2024-01', direct: '100.00', directTransfers: 1, indirect: '300.00', indirectTransfers: 1 },
    { period: '2024-02', direct: '200.00', directTransfers: 1, indirect: '0.00', indirectTransfers: 0 },
  ])
  t.equal(back?.from, 't-cycle:v')
  t.equal(back?.direct.amount, '50.00')
  t.equal(back?.indirect.amount, '0.00')
  const quarterly = await get<Flows>('/api/money/flows?from=t-cycle:u&to=t-cycle:v&interval=quarter')
  t.same(quarterly.directions[0]?.series.map((row) => `${row.period} ${row.direct} ${row.indirect}`), ['2024-Q1 300.00 300.00'])
})

t.test('invalid cycle and flow requests rejected', async (t) => {
  const cases: [string, number, RegExp][] = [
    ['/api/money/cycles?through=t-cycle:none', 404, /t-cycle:none/],
    ['/api/money/cycles?through=t-cycle:k&maxLength=9', 400, /maxLength.*2 to 8/],
    ['/api/money/cycles?through=t-cycle:k&tolerance=1.5', 400, /tolerance/],
    ['/api/money/cycles?through=t-cycle:k&limit=501', 400, /limit/],
    ['/api/money/flows?from=t-cycle:u', 400, /to/],
    ['/api/money/flows?from=t-cycle:u&to=t-cycle:u', 400, /to.*other than from/],
    ['/api/money/flows?from=t-cycle:u&to=t-cycle:v&interval=fortnight', 400, /interval/],
    ['/api/money/flows?from=t-cycle:u&to=t-cycle:none', 404, /t-cycle:none/],
  ]
  for (const [url, status, message] of cases) {
    const response = await app.inject({ method: 'GET', url, headers: bearer('viewer') })
    t.equal(response.statusCode, status, url)
    t.match(response.json<{ message: string }>().message, message, url)
  }
})
