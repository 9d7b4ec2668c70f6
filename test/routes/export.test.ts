/**
 * `/api/export/:format`: GEXF, GraphML and CSV of a scope (GET) or a posted payload (POST),
 * read back with the import readers into the same graph, with visibility applied.
 */
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'

import { readCsv } from '../../src/import/readers/csv.js'
import { readGexf } from '../../src/import/readers/gexf.js'
import { readGraphml } from '../../src/import/readers/graphml.js'
import { IsoDate, IsoDateTime, type ReadResult } from '../../src/model/records.js'
import { ADMIN_CALLER } from '../../src/services/import.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { expectError, removeFixtures } from './requests.js'

const PREFIX = 't-export:'
const SOURCE = 't-export'

const NODES = [
  'id,type,name,aliases:string[],born:date,seen:datetime,big:int,score:float,active:boolean,ownerNcb,restrictedTo',
  `t-export:ivan,Person,"Иваньков, <Vor> & ""Sons""",Yaponchik|Япончик,1940-01-02,2001-02-03T04:05:06Z,9007199254740993,0.25,true,,`,
  't-export:group,Group,Solntsevskaya,,,,,,,,',
  't-export:secret,Person,Hidden Informant,,,,,,,FR,FR',
].join('\n')

const EDGES = [
  'id,source,target,type,since:date,until:date,date:date,amount,currency,weight,ownerNcb,restrictedTo',
  't-export:m1,t-export:ivan,t-export:group,MEMBER_OF,1982-01-01,1995-06-08,,,,2,,',
  't-export:t1,t-export:group,t-export:ivan,TRANSFER,,,2003-04-05,12345678901234567.89,EUR,,,',
  't-export:s1,t-export:secret,t-export:ivan,CALLED,,,,,,,FR,FR',
].join('\n')

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, PREFIX)
  for (const [file, text] of [['export-nodes.csv', NODES], ['export-edges.csv', EDGES]] as const) {
    const report = await app.services.imports.importText(text, { file, source: SOURCE, caller: ADMIN_CALLER })
    if (report.rejectedCount > 0) throw new Error(JSON.stringify(report.rejected))
  }
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await app.close()
})

async function exportText(format: string, query: Record<string, string>, role: 'viewer' | 'investigator' | 'admin' = 'investigator', ncb: string | null = null) {
  const response = await app.inject({ url: `/api/export/${format}`, query: { source: SOURCE, ...query }, headers: bearer(role, ncb) })
  return response
}

/** Checks the read-back graph against the stored fixtures visible to a caller of another country. */
function checkRoundTrip(t: Test, result: ReadResult, format: string): void {
  t.same(result.rejected, [], `${format}: nothing rejected`)
  t.same(result.nodes.map((node) => node.id).sort(), ['t-export:group', 't-export:ivan'], `${format}: the visible nodes`)
  t.same(result.relationships.map((edge) => edge.id).sort(), ['t-export:m1', 't-export:t1'], `${format}: the visible relationships`)

  const ivan = result.nodes.find((node) => node.id === 't-export:ivan')
  t.equal(ivan?.label, 'Person', `${format}: label`)
  t.equal(ivan?.name, 'Иваньков, <Vor> & "Sons"', `${format}: hostile name`)
  t.same(ivan?.properties.aliases, ['Yaponchik', 'Япончик'], `${format}: string list`)
  t.same(ivan?.properties.born, new IsoDate('1940-01-02'), `${format}: date`)
  t.same(ivan?.properties.seen, new IsoDateTime('2001-02-03T04:05:06Z'), `${format}: date-time`)
  t.equal(ivan?.properties.big, 9007199254740993n, `${format}: 64-bit integer`)
  t.equal(ivan?.properties.score, 0.25, `${format}: float`)
  t.equal(ivan?.properties.active, true, `${format}: boolean`)
  t.equal(ivan?.provenance.source, SOURCE, `${format}: source`)

  const membership = result.relationships.find((edge) => edge.id === 't-export:m1')
  t.equal(membership?.type, 'MEMBER_OF', `${format}: relationship type`)
  t.equal(membership?.source, 't-export:ivan', `${format}: start node`)
  t.equal(membership?.target, 't-export:group', `${format}: end node`)
  t.same(membership?.properties.since, new IsoDate('1982-01-01'), `${format}: since`)
  t.same(membership?.properties.until, new IsoDate('1995-06-08'), `${format}: until`)
  t.equal(membership?.properties.weight, 2, `${format}: weight`)

  const transfer = result.relationships.find((edge) => edge.id === 't-export:t1')
  t.equal(transfer?.properties.amount, '12345678901234567.89', `${format}: exact amount`)
  t.equal(transfer?.properties.amountMinor, 1234567890123456789n, `${format}: minor units`)
  t.equal(transfer?.properties.currency, 'EUR', `${format}: currency`)
  t.same(transfer?.properties.date, new IsoDate('2003-04-05'), `${format}: transfer date`)
}

t.test('GEXF export reads back as the same graph', async (t) => {
  const response = await exportText('gexf', {}, 'investigator', 'DE')
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^application\/gexf\+xml/)
  t.equal(response.headers['x-export-nodes'], '2', 'node count header')
  t.equal(response.headers['x-export-edges'], '2', 'relationship count header')
  t.equal(response.headers['x-export-truncated'], 'false')
  t.match(response.body, '<gexf xmlns="http://gexf.net/1.3"')
  t.match(response.body, 'mode="dynamic" timeformat="date"', 'dynamic graph with dates')
  t.match(response.body, '<spell start="1982-01-01" end="1995-06-08"/>', 'membership spell for the timeline')
  t.match(response.body, '<spell start="2003-04-05" end="2003-04-05"/>', 'transfer spell of one day')
  t.notMatch(response.body, 'Hidden Informant', 'no hidden node')
  checkRoundTrip(t, readGexf(response.body, { file: 'export.gexf' }), 'GEXF')
})

