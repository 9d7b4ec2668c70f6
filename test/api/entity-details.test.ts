/**
 * GET /api/entities/:id on a hand-made person: link counts by type and direction, the
 * notices and diffusions about the person, and records restricted to France that other
 * callers must neither see listed nor find counted.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'

// Person p is a member of two open groups, and of a third through a FR-only relationship.
// p is an associate of q (q -> p), of s (p -> s) and of the FR-only person r, and has a
// self-loop of CALLED. p is the subject of two open notices, of one FR-only notice, and of
// one open notice behind a FR-only link.
const NODES = [
  'id,type,name,aliases:string[],kind,colour,status,issuedBy,issuedAt:date,offence,dataSource,ownerNcb,restrictedTo',
  't-ent:p,Person,Zurab Tsereteli,Зураб Церетели|ზურაბ წერეთელი,,,,,,,t-ent,GE,',
  't-ent:g1,Group,Kutaisi clan,,,,,,,,t-ent,,',
  't-ent:g2,Group,Tbilisi clan,,,,,,,,t-ent,,',
  't-ent:g3,Group,Paris cell,,,,,,,,t-ent,,',
  't-ent:q,Person,Quji Kvaratskhelia,,,,,,,,t-ent,,',
  't-ent:s,Person,Soso Beridze,,,,,,,,t-ent,,',
  't-ent:r,Person,Restricted Rezo,,,,,,,,t-ent,FR,FR',
  't-ent:n1,Notice,Red notice 2021/00001,,notice,red,active,GE,2021-03-04,extortion,t-ent,,',
  't-ent:n2,Notice,Blue diffusion 2023/00002,,diffusion,blue,active,DE,2023-01-02,,t-ent,,',
  't-ent:n3,Notice,Green notice 2022/00003,,notice,green,active,FR,2022-05-06,,t-ent,FR,FR',
  't-ent:n4,Notice,Yellow notice 2020/00004,,notice,yellow,expired,IT,2020-07-08,,t-ent,,',
].join('\n')

const EDGES = [
  'id,source,target,type,dataSource,ownerNcb,restrictedTo',
  't-ent:m1,t-ent:p,t-ent:g1,MEMBER_OF,t-ent,,',
  't-ent:m2,t-ent:p,t-ent:g2,MEMBER_OF,t-ent,,',
  't-ent:m3,t-ent:p,t-ent:g3,MEMBER_OF,t-ent,FR,FR',
  't-ent:a1,t-ent:q,t-ent:p,ASSOCIATE_OF,t-ent,,',
  't-ent:a2,t-ent:p,t-ent:s,ASSOCIATE_OF,t-ent,,',
  't-ent:a3,t-ent:p,t-ent:r,ASSOCIATE_OF,t-ent,,',
  't-ent:c1,t-ent:p,t-ent:p,CALLED,t-ent,,',
  't-ent:s1,t-ent:p,t-ent:n1,SUBJECT_OF,t-ent,,',
  't-ent:s2,t-ent:p,t-ent:n2,SUBJECT_OF,t-ent,,',
  't-ent:s3,t-ent:p,t-ent:n3,SUBJECT_OF,t-ent,,',
  't-ent:s4,t-ent:p,t-ent:n4,SUBJECT_OF,t-ent,FR,FR',
].join('\n')

interface LinkCount {
  type: string
  count: number
  outgoing: number
  incoming: number
}

interface Notice {
  id: string
  name: string
  kind: string | null
  colour: string | null
  status: string | null
  issuedBy: string | null
  issuedAt: string | null
  properties: Record<string, unknown>
}

interface EntityBody {
  id: string
  name: string
  properties: Record<string, unknown>
  provenance: { source: string | null; ownerNcb: string | null; restrictedTo: string[] }
  links: LinkCount[]
  notices: Notice[]
}

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  const nodes = await app.services.imports.importText(NODES, { file: 'entity-nodes.csv', format: 'csv' })
  const edges = await app.services.imports.importText(EDGES, { file: 'entity-edges.csv', format: 'csv' })
  if (nodes.rejected.length + edges.rejected.length > 0) {
    throw new Error(`fixture rejected: ${JSON.stringify([...nodes.rejected, ...edges.rejected])}`)
  }
})
t.teardown(() => app.close())

async function entity(id: string, ncb: string | null = null, role: 'viewer' | 'admin' = 'viewer') {
  const response = await app.inject({ url: `/api/entities/${encodeURIComponent(id)}`, headers: bearer(role, ncb) })
  return { status: response.statusCode, body: response.json() as EntityBody }
}

function linkOf(body: EntityBody, type: string): LinkCount | undefined {
  return body.links.find((link) => link.type === type)
}

t.test('properties and provenance', async (t) => {
  const { status, body } = await entity('t-ent:p')
  t.equal(status, 200)
  t.equal(body.name, 'Zurab Tsereteli')
  t.same(body.properties.aliases, ['Зураб Церетели', 'ზურაბ წერეთელი'])
  t.same(body.provenance, { source: 't-ent', ownerNcb: 'GE', restrictedTo: [] })
})

t.test('links counted by type and direction', async (t) => {
  const { body } = await entity('t-ent:p')
  t.same(
    body.links.map((link) => link.type),
    ['ASSOCIATE_OF', 'MEMBER_OF', 'SUBJECT_OF', 'CALLED'],
    'most links first, equal counts by type name',
  )
  t.same(linkOf(body, 'MEMBER_OF'), { type: 'MEMBER_OF', count: 2, outgoing: 2, incoming: 0 })
  t.same(linkOf(body, 'ASSOCIATE_OF'), { type: 'ASSOCIATE_OF', count: 2, outgoing: 1, incoming: 1 })
  t.same(linkOf(body, 'SUBJECT_OF'), { type: 'SUBJECT_OF', count: 2, outgoing: 2, incoming: 0 })
  t.same(linkOf(body, 'CALLED'), { type: 'CALLED', count: 1, outgoing: 1, incoming: 1 }, 'a self-loop counts once')
})

t.test('notices newest first with their fields', async (t) => {
  const { body } = await entity('t-ent:p')
  t.equal(body.notices.length, 2)
  const [blue, red] = body.notices
  t.equal(blue?.id, 't-ent:n2')
  t.equal(blue?.kind, 'diffusion')
  t.equal(blue?.colour, 'blue')
  t.equal(blue?.issuedBy, 'DE')
  t.equal(blue?.issuedAt, '2023-01-02')
  t.equal(red?.id, 't-ent:n1')
  t.equal(red?.name, 'Red notice 2021/00001')
  t.equal(red?.kind, 'notice')
  t.equal(red?.colour, 'red')
  t.equal(red?.status, 'active')
  t.equal(red?.issuedBy, 'GE')
  t.equal(red?.issuedAt, '2021-03-04')
  t.same(red?.properties, { offence: 'extortion' }, 'the remaining properties stay in properties')
})

t.test('restricted records neither listed nor counted', async (t) => {
  const { body } = await entity('t-ent:p')
  const ids = body.notices.map((notice) => notice.id)
  t.notOk(ids.includes('t-ent:n3'), 'the FR-only notice is not listed')
  t.notOk(ids.includes('t-ent:n4'), 'the notice behind a FR-only link is not listed')
  t.equal(linkOf(body, 'ASSOCIATE_OF')?.count, 2, 'the FR-only associate is not counted')
  t.equal(linkOf(body, 'MEMBER_OF')?.count, 2, 'the FR-only membership is not counted')

  const germany = await entity('t-ent:p', 'DE')
  t.equal(germany.body.notices.length, 2, 'another country sees the open notices only')
  t.equal(linkOf(germany.body, 'SUBJECT_OF')?.count, 2)
})

t.test('France sees its own records', async (t) => {
  const { body } = await entity('t-ent:p', 'FR')
  t.same(
    body.notices.map((notice) => notice.id),
    ['t-ent:n2', 't-ent:n3', 't-ent:n1', 't-ent:n4'],
  )
  t.same(linkOf(body, 'MEMBER_OF'), { type: 'MEMBER_OF', count: 3, outgoing: 3, incoming: 0 })
  t.same(linkOf(body, 'ASSOCIATE_OF'), { type: 'ASSOCIATE_OF', count: 3, outgoing: 2, incoming: 1 })
  t.same(linkOf(body, 'SUBJECT_OF'), { type: 'SUBJECT_OF', count: 4, outgoing: 4, incoming: 0 })
})

t.test('admin sees everything', async (t) => {
  const { body } = await entity('t-ent:p', null, 'admin')
  t.equal(body.notices.length, 4)
  t.equal(linkOf(body, 'ASSOCIATE_OF')?.count, 3)
})

t.test('notice counts its subject as incoming', async (t) => {
  const { status, body } = await entity('t-ent:n1')
  t.equal(status, 200)
  t.same(body.links, [{ type: 'SUBJECT_OF', count: 1, outgoing: 0, incoming: 1 }])
  t.same(body.notices, [], 'a notice is the subject of no notice')
})

t.test('restricted entity is not found', async (t) => {
  const hidden = await entity('t-ent:r')
  t.equal(hidden.status, 404)
  const france = await entity('t-ent:r', 'FR')
  t.equal(france.status, 200)
  t.same(france.body.links, [{ type: 'ASSOCIATE_OF', count: 1, outgoing: 0, incoming: 1 }])
})
