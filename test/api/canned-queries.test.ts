/**
 * Canned queries return the right rows: crowning lineage, red notices by distance, and
 * account holders hidden when the holding is restricted.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'

const NODES = [
  'id,type,name,dataSource,ownerNcb,restrictedTo,kind,colour,status',
  't-canned:elder,Person,Elder Thief,t-canned,,,,,',
  't-canned:middle,Person,Middle Thief,t-canned,,,,,',
  't-canned:young,Person,Young Thief,t-canned,,,,,',
  't-canned:friend,Person,Friend,t-canned,,,,,',
  't-canned:red,Notice,Red notice 1,t-canned,,,notice,red,active',
  't-canned:acc-1,Account,Account one,t-canned,,,,,',
  't-canned:acc-2,Account,Account two,t-canned,,,,,',
  't-canned:secret,Person,Secret Holder,t-canned,FR,FR,,,',
].join('\n')

const EDGES = [
  'id,source,target,type,dataSource,ownerNcb,restrictedTo,date:date,place,amount,currency',
  't-canned:c1,t-canned:middle,t-canned:elder,CROWNED_BY,t-canned,,,2001-03-04,Tbilisi,,',
  't-canned:c2,t-canned:young,t-canned:middle,CROWNED_BY,t-canned,,,2010-07-08,Moscow,,',
  't-canned:f,t-canned:friend,t-canned:young,ASSOCIATE_OF,t-canned,,,,,,',
  't-canned:s,t-canned:young,t-canned:red,SUBJECT_OF,t-canned,,,,,,',
  't-canned:h1,t-canned:friend,t-canned:acc-1,HOLDS,t-canned,,,,,,',
  't-canned:h2,t-canned:secret,t-canned:acc-2,HOLDS,t-canned,FR,FR,,,,',
  't-canned:tx,t-canned:acc-1,t-canned:acc-2,TRANSFER,t-canned,,,1903-01-02,,250.00,GEL',
].join('\n')

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  const nodes = await app.services.imports.importText(NODES, { file: 'canned-nodes.csv', format: 'csv' })
  const edges = await app.services.imports.importText(EDGES, { file: 'canned-edges.csv', format: 'csv' })
  if (nodes.rejected.length + edges.rejected.length > 0) {
    throw new Error(`fixture rejected: ${JSON.stringify([...nodes.rejected, ...edges.rejected])}`)
  }
})
t.teardown(() => app.close())

async function run(name: string, parameters: Record<string, unknown>, ncb: string | null = null) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/queries/${name}`,
    headers: bearer('analyst', ncb),
    payload: { parameters },
  })
  if (response.statusCode !== 200) {
    throw new Error(`${name}: ${response.statusCode} ${response.body}`)
  }
  return response.json().rows as Record<string, unknown>[]
}

t.test('crowning lineage names each crowner', async (t) => {
  const rows = await run('crowning-lineage', { id: 't-canned:elder', depth: 2 })
  t.same(rows, [
    { id: 't-canned:middle', name: 'Middle Thief', generation: 1, crownedBy: 't-canned:elder', date: '2001-03-04', place: 'Tbilisi' },
    { id: 't-canned:young', name: 'Young Thief', generation: 2, crownedBy: 't-canned:middle', date: '2010-07-08', place: 'Moscow' },
  ])
  const one = await run('crowning-lineage', { id: 't-canned:elder', depth: 1 })
  t.equal(one.length, 1)
})

t.test('red notices counted by links to the person', async (t) => {
  const near = await run('red-notices-near', { id: 't-canned:friend', maxHops: 1 })
  t.same(near.map((row) => [row.id, row.distance]), [['t-canned:young', 1]])
  const self = await run('red-notices-near', { id: 't-canned:young', maxHops: 0 })
  t.same(self.map((row) => [row.id, row.distance]), [['t-canned:young', 0]])
  const far = await run('red-notices-near', { id: 't-canned:elder', maxHops: 1 })
  t.same(far, [], 'the elder is two links from the young thief')
})

t.test('restricted holders stay hidden', async (t) => {
  const parameters = { currency: 'GEL', since: '1903-01-02', until: '1903-01-02' }
  const open = await run('largest-transfers', parameters)
  t.equal(open.length, 1)
  t.same(open[0]?.fromHolders, ['Friend'])
  t.same(open[0]?.toHolders, [], 'the FR holding is not shown to others')
  const france = await run('largest-transfers', parameters, 'FR')
  t.same(france[0]?.toHolders, ['Secret Holder'])
})
