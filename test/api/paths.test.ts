/**
 * Shortest paths and neighbourhoods on a small hand-made network, including a restricted
 * node that sits on the only path.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'

// A chain a - b - c - d, a hub h with 30 spokes, an island i, and a restricted node r
// that is the only link between d and e.
const NODES = [
  'id,type,name,dataSource,ownerNcb,restrictedTo',
  't-path:a,Person,Anzor,t-path,,',
  't-path:b,Person,Badri,t-path,,',
  't-path:c,Company,Caspian Trade,t-path,,',
  't-path:d,Person,Dato,t-path,,',
  't-path:r,Person,Restricted Rostom,t-path,FR,FR',
  't-path:e,Person,Elguja,t-path,,',
  't-path:i,Person,Island Irakli,t-path,,',
  't-path:h,Person,Hub Hamlet,t-path,,',
  ...Array.from({ length: 30 }, (_, index) => `t-path:s${index},Person,Spoke ${index},t-path,,`),
].join('\n')

const EDGES = [
  'id,source,target,type,dataSource,ownerNcb,restrictedTo',
  't-path:ab,t-path:a,t-path:b,ASSOCIATE_OF,t-path,,',
  't-path:bc,t-path:b,t-path:c,OWNS,t-path,,',
  't-path:cd,t-path:c,t-path:d,MANAGES,t-path,,',
  't-path:dr,t-path:d,t-path:r,ASSOCIATE_OF,t-path,FR,FR',
  't-path:re,t-path:r,t-path:e,ASSOCIATE_OF,t-path,FR,FR',
  't-path:ah,t-path:a,t-path:h,ASSOCIATE_OF,t-path,,',
  ...Array.from({ length: 30 }, (_, index) => `t-path:hs${index},t-path:h,t-path:s${index},MEMBER_OF,t-path,,`),
].join('\n')

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  const nodes = await app.services.imports.importText(NODES, { file: 'path-nodes.csv', format: 'csv' })
  const edges = await app.services.imports.importText(EDGES, { file: 'path-edges.csv', format: 'csv' })
  if (nodes.rejected.length + edges.rejected.length > 0) {
    throw new Error(`fixture rejected: ${JSON.stringify([...nodes.rejected, ...edges.rejected])}`)
  }
})
t.teardown(() => app.close())

async function shortest(query: string, ncb: string | null = null) {
  const response = await app.inject({ url: `/api/paths/shortest?${query}`, headers: bearer('viewer', ncb) })
  return { status: response.statusCode, body: response.json() }
}

t.test('shortest path in order', async (t) => {
  const { status, body } = await shortest('from=t-path:a&to=t-path:d')
  t.equal(status, 200)
  t.equal(body.paths.length, 1)
  t.equal(body.paths[0].length, 3)
  t.same(body.paths[0].nodes, ['t-path:a', 't-path:b', 't-path:c', 't-path:d'])
  t.same(body.paths[0].relationships, ['t-path:ab', 't-path:bc', 't-path:cd'])
  t.equal(body.graph.nodes.length, 4)
  t.equal(body.graph.edges.length, 3)
})

t.test('maxHops below the length finds nothing', async (t) => {
  const { status, body } = await shortest('from=t-path:a&to=t-path:d&maxHops=2')
  t.equal(status, 200)
  t.same(body.paths, [])
})

t.test('types exclude a link on the path', async (t) => {
  const only = await shortest('from=t-path:a&to=t-path:d&types=ASSOCIATE_OF,OWNS')
  t.same(only.body.paths, [], 'without MANAGES there is no path')
  const excluded = await shortest('from=t-path:a&to=t-path:d&excludeTypes=OWNS')
  t.same(excluded.body.paths, [])
})

t.test('same node is a path of length 0', async (t) => {
  const { status, body } = await shortest('from=t-path:b&to=t-path:b')
  t.equal(status, 200)
  t.same(body.paths, [{ length: 0, nodes: ['t-path:b'], relationships: [] }])
})

t.test('unconnected nodes give an empty list', async (t) => {
  const started = Date.now()
  const { status, body } = await shortest('from=t-path:a&to=t-path:i&maxHops=10')
  t.equal(status, 200)
  t.same(body.paths, [])
  t.ok(Date.now() - started < 10_000, 'answers well within the transaction time limit')
})

t.test('unknown id is a 404', async (t) => {
  const { status, body } = await shortest('from=t-path:a&to=t-path:nobody')
  t.equal(status, 404)
  t.equal(body.code, 'MLN_NOT_FOUND')
  t.match(body.message, /"t-path:nobody"/)
})

t.test('restricted node blocks the path', async (t) => {
  const open = await shortest('from=t-path:d&to=t-path:e')
  t.equal(open.status, 200)
  t.same(open.body.paths, [], 'a caller without FR finds no path through the FR record')
  const france = await shortest('from=t-path:d&to=t-path:e', 'FR')
  t.equal(france.body.paths.length, 1, 'FR sees the path')
  t.same(france.body.paths[0].nodes, ['t-path:d', 't-path:r', 't-path:e'])
  const hidden = await shortest('from=t-path:d&to=t-path:r')
  t.equal(hidden.status, 404, 'the restricted end itself is not found')
})

t.test('neighbourhood by depth', async (t) => {
  const one = await app.inject({ url: '/api/graph/neighbourhood/t-path:b?depth=1', headers: bearer('viewer') })
  t.equal(one.statusCode, 200)
  t.same(one.json().graph.nodes.map((node: { key: string }) => node.key).sort(), ['t-path:a', 't-path:b', 't-path:c'])
  t.equal(one.json().truncated, false)
  const two = await app.inject({ url: '/api/graph/neighbourhood/t-path:b?depth=2&types=ASSOCIATE_OF,OWNS,MANAGES', headers: bearer('viewer') })
  t.same(two.json().graph.nodes.map((node: { key: string }) => node.key).sort(), ['t-path:a', 't-path:b', 't-path:c', 't-path:d', 't-path:h'])
  t.equal(two.json().graph.edges.length, 4, 'every link among the members')
})

t.test('neighbourhood of a hub respects the limit', async (t) => {
  const response = await app.inject({ url: '/api/graph/neighbourhood/t-path:h?depth=2&limit=10', headers: bearer('viewer') })
  t.equal(response.statusCode, 200)
  const body = response.json()
  t.equal(body.graph.nodes.length, 11, 'the hub and ten neighbours')
  t.equal(body.truncated, true)
})

t.test('neighbourhood hides restricted records', async (t) => {
  const open = await app.inject({ url: '/api/graph/neighbourhood/t-path:d?depth=2', headers: bearer('viewer') })
  t.notOk(open.json().graph.nodes.some((node: { key: string }) => node.key === 't-path:r'))
  const france = await app.inject({ url: '/api/graph/neighbourhood/t-path:d?depth=2', headers: bearer('viewer', 'FR') })
  t.ok(france.json().graph.nodes.some((node: { key: string }) => node.key === 't-path:r'))
  t.ok(france.json().graph.nodes.some((node: { key: string }) => node.key === 't-path:e'))
})
