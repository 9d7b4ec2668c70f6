/**
 * POST /api/entities/merge and its undo on hand-made records: the merged record's names,
 * values and relationships move to the kept one, the undo restores a fingerprint of every
 * record exactly, and bad, hidden, foreign or changed records are refused.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { SEE_ALL } from '../../src/data/database.js'
import { fingerprint, type RecordState } from '../../src/services/merge-rules.js'
import { bearer, buildTestApp } from '../helpers/app.js'

// a and b are one thief under two spellings from two countries' files. b has a group, an
// associate x, a link to a, a self-loop and a transfer; h is visible to France alone.
const NODES = [
  'id,type,name,aliases:string[],born:date,nationality,height:int,dataSource,ownerNcb,restrictedTo',
  't-merge:a,Person,Aslan Usoyan,Аслан Усоян,1937-02-27,GE,,t-merge,,',
  't-merge:b,Person,Aslan Usojan,Ded Hasan,,RU,172,t-merge,,',
  't-merge:g,Group,Hasan clan,,,,,t-merge,,',
  't-merge:x,Person,Merab Shubladze,,,,,t-merge,,',
  't-merge:acc,Account,GE00TB0000000000000001,,,,,t-merge,,',
  't-merge:h,Person,Hidden Hasan,,,,,t-merge,FR,FR',
  't-merge:c,Person,Changed Keep,,,,,t-merge,,',
  't-merge:d,Person,Changed Merged,,,,,t-merge,,',
  't-merge:fr,Person,French Record,,,,,t-merge,FR,FR|DE',
  't-merge:de,Person,German Record,,,,,t-merge,DE,DE',
  't-merge:de2,Person,German Twin,,,,,t-merge,DE,DE',
  't-merge:grp,Group,Not A Person,,,,,t-merge,,',
  't-merge:op,Person,Open Unowned,,,,,t-merge,,',
  't-merge:fro,Person,Open French,,,,,t-merge,FR,',
  't-merge:op2,Person,Open Unowned Twin,,,,,t-merge,,',
  't-merge:fd1,Person,Shared French,,,,,t-merge,FR,FR|DE',
  't-merge:fd2,Person,Shared French Twin,,,,,t-merge,FR,FR|DE',
].join('\n')

const EDGES = [
  'id,source,target,type,amount,currency,dataSource,ownerNcb,restrictedTo',
  't-merge:m1,t-merge:b,t-merge:g,MEMBER_OF,,,t-merge,,',
  't-merge:s1,t-merge:x,t-merge:b,ASSOCIATE_OF,,,t-merge,,',
  't-merge:s2,t-merge:a,t-merge:b,ASSOCIATE_OF,,,t-merge,,',
  't-merge:c1,t-merge:b,t-merge:b,CALLED,,,t-merge,,',
  't-merge:h1,t-merge:b,t-merge:acc,HOLDS,,,t-merge,,',
  't-merge:t1,t-merge:acc,t-merge:x,TRANSFER,1500000.25,EUR,t-merge,,',
  't-merge:m2,t-merge:a,t-merge:g,MEMBER_OF,,,t-merge,,',
  't-merge:hx,t-merge:b,t-merge:h,ASSOCIATE_OF,,,t-merge,FR,FR',
].join('\n')

const IDS = NODES.split('\n').slice(1).map((row) => row.split(',')[0]!)

let app: FastifyInstance

/** Removes what an earlier run left: the fixture's records, merges and snapshots. */
async function removeFixture(): Promise<void> {
  const session = app.database.driver.session()
  try {
    await session.run(
      `MATCH (n) WHERE (n:Entity AND n.source = 't-merge') OR (n:MergeSnapshot AND n.source = 't-merge')
         OR (n:Merge AND n.keepId STARTS WITH 't-merge:')
       DETACH DELETE n`,
    )
  } finally {
    await session.close()
  }
}

t.before(async () => {
  app = await buildTestApp()
  await removeFixture()
  const nodes = await app.services.imports.importText(NODES, { file: 'merge-nodes.csv', format: 'csv' })
  const edges = await app.services.imports.importText(EDGES, { file: 'merge-edges.csv', format: 'csv' })
  if (nodes.rejectedCount + edges.rejectedCount > 0) {
    throw new Error(`fixture rejected: ${JSON.stringify([...nodes.rejected, ...edges.rejected])}`)
  }
})
t.teardown(() => app.close())

/** Fingerprints every fixture record with its relationships: labels, properties and types. */
async function graphFingerprint(): Promise<string[]> {
  const prints: string[] = []
  for (const id of IDS) {
    const result = await app.database.read('merge/state', { id }, SEE_ALL)
    const record = result.records[0]
    prints.push(
      record === undefined
        ? `${id}: missing`
        : `${id}: ${fingerprint({
            labels: record.get('labels') as string[],
            properties: record.get('properties') as Record<string, unknown>,
            relationships: record.get('relationships') as RecordState['relationships'],
          })}`,
    )
  }
  return prints
}

