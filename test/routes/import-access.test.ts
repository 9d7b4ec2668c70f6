/**
 * `POST /api/import` as callers of different countries: records hidden from the caller are
 * neither changed nor revealed, records of another country stay as they are, a non-admin's
 * rows belong to the caller's country, and the report stays small. Also graph JSON bodies
 * keep their line numbers.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import type { Role } from '../../src/auth/tokens.js'
import { REJECTED_LIST_LIMIT } from '../../src/services/import.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { removeFixtures } from './requests.js'

const PREFIX = 't-access:'
const SOURCE = 't-access'

interface Report {
  nodes: { created: number; updated: number; unchanged: number }
  relationships: { created: number; updated: number; unchanged: number }
  rejected: { file: string; line: number | null; id?: string; reason: string }[]
  rejectedCount: number
}

interface Caller {
  role: Role
  ncb: string | null
}

const ADMIN: Caller = { role: 'admin', ncb: null }
const DE_EDITOR: Caller = { role: 'editor', ncb: 'DE' }
const FR_EDITOR: Caller = { role: 'editor', ncb: 'FR' }
const EDITOR_WITHOUT_COUNTRY: Caller = { role: 'editor', ncb: null }

/** Stored before each test: nodes and relationships of FR, DE and open data. */
const FIXTURE_NODES = [
  'id,type,name,ownerNcb,restrictedTo',
  't-access:fr-secret,Person,French Secret,FR,FR',
  't-access:fr-shared,Person,French Shared,FR,DE',
  't-access:fr-open,Person,French Open,FR,',
  't-access:de-own,Person,German Own,DE,DE',
  't-access:open-a,Person,Open A,,',
  't-access:open-b,Person,Open B,,',
  't-access:open-c,Person,Open C,,',
].join('\n')

const FIXTURE_EDGES = [
  'id,source,target,type,ownerNcb,restrictedTo',
  't-access:hidden-edge,t-access:open-a,t-access:open-b,ASSOCIATE_OF,FR,FR',
  't-access:fr-edge,t-access:open-a,t-access:open-b,MET,FR,DE',
  't-access:secret-end-edge,t-access:fr-secret,t-access:open-a,MET,,',
].join('\n')

let app: FastifyInstance

async function post(caller: Caller, filename: string, text: string, contentType = 'text/csv') {
  return app.inject({
    method: 'POST',
    url: '/api/import',
    query: { filename, source: SOURCE },
    headers: { ...bearer(caller.role, caller.ncb), 'content-type': contentType },
    payload: text,
  })
}

async function importAs(caller: Caller, filename: string, text: string, contentType = 'text/csv'): Promise<Report> {
  const response = await post(caller, filename, text, contentType)

  if (response.statusCode !== 200) {
    throw new Error(`Importing ${filename} failed with status ${response.statusCode}: ${response.body}`)
  }
  return response.json<Report>()
}

/** Reads a stored record's properties straight from Neo4j, as nothing hides them there. */
async function stored(id: string): Promise<Record<string, unknown> | undefined> {
  const result = await app.database.driver.executeQuery(
    'MATCH (n:Entity {id: $id}) RETURN properties(n) AS properties, labels(n) AS labels ' +
      'UNION ALL MATCH ()-[r {id: $id}]->() RETURN properties(r) AS properties, [type(r)] AS labels',
    { id },
    { database: app.config.neo4j.database },
  )
  const record = result.records[0]
  return record === undefined ? undefined : { ...record.get('properties'), labels: record.get('labels') }
}

t.before(async () => {
  app = await buildTestApp()
})

t.beforeEach(async () => {
  await removeFixtures(app, PREFIX)
  const nodes = await importAs(ADMIN, 't-access-nodes.csv', `${FIXTURE_NODES}\n`)
  const edges = await importAs(ADMIN, 't-access-edges.csv', `${FIXTURE_EDGES}\n`)
  if (nodes.rejectedCount + edges.rejectedCount > 0) {
    throw new Error(`Fixtures rejected: ${JSON.stringify([...nodes.rejected, ...edges.rejected])}`)
  }
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await app.close()
})