t.test('GraphML export reads back as the same graph', async (t) => {
  const response = await exportText('graphml', {}, 'investigator', 'DE')
  t.equal(response.statusCode, 200)
  t.match(response.body, 'attr.name="big" attr.type="long"', 'integers typed long')
  t.match(response.body, 'attr.name="score" attr.type="double"', 'floats typed double')
  t.match(response.body, 'attr.name="active" attr.type="boolean"', 'booleans typed')
  checkRoundTrip(t, readGraphml(response.body, { file: 'export.graphml' }), 'GraphML')
})

t.test('CSV export reads back as the same graph', async (t) => {
  const nodes = await exportText('csv', { part: 'nodes' }, 'investigator', 'DE')
  const edges = await exportText('csv', { part: 'edges' }, 'investigator', 'DE')
  t.equal(nodes.statusCode, 200)
  t.match(nodes.headers['content-disposition'], /nodes\.csv"$/)
  t.equal(nodes.body.split('\r\n')[0], 'id,type,name,source,ownerNcb,restrictedTo,currency,active:boolean,aliases:string[],big:int,born:date,score:float,seen:datetime')
  const nodeResult = readCsv(nodes.body, { file: 'nodes.csv' })
  const edgeResult = readCsv(edges.body, { file: 'edges.csv' })
  checkRoundTrip(t, { ...nodeResult, relationships: edgeResult.relationships, rejected: [...nodeResult.rejected, ...edgeResult.rejected] }, 'CSV')

  const missing = await exportText('csv', {}, 'investigator', 'DE')
  const body = expectError(t, missing, 400, 'MLN_INVALID_PARAMETER')
  t.match(body.message, 'expected part=nodes or part=edges')
})

t.test('export obeys visibility', async (t) => {
  const french = await exportText('graphml', {}, 'investigator', 'FR')
  t.equal(french.headers['x-export-nodes'], '3', 'France sees its informant')
  t.equal(french.headers['x-export-edges'], '3', 'and the call')
  const admin = await exportText('gexf', {}, 'admin')
  t.equal(admin.headers['x-export-nodes'], '3', 'an admin sees everything')

  const payload = {
    nodes: [
      { key: 't-export:ivan', attributes: { x: 1.5, y: -2, size: 6, color: '#e15759', name: 'forged name' } },
      { key: 't-export:secret', attributes: {} },
      { key: 't-export:nowhere', attributes: {} },
    ],
    edges: [{ key: 't-export:s1', source: 't-export:secret', target: 't-export:ivan', attributes: {} }],
  }
  const posted = await app.inject({ method: 'POST', url: '/api/export/gexf', payload, headers: bearer('viewer', 'DE') })
  t.equal(posted.statusCode, 200)
  t.equal(posted.headers['x-export-nodes'], '1', 'only the visible node')
  t.equal(posted.headers['x-export-omitted-nodes'], '2', 'hidden and unknown nodes counted')
  t.equal(posted.headers['x-export-omitted-edges'], '1', 'hidden relationship counted')
  t.notMatch(posted.body, 'Hidden Informant')
  t.notMatch(posted.body, 'forged name', 'attributes come from the database, not the payload')
  t.match(posted.body, '<viz:position x="1.5" y="-2" z="0"/>', 'position as drawn')
  t.match(posted.body, '<viz:color r="225" g="87" b="89"/>', 'colour as drawn')

  const french2 = await app.inject({ method: 'POST', url: '/api/export/csv?part=edges', payload, headers: bearer('viewer', 'FR') })
  t.equal(french2.headers['x-export-edges'], '1', 'France exports the call it may see')
})

t.test('export scope limit truncates', async (t) => {
  const response = await exportText('gexf', { limit: '1' }, 'investigator', 'DE')
  t.equal(response.statusCode, 200)
  t.equal(response.headers['x-export-nodes'], '1', 'one node')
  t.equal(response.headers['x-export-edges'], '0', 'no relationship has both ends in scope')
  t.equal(response.headers['x-export-truncated'], 'true', 'the cut is flagged')
  t.match(response.body, 'id="t-export:ivan"', 'the most connected node is kept')
})

t.test('export rejects bad requests', async (t) => {
  expectError(t, await exportText('pdf', {}), 400, 'MLN_INVALID_PARAMETER')
  expectError(t, await exportText('gexf', { limit: '0' }), 400, 'MLN_INVALID_PARAMETER')
  expectError(t, await exportText('gexf', { colour: 'red' }), 400, 'MLN_INVALID_PARAMETER')
  const extra = await app.inject({ method: 'POST', url: '/api/export/gexf', payload: { nodes: [], edges: [], extra: 1 }, headers: bearer('viewer') })
  expectError(t, extra, 400, 'MLN_INVALID_PARAMETER')
  const anonymous = await app.inject({ url: '/api/export/gexf' })
  t.equal(anonymous.statusCode, 401)
  expectError(t, await exportText('gexf', {}, 'viewer', 'DE'), 403, 'MLN_FORBIDDEN')
})
