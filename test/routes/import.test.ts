/**
 * `POST /api/import` with CSV files: exact counts, idempotent re-import, bad rows reported
 * by line, label conflicts, and values that must come back exactly (64-bit integers, money,
 * dates). The process runs in UTC+14 (Pacific/Kiritimati), where a date read through local
 * midnight would move by a day; 1994-12-31 did not exist there at all.
 */
process.env.TZ = 'Pacific/Kiritimati'

import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'

import { IMPORT_BODY_LIMIT_BYTES } from '../../src/routes/import.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { expectError, importCsv, postCsv, removeFixtures } from './requests.js'

const PREFIX = 't-import:'
const SOURCE = 't-import'

const NODES = [
  'id,type,name,aliases:string[],born:date,big:int,amount,currency',
  't-import:ivan,Person,Ivan Import,Vanya|Ivanushka,1994-12-31,9007199254740993,12345678901234567.89,EUR',
  't-import:petr,Person,Petr Import,,1970-01-01,-9007199254740993,,',
  't-import:safe,Person,Safe Import,,2000-02-29,9007199254740991,0.10,EUR',
  't-import:brotherhood,Group,Import Brotherhood,,,,,',
].join('\n')

const EDGES = [
  'source,target,type,since:date,count:int',
  't-import:ivan,t-import:brotherhood,MEMBER_OF,2001-02-03,',
  't-import:petr,t-import:brotherhood,MEMBER_OF,,',
  't-import:ivan,t-import:petr,CALLED,,12',
].join('\n')

interface Entity {
  id: string
  label: string
  name: string
  properties: Record<string, unknown>
}

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, PREFIX)
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await app.close()
})

async function getEntity(id: string): Promise<{ status: number; entity: Entity }> {
  const response = await app.inject({ url: `/api/entities/${id}`, headers: bearer('admin') })
  return { status: response.statusCode, entity: response.json<Entity>() }
}

t.test('process runs in Pacific/Kiritimati', async (t) => {
  t.equal(new Date(Date.UTC(2024, 5, 1)).getTimezoneOffset(), -14 * 60)
})

t.test('nodes and edges files create records', async (t) => {
  const nodes = await importCsv(app, 't-import-nodes.csv', `${NODES}\n`, SOURCE)
  const edges = await importCsv(app, 't-import-edges.csv', `${EDGES}\n`, SOURCE)

  t.equal(nodes.format, 'csv')
  t.same(nodes.nodes, { created: 4, updated: 0, unchanged: 0 })
  t.same(nodes.relationships, { created: 0, updated: 0, unchanged: 0 })
  t.same(nodes.rejected, [])
  t.same(edges.nodes, { created: 0, updated: 0, unchanged: 0 })
  t.same(edges.relationships, { created: 3, updated: 0, unchanged: 0 })
  t.same(edges.rejected, [])
})

t.test('re-import changes nothing', async (t) => {
  const nodes = await importCsv(app, 't-import-nodes.csv', `${NODES}\n`, SOURCE)
  const edges = await importCsv(app, 't-import-edges.csv', `${EDGES}\n`, SOURCE)

  t.same(nodes.nodes, { created: 0, updated: 0, unchanged: 4 })
  t.same(edges.relationships, { created: 0, updated: 0, unchanged: 3 })
  t.same(nodes.rejected, [])
  t.same(edges.rejected, [])
})

t.test('changed row counts as updated', async (t) => {
  const text = 'id,type,name\nt-import:brotherhood,Group,Import Brotherhood\nt-import:extra,Group,Import Extra\n'

  const first = await importCsv(app, 't-import-groups.csv', text, SOURCE)
  const renamed = await importCsv(app, 't-import-groups.csv', text.replace('Import Extra', 'Import Extra Renamed'), SOURCE)

  t.same(first.nodes, { created: 1, updated: 0, unchanged: 1 })
  t.same(renamed.nodes, { created: 0, updated: 1, unchanged: 1 })
  t.equal((await getEntity('t-import:extra')).entity.name, 'Import Extra Renamed')
})