t.test('hidden node neither changed nor revealed', async (t) => {
  const text = [
    'id,type,name',
    't-access:fr-secret,Person,Overwritten By DE',
    't-access:fr-secret-group,Group,Fresh Group',
  ].join('\n')
  const relabel = 'id,type,name\nt-access:fr-secret,Group,Relabelled By DE\n'

  const report = await importAs(DE_EDITOR, 't-access-hidden.csv', `${text}\n`)
  const relabelled = await importAs(DE_EDITOR, 't-access-relabel.csv', relabel)
  const secret = await stored('t-access:fr-secret')

  t.same(report.nodes, { created: 1, updated: 0, unchanged: 0 }, 'the other row is stored')
  t.same(report.rejected, [
    { file: 't-access-hidden.csv', line: 2, id: 't-access:fr-secret', reason: 'id "t-access:fr-secret" cannot be written' },
  ])
  t.equal(relabelled.rejected[0]?.reason, 'id "t-access:fr-secret" cannot be written', 'another label gets the same reason')
  t.equal(secret?.name, 'French Secret', 'name unchanged')
  t.equal(secret?.ownerNcb, 'FR', 'owner unchanged')
  t.same(secret?.restrictedTo, ['FR'], 'restriction unchanged')
  t.same(secret?.labels, ['Entity', 'Person'], 'label unchanged')
})

t.test('visible node of another country unchanged', async (t) => {
  const text = 'id,type,name,ownerNcb,restrictedTo\nt-access:fr-shared,Person,Unrestricted By DE,,\n'

  const report = await importAs(DE_EDITOR, 't-access-shared.csv', text)
  const shared = await stored('t-access:fr-shared')

  t.equal(report.rejectedCount, 1)
  t.equal(report.rejected[0]?.reason, 'id "t-access:fr-shared" is owned by FR; only FR or an admin may change it')
  t.equal(report.rejected[0]?.line, 2)
  t.equal(shared?.name, 'French Shared', 'name unchanged')
  t.same(shared?.restrictedTo, ['DE'], 'restriction unchanged')
})

t.test('another label of a visible node named', async (t) => {
  const report = await importAs(DE_EDITOR, 't-access-label.csv', 'id,type,name\nt-access:open-a,Group,Open A Group\n')

  t.equal(report.rejected[0]?.reason, 'id "t-access:open-a" already belongs to a Person node')
})

t.test('owner country may change its node', async (t) => {
  const text = 'id,type,name,ownerNcb,restrictedTo\nt-access:fr-secret,Person,French Secret Renamed,,\n'

  const report = await importAs(FR_EDITOR, 't-access-owner.csv', text)
  const secret = await stored('t-access:fr-secret')

  t.same(report.nodes, { created: 0, updated: 1, unchanged: 0 })
  t.same(report.rejected, [])
  t.equal(secret?.name, 'French Secret Renamed')
  t.equal(secret?.ownerNcb, 'FR', 'empty owner becomes the caller country')
  t.same(secret?.restrictedTo, [], 'the owner may lift the restriction')
})

t.test('admin may change any node', async (t) => {
  const text = 'id,type,name,ownerNcb,restrictedTo\nt-access:fr-secret,Person,Changed By Admin,IT,IT\n'

  const report = await importAs(ADMIN, 't-access-admin.csv', text)
  const secret = await stored('t-access:fr-secret')

  t.same(report.nodes, { created: 0, updated: 1, unchanged: 0 })
  t.equal(secret?.ownerNcb, 'IT', 'an admin sets any owner')
  t.same(secret?.restrictedTo, ['IT'])
})

t.test('open node changed by an editor', async (t) => {
  const report = await importAs(DE_EDITOR, 't-access-open.csv', 'id,type,name\nt-access:open-c,Person,Open C Renamed\n')
  const open = await stored('t-access:open-c')

  t.same(report.nodes, { created: 0, updated: 1, unchanged: 0 })
  t.equal(open?.name, 'Open C Renamed')
  t.equal(open?.ownerNcb, undefined, 'it stays open data: the editor does not take it over')

  const narrowed = await importAs(
    DE_EDITOR,
    't-access-open.csv',
    'id,type,name,restrictedTo,informantNote\nt-access:open-c,Person,Open C Renamed,DE,informant DE-7 says so\n',
  )
  t.same(narrowed.nodes, { created: 0, updated: 0, unchanged: 0 }, 'the row that asks for a restriction is not written')
  t.equal(narrowed.rejected.length, 1)
  t.match(narrowed.rejected[0]?.reason, 'id "t-access:open-c" is open data; only an admin may restrict it')
  const after = await stored('t-access:open-c')
  t.same(after?.restrictedTo, [], 'nor can the editor hide it from others')
  t.equal(after?.informantNote, undefined, 'and the note meant for one country is not published to all')

  const dated = await importAs(DE_EDITOR, 't-access-open.csv', 'id,type,name,expiresAt\nt-access:open-c,Person,Open C Renamed,2030-01-01\n')
  t.match(dated.rejected[0]?.reason, 'change its reviewAt or expiresAt', 'an expiry on open data is refused too')
})

