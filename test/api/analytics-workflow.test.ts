/**
 * Scopes, brokers, removal, write-back, caching and jobs through the API, on a small
 * network of two clans. Clan A is the triangle a-b-c with d tied to c, clan B the
 * triangle e-f-g, and d-e is the only tie between them.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { signToken } from '../../src/auth/tokens.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { TEST_SECRET } from '../helpers/neo4j.js'

const SOURCE = 't-flow'

const NODES = `id,type,name,country,dataSource
t-flow:a,Person,Anzor,GE,${SOURCE}
t-flow:b,Person,Badri,GE,${SOURCE}
t-flow:c,Person,Chichiko,GE,${SOURCE}
t-flow:d,Person,Dato,GE,${SOURCE}
t-flow:e,Person,Eduard,RU,${SOURCE}
t-flow:f,Person,Fyodor,RU,${SOURCE}
t-flow:g,Person,Gleb,RU,${SOURCE}
t-flow:clan-a,Group,Clan A,GE,${SOURCE}
t-flow:clan-b,Group,Clan B,RU,${SOURCE}
`

// Every tie dates from 2019 except the one between the clans, from mid-2021; a and b fell
// out at the end of 2020.
const EDGES = `id,source,target,type,since,until,dataSource
t-flow:ab,t-flow:a,t-flow:b,ASSOCIATE_OF,2019-01-01,2020-12-31,${SOURCE}
t-flow:bc,t-flow:b,t-flow:c,ASSOCIATE_OF,2019-01-01,,${SOURCE}
t-flow:ca,t-flow:c,t-flow:a,ASSOCIATE_OF,2019-01-01,,${SOURCE}
t-flow:cd,t-flow:c,t-flow:d,ASSOCIATE_OF,2019-01-01,,${SOURCE}
t-flow:de,t-flow:d,t-flow:e,ASSOCIATE_OF,2021-06-01,,${SOURCE}
t-flow:ef,t-flow:e,t-flow:f,ASSOCIATE_OF,2019-01-01,,${SOURCE}
t-flow:fg,t-flow:f,t-flow:g,ASSOCIATE_OF,2019-01-01,,${SOURCE}
t-flow:ge,t-flow:g,t-flow:e,ASSOCIATE_OF,2019-01-01,,${SOURCE}
t-flow:ma,t-flow:a,t-flow:clan-a,MEMBER_OF,,,${SOURCE}
t-flow:mb,t-flow:b,t-flow:clan-a,MEMBER_OF,,,${SOURCE}
t-flow:mc,t-flow:c,t-flow:clan-a,MEMBER_OF,,,${SOURCE}
t-flow:md,t-flow:d,t-flow:clan-a,MEMBER_OF,,,${SOURCE}
t-flow:me,t-flow:e,t-flow:clan-b,MEMBER_OF,,,${SOURCE}
t-flow:mf,t-flow:f,t-flow:clan-b,MEMBER_OF,,,${SOURCE}
t-flow:mg,t-flow:g,t-flow:clan-b,MEMBER_OF,,,${SOURCE}
`

const TIES = `source=${SOURCE}&types=ASSOCIATE_OF&labels=Person`

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp({ config: { analyticsMaxWork: 20 } })
  await app.services.imports.importText(NODES, { file: 'flow-nodes.csv' })
  await app.services.imports.importText(EDGES, { file: 'flow-edges.csv' })
})
t.teardown(() => app.close())

async function get(url: string, headers = bearer()) {
  const response = await app.inject({ url, headers })
  return { status: response.statusCode, body: response.json() }
}

t.test('scopes narrow the projection and are echoed', async (t) => {
  const cases: [string, number, number][] = [
    [TIES, 7, 8],
    [`${TIES}&until=2021-01-01`, 7, 7],
    [`${TIES}&since=2021-01-01`, 7, 7],
    [`${TIES}&since=2020-01-01&until=2020-12-31`, 7, 7],
    [`source=${SOURCE}&types=ASSOCIATE_OF&group=t-flow:clan-a`, 4, 4],
    [`source=${SOURCE}&types=ASSOCIATE_OF&country=RU&labels=Person`, 3, 3],
    [`types=ASSOCIATE_OF&around=t-flow:a&radius=1`, 3, 3],
    [`types=ASSOCIATE_OF&around=t-flow:a&radius=3`, 5, 5],
  ]
  for (const [scope, nodes, relationships] of cases) {
    const { status, body } = await get(`/api/analytics/centrality?measure=degree&${scope}`)
    t.equal(status, 200, scope)
    t.equal(body.projection.nodeCount, nodes, `${scope}: ${nodes} nodes`)
    t.equal(body.projection.relationshipCount, relationships, `${scope}: ${relationships} relationships`)
  }
  const { body } = await get(`/api/analytics/centrality?measure=degree&normalized=false&${TIES}&until=2021-01-01`)
  t.equal(body.projection.until, '2021-01-01')
  const degree = (id: string) => body.scores.find((score: { id: string }) => score.id === id)?.score
  t.equal(degree('t-flow:d'), 1, 'before mid-2021 d knows only c')
  t.equal(degree('t-flow:e'), 2, 'before mid-2021 e knows only f and g')
})

t.test('bad scopes name the parameter', async (t) => {
  const cases: [string, RegExp][] = [
    [`measure=degree&since=2022-01-01&until=2021-01-01`, /"until"/],
    [`measure=degree&radius=2`, /"radius"/],
    [`measure=degree&around=t-flow:nobody`, /"around"/],
    [`measure=degree&country=georgia`, /"country"/],
    [`measure=degree&community=louvain:x`, /"community"/],
    [`measure=pagerank&${TIES}&seeds=t-flow:nobody`, /"seeds"/],
    [`measure=degree&samples=5`, /"samples"/],
    [`measure=kcore&normalized=true`, /"normalized"/],
    [`measure=degree&engine=gds`, /"engine"/],
    [`measure=degree&direction=in`, /"direction"/],
    [`measure=degree&group=t-flow:nobody`, /"group"/],
  ]
  for (const [query, parameter] of cases) {
    const { status, body } = await get(`/api/analytics/centrality?${query}`)
    t.equal(status, 400, query)
    t.match(body.message, parameter, `${query} names the parameter`)
  }
})

t.test('articulation points, bridges and brokerage roles', async (t) => {
  const points = await get(`/api/analytics/brokers?measure=articulation-points&${TIES}`)
  t.equal(points.status, 200)
  t.same(points.body.articulationPoints.map((node: { id: string }) => node.id).sort(), ['t-flow:c', 't-flow:d', 't-flow:e'])

  const bridges = await get(`/api/analytics/brokers?measure=bridges&${TIES}`)
  const pairs = bridges.body.bridges.map((pair: { source: string; target: string }) => [pair.source, pair.target].sort().join('|'))
  t.same(pairs.sort(), ['t-flow:c|t-flow:d', 't-flow:d|t-flow:e'])

  // Undirected, each open two-path counts both ways. d sits on c-d-e only: representative
  // one way, gatekeeper the other. e brokers d-e-f and d-e-g. c brokers a-c-d and b-c-d
  // inside clan A.
  const roles = await get(`/api/analytics/brokers?measure=brokerage&${TIES}`)
  t.equal(roles.status, 200)
  const of = (id: string) => roles.body.brokers.find((broker: { id: string }) => broker.id === id)
  t.match(of('t-flow:d'), { representative: 1, gatekeeper: 1, coordinator: 0, consultant: 0, liaison: 0, total: 2 })
  t.match(of('t-flow:e'), { representative: 2, gatekeeper: 2, total: 4 })
  t.match(of('t-flow:c'), { coordinator: 4, total: 4 })
  t.equal(of('t-flow:a'), undefined, 'a brokers nothing: its two neighbours are linked')
})

t.test('removing the link between the clans splits the network', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/analytics/disruption',
    headers: bearer(),
    payload: { remove: ['t-flow:d'], scope: { source: SOURCE, types: 'ASSOCIATE_OF', labels: ['Person'] } },
  })
  t.equal(response.statusCode, 200)
  const body = response.json()
  t.equal(body.originalLargestComponent, 7)
  t.equal(body.largestComponent, 3)
  t.equal(body.fraction, 3 / 7)
  t.equal(body.largestComponentPieces.length, 2, 'the largest component fell into two pieces')
  t.same(body.components.map((component: { members: string[] }) => component.members), [
    ['t-flow:a', 't-flow:b', 't-flow:c'],
    ['t-flow:e', 't-flow:f', 't-flow:g'],
  ])
})

t.test('write-back stores communities that a scope can then select', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/analytics/write-back',
    headers: bearer(),
    payload: { kind: 'communities', parameters: { algorithm: 'wcc', source: SOURCE, types: 'ASSOCIATE_OF', labels: 'Person', until: '2021-01-01' } },
  })
  t.equal(response.statusCode, 200)
  const written = response.json()
  t.equal(written.property, 'community_wcc')
  t.equal(written.network, 'open')
  // Before 2021 the seven persons and the seven ties other than d-e form the two clans.
  t.equal(written.projection.nodeCount, 7)
  t.equal(written.projection.relationshipCount, 7)
  t.equal(written.written, 7)
  t.equal(written.skipped, 0)

  const entity = await get('/api/entities/t-flow:e')
  const properties = entity.body.properties
  const community = properties.community_wcc as number
  t.type(community, 'number')
  t.match(properties.community_wcc_computedAt, /^\d{4}-\d{2}-\d{2}T/)
  t.match(JSON.parse(properties.community_wcc_parameters as string), { algorithm: 'wcc', until: '2021-01-01' })
  t.equal(properties.community_wcc_network, 'open')

  const scoped = await get(`/api/analytics/centrality?measure=degree&${TIES}&community=wcc:${community}`)
  t.equal(scoped.status, 200)
  t.same(scoped.body.scores.map((score: { id: string }) => score.id).sort(), ['t-flow:e', 't-flow:f', 't-flow:g'])
})

t.test('results are cached until the graph changes', async (t) => {
  const url = `/api/analytics/centrality?measure=pagerank&${TIES}`
  const first = await get(url)
  const second = await get(url)
  t.equal(second.body.cached, true)
  t.equal(second.body.graphVersion, first.body.graphVersion)
  t.same(second.body.scores, first.body.scores)

  // Any stored change, here a new note on one person, raises the graph version.
  await app.services.imports.importText(`id,type,name,note,dataSource\nt-flow:g,Person,Gleb,seen ${Date.now()},${SOURCE}\n`, { file: 'flow-more.csv' })
  const third = await get(url)
  t.equal(third.body.cached, false, 'an import empties the cache')
  t.ok(third.body.graphVersion > first.body.graphVersion, 'the graph version went up')
  t.same(third.body.scores, first.body.scores, 'the same graph gives the same scores')
})

t.test('long work runs as a job', async (t) => {
  const url = `/api/analytics/centrality?measure=betweenness&${TIES}`
  const rejected = await get(url)
  t.equal(rejected.status, 400)
  t.match(rejected.body.message, /POST \/api\/jobs/)

  const started = await app.inject({
    method: 'POST',
    url: '/api/jobs',
    headers: bearer(),
    payload: { kind: 'centrality', parameters: { measure: 'betweenness', source: SOURCE, types: ['ASSOCIATE_OF'], labels: 'Person', normalized: false, limit: 20 } },
  })
  t.equal(started.statusCode, 202)
  const id = started.json().id as string
  t.equal(started.headers.location, `/api/jobs/${id}`)

  let job = started.json()
  for (let attempt = 0; attempt < 200 && job.finishedAt === null; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    job = (await get(`/api/jobs/${id}`)).body
  }
  t.equal(job.status, 'succeeded')
  // Raw undirected betweenness counts the pairs a node separates: d separates {a,b,c}
  // from {e,f,g} (3 × 3 = 9), e separates {a,b,c,d} from {f,g} (4 × 2 = 8).
  const score = (node: string) => job.result.scores.find((entry: { id: string }) => entry.id === node)?.score
  t.equal(score('t-flow:d'), 9)
  t.equal(score('t-flow:e'), 8)
  t.equal(score('t-flow:c'), 8, 'c separates {a,b} from {d,e,f,g}: 2 × 4 pairs')
  t.equal(job.progress?.fraction, 1)

  const stranger = { authorization: `Bearer ${signToken(TEST_SECRET, { sub: 'someone-else', role: 'analyst', ncb: null, lifetimeSeconds: 600 })}` }
  t.equal((await get(`/api/jobs/${id}`, stranger)).status, 404, 'another subject cannot see the job')
  // The result was computed with the starter's visibility, so the same subject under
  // another country must not read it.
  const elsewhere = { authorization: `Bearer ${signToken(TEST_SECRET, { sub: 'test-analyst', role: 'analyst', ncb: 'DE', lifetimeSeconds: 600 })}` }
  t.equal((await get(`/api/jobs/${id}`, elsewhere)).status, 404, 'the same subject from another country cannot see the job')
  t.equal((await get(`/api/jobs/00000000-0000-4000-8000-000000000000`)).status, 404)
  t.equal((await get(`/api/jobs/not-a-job`)).status, 400)

  const bad = await app.inject({ method: 'POST', url: '/api/jobs', headers: bearer(), payload: { kind: 'centrality', parameters: { measure: 'fame' } } })
  t.equal(bad.statusCode, 400)
  t.match(bad.json().message, /parameters\.measure/)
})

t.test('a queued job can be cancelled', async (t) => {
  const payload = { kind: 'disruption', parameters: { measure: 'betweenness', scope: { source: SOURCE, types: 'ASSOCIATE_OF' } } }
  const [first, second] = await Promise.all([
    app.inject({ method: 'POST', url: '/api/jobs', headers: bearer(), payload }),
    app.inject({ method: 'POST', url: '/api/jobs', headers: bearer(), payload }),
  ])
  t.equal(first.statusCode, 202)
  const cancelled = await app.inject({ method: 'DELETE', url: `/api/jobs/${second.json().id}`, headers: bearer() })
  t.equal(cancelled.statusCode, 200)
  t.equal(cancelled.json().status, 'cancelled')
  t.equal(cancelled.json().error?.code, 'MLN_CANCELLED')
  let job = first.json()
  for (let attempt = 0; attempt < 200 && job.finishedAt === null; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    job = (await get(`/api/jobs/${job.id}`)).body
  }
  t.equal(job.status, 'succeeded', 'the first job still runs to the end')
  t.equal(job.result.steps[0].removed[0], 't-flow:d', 'd, on every path between the clans, goes first')
  t.equal((await get(`/api/jobs/${second.json().id}`)).body.status, 'cancelled')
})

t.test('contradicting fields are rejected', async (t) => {
  const communities = await get(`/api/analytics/communities?algorithm=wcc&resolution=2&${TIES}`)
  t.equal(communities.status, 400)
  t.match(communities.body.message, /"resolution"/)

  const seeded = await get(`/api/analytics/communities?algorithm=scc&seed=3&${TIES}`)
  t.equal(seeded.status, 400)
  t.match(seeded.body.message, /"seed"/)

  const mixed = await app.inject({
    method: 'POST',
    url: '/api/analytics/disruption',
    headers: bearer(),
    payload: { remove: ['t-flow:d'], measure: 'degree', scope: { source: SOURCE } },
  })
  t.equal(mixed.statusCode, 400)
  t.match(mixed.json().message, /"measure"/)

  const listForScalar = await app.inject({
    method: 'POST',
    url: '/api/analytics/disruption',
    headers: bearer(),
    payload: { remove: ['t-flow:d'], scope: { source: [SOURCE] } },
  })
  t.equal(listForScalar.statusCode, 400, 'a list where one dataset name is expected')
  t.match(listForScalar.json().message, /source/)
})

t.test('a canned query reads written-back scores', async (t) => {
  const written = await app.inject({
    method: 'POST',
    url: '/api/analytics/write-back',
    headers: bearer(),
    payload: { kind: 'centrality', parameters: { measure: 'kcore', source: SOURCE, types: 'ASSOCIATE_OF', labels: 'Person' } },
  })
  t.equal(written.statusCode, 200)
  t.equal(written.json().property, 'score_kcore')
  t.equal(written.json().network, 'open')
  t.equal(written.json().written, 7)

  const response = await app.inject({
    method: 'POST',
    url: '/api/queries/top-scored',
    headers: bearer(),
    payload: { parameters: { measure: 'kcore', label: 'Person', limit: 1000 } },
  })
  t.equal(response.statusCode, 200)
  const rows = (response.json().rows as { id: string; score: number; parameters: string }[]).filter((row) => row.id.startsWith('t-flow:'))
  // Every person has at least two ties, so all seven form a 2-core; no 3-core exists,
  // because only c and e have three ties.
  t.equal(rows.length, 7)
  t.same(rows.map((row) => row.score), [2, 2, 2, 2, 2, 2, 2])
  t.match(JSON.parse(rows[0]?.parameters ?? '{}'), { measure: 'kcore', source: SOURCE })
})