/** Checks the stored values of the fixture. The tests below call it under two time zones. */
async function checkExactValues(t: Test): Promise<void> {
  const ivan = await getEntity('t-import:ivan')
  const petr = await getEntity('t-import:petr')
  const safe = await getEntity('t-import:safe')

  t.equal(ivan.status, 200)
  t.equal(ivan.entity.properties.big, '9007199254740993', '2^53 + 1 comes back as a string')
  t.equal(petr.entity.properties.big, '-9007199254740993', '-(2^53 + 1) comes back as a string')
  t.equal(safe.entity.properties.big, 9007199254740991, '2^53 - 1 comes back as a number')
  t.equal(ivan.entity.properties.amount, '12345678901234567.89', 'amount is the exact decimal')
  t.equal(ivan.entity.properties.currency, 'EUR')
  t.equal(safe.entity.properties.amount, '0.10', 'amount keeps its minor digits')
  t.equal(ivan.entity.properties.born, '1994-12-31', 'a day that Kiritimati skipped stays the same')
  t.equal(petr.entity.properties.born, '1970-01-01')
  t.equal(safe.entity.properties.born, '2000-02-29')
  t.same(ivan.entity.properties.aliases, ['Vanya', 'Ivanushka'])
  t.notOk('amountMinor' in ivan.entity.properties, 'minor units stay internal')

  const neighbourhood = await app.inject({ url: '/api/graph/neighbourhood/t-import:ivan', headers: bearer('admin') })
  const { graph } = neighbourhood.json<{ graph: { edges: { source: string; target: string; attributes: Record<string, unknown> }[] } }>()
  const membership = graph.edges.find((edge) => edge.attributes.type === 'MEMBER_OF' && edge.source === 't-import:ivan')
  const call = graph.edges.find((edge) => edge.attributes.type === 'CALLED')

  t.equal(membership?.attributes.since, '2001-02-03', 'relationship date is unchanged')
  t.equal(call?.attributes.count, 12, 'count:int comes back as a number')
}

t.test('values come back exactly in UTC+14', async (t) => {
  await checkExactValues(t)
})

t.test('values come back exactly in UTC-11', async (t) => {
  process.env.TZ = 'Pacific/Pago_Pago'
  t.teardown(() => {
    process.env.TZ = 'Pacific/Kiritimati'
  })
  t.equal(new Date(Date.UTC(2024, 5, 1)).getTimezoneOffset(), 11 * 60, 'process runs in Pacific/Pago_Pago')

  await checkExactValues(t)
})

t.test('bad node rows reported by line', async (t) => {
  const text = [
    'id,type,name,born:date',
    't-import:mixed-good-1,Person,Mixed Good One,1980-01-01',
    't-import:mixed-bad-date,Person,Mixed Bad Date,1975-02-30',
    't-import:mixed-bad-type,Pirate,Mixed Bad Type,',
    't-import:mixed-no-name,Person,,',
    't-import:mixed-good-2,Person,Mixed Good Two,',
  ].join('\n')

  const report = await importCsv(app, 't-import-mixed.csv', `${text}\n`, SOURCE)

  t.same(report.nodes, { created: 2, updated: 0, unchanged: 0 })
  t.same(
    report.rejected.map((rejection) => rejection.line),
    [3, 4, 5],
    'rejected lines',
  )
  t.match(report.rejected[0]?.reason, '"1975-02-30"', 'bad date is quoted')
  t.match(report.rejected[0]?.reason, 'born:date', 'bad date names its column')
  t.match(report.rejected[1]?.reason, '"Pirate"', 'unknown type is quoted')
  t.match(report.rejected[2]?.reason, '"name"', 'missing name names the column')
  t.ok(report.rejected.every((rejection) => rejection.file === 't-import-mixed.csv'), 'rejections name the file')
  t.equal((await getEntity('t-import:mixed-good-1')).status, 200, 'first good row stored')
  t.equal((await getEntity('t-import:mixed-good-2')).status, 200, 'last good row stored')
  t.equal((await getEntity('t-import:mixed-bad-date')).status, 404, 'bad date row not stored')
  t.equal((await getEntity('t-import:mixed-bad-type')).status, 404, 'unknown type row not stored')
  t.equal((await getEntity('t-import:mixed-no-name')).status, 404, 'row without name not stored')
})