t.test('an editor updates open data that is due for review without restating the date', async (t) => {
  await importAs(ADMIN, 't-access-review.csv', 'id,type,name,reviewAt\nt-access:open-r,Person,Open R,2020-01-01\n')
  const report = await importAs(DE_EDITOR, 't-access-review.csv', 'id,type,name\nt-access:open-r,Person,Open R Renamed\n')
  t.same(report.rejected, [], 'a file without reviewAt asks for no change to it')
  t.same(report.nodes, { created: 0, updated: 1, unchanged: 0 })
  const record = await stored('t-access:open-r')
  t.equal(record?.name, 'Open R Renamed')
  t.match(String(record?.reviewAt), /^2020-01-01T00:00:00/, 'the review date stays')
})

t.test('non-admin rows belong to the caller country', async (t) => {
  const text = [
    'id,type,name,ownerNcb',
    't-access:de-new-empty,Person,DE New Empty,',
    't-access:de-new-own,Person,DE New Own,DE',
    't-access:de-new-foreign,Person,DE New Foreign,FR',
  ].join('\n')

  const report = await importAs(DE_EDITOR, 't-access-owners.csv', `${text}\n`)

  t.same(report.nodes, { created: 2, updated: 0, unchanged: 0 })
  t.equal((await stored('t-access:de-new-empty'))?.ownerNcb, 'DE', 'empty owner becomes DE')
  t.equal((await stored('t-access:de-new-own'))?.ownerNcb, 'DE')
  t.equal(await stored('t-access:de-new-foreign'), undefined, 'foreign owner not stored')
  t.equal(report.rejected[0]?.line, 4)
  t.match(report.rejected[0]?.reason, 'Invalid ownerNcb "FR"')
  t.match(report.rejected[0]?.reason, 'set DE')
})

t.test('caller without country imports open data', async (t) => {
  const text = ['id,type,name,ownerNcb', 't-access:open-new,Person,Open New,', 't-access:open-foreign,Person,Open Foreign,FR'].join('\n')

  const report = await importAs(EDITOR_WITHOUT_COUNTRY, 't-access-nocountry.csv', `${text}\n`)

  t.same(report.nodes, { created: 1, updated: 0, unchanged: 0 })
  t.equal((await stored('t-access:open-new'))?.ownerNcb, undefined, 'no owner stored')
  t.equal(await stored('t-access:open-foreign'), undefined)
  t.match(report.rejected[0]?.reason, 'Invalid ownerNcb "FR"')
  t.match(report.rejected[0]?.reason, 'open data')
})

t.test('hidden endpoint reported as missing', async (t) => {
  const text = [
    'source,target,type',
    't-access:fr-secret,t-access:open-a,ASSOCIATE_OF',
    't-access:nowhere,t-access:open-a,ASSOCIATE_OF',
    't-access:open-a,t-access:fr-secret,ASSOCIATE_OF',
    't-access:open-a,t-access:fr-shared,ASSOCIATE_OF',
  ].join('\n')

  const report = await importAs(DE_EDITOR, 't-access-ends.csv', `${text}\n`)
  const links = await app.database.driver.executeQuery(
    'MATCH (:Entity {id: $id})-[r:ASSOCIATE_OF]-() RETURN count(r) AS count',
    { id: 't-access:fr-secret' },
    { database: app.config.neo4j.database },
  )

  t.same(report.relationships, { created: 1, updated: 0, unchanged: 0 }, 'the edge to a visible node is stored')
  t.same(
    report.rejected.map((rejection) => [rejection.line, rejection.reason]),
    [
      [2, 'source "t-access:fr-secret" is not a stored node'],
      [3, 'source "t-access:nowhere" is not a stored node'],
      [4, 'target "t-access:fr-secret" is not a stored node'],
    ],
  )
  t.equal(Number(links.records[0]?.get('count')), 0, 'no link to the hidden node')
})

t.test('hidden relationship neither changed nor revealed', async (t) => {
  const text = [
    'id,source,target,type',
    't-access:hidden-edge,t-access:open-a,t-access:open-b,ASSOCIATE_OF',
    't-access:hidden-edge,t-access:open-a,t-access:open-c,ASSOCIATE_OF',
    't-access:secret-end-edge,t-access:open-b,t-access:open-c,MET',
  ].join('\n')

  const report = await importAs(DE_EDITOR, 't-access-hidden-edges.csv', `${text}\n`)
  const hidden = await stored('t-access:hidden-edge')

  t.same(report.relationships, { created: 0, updated: 0, unchanged: 0 })
  t.same(
    report.rejected.map((rejection) => rejection.reason),
    [
      'id "t-access:hidden-edge" cannot be written',
      'Duplicate id "t-access:hidden-edge" in column "id": line 2 has the same id.',
      'id "t-access:secret-end-edge" cannot be written',
    ],
  )
  t.equal(hidden?.ownerNcb, 'FR', 'owner unchanged')
  t.same(hidden?.restrictedTo, ['FR'], 'restriction unchanged')
})