function merge(keep: unknown, merged: unknown, role: 'editor' | 'admin' | 'viewer' = 'editor', ncb: string | null = null) {
  return app.inject({ method: 'POST', url: '/api/entities/merge', headers: bearer(role, ncb), payload: { keep, merge: merged } })
}

function undo(id: string, role: 'editor' | 'admin' = 'editor', ncb: string | null = null) {
  return app.inject({ method: 'POST', url: `/api/entities/merge/${id}/undo`, headers: bearer(role, ncb) })
}

async function entity(id: string) {
  const response = await app.inject({ url: `/api/entities/${encodeURIComponent(id)}`, headers: bearer('admin') })
  return { status: response.statusCode, body: response.json() }
}

t.test('merge then undo restores the graph', async (t) => {
  const before = await graphFingerprint()

  const refused = await merge('t-merge:a', 't-merge:b')
  t.equal(refused.statusCode, 409, 'an editor may not move the relationship only France sees')
  t.match(refused.json().message, 'only their owner country or an admin may change')
  t.same(await graphFingerprint(), before, 'the refused merge changed nothing')

  const merged = await merge('t-merge:a', 't-merge:b', 'admin')
  t.equal(merged.statusCode, 200, merged.body)
  const body = merged.json()
  t.equal(body.merge.keepId, 't-merge:a')
  t.equal(body.merge.mergedId, 't-merge:b')
  t.equal(body.merge.status, 'merged')
  t.equal(body.count, 8, 'the kept record, the merged one and the 6 moved relationships the caller sees')
  t.equal(body.relationships, 6, 'every relationship moves, the one only France sees too')
  t.same(body.entity.properties.aliases, ['Аслан Усоян', 'Aslan Usojan', 'Ded Hasan'], 'names become aliases')
  t.equal(body.entity.properties.nationality, 'GE', 'the kept value wins')
  t.equal(body.entity.properties.height, 172, 'a value only b had is copied')
  t.same(body.entity.properties.mergedIds, ['t-merge:b'])

  const sources = JSON.parse(body.entity.properties.valueSources as string) as { property: string; value: unknown; record: string }[]
  t.same(
    sources.filter((entry) => entry.property === 'nationality').map((entry) => [entry.value, entry.record]),
    [['GE', 't-merge:a'], ['RU', 't-merge:b']],
    'both nationalities kept with the record each came from',
  )

  t.equal((await entity('t-merge:b')).status, 404, 'the merged record is gone')
  const found = await app.inject({ url: '/api/search', query: { q: 'Дед Хасан', limit: '10' }, headers: bearer('viewer') })
  const hitIds = (found.json() as { results: { id: string }[] }).results.map((hit) => hit.id)
  t.ok(hitIds.includes('t-merge:a'), 'the merged alias is found in Cyrillic under the kept record')
  const kept = (await entity('t-merge:a')).body as { links: { type: string; count: number; outgoing: number; incoming: number }[] }
  const link = (type: string) => kept.links.find((item) => item.type === type)
  t.same(link('MEMBER_OF'), { type: 'MEMBER_OF', count: 2, outgoing: 2, incoming: 0 }, 'both memberships on the kept record')
  t.same(link('HOLDS'), { type: 'HOLDS', count: 1, outgoing: 1, incoming: 0 })
  t.equal(link('CALLED')?.count, 1, 'the self-loop stays a self-loop')
  t.equal(link('ASSOCIATE_OF')?.count, 3, 'x, h and the link between a and b, now a self-loop')

  const listed = await app.inject({ url: '/api/entities/merges', headers: bearer('editor') })
  t.equal(listed.statusCode, 200)
  t.ok(listed.json().merges.some((item: { id: string }) => item.id === body.merge.id), 'the merge is listed')

  const undone = await undo(body.merge.id, 'admin')
  t.equal(undone.statusCode, 200, undone.body)
  t.equal(undone.json().merge.status, 'undone')
  t.same(await graphFingerprint(), before, 'ids, labels, properties and relationships as before')

  const again = await undo(body.merge.id, 'admin')
  t.equal(again.statusCode, 409, 'a merge is undone once')
})