t.test('bad edge rows reported by line', async (t) => {
  const text = [
    'source,target,type',
    't-import:mixed-good-1,t-import:mixed-good-2,ASSOCIATE_OF',
    't-import:mixed-good-1,t-import:nowhere,ASSOCIATE_OF',
    't-import:mixed-good-1,t-import:mixed-good-2,KNOWS',
  ].join('\n')

  const report = await importCsv(app, 't-import-mixed-edges.csv', `${text}\n`, SOURCE)

  t.same(report.relationships, { created: 1, updated: 0, unchanged: 0 })
  t.equal(report.rejected.length, 2)
  const missing = report.rejected.find((rejection) => rejection.reason.includes('t-import:nowhere'))
  const unknownType = report.rejected.find((rejection) => rejection.reason.includes('"KNOWS"'))
  t.ok(missing, 'edge to a missing node is rejected naming the node')
  t.equal(missing?.line, 3, 'edge to a missing node reports its line')
  t.ok(unknownType, 'unknown type is rejected naming the type')
  t.equal(unknownType?.line, 4, 'unknown type reports its line')
})

t.test('id of another label rejected', async (t) => {
  const text = 'id,type,name\nt-import:brotherhood,Person,Renamed By Conflict\nt-import:conflict-free,Person,Conflict Free\n'

  const report = await importCsv(app, 't-import-conflict.csv', text, SOURCE)
  const stored = await getEntity('t-import:brotherhood')

  t.same(report.nodes, { created: 1, updated: 0, unchanged: 0 })
  t.equal(report.rejected.length, 1)
  t.equal(report.rejected[0]?.id, 't-import:brotherhood')
  t.equal(report.rejected[0]?.line, 2, 'conflict reports its line')
  t.match(report.rejected[0]?.reason, 'Group', 'reason names the stored label')
  t.equal(stored.entity.label, 'Group', 'label unchanged')
  t.equal(stored.entity.name, 'Import Brotherhood', 'name unchanged')
})

t.test('empty body is rejected', async (t) => {
  const response = await postCsv(app, 't-import-empty.csv', '', SOURCE)

  expectError(t, response, 400, 'MLN_INVALID_PARAMETER')
})

t.test('unknown format is rejected', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/import?filename=t-import.csv&format=xlsx',
    headers: { ...bearer('editor'), 'content-type': 'text/csv' },
    payload: 'id,type,name\nt-import:never,Person,Never Stored\n',
  })

  const body = expectError(t, response, 400, 'MLN_INVALID_PARAMETER')
  t.match(body.message, '"format"')
})

t.test('file name with a path', async (t) => {
  const response = await postCsv(app, '../t-import.csv', 'id,type,name\nt-import:never,Person,Never Stored\n', SOURCE)

  const body = expectError(t, response, 400, 'MLN_INVALID_PARAMETER')
  t.match(body.message, '"filename"')
})

t.test('unrecognised header rejects the file', async (t) => {
  const report = await importCsv(app, 't-import-header.csv', 'name,kind\nNever Stored,Person\n', SOURCE)

  t.same(report.nodes, { created: 0, updated: 0, unchanged: 0 })
  t.equal(report.rejected.length, 1)
  t.equal(report.rejected[0]?.line, 1)
  t.match(report.rejected[0]?.reason, 'id,type,name')
})

t.test('oversized body returns 413', async (t) => {
  const text = `id,type,name\n${'x'.repeat(IMPORT_BODY_LIMIT_BYTES)}\n`

  const response = await postCsv(app, 't-import-large.csv', text, SOURCE)

  expectError(t, response, 413, 'MLN_PAYLOAD_TOO_LARGE')
})

t.test('rejected requests stored nothing', async (t) => {
  t.equal((await getEntity('t-import:never')).status, 404)
})
