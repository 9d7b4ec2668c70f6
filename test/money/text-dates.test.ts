/**
 * Money routes over records whose dates are stored as text, as an explicit `:string` column
 * (or an import from before untyped date columns were read as dates) writes them. Such a
 * record cannot be placed in time, so the routes skip it instead of failing.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'

const SOURCE = 't-textdate'

const NODES = [
  'id,type,name,dataSource',
  `t-textdate:a,Account,Account A,${SOURCE}`,
  `t-textdate:b,Account,Account B,${SOURCE}`,
  `t-textdate:c,Account,Account C,${SOURCE}`,
  `t-textdate:h,Asset,House H,${SOURCE}`,
].join('\n')

// A pays B twice with text dates and C once with a real date. C pays A back, so the only
// round trip uses real dates. B owns a house whose days are text.
const TEXT_EDGES = [
  'id,source,target,type,date:string,amount,currency,dataSource',
  `t-textdate:ab1,t-textdate:a,t-textdate:b,TRANSFER,03/04/2011,100.00,EUR,${SOURCE}`,
  `t-textdate:ab2,t-textdate:a,t-textdate:b,TRANSFER,-1,100.00,EUR,${SOURCE}`,
  `t-textdate:ba,t-textdate:b,t-textdate:a,TRANSFER,2011-04-09,100.00,EUR,${SOURCE}`,
].join('\n')

const DATE_EDGES = [
  'id,source,target,type,date,amount,currency,dataSource',
  `t-textdate:ac,t-textdate:a,t-textdate:c,TRANSFER,2011-04-05,200.00,EUR,${SOURCE}`,
  `t-textdate:ca,t-textdate:c,t-textdate:a,TRANSFER,2011-04-07,198.00,EUR,${SOURCE}`,
].join('\n')

const OWNS = [
  'id,source,target,type,since:string,share,dataSource',
  `t-textdate:bh,t-textdate:b,t-textdate:h,OWNS,03/04/2011,1,${SOURCE}`,
].join('\n')

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  for (const [text, file] of [
    [NODES, 'textdate-nodes.csv'],
    [TEXT_EDGES, 'textdate-text-edges.csv'],
    [DATE_EDGES, 'textdate-date-edges.csv'],
    [OWNS, 'textdate-owns.csv'],
  ] as const) {
    const report = await app.services.imports.importText(text, { file, format: 'csv' })
    t.equal(report.rejected.length, 0, `${file} imports without rejected rows`)
  }
})

t.teardown(async () => {
  await app?.close()
})

t.test('trace skips transfers with text dates', async (t) => {
  const response = await app.inject({
    method: 'GET',
    url: '/api/money/trace?from=t-textdate:a',
    headers: bearer('viewer'),
  })
  t.equal(response.statusCode, 200)
  const result = response.json<{ total: string; graph: { edges: { key: string }[] }; assets: unknown[] }>()
  t.equal(result.total, '200.00', 'only the transfer to C has a date')
  t.notOk(
    result.graph.edges.some((edge) => edge.key === 't-textdate:ab1' || edge.key === 't-textdate:ab2'),
    'no text-dated transfer is on the trail',
  )
  t.same(result.assets, [])
})

t.test('trace to a node with a text-dated asset', async (t) => {
  const response = await app.inject({
    method: 'GET',
    url: '/api/money/trace?from=t-textdate:b',
    headers: bearer('viewer'),
  })
  t.equal(response.statusCode, 200)
  t.same(response.json<{ assets: unknown[] }>().assets, [], 'an asset with a text acquisition day is left out')
})

t.test('cycles skip transfers with text dates', async (t) => {
  const response = await app.inject({
    method: 'GET',
    url: '/api/money/cycles?through=t-textdate:a',
    headers: bearer('viewer'),
  })
  t.equal(response.statusCode, 200)
  const result = response.json<{ cycles: { transfers: string[] }[] }>()
  t.same(
    result.cycles.map((cycle) => cycle.transfers.join(' ')),
    ['t-textdate:ac t-textdate:ca'],
    'the round trip through B has a text-dated first hop',
  )
})
