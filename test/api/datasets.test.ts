/**
 * The real datasets imported into Neo4j: exact counts and money totals, and a second
 * import that changes nothing.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'
import { dataFile, skipUnlessData } from '../helpers/data.js'

interface Expectation {
  file: string[]
  nodeSource: string
  relationshipSource: string
  label: string
  nodes: number
  type: string
  relationships: number
  total?: string
}

const EXPECTATIONS: Expectation[] = [
  {
    file: ['montagna', 'Montagna_meetings_edgelist.csv'],
    // Montagna people carry the source "montagna" whichever file names them, so another test
    // that imports the phone calls adds people there. The meetings' own scope stays at 101.
    nodeSource: 'montagna-meetings',
    relationshipSource: 'montagna-meetings',
    label: 'Person',
    nodes: 101,
    type: 'MET',
    relationships: 256,
  },
  {
    file: ['caviar', 'morselli_caviar.csv'],
    nodeSource: 'caviar',
    relationshipSource: 'caviar',
    label: 'Person',
    nodes: 110,
    type: 'CALLED',
    relationships: 295,
  },
  {
    file: ['fincen', 'download_transactions_map.csv'],
    nodeSource: 'fincen',
    relationshipSource: 'fincen',
    label: 'Company',
    nodes: 2277,
    type: 'TRANSFER',
    relationships: 4507,
    total: '35682247985.01',
  },
]

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
})
t.teardown(() => app.close())

async function stats(source: string) {
  const response = await app.inject({ url: `/api/stats?source=${source}`, headers: bearer('viewer') })
  return response.json() as {
    nodes: Record<string, number>
    relationships: Record<string, number>
    transfers: { currency: string; count: number; total: string }[]
  }
}

for (const expected of EXPECTATIONS) {
  const name = expected.file.join('/')

  t.test(`${name} imports exactly`, { skip: skipUnlessData(...expected.file) }, async (t) => {
    await app.services.imports.importFile(dataFile(...expected.file))
    const second = await app.services.imports.importFile(dataFile(...expected.file))

    t.same(second.rejected, [], 'no row is rejected')
    t.equal(second.nodes.created, 0, 'second import creates no node')
    t.equal(second.nodes.updated, 0, 'second import updates no node')
    t.equal(second.relationships.created, 0, 'second import creates no relationship')
    t.equal(second.relationships.updated, 0, 'second import updates no relationship')
    t.equal(second.relationships.unchanged, expected.relationships, 'every relationship is unchanged')

    const nodeStats = await stats(expected.nodeSource)
    t.equal(nodeStats.nodes[expected.label], expected.nodes, `${expected.nodes} ${expected.label} nodes`)
    const relationshipStats = await stats(expected.relationshipSource)
    t.equal(
      relationshipStats.relationships[expected.type],
      expected.relationships,
      `${expected.relationships} ${expected.type} relationships`,
    )
    if (expected.total !== undefined) {
      t.same(relationshipStats.transfers, [{ currency: 'USD', count: expected.relationships, total: expected.total }])
    }
  })
}

t.test('FinCEN transfer keeps its amount and dates', { skip: skipUnlessData('fincen', 'download_transactions_map.csv') }, async (t) => {
  await app.services.imports.importFile(dataFile('fincen', 'download_transactions_map.csv'))
  const response = await app.inject({
    method: 'POST',
    url: '/api/queries/largest-transfers',
    headers: bearer('analyst'),
    payload: { parameters: { currency: 'USD', since: '2015-03-25', until: '2015-03-25', limit: 500 } },
  })
  t.equal(response.statusCode, 200)
  const rows = response.json().rows as { id: string; amount: string; date: string }[]
  const first = rows.find((row) => row.id === 'fincen:223254')
  t.ok(first, 'row 223254 is among the transfers of 25 March 2015')
  t.equal(first?.amount, '56898523.47', 'amount 5.689852347E7 is exact')
  t.equal(first?.date, '2015-03-25', 'date is the begin date')
})

t.test('a CAVIAR phase is its own scope', { skip: skipUnlessData('caviar', 'phase3.csv') }, async (t) => {
  const report = await app.services.imports.importFile(dataFile('caviar', 'phase3.csv'))
  t.same(report.rejected, [])
  const phase = await stats('caviar-phase3')
  t.equal(phase.nodes.Person, 33, 'the players of phase 3')
  t.equal(phase.relationships.CALLED, 68, 'the calls of phase 3')
  const response = await app.inject({
    url: '/api/analytics/centrality?measure=degree&source=caviar-phase3&limit=1',
    headers: bearer('analyst'),
  })
  t.equal(response.statusCode, 200)
  t.equal(response.json().projection.nodeCount, 33)
  t.equal(response.json().projection.relationshipCount, 68)
})
