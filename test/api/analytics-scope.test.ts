/**
 * Orientation, weights and scope of the analytics routes on a small hand-made network.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'

const NODES = `id,type,name,dataSource
t-scope:a,Person,Anna,t-scope
t-scope:b,Person,Boris,t-scope
t-scope:c,Company,Cobalt Ltd,t-scope
t-scope:d,Person,Dato,t-scope
`

// a→b twice (parallel), a→c, b→c; d is isolated. Weights read as strength or distance.
const EDGES = `id,source,target,type,weight,dataSource
t-scope:ab1,t-scope:a,t-scope:b,ASSOCIATE_OF,2,t-scope
t-scope:ab2,t-scope:a,t-scope:b,ASSOCIATE_OF,3,t-scope
t-scope:ac,t-scope:a,t-scope:c,OWNS,1,t-scope
t-scope:bc,t-scope:b,t-scope:c,ASSOCIATE_OF,4,t-scope
`

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  await app.services.imports.importText(NODES, { file: 'scope-nodes.csv' })
  await app.services.imports.importText(EDGES, { file: 'scope-edges.csv' })
})
t.teardown(() => app.close())

async function scores(query: string): Promise<Record<string, number>> {
  const response = await app.inject({ url: `/api/analytics/centrality?source=t-scope&${query}`, headers: bearer() })
  if (response.statusCode !== 200) {
    throw new Error(`${query}: ${response.statusCode} ${response.body}`)
  }
  const body = response.json() as { scores: { id: string; score: number }[] }
  return Object.fromEntries(body.scores.map((score) => [score.id.replace('t-scope:', ''), score.score]))
}

t.test('degree counts relationships by orientation', async (t) => {
  t.same(await scores('measure=degree&normalized=false&orientation=natural'), { a: 3, b: 1, c: 0, d: 0 })
  t.same(await scores('measure=degree&normalized=false&orientation=reverse'), { a: 0, b: 2, c: 2, d: 0 })
  t.same(await scores('measure=degree&normalized=false&orientation=undirected'), { a: 3, b: 3, c: 2, d: 0 })
})

t.test('weighted degree sums strengths', async (t) => {
  t.same(await scores('measure=degree&normalized=false&weighted=true&orientation=undirected'), { a: 6, b: 9, c: 5, d: 0 })
})

t.test('labels and types narrow the projection', async (t) => {
  const people = await scores('measure=degree&normalized=false&labels=Person')
  t.same(people, { a: 2, b: 2, d: 0 }, 'the company and its links drop out')
  const owns = await scores('measure=degree&normalized=false&types=OWNS')
  t.same(owns, { a: 1, b: 0, c: 1, d: 0 }, 'only the OWNS relationship counts')
})

t.test('betweenness reads weight as distance', async (t) => {
  // Undirected distances: a-b 2 (the shorter parallel), a-c 1, b-c 4. The shortest b-c path
  // goes through a (2 + 1 = 3 < 4), so a is the only broker.
  const weighted = await scores('measure=betweenness&normalized=false&weighted=true')
  t.equal(weighted.a, 1)
  t.equal(weighted.b, 0)
  t.equal(weighted.c, 0)
  const response = await app.inject({
    url: '/api/analytics/centrality?source=t-scope&measure=betweenness&weighted=true',
    headers: bearer(),
  })
  t.same(response.json().weight, { property: 'weight', meaning: 'distance' })
  t.same(response.json().projection.nodeCount, 4)
  t.same(response.json().projection.relationshipCount, 4)
})

t.test('components of the scoped network', async (t) => {
  const response = await app.inject({ url: '/api/analytics/communities?source=t-scope&algorithm=wcc', headers: bearer() })
  t.equal(response.statusCode, 200)
  const body = response.json() as { communities: { members: string[] }[]; communityCount: number }
  t.equal(body.communityCount, 2)
  t.same(body.communities[0]?.members, ['t-scope:a', 't-scope:b', 't-scope:c'])
  t.same(body.communities[1]?.members, ['t-scope:d'])
})

t.test('same seed, same louvain communities', async (t) => {
  const url = '/api/analytics/communities?source=t-scope&algorithm=louvain&seed=5'
  const first = await app.inject({ url, headers: bearer() })
  const second = await app.inject({ url, headers: bearer() })
  t.equal(first.statusCode, 200)
  t.same(first.json().communities, second.json().communities)
})

t.test('viewer may not run analytics', async (t) => {
  const response = await app.inject({ url: '/api/analytics/centrality?measure=degree', headers: bearer('viewer') })
  t.equal(response.statusCode, 403)
  t.equal(response.json().code, 'MLN_FORBIDDEN')
})

t.test('unknown measure names the parameter', async (t) => {
  const response = await app.inject({ url: '/api/analytics/centrality?measure=katz', headers: bearer() })
  t.equal(response.statusCode, 400)
  t.match(response.json().message, /"measure": "katz"; expected one of degree, betweenness/)
})

t.test('weight property without numbers', async (t) => {
  const response = await app.inject({
    url: '/api/analytics/centrality?source=t-scope&measure=pagerank&weighted=true&weightProperty=name',
    headers: bearer(),
  })
  t.equal(response.statusCode, 400)
  t.match(response.json().message, /"weightProperty": "name"; expected a relationship property that holds a number/)
})

t.test('eigenvector on a chain does not converge', async (t) => {
  const response = await app.inject({
    url: '/api/analytics/centrality?source=t-scope&measure=eigenvector&types=OWNS&orientation=natural',
    headers: bearer(),
  })
  t.equal(response.statusCode, 422)
  t.equal(response.json().code, 'MLN_NOT_CONVERGED')
})
