/**
 * `GET /api/stats/transfers` on a small imported network whose monthly counts and totals are
 * worked out below. Every transfer is dated 1911 or 1912 and carries its own source, so no
 * other test file's data falls in these series.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'

const SOURCE = 't-st'

const NODES = [
  'id,type,name,ownerNcb,restrictedTo,dataSource',
  `t-st:a,Account,St account A,,,${SOURCE}`,
  `t-st:b,Account,St account B,,,${SOURCE}`,
  `t-st:hidden,Account,St French account,FR,FR,${SOURCE}`,
].join('\n')

// Open transfers A -> B, in EUR unless stated:
//   1911-01: 100.00 and 250.55 (350.55); 10.00 USD
//   1911-03: 90071992547409.93 (beyond 2^53 minor units) and 0.07, so 90071992547410.00
//   1911-12: 1500 JPY
//   1912-01: 5.00
//   no date: 12.00
// Seen by FR only: 999.00 on 1911-01-15 (restricted transfer) and 40.00 on 1911-02-10 (to
// the restricted account).
const TRANSFERS = [
  ['jan-1', 'a', 'b', '', '', '1911-01-05', '100.00', 'EUR'],
  ['jan-2', 'a', 'b', '', '', '1911-01-20', '250.55', 'EUR'],
  ['jan-usd', 'a', 'b', '', '', '1911-01-31', '10.00', 'USD'],
  ['jan-secret', 'a', 'b', 'FR', 'FR', '1911-01-15', '999.00', 'EUR'],
  ['feb-hidden-end', 'a', 'hidden', '', '', '1911-02-10', '40.00', 'EUR'],
  ['mar-big', 'a', 'b', '', '', '1911-03-01', '90071992547409.93', 'EUR'],
  ['mar-small', 'a', 'b', '', '', '1911-03-31', '0.07', 'EUR'],
  ['dec-jpy', 'a', 'b', '', '', '1911-12-31', '1500', 'JPY'],
  ['next-year', 'a', 'b', '', '', '1912-01-01', '5.00', 'EUR'],
  ['undated', 'a', 'b', '', '', '', '12.00', 'EUR'],
].map(
  ([key, from, to, owner, restrictedTo, date, amount, currency]) =>
    `t-st:${key},t-st:${from},t-st:${to},TRANSFER,${owner},${restrictedTo},${SOURCE},${date},${amount},${currency}`,
)

const EDGES = ['id,source,target,type,ownerNcb,restrictedTo,dataSource,date:date,amount,currency', ...TRANSFERS].join(
  '\n',
)

interface SeriesBody {
  interval: string
  currency: string | null
  since: string | null
  until: string | null
  source: string | null
  series: { currency: string | null; undated: number; periods: { period: string; count: number; total: string | null }[] }[]
}

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  for (const [text, file] of [
    [NODES, 'stats-transfers-nodes.csv'],
    [EDGES, 'stats-transfers-edges.csv'],
  ] as const) {
    const report = await app.services.imports.importText(text, { file, format: 'csv' })
    if (report.rejected.length > 0) {
      throw new Error(`${file} rejected rows: ${JSON.stringify(report.rejected)}`)
    }
  }
})
t.teardown(() => app?.close())

async function series(query: Record<string, string>, ncb: string | null = 'DE') {
  const response = await app.inject({
    method: 'GET',
    url: '/api/stats/transfers',
    query: { source: SOURCE, ...query },
    headers: bearer('viewer', ncb),
  })
  if (response.statusCode !== 200) {
    throw new Error(`GET /api/stats/transfers returned ${response.statusCode}: ${response.body}`)
  }
  return response.json<SeriesBody>()
}

function seriesOf(body: SeriesBody, currency: string) {
  return body.series.find((entry) => entry.currency === currency)
}

t.test('monthly counts and totals per currency', async (t) => {
  const body = await series({})

  t.equal(body.interval, 'month', 'month is the default interval')
  t.equal(body.source, SOURCE)
  t.same(
    body.series.map((entry) => entry.currency),
    ['EUR', 'JPY', 'USD'],
    'one series per currency, in code order',
  )
  t.same(seriesOf(body, 'EUR'), {
    currency: 'EUR',
    undated: 1,
    periods: [
      { period: '1911-01', count: 2, total: '350.55' },
      { period: '1911-03', count: 2, total: '90071992547410.00' },
      { period: '1912-01', count: 1, total: '5.00' },
    ],
  })
  t.same(seriesOf(body, 'USD')?.periods, [{ period: '1911-01', count: 1, total: '10.00' }])
  t.same(seriesOf(body, 'JPY')?.periods, [{ period: '1911-12', count: 1, total: '1500' }])
})

t.test('restricted transfer counts only for its country', async (t) => {
  const french = seriesOf(await series({ currency: 'EUR' }, 'FR'), 'EUR')
  t.same(french?.periods.slice(0, 2), [
    { period: '1911-01', count: 3, total: '1349.55' },
    { period: '1911-02', count: 1, total: '40.00' },
  ])

  const german = seriesOf(await series({ currency: 'EUR' }, 'DE'), 'EUR')
  t.same(
    german?.periods.map((entry) => entry.period),
    ['1911-01', '1911-03', '1912-01'],
    'the restricted transfer and the one to a restricted account are left out',
  )
  t.equal(german?.periods[0]?.total, '350.55')
})

t.test('currency selects one series', async (t) => {
  const body = await series({ currency: 'USD' })
  t.equal(body.currency, 'USD')
  t.equal(body.series.length, 1)
  t.same(body.series[0]?.periods, [{ period: '1911-01', count: 1, total: '10.00' }])
})

t.test('yearly series within a window', async (t) => {
  const body = await series({ interval: 'year', currency: 'EUR', since: '1911-01-01', until: '1911-12-31' })
  t.equal(body.interval, 'year')
  t.equal(body.since, '1911-01-01')
  t.equal(body.until, '1911-12-31')
  t.same(seriesOf(body, 'EUR')?.periods, [{ period: '1911', count: 4, total: '90071992547760.55' }])
  t.equal(seriesOf(body, 'EUR')?.undated, 1, 'undated transfers are counted apart whatever the window')
})

t.test('window bounds are inclusive', async (t) => {
  const body = await series({ currency: 'EUR', since: '1911-01-20', until: '1911-03-01' })
  t.same(seriesOf(body, 'EUR')?.periods, [
    { period: '1911-01', count: 1, total: '250.55' },
    { period: '1911-03', count: 1, total: '90071992547409.93' },
  ])
})

t.test('admin sees every transfer', async (t) => {
  const response = await app.inject({
    method: 'GET',
    url: '/api/stats/transfers',
    query: { source: SOURCE, currency: 'EUR', until: '1911-01-31' },
    headers: bearer('admin'),
  })
  t.equal(response.statusCode, 200)
  t.same(response.json<SeriesBody>().series[0]?.periods, [{ period: '1911-01', count: 3, total: '1349.55' }])
})

t.test('bad parameters are 400s naming the field', async (t) => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ interval: 'week' }, /"interval".*"week".*month or year/],
    [{ currency: 'EURO' }, /"currency".*"EURO".*ISO 4217/],
    [{ since: '1911-02-30' }, /"since".*"1911-02-30".*calendar/],
    [{ until: '31/12/1911' }, /"until".*"31\/12\/1911".*YYYY-MM-DD/],
    [{ since: '1911-06-01', until: '1911-05-31' }, /"until".*"1911-05-31".*on or after since \(1911-06-01\)/],
    [{ source: 'no spaces please' }, /"source"/],
    [{ currencies: 'EUR' }, /currencies/],
  ]
  for (const [query, message] of cases) {
    const response = await app.inject({ method: 'GET', url: '/api/stats/transfers', query, headers: bearer('viewer', 'DE') })
    const label = new URLSearchParams(query).toString()
    t.equal(response.statusCode, 400, `${label} is a 400`)
    t.equal(response.json<{ code: string }>().code, 'MLN_INVALID_PARAMETER', `${label} code`)
    t.match(response.json<{ message: string }>().message, message, `${label} message`)
  }
})

t.test('no token is a 401', async (t) => {
  const response = await app.inject({ method: 'GET', url: '/api/stats/transfers' })
  t.equal(response.statusCode, 401)
})
