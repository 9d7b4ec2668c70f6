/**
 * The canned money queries (fund-inflows, largest-recipients, shell-pass-through,
 * cross-border-transfers) on a small hand-built network whose totals are worked out in the
 * comments. Every transfer is dated 1907, so that scans over all transfers see no other test
 * file's data within a 1907 window.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'

const SOURCE = 't-mq'
const YEAR = { since: '1907-01-01', until: '1907-12-31' }

const NODES = [
  'id,type,name,kind,country,dataSource',
  `t-mq:fund,Fund,Mq Common Fund,,,${SOURCE}`,
  `t-mq:p1,Person,Mq Payer One,,,${SOURCE}`,
  `t-mq:p2,Person,Mq Payer Two,,,${SOURCE}`,
  `t-mq:shell,Company,Mq Caspian Shell,shell,,${SOURCE}`,
  `t-mq:r,Person,Mq Resting Rezo,,,${SOURCE}`,
  `t-mq:q,Person,Mq Quick Qadir,,,${SOURCE}`,
  `t-mq:fa1,Account,Mq fund account 1,,CY,${SOURCE}`,
  `t-mq:fa2,Account,Mq fund account 2,,LV,${SOURCE}`,
  `t-mq:pa1,Account,Mq payer one account,,GE,${SOURCE}`,
  `t-mq:pa2,Account,Mq payer two account A,,RU,${SOURCE}`,
  `t-mq:pa3,Account,Mq payer two account B,,RU,${SOURCE}`,
  `t-mq:ca,Account,Mq shell account,,CY,${SOURCE}`,
  `t-mq:ra,Account,Mq Rezo account,,AE,${SOURCE}`,
  `t-mq:ra2,Account,Mq Qadir account,,AE,${SOURCE}`,
  `t-mq:xa,Account,Mq unheld account,,,${SOURCE}`,
  `t-mq:za,Account,Mq straw source,,GE,${SOURCE}`,
  `t-mq:sa,Account,Mq straw exact,,GE,${SOURCE}`,
  `t-mq:ta,Account,Mq straw short,,GE,${SOURCE}`,
  `t-mq:ka,Account,Mq straw sink,,GE,${SOURCE}`,
].join('\n')

const HOLDS = [
  ['fund', 'fa1'],
  ['fund', 'fa2'],
  ['p1', 'pa1'],
  ['p2', 'pa2'],
  ['p2', 'pa3'],
  ['shell', 'ca'],
  ['r', 'ra'],
  ['q', 'ra2'],
].map(([holder, account]) => `t-mq:h-${account},t-mq:${holder},t-mq:${account},HOLDS,,,${SOURCE},,,`)

// Into the fund: P1 pays 1000.00, 90071992547409.93 (beyond 2^53 minor units) and 500.50 EUR
//   and 150000 JPY; P2 pays 300.00 and 200.00 USD from two accounts, and 777.00 USD that only
//   FR may see. The unheld XA pays 50.00 EUR. FA1 -> FA2 is internal.
// Out of the fund: FA1 pays the shell 900.00 on 5 March, the shell pays Rezo 870.00 on the 6th
//   and Qadir 55.00 on the 4th (before the fund's money came); FA2 pays Rezo 400.00.
// Straws: ZA pays SA and TA 1000.00 each; SA passes on 900.00 (90%), TA 899.99 (89.999%).
const TRANSFERS = [
  ['pa1-fa1', 'pa1', 'fa1', '1907-01-10', '1000.00', 'EUR'],
  ['pa1-fa1-big', 'pa1', 'fa1', '1907-01-11', '90071992547409.93', 'EUR'],
  ['pa2-fa1', 'pa2', 'fa1', '1907-01-15', '300.00', 'USD'],
  ['pa3-fa1', 'pa3', 'fa1', '1907-01-20', '200.00', 'USD'],
  ['pa1-fa2', 'pa1', 'fa2', '1907-02-10', '500.50', 'EUR'],
  ['pa1-fa1-jpy', 'pa1', 'fa1', '1907-03-01', '150000', 'JPY'],
  ['fa1-fa2', 'fa1', 'fa2', '1907-03-02', '100.00', 'EUR'],
  ['ca-ra2', 'ca', 'ra2', '1907-03-04', '55.00', 'EUR'],
  ['fa1-ca', 'fa1', 'ca', '1907-03-05', '900.00', 'EUR'],
  ['ca-ra', 'ca', 'ra', '1907-03-06', '870.00', 'EUR'],
  ['fa2-ra', 'fa2', 'ra', '1907-03-10', '400.00', 'EUR'],
  ['za-sa', 'za', 'sa', '1907-04-01', '1000.00', 'EUR'],
  ['za-ta', 'za', 'ta', '1907-04-01', '1000.00', 'EUR'],
  ['sa-ka', 'sa', 'ka', '1907-04-02', '900.00', 'EUR'],
  ['ta-ka', 'ta', 'ka', '1907-04-02', '899.99', 'EUR'],
  ['xa-fa2', 'xa', 'fa2', '1907-12-31', '50.00', 'EUR'],
].map(
  ([key, from, to, date, amount, currency]) =>
    `t-mq:${key},t-mq:${from},t-mq:${to},TRANSFER,,,${SOURCE},${date},${amount},${currency}`,
)

const EDGES = [
  'id,source,target,type,ownerNcb,restrictedTo,dataSource,date:date,amount,currency',
  ...HOLDS,
  ...TRANSFERS,
  `t-mq:pa2-fa2-secret,t-mq:pa2,t-mq:fa2,TRANSFER,FR,FR,${SOURCE},1907-01-25,777.00,USD`,
].join('\n')

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  for (const [text, file] of [
    [NODES, 'money-queries-nodes.csv'],
    [EDGES, 'money-queries-edges.csv'],
  ] as const) {
    const report = await app.services.imports.importText(text, { file, format: 'csv' })
    if (report.rejected.length > 0) {
      throw new Error(`${file} rejected rows: ${JSON.stringify(report.rejected)}`)
    }
  }
})
t.teardown(() => app?.close())

async function run(name: string, parameters: Record<string, unknown>, ncb: string | null = null) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/queries/${name}`,
    headers: bearer('analyst', ncb),
    payload: { parameters },
  })
  if (response.statusCode !== 200) {
    throw new Error(`${name} returned ${response.statusCode}: ${response.body}`)
  }
  return response.json<{ rows: Record<string, unknown>[]; truncated: boolean }>()
}

const P1 = { payerId: 't-mq:p1', payerName: 'Mq Payer One', payerLabel: 'Person', accounts: ['t-mq:pa1'] }
const P2 = { payerId: 't-mq:p2', payerName: 'Mq Payer Two', payerLabel: 'Person', accounts: ['t-mq:pa2', 't-mq:pa3'] }

t.test('fund-inflows totals per payer and currency', async (t) => {
  const { rows } = await run('fund-inflows', { id: 't-mq:fund', since: YEAR.since, until: '1907-12-30' })
  t.same(rows, [
    { ...P1, currency: 'EUR', transfers: 3, total: '90071992548910.43', firstDate: '1907-01-10', lastDate: '1907-02-10' },
    { ...P1, currency: 'JPY', transfers: 1, total: '150000', firstDate: '1907-03-01', lastDate: '1907-03-01' },
    { ...P2, currency: 'USD', transfers: 2, total: '500.00', firstDate: '1907-01-15', lastDate: '1907-01-20' },
  ])
})

t.test('fund-inflows with no holder and a date range', async (t) => {
  const { rows } = await run('fund-inflows', { id: 't-mq:fund', since: '1907-02-01', until: YEAR.until })
  t.same(
    rows.map((row) => [row.payerId, row.payerLabel, row.currency, row.total]),
    [
      ['t-mq:p1', 'Person', 'EUR', '500.50'],
      ['t-mq:xa', 'Account', 'EUR', '50.00'],
      ['t-mq:p1', 'Person', 'JPY', '150000'],
    ],
    'the unheld account pays in its own name; January transfers fall outside',
  )
})

t.test('fund-inflows shows restricted transfers to FR', async (t) => {
  const { rows } = await run('fund-inflows', { id: 't-mq:fund', ...YEAR }, 'FR')
  const usd = rows.find((row) => row.currency === 'USD')
  t.same(usd, { ...P2, currency: 'USD', transfers: 3, total: '1277.00', firstDate: '1907-01-15', lastDate: '1907-01-25' })
})

t.test('largest-recipients over two hops', async (t) => {
  const { rows } = await run('largest-recipients', { id: 't-mq:fund', currency: 'EUR', ...YEAR })
  // Rezo receives 870.00 through the shell and 400.00 straight from FA2. Qadir's 55.00 left
  // the shell before the fund's money arrived, so it is not a second hop.
  t.same(rows, [
    {
      recipientId: 't-mq:r',
      recipientName: 'Mq Resting Rezo',
      recipientLabel: 'Person',
      accounts: ['t-mq:ra'],
      currency: 'EUR',
      transfers: 2,
      total: '1270.00',
      hops: 1,
    },
    {
      recipientId: 't-mq:shell',
      recipientName: 'Mq Caspian Shell',
      recipientLabel: 'Company',
      accounts: ['t-mq:ca'],
      currency: 'EUR',
      transfers: 1,
      total: '900.00',
      hops: 1,
    },
  ])
})

t.test('largest-recipients over one hop', async (t) => {
  const { rows } = await run('largest-recipients', { id: 't-mq:fund', currency: 'EUR', maxHops: 1, ...YEAR })
  t.same(
    rows.map((row) => [row.recipientId, row.transfers, row.total]),
    [
      ['t-mq:shell', 1, '900.00'],
      ['t-mq:r', 1, '400.00'],
    ],
  )
})

t.test('largest-recipients in another currency', async (t) => {
  const { rows } = await run('largest-recipients', { id: 't-mq:p1', currency: 'JPY', ...YEAR })
  t.same(rows.map((row) => [row.recipientId, row.total]), [['t-mq:fund', '150000']])
})

t.test('shell-pass-through at 90 percent', async (t) => {
  const { rows } = await run('shell-pass-through', YEAR)
  // The shell received 900.00 and sent 925.00: 102 percent. SA sent exactly 90 percent;
  // TA sent 899.99 of 1000.00 and stays out, as does FA2 (400.00 of 650.50).
  t.same(rows, [
    {
      id: 't-mq:sa',
      name: 'Mq straw exact',
      country: 'GE',
      holders: [],
      currency: 'EUR',
      inTransfers: 1,
      inflow: '1000.00',
      outTransfers: 1,
      outflow: '900.00',
      outPercent: 90,
    },
    {
      id: 't-mq:ca',
      name: 'Mq shell account',
      country: 'CY',
      holders: ['Mq Caspian Shell'],
      currency: 'EUR',
      inTransfers: 1,
      inflow: '900.00',
      outTransfers: 2,
      outflow: '925.00',
      outPercent: 102,
    },
  ])
})

t.test('shell-pass-through with a stricter share and window', async (t) => {
  const strict = await run('shell-pass-through', { ...YEAR, percent: 100 })
  t.same(strict.rows.map((row) => row.id), ['t-mq:ca'])
  const late = await run('shell-pass-through', { since: '1907-03-06', until: '1907-03-31' })
  t.same(late.rows, [], 'from 6 March the shell only sends, so nothing passes through')
})

t.test('cross-border-transfers in March', async (t) => {
  const { rows } = await run('cross-border-transfers', { since: '1907-03-01', until: '1907-03-31' })
  const transfer = (id: string, date: string, amount: string, currency: string) => ({ id: `t-mq:${id}`, date, amount, currency })
  // FA1 -> CA stays in Cyprus, so it is not listed.
  t.same(rows, [
    {
      ...transfer('pa1-fa1-jpy', '1907-03-01', '150000', 'JPY'),
      fromId: 't-mq:pa1',
      fromCountry: 'GE',
      fromHolders: ['Mq Payer One'],
      toId: 't-mq:fa1',
      toCountry: 'CY',
      toHolders: ['Mq Common Fund'],
    },
    {
      ...transfer('fa1-fa2', '1907-03-02', '100.00', 'EUR'),
      fromId: 't-mq:fa1',
      fromCountry: 'CY',
      fromHolders: ['Mq Common Fund'],
      toId: 't-mq:fa2',
      toCountry: 'LV',
      toHolders: ['Mq Common Fund'],
    },
    {
      ...transfer('ca-ra2', '1907-03-04', '55.00', 'EUR'),
      fromId: 't-mq:ca',
      fromCountry: 'CY',
      fromHolders: ['Mq Caspian Shell'],
      toId: 't-mq:ra2',
      toCountry: 'AE',
      toHolders: ['Mq Quick Qadir'],
    },
    {
      ...transfer('ca-ra', '1907-03-06', '870.00', 'EUR'),
      fromId: 't-mq:ca',
      fromCountry: 'CY',
      fromHolders: ['Mq Caspian Shell'],
      toId: 't-mq:ra',
      toCountry: 'AE',
      toHolders: ['Mq Resting Rezo'],
    },
    {
      ...transfer('fa2-ra', '1907-03-10', '400.00', 'EUR'),
      fromId: 't-mq:fa2',
      fromCountry: 'LV',
      fromHolders: ['Mq Common Fund'],
      toId: 't-mq:ra',
      toCountry: 'AE',
      toHolders: ['Mq Resting Rezo'],
    },
  ])
})

t.test('cross-border-transfers hides restricted ones', async (t) => {
  const january = { since: '1907-01-01', until: '1907-01-31' }
  const open = await run('cross-border-transfers', january)
  t.same(
    open.rows.map((row) => row.id),
    ['t-mq:pa1-fa1', 't-mq:pa1-fa1-big', 't-mq:pa2-fa1', 't-mq:pa3-fa1'],
  )
  const france = await run('cross-border-transfers', january, 'FR')
  t.same(
    france.rows.map((row) => row.id),
    ['t-mq:pa1-fa1', 't-mq:pa1-fa1-big', 't-mq:pa2-fa1', 't-mq:pa3-fa1', 't-mq:pa2-fa2-secret'],
  )
})

t.test('money queries are listed with parameters', async (t) => {
  const response = await app.inject({ url: '/api/queries', headers: bearer('analyst') })
  const listed = response.json<{ queries: { name: string; parameters: { name: string }[] }[] }>().queries
  const parameters = (name: string) => listed.find((query) => query.name === name)?.parameters.map((parameter) => parameter.name)
  t.same(parameters('fund-inflows'), ['id', 'since', 'until'])
  t.same(parameters('largest-recipients'), ['id', 'currency', 'maxHops', 'since', 'until', 'limit'])
  t.same(parameters('shell-pass-through'), ['since', 'until', 'percent', 'limit'])
  t.same(parameters('cross-border-transfers'), ['since', 'until', 'limit'])
})

t.test('largest-recipients rejects three hops', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/queries/largest-recipients',
    headers: bearer('analyst'),
    payload: { parameters: { id: 't-mq:fund', currency: 'EUR', maxHops: 3 } },
  })
  t.equal(response.statusCode, 400)
  t.match(response.json().message, /maxHops/)
})

t.test('largest-recipients rejects a lower-case currency', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/queries/largest-recipients',
    headers: bearer('analyst'),
    payload: { parameters: { id: 't-mq:fund', currency: 'eur' } },
  })
  t.equal(response.statusCode, 400)
  t.match(response.json().message, /"currency": "eur"; expected an ISO 4217 currency code/)
})