t.test('visible relationship conflicts named', async (t) => {
  const text = [
    'id,source,target,type,restrictedTo',
    't-access:fr-edge,t-access:open-a,t-access:open-b,MET,',
    't-access:fr-edge-moved,t-access:open-a,t-access:open-c,MET,',
  ].join('\n')
  const moved = 'id,source,target,type\nt-access:fr-edge,t-access:open-b,t-access:open-c,MET\n'

  const report = await importAs(DE_EDITOR, 't-access-visible-edges.csv', `${text}\n`)
  const movedReport = await importAs(DE_EDITOR, 't-access-moved-edge.csv', moved)
  const edge = await stored('t-access:fr-edge')

  t.same(report.relationships, { created: 1, updated: 0, unchanged: 0 })
  t.equal(report.rejected[0]?.reason, 'id "t-access:fr-edge" is owned by FR; only FR or an admin may change it')
  t.equal(movedReport.rejected[0]?.reason, 'id "t-access:fr-edge" already links "t-access:open-a" to "t-access:open-b"')
  t.same(edge?.restrictedTo, ['DE'], 'restriction unchanged')
})

t.test('bad country code rejected by the route', async (t) => {
  const text = 'id,type,name,ownerNcb,restrictedTo\nt-access:bad-owner,Person,Bad Owner,de,\nt-access:bad-list,Person,Bad List,,DE|fr\n'

  const report = await importAs(ADMIN, 't-access-codes.csv', text)

  t.same(report.nodes, { created: 0, updated: 0, unchanged: 0 })
  t.match(report.rejected[0]?.reason, 'Invalid ownerNcb "de"')
  t.match(report.rejected[1]?.reason, 'Invalid restrictedTo entry "fr"')
})

t.test('graph json body keeps its lines', async (t) => {
  const text = `{
  "nodes": [
    {"key": "t-access:json-good", "attributes": {"label": "Person", "name": "Json Good"}},
    {"key": "t-access:json-bad",
     "attributes": {"label": "Pirate", "name": "Json Bad"}},
    {"key": "t-access:json-big", "attributes": {"label": "Person", "name": "Json Big", "calls": 9007199254740993}}
  ]
}`

  const report = await importAs(DE_EDITOR, 't-access.json', text, 'application/json')

  t.same(report.nodes, { created: 1, updated: 0, unchanged: 0 })
  t.same(report.rejected.map((rejection) => rejection.line), [4, 6])
  t.match(report.rejected[1]?.reason, 'Integer 9007199254740993 in attribute "calls"', 'the number as written')
})

t.test('graph json syntax error reports its line', async (t) => {
  const response = await post(DE_EDITOR, 't-access-broken.json', '{\n  "nodes": [\n    {"key": "x",,}\n  ]\n}', 'application/json')

  t.equal(response.statusCode, 200)
  t.equal(response.json<Report>().rejected[0]?.line, 3)
})

t.test('json content type kept for other routes', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/queries/group-members',
    headers: { ...bearer('analyst'), 'content-type': 'application/json' },
    payload: { parameters: { id: 't-access:open-a' } },
  })

  t.equal(response.statusCode, 200, 'other routes still parse JSON bodies')
})

t.test('rejected list capped with total', async (t) => {
  const badRows = Array.from({ length: REJECTED_LIST_LIMIT + 500 }, (_, index) => `t-access:cap-${index},Pirate,Capped ${index}`)
  const text = ['id,type,name', ...badRows, 't-access:cap-good,Person,Capped Good'].join('\n')

  const report = await importAs(ADMIN, 't-access-cap.csv', `${text}\n`)

  t.equal(report.rejectedCount, REJECTED_LIST_LIMIT + 500, 'count gives every rejected row')
  t.equal(report.rejected.length, REJECTED_LIST_LIMIT, 'list stops at the limit')
  t.equal(report.rejected[0]?.line, 2, 'list starts at the first row')
  t.equal(report.rejected.at(-1)?.line, REJECTED_LIST_LIMIT + 1, 'list keeps the first rows')
  t.same(report.nodes, { created: 1, updated: 0, unchanged: 0 }, 'the good row is stored')
})