t.test('merge refuses bad ids', async (t) => {
  const cases: { name: string; keep: unknown; merged: unknown; status: number; message: RegExp }[] = [
    { name: 'missing keep', keep: 't-merge:none', merged: 't-merge:b', status: 404, message: /t-merge:none/ },
    { name: 'missing merged', keep: 't-merge:a', merged: 't-merge:none', status: 404, message: /t-merge:none/ },
    { name: 'same id twice', keep: 't-merge:a', merged: 't-merge:a', status: 400, message: /two different ids/ },
    { name: 'empty id', keep: '', merged: 't-merge:a', status: 400, message: /keep/ },
    { name: 'number', keep: 7, merged: 't-merge:a', status: 400, message: /keep/ },
    { name: 'other label', keep: 't-merge:a', merged: 't-merge:grp', status: 400, message: /one label/ },
    { name: 'two groups', keep: 't-merge:g', merged: 't-merge:grp', status: 400, message: /"t-merge:g" is a Group; only Person and Company records merge/ },
  ]
  for (const item of cases) {
    const response = await merge(item.keep, item.merged)
    t.equal(response.statusCode, item.status, item.name)
    t.match(response.json().message, item.message, item.name)
  }

  const extra = await app.inject({
    method: 'POST',
    url: '/api/entities/merge',
    headers: bearer('editor'),
    payload: { keep: 't-merge:a', merge: 't-merge:b', force: true },
  })
  t.equal(extra.statusCode, 400)
  t.match(extra.json().message, /force/)
  t.equal((await merge('t-merge:a', 't-merge:b', 'viewer')).statusCode, 403, 'viewers may not merge')
  const missing = await undo('00000000-0000-4000-8000-000000000000')
  t.equal(missing.statusCode, 404, missing.body)
  t.equal((await undo('not-a-uuid')).statusCode, 400)
})

t.test('hidden record reads as missing', async (t) => {
  const response = await merge('t-merge:a', 't-merge:h', 'editor', 'DE')
  t.equal(response.statusCode, 404)
  t.match(response.json().message, /t-merge:h/)
  const fingerprintAfter = await graphFingerprint()
  t.notOk(fingerprintAfter.some((line) => line.endsWith('missing')), 'nothing was removed')
})

t.test('undo refused after a change', async (t) => {
  const merged = await merge('t-merge:c', 't-merge:d')
  t.equal(merged.statusCode, 200)
  await app.services.imports.importText('id,type,name,dataSource\nt-merge:c,Person,Changed Keep Renamed,t-merge', {
    file: 'change.csv',
    format: 'csv',
  })

  const response = await undo(merged.json().merge.id)
  t.equal(response.statusCode, 409)
  t.match(response.json().message, /changed since the merge/)
  t.equal((await entity('t-merge:d')).status, 404, 'the merged record stays merged')
})

t.test('audience never widens', async (t) => {
  const foreign = await merge('t-merge:de', 't-merge:fr', 'editor', 'DE')
  t.equal(foreign.statusCode, 403, 'a DE editor may not change a record FR owns')

  const different = await merge('t-merge:a', 't-merge:de', 'editor', 'DE')
  t.equal(different.statusCode, 409, 'an open and a restricted record need an admin')
  t.match(different.json().message, /different audiences/)

  const admin = await merge('t-merge:fr', 't-merge:de', 'admin')
  t.equal(admin.statusCode, 200, admin.body)
  t.same(admin.json().entity.provenance, { source: 't-merge', ownerNcb: 'DE', restrictedTo: ['DE'] }, 'only DE saw both')
  const asFrance = await app.inject({ url: '/api/entities/t-merge:fr', headers: bearer('viewer', 'FR') })
  t.equal(asFrance.statusCode, 404, 'France no longer sees the merged record')

  const same = await merge('t-merge:fr', 't-merge:de2', 'editor', 'DE')
  t.equal(same.statusCode, 200, 'a DE editor merges two records with the same DE audience')
  t.same(same.json().entity.provenance.restrictedTo, ['DE'])
})

t.test('an editor never gives an open record an owner', async (t) => {
  const response = await merge('t-merge:op', 't-merge:fro', 'editor', 'FR')
  t.equal(response.statusCode, 200, response.body)
  t.same(response.json().entity.provenance, { source: 't-merge', ownerNcb: null, restrictedTo: [] }, 'the kept record stays without owner')
  const russian = await app.services.imports.importText('id,type,name,dataSource\nt-merge:op,Person,Open Unowned Renamed,t-merge', {
    file: 'ru.csv',
    format: 'csv',
    caller: { viewer: { ncb: 'RU', all: false }, role: 'editor' },
  })
  t.equal(russian.rejectedCount, 0, 'another country may still update it')

  const admin = await merge('t-merge:op2', 't-merge:fro', 'admin')
  t.equal(admin.statusCode, 404, 'the French record was merged away')
})

t.test('undo refused to a foreign editor names the undo', async (t) => {
  const merged = await merge('t-merge:fd1', 't-merge:fd2', 'editor', 'FR')
  t.equal(merged.statusCode, 200, merged.body)
  const response = await undo(merged.json().merge.id, 'editor', 'DE')
  t.equal(response.statusCode, 403, 'a German editor sees the French merge but may not change it')
  t.equal(response.json().message, 'Record "t-merge:fd1" is owned by FR: only its editors or an admin may undo its merge.')
})
