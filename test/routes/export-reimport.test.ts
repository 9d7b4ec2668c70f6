/**
 * Exports imported back as admin: every format must come back without rejected rows, with
 * the Neo4j label rather than a `kind` property as the label, and with each record's owner
 * and restriction kept.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { ADMIN_CALLER } from '../../src/services/import.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { removeFixtures } from './requests.js'

const PREFIX = 't-reimport:'
const SOURCE = 't-reimport'

// Like the demo: a Group with kind "clan", an account owned by GE, a restricted person.
const NODES = [
  'id,type,name,kind,since,ownerNcb,restrictedTo',
  `t-reimport:clan,Group,Clan One,clan,2001-02-03,GE,`,
  `t-reimport:boss,Person,-2+3+cmd|' /C calc'!A0,boss,,GE,GE|FR`,
  `t-reimport:acct,Account,Account 129,current,,GE,`,
  `t-reimport:open,Company,Open Company,front,,,`,
].join('\n')

const EDGES = [
  'id,source,target,type,date,amount,currency,ownerNcb,restrictedTo',
  't-reimport:m1,t-reimport:boss,t-reimport:clan,MEMBER_OF,,,,GE,GE|FR',
  't-reimport:t1,t-reimport:acct,t-reimport:open,TRANSFER,2011-04-03,100.00,EUR,GE,',
].join('\n')

interface Provenance {
  id: string
  label: string
  ownerNcb: string | null
  restrictedTo: string[]
}

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, PREFIX)
  for (const [file, text] of [['reimport-nodes.csv', NODES], ['reimport-edges.csv', EDGES]] as const) {
    const report = await app.services.imports.importText(text, { file, source: SOURCE, caller: ADMIN_CALLER })
    if (report.rejectedCount > 0) throw new Error(JSON.stringify(report.rejected))
  }
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await app.close()
})

async function storedProvenance(): Promise<Provenance[]> {
  const result = await app.database.driver.executeQuery(
    `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix
     RETURN n.id AS id, [label IN labels(n) WHERE label <> 'Entity'][0] AS label,
            n.ownerNcb AS ownerNcb, coalesce(n.restrictedTo, []) AS restrictedTo
     UNION ALL
     MATCH (:Entity)-[r]->(:Entity) WHERE r.id STARTS WITH $prefix
     RETURN r.id AS id, type(r) AS label, r.ownerNcb AS ownerNcb, coalesce(r.restrictedTo, []) AS restrictedTo`,
    { prefix: PREFIX },
    { database: app.config.neo4j.database },
  )
  return result.records
    .map((record) => record.toObject() as Provenance)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
}

async function exportAsAdmin(format: string, part?: string): Promise<string> {
  const query: Record<string, string> = { source: SOURCE }
  if (part !== undefined) query.part = part
  const response = await app.inject({ url: `/api/export/${format}`, query, headers: bearer('admin') })
  if (response.statusCode !== 200) throw new Error(`export ${format} returned ${response.statusCode}`)
  return response.body
}

async function importAsAdmin(filename: string, contentType: string, body: string) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/import?filename=${filename}`,
    payload: body,
    headers: { ...bearer('admin'), 'content-type': contentType },
  })
  return response
}

const EXPECTED: Provenance[] = [
  { id: 't-reimport:acct', label: 'Account', ownerNcb: 'GE', restrictedTo: [] },
  { id: 't-reimport:boss', label: 'Person', ownerNcb: 'GE', restrictedTo: ['GE', 'FR'] },
  { id: 't-reimport:clan', label: 'Group', ownerNcb: 'GE', restrictedTo: [] },
  { id: 't-reimport:m1', label: 'MEMBER_OF', ownerNcb: 'GE', restrictedTo: ['GE', 'FR'] },
  { id: 't-reimport:open', label: 'Company', ownerNcb: null, restrictedTo: [] },
  { id: 't-reimport:t1', label: 'TRANSFER', ownerNcb: 'GE', restrictedTo: [] },
]

t.test('fixture stores the expected provenance', async (t) => {
  t.same(await storedProvenance(), EXPECTED)
})

for (const format of ['graphml', 'gexf'] as const) {
  t.test(`${format} export imports back as admin`, async (t) => {
    const text = await exportAsAdmin(format)
    t.match(text, 'GE', `the ${format} export carries ownerNcb`)
    const response = await importAsAdmin(`rt.${format}`, 'application/xml', text)
    t.equal(response.statusCode, 200)
    const report = response.json<{ rejectedCount: number; rejected: unknown[] }>()
    t.equal(report.rejectedCount, 0, 'nothing rejected')
    t.same(report.rejected, [])
    t.same(await storedProvenance(), EXPECTED, 'labels, owners and restrictions are kept')
  })
}

t.test('csv export imports back as admin', async (t) => {
  const nodes = await exportAsAdmin('csv', 'nodes')
  const edges = await exportAsAdmin('csv', 'edges')
  t.match(nodes, `,'-2+3+cmd|' /C calc'!A0,`, 'a name like a formula is defused')
  for (const [filename, text] of [['rt-nodes.csv', nodes], ['rt-edges.csv', edges]] as const) {
    const response = await importAsAdmin(filename, 'text/csv', text)
    t.equal(response.statusCode, 200, `${filename} imports`)
    t.equal(response.json<{ rejectedCount: number }>().rejectedCount, 0, `${filename}: nothing rejected`)
  }
  t.same(await storedProvenance(), EXPECTED, 'owners and restrictions are kept')
})

t.test('admin import without provenance columns keeps them', async (t) => {
  const csv = await importAsAdmin('rt-names.csv', 'text/csv', 'id,type,name\nt-reimport:boss,Person,Boss Renamed\n')
  t.equal(csv.json<{ rejectedCount: number }>().rejectedCount, 0)
  const graphml = await importAsAdmin(
    'rt-names.graphml',
    'application/xml',
    '<graphml><key id="l" for="node" attr.name="label"/><key id="n" for="node" attr.name="name"/>' +
      '<graph edgedefault="directed"><node id="t-reimport:clan"><data key="l">Group</data>' +
      '<data key="n">Clan Renamed</data></node></graph></graphml>',
  )
  t.equal(graphml.json<{ rejectedCount: number }>().rejectedCount, 0)
  const stored = await storedProvenance()
  t.same(stored.find((record) => record.id === 't-reimport:boss'), EXPECTED[1], 'CSV without the columns')
  t.same(stored.find((record) => record.id === 't-reimport:clan'), EXPECTED[2], 'GraphML without the attributes')
})

t.test('admin import with empty provenance columns clears them', async (t) => {
  const csv = await importAsAdmin(
    'rt-open.csv',
    'text/csv',
    'id,type,name,ownerNcb,restrictedTo\nt-reimport:boss,Person,Boss Renamed,,\n',
  )
  t.equal(csv.json<{ rejectedCount: number }>().rejectedCount, 0)
  const stored = await storedProvenance()
  t.same(stored.find((record) => record.id === 't-reimport:boss'), {
    id: 't-reimport:boss',
    label: 'Person',
    ownerNcb: null,
    restrictedTo: [],
  })
})
