/**
 * Record-level access on every read route, country by country. A small network imported
 * through `POST /api/import` contains open, owned, restricted and expired records of FR, DE and
 * IT, and each read route is asked by a caller of each country, by one without a country
 * and by an admin. Every expected id set and count is worked out in the comments next to
 * the fixture.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t from 'tap'

import type { Role } from '../../src/auth/tokens.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { removeFixtures } from '../routes/requests.js'

const PREFIX = 't-matrix:'
const SOURCE = 't-matrix'

interface Caller {
  name: string
  role: Role
  ncb: string | null
}

const FR: Caller = { name: 'FR', role: 'editor', ncb: 'FR' }
const DE: Caller = { name: 'DE', role: 'editor', ncb: 'DE' }
const IT: Caller = { name: 'IT', role: 'editor', ncb: 'IT' }
const NONE: Caller = { name: 'no country', role: 'editor', ncb: null }
const ADMIN: Caller = { name: 'admin', role: 'admin', ncb: null }
const CALLERS = [FR, DE, IT, NONE, ADMIN]

/**
 * Persons, accounts, a company and a place. Who sees which node:
 * - open-a, open-b, de-owned (owned by DE, but `restrictedTo` is empty, so open), acc-open,
 *   acc-de, company, paris: everyone;
 * - fr-hub, fr-review, acc-fr: FR only (restricted to FR);
 * - shared: DE and FR (owned by DE, restricted to DE and FR);
 * - it-secret: IT only;
 * - fr-expired: FR owns it, but it expired in 2020, so only admins see it.
 * `fr-review` was due for review on 2021-06-01 and expires in 2099.
 */
const NODES = [
  'id,type,name,country,latitude:float,longitude:float,ownerNcb,restrictedTo,reviewAt,expiresAt,dataSource',
  `${PREFIX}open-a,Person,Zorblat Open A,,,,,,,,${SOURCE}`,
  `${PREFIX}open-b,Person,Zorblat Open B,,,,,,,,${SOURCE}`,
  `${PREFIX}fr-hub,Person,Zorblat Hub,,,,FR,FR,,,${SOURCE}`,
  `${PREFIX}de-owned,Person,Zorblat German,,,,DE,,,,${SOURCE}`,
  `${PREFIX}it-secret,Person,Zorblat Italian,,,,IT,IT,,,${SOURCE}`,
  `${PREFIX}shared,Person,Zorblat Shared,,,,DE,DE|FR,,,${SOURCE}`,
  `${PREFIX}fr-expired,Person,Zorblat Expired,,,,FR,FR,,2020-01-01,${SOURCE}`,
  `${PREFIX}fr-review,Person,Zorblat Review,,,,FR,FR,2021-06-01,2099-01-01T00:00:00Z,${SOURCE}`,
  `${PREFIX}acc-open,Account,Matrix account IT,IT,,,,,,,${SOURCE}`,
  `${PREFIX}acc-fr,Account,Matrix account FR,FR,,,FR,FR,,,${SOURCE}`,
  `${PREFIX}acc-de,Account,Matrix account DE,DE,,,,,,,${SOURCE}`,
  `${PREFIX}company,Company,Matrix Holding,,,,,,,,${SOURCE}`,
  `${PREFIX}paris,Location,Paris,FR,48.8566,2.3522,,,,,${SOURCE}`,
].join('\n')

/**
 * Relationships, with who sees each (the relationship and both its ends):
 * - e1..e4 fr-hub to open-a, open-b, de-owned, shared: FR;
 * - e5 de-owned to shared: FR, DE;
 * - e6 it-secret to open-b: IT;
 * - e7 open-b to de-owned, restricted to IT: IT;
 * - e8 fr-expired to open-a: nobody but admins;
 * - e9 fr-review to shared, restricted to FR: FR;
 * - e10 open-a to open-b, open but expired in 2019: nobody but admins;
 * - t1 acc-open to acc-fr 1000 EUR: FR; t2 acc-fr to acc-de 900 EUR: FR;
 *   t3 acc-open to acc-de 50 EUR, restricted to DE: DE;
 * - o1 fr-hub owns 60 % of the company: FR; o2 de-owned owns 40 %: everyone;
 * - l1 fr-hub and l2 de-owned are located in Paris: FR for l1, everyone for l2.
 * Among persons FR sees e1-e5 and e9, DE e5, IT e6 and e7, no one else any.
 */
const EDGES = [
  'id,source,target,type,date:date,amount,currency,share,ownerNcb,restrictedTo,expiresAt,dataSource',
  `${PREFIX}e1,${PREFIX}fr-hub,${PREFIX}open-a,ASSOCIATE_OF,,,,,,,,${SOURCE}`,
  `${PREFIX}e2,${PREFIX}fr-hub,${PREFIX}open-b,ASSOCIATE_OF,,,,,,,,${SOURCE}`,
  `${PREFIX}e3,${PREFIX}fr-hub,${PREFIX}de-owned,ASSOCIATE_OF,,,,,,,,${SOURCE}`,
  `${PREFIX}e4,${PREFIX}fr-hub,${PREFIX}shared,ASSOCIATE_OF,,,,,,,,${SOURCE}`,
  `${PREFIX}e5,${PREFIX}de-owned,${PREFIX}shared,MET,,,,,,,,${SOURCE}`,
  `${PREFIX}e6,${PREFIX}it-secret,${PREFIX}open-b,MET,,,,,,,,${SOURCE}`,
  `${PREFIX}e7,${PREFIX}open-b,${PREFIX}de-owned,MET,,,,,IT,IT,,${SOURCE}`,
  `${PREFIX}e8,${PREFIX}fr-expired,${PREFIX}open-a,MET,,,,,,,,${SOURCE}`,
  `${PREFIX}e9,${PREFIX}fr-review,${PREFIX}shared,MET,,,,,FR,FR,,${SOURCE}`,
  `${PREFIX}e10,${PREFIX}open-a,${PREFIX}open-b,MET,,,,,,,2019-05-01T12:00:00Z,${SOURCE}`,
  `${PREFIX}t1,${PREFIX}acc-open,${PREFIX}acc-fr,TRANSFER,1999-03-10,1000.00,EUR,,,,,${SOURCE}`,
  `${PREFIX}t2,${PREFIX}acc-fr,${PREFIX}acc-de,TRANSFER,1999-03-12,900.00,EUR,,,,,${SOURCE}`,
  `${PREFIX}t3,${PREFIX}acc-open,${PREFIX}acc-de,TRANSFER,1999-03-11,50.00,EUR,,DE,DE,,${SOURCE}`,
  `${PREFIX}o1,${PREFIX}fr-hub,${PREFIX}company,OWNS,,,,0.6,,,,${SOURCE}`,
  `${PREFIX}o2,${PREFIX}de-owned,${PREFIX}company,OWNS,,,,0.4,,,,${SOURCE}`,
  `${PREFIX}l1,${PREFIX}fr-hub,${PREFIX}paris,LOCATED_IN,,,,,,,,${SOURCE}`,
  `${PREFIX}l2,${PREFIX}de-owned,${PREFIX}paris,LOCATED_IN,,,,,,,,${SOURCE}`,
].join('\n')

const PERSONS = ['open-a', 'open-b', 'fr-hub', 'de-owned', 'it-secret', 'shared', 'fr-expired', 'fr-review']
const OTHERS = ['acc-open', 'acc-fr', 'acc-de', 'company', 'paris']

/** The visible persons of each caller, without the prefix. */
const VISIBLE_PERSONS: Record<string, string[]> = {
  FR: ['de-owned', 'fr-hub', 'fr-review', 'open-a', 'open-b', 'shared'],
  DE: ['de-owned', 'open-a', 'open-b', 'shared'],
  IT: ['de-owned', 'it-secret', 'open-a', 'open-b'],
  'no country': ['de-owned', 'open-a', 'open-b'],
  admin: [...PERSONS].sort(),
}

/** The visible accounts, company and place of each caller. */
const VISIBLE_OTHERS: Record<string, string[]> = {
  FR: ['acc-de', 'acc-fr', 'acc-open', 'company', 'paris'],
  DE: ['acc-de', 'acc-open', 'company', 'paris'],
  IT: ['acc-de', 'acc-open', 'company', 'paris'],
  'no country': ['acc-de', 'acc-open', 'company', 'paris'],
  admin: [...OTHERS].sort(),
}

let app: FastifyInstance

function strip(id: string): string {
  return id.startsWith(PREFIX) ? id.slice(PREFIX.length) : id
}

function own(ids: string[]): string[] {
  return ids.filter((id) => id.startsWith(PREFIX)).map(strip).sort()
}

async function get(caller: Caller, url: string, query: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, query, headers: bearer(caller.role, caller.ncb) })
}

async function getJson<T>(caller: Caller, url: string, query: Record<string, string> = {}): Promise<T> {
  const response = await get(caller, url, query)
  if (response.statusCode !== 200) {
    throw new Error(`GET ${url} as ${caller.name} failed with status ${response.statusCode}: ${response.body}`)
  }
  return response.json<T>()
}

async function importAsAdmin(filename: string, text: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/import',
    query: { filename, source: SOURCE },
    headers: { ...bearer('admin'), 'content-type': 'text/csv' },
    payload: text,
  })
  if (response.statusCode !== 200) {
    throw new Error(`Importing ${filename} failed with status ${response.statusCode}: ${response.body}`)
  }
  return response.json<{ rejected: { line: number | null; reason: string }[] }>()
}

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, PREFIX)
  const nodes = await importAsAdmin('matrix-nodes.csv', NODES)
  const edges = await importAsAdmin('matrix-edges.csv', EDGES)
  if (nodes.rejected.length + edges.rejected.length > 0) {
    throw new Error(`The fixture has rejected rows: ${JSON.stringify([...nodes.rejected, ...edges.rejected])}`)
  }
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await app.close()
})

t.test('review dates stored as UTC datetimes', async (t) => {
  const result = await app.database.driver.executeQuery(
    'MATCH (n:Entity {id: $node}) MATCH ()-[r {id: $relationship}]->() ' +
      'RETURN n.expiresAt IS :: ZONED DATETIME AS nodeTyped, toString(n.expiresAt) AS nodeText, ' +
      'n.reviewAt IS :: ZONED DATETIME AS reviewTyped, toString(r.expiresAt) AS relationshipText',
    { node: `${PREFIX}fr-expired`, relationship: `${PREFIX}e10` },
    { database: app.config.neo4j.database },
  )
  const row = result.records[0]

  t.equal(row?.get('nodeTyped'), true)
  t.equal(row?.get('nodeText'), '2020-01-01T00:00:00Z')
  t.equal(row?.get('relationshipText'), '2019-05-01T12:00:00Z')

  const review = await app.database.driver.executeQuery(
    'MATCH (n:Entity {id: $id}) RETURN n.reviewAt IS :: ZONED DATETIME AS typed, toString(n.reviewAt) AS text',
    { id: `${PREFIX}fr-review` },
    { database: app.config.neo4j.database },
  )
  t.equal(review.records[0]?.get('typed'), true)
  t.equal(review.records[0]?.get('text'), '2021-06-01T00:00:00Z')
})

t.test('import rejects bad review dates by row', async (t) => {
  const csv = [
    'id,type,name,reviewAt,expiresAt,dataSource',
    `${PREFIX}bad-1,Person,Bad One,2027-02-30,,${SOURCE}`,
    `${PREFIX}bad-2,Person,Bad Two,,tomorrow,${SOURCE}`,
    `${PREFIX}bad-3,Person,Bad Three,,2027-01-01T10:00:00,${SOURCE}`,
    `${PREFIX}good-1,Person,Good One,2027-01-01T10:00:00+02:00,,${SOURCE}`,
  ].join('\n')

  const report = await importAsAdmin('matrix-bad.csv', csv)

  t.same(
    report.rejected.map((row) => row.line),
    [2, 3, 4],
  )
  t.match(report.rejected[0]?.reason, /Invalid reviewAt "2027-02-30"/)
  t.match(report.rejected[1]?.reason, /Invalid expiresAt "tomorrow"/)
  t.match(report.rejected[2]?.reason, /Invalid expiresAt "2027-01-01T10:00:00"/)

  const graph = await app.inject({
    method: 'POST',
    url: '/api/import',
    query: { filename: 'matrix-bad.json', source: SOURCE },
    headers: { ...bearer('admin'), 'content-type': 'application/json' },
    payload: JSON.stringify({
      nodes: [
        { key: `${PREFIX}bad-4`, attributes: { label: 'Person', name: 'Bad Four', expiresAt: 20270101 } },
        { key: `${PREFIX}good-2`, attributes: { label: 'Person', name: 'Good Two', expiresAt: '2099-12-31' } },
      ],
      edges: [],
    }),
  })
  const graphReport = graph.json<{ rejected: { reason: string }[]; nodes: { created: number } }>()

  t.equal(graph.statusCode, 200)
  t.equal(graphReport.rejected.length, 1)
  t.match(graphReport.rejected[0]?.reason, /Invalid attribute "expiresAt" 20270101/)
  t.equal(graphReport.nodes.created, 1)

  const stored = await app.database.driver.executeQuery(
    'MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, toString(coalesce(n.reviewAt, n.expiresAt)) AS at ORDER BY id',
    { ids: [`${PREFIX}good-1`, `${PREFIX}good-2`] },
    { database: app.config.neo4j.database },
  )
  t.same(
    stored.records.map((record) => [record.get('id'), record.get('at')]),
    [
      [`${PREFIX}good-1`, '2027-01-01T10:00:00+02:00'],
      [`${PREFIX}good-2`, '2099-12-31T00:00:00Z'],
    ],
  )
  await app.database.driver.executeQuery(
    'MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n',
    { ids: [`${PREFIX}good-1`, `${PREFIX}good-2`] },
    { database: app.config.neo4j.database },
  )
})

t.test('GET /api/entities/:id per country', async (t) => {
  for (const caller of CALLERS) {
    const visible = new Set([...VISIBLE_PERSONS[caller.name]!, ...VISIBLE_OTHERS[caller.name]!])
    for (const id of [...PERSONS, ...OTHERS]) {
      const response = await get(caller, `/api/entities/${encodeURIComponent(PREFIX + id)}`)

      t.equal(response.statusCode, visible.has(id) ? 200 : 404, `${caller.name} reads ${id}`)
    }
  }
})

t.test('entity links counted from visible records', async (t) => {
  const expected: Record<string, Record<string, number>> = {
    FR: { ASSOCIATE_OF: 1, MET: 1, OWNS: 1, LOCATED_IN: 1 },
    DE: { MET: 1, OWNS: 1, LOCATED_IN: 1 },
    IT: { MET: 1, OWNS: 1, LOCATED_IN: 1 },
    'no country': { OWNS: 1, LOCATED_IN: 1 },
    admin: { ASSOCIATE_OF: 1, MET: 2, OWNS: 1, LOCATED_IN: 1 },
  }
  for (const caller of CALLERS) {
    const entity = await getJson<{ links: { type: string; count: number }[] }>(caller, `/api/entities/${PREFIX}de-owned`)
    const counts = Object.fromEntries(entity.links.map((link) => [link.type, link.count]))

    t.same(counts, expected[caller.name], `${caller.name} counts the links of de-owned`)
  }
})

t.test('hidden ids get the 404 of unknown ids', async (t) => {
  const hidden = `${PREFIX}it-secret`
  const unknown = `${PREFIX}no-such-node`
  const routes: [string, (id: string) => [string, Record<string, string>]][] = [
    ['entity', (id) => [`/api/entities/${encodeURIComponent(id)}`, {}]],
    ['neighbourhood', (id) => [`/api/graph/neighbourhood/${encodeURIComponent(id)}`, {}]],
    ['path target', (id) => ['/api/paths/shortest', { from: `${PREFIX}open-a`, to: id }]],
    ['path source', (id) => ['/api/paths/shortest', { from: id, to: `${PREFIX}open-a` }]],
    ['money trace', (id) => ['/api/money/trace', { from: id }]],
    ['money flows', (id) => ['/api/money/flows', { from: id, to: `${PREFIX}acc-open` }]],
    ['money cycles', (id) => ['/api/money/cycles', { through: id }]],
    ['ownership', (id) => [`/api/ownership/ultimate/${encodeURIComponent(id)}`, {}]],
  ]
  for (const [name, request] of routes) {
    const [hiddenUrl, hiddenQuery] = request(hidden)
    const [unknownUrl, unknownQuery] = request(unknown)

    const hiddenResponse = await get(FR, hiddenUrl, hiddenQuery)
    const unknownResponse = await get(FR, unknownUrl, unknownQuery)

    t.equal(hiddenResponse.statusCode, 404, `${name}: a hidden id is a 404`)
    t.equal(unknownResponse.statusCode, 404, `${name}: an unknown id is a 404`)
    t.equal(
      hiddenResponse.body.replaceAll(hidden, 'ID'),
      unknownResponse.body.replaceAll(unknown, 'ID'),
      `${name}: both bodies read alike`,
    )
  }
  const visibleToIt = await get(IT, `/api/entities/${hidden}`)
  t.equal(visibleToIt.statusCode, 200)
})

t.test('GET /api/search per country', async (t) => {
  for (const caller of CALLERS) {
    const body = await getJson<{ results: { id: string }[] }>(caller, '/api/search', { q: 'Zorblat', type: 'Person', limit: '50' })

    t.same(own(body.results.map((hit) => hit.id)), VISIBLE_PERSONS[caller.name], `${caller.name} finds its persons`)
  }
})

t.test('GET /api/graph/neighbourhood per country', async (t) => {
  const expected: Record<string, string[]> = {
    FR: ['de-owned', 'fr-hub', 'shared'],
    DE: ['de-owned', 'shared'],
    IT: ['de-owned', 'open-b'],
    'no country': ['de-owned'],
    admin: ['de-owned', 'fr-hub', 'open-b', 'shared'],
  }
  for (const caller of CALLERS) {
    const body = await getJson<{ graph: { nodes: { key: string }[]; edges: { key: string }[] } }>(
      caller,
      `/api/graph/neighbourhood/${PREFIX}de-owned`,
      { depth: '1', types: 'ASSOCIATE_OF,MET' },
    )

    t.same(own(body.graph.nodes.map((node) => node.key)), expected[caller.name], `${caller.name} nodes`)
  }
  const italian = await getJson<{ graph: { edges: { key: string }[] } }>(IT, `/api/graph/neighbourhood/${PREFIX}open-b`, {
    depth: '2',
    types: 'ASSOCIATE_OF,MET',
  })
  t.same(own(italian.graph.edges.map((edge) => edge.key)), ['e6', 'e7'])
})

t.test('GET /api/graph/overview per country', async (t) => {
  for (const caller of CALLERS) {
    const body = await getJson<{ graph: { nodes: { key: string }[]; edges: { key: string }[] } }>(caller, '/api/graph/overview', {
      source: SOURCE,
      limit: '100',
    })
    const nodes = own(body.graph.nodes.map((node) => node.key))

    t.same(nodes, [...VISIBLE_PERSONS[caller.name]!, ...VISIBLE_OTHERS[caller.name]!].sort(), `${caller.name} nodes`)
  }
  const german = await getJson<{ graph: { edges: { key: string }[] } }>(DE, '/api/graph/overview', { source: SOURCE, limit: '100' })
  t.same(own(german.graph.edges.map((edge) => edge.key)), ['e5', 'l2', 'o2', 't3'])
})

t.test('overview order ignores hidden links', async (t) => {
  // DE sees three links of de-owned (e5, o2, l2) and one of acc-de (t3), acc-open (t3),
  // company (o2), paris (l2) and shared (e5); ties go by id. Counting hidden links as well
  // would put open-b (e2, e6, e7, e10) second, which DE sees without any link.
  const body = await getJson<{ graph: { nodes: { key: string }[] } }>(DE, '/api/graph/overview', { source: SOURCE, limit: '2' })

  t.same(own(body.graph.nodes.map((node) => node.key)), ['acc-de', 'de-owned'])
})

interface PathsBody {
  paths: { length: number; nodes: string[]; relationships: string[] }[]
}

t.test('GET /api/paths/shortest through a hidden hub', async (t) => {
  const expected: Record<string, string[][]> = {
    FR: [['open-a', 'fr-hub', 'open-b']],
    DE: [],
    IT: [],
    'no country': [],
    admin: [['open-a', 'open-b']],
  }
  for (const caller of CALLERS) {
    const body = await getJson<PathsBody>(caller, '/api/paths/shortest', { from: `${PREFIX}open-a`, to: `${PREFIX}open-b` })

    t.same(
      body.paths.map((path) => path.nodes.map(strip)),
      expected[caller.name],
      `${caller.name} path from open-a to open-b`,
    )
  }
  const french = await getJson<PathsBody>(FR, '/api/paths/shortest', { from: `${PREFIX}open-a`, to: `${PREFIX}open-b` })
  t.equal(french.paths[0]?.length, 2)
})

t.test('no path through a hidden relationship', async (t) => {
  const expected: Record<string, string[][]> = {
    FR: [['open-b', 'fr-hub', 'de-owned']],
    DE: [],
    IT: [['open-b', 'de-owned']],
    admin: [['open-b', 'de-owned']],
  }
  for (const caller of [FR, DE, IT, ADMIN]) {
    const body = await getJson<PathsBody>(caller, '/api/paths/shortest', {
      from: `${PREFIX}open-b`,
      to: `${PREFIX}de-owned`,
      types: 'ASSOCIATE_OF,MET',
    })

    t.same(
      body.paths.map((path) => path.nodes.map(strip)),
      expected[caller.name],
      `${caller.name} path from open-b to de-owned`,
    )
  }
  const all = await getJson<PathsBody>(DE, '/api/paths/shortest', {
    from: `${PREFIX}open-b`,
    to: `${PREFIX}de-owned`,
    all: 'true',
  })
  t.same(all.paths, [])
})

interface TraceBody {
  endpoints: { id: string; amount: string }[]
  counts: { transfers: number }
  total: string | null
}

t.test('GET /api/money/trace per country', async (t) => {
  const expected: Record<string, { endpoints: [string, string][]; transfers: number }> = {
    // FR: 1000 EUR to acc-fr, of which 900 went on to acc-de.
    FR: { endpoints: [['acc-de', '900.00'], ['acc-fr', '100.00']], transfers: 2 },
    DE: { endpoints: [['acc-de', '50.00']], transfers: 1 },
    IT: { endpoints: [], transfers: 0 },
    'no country': { endpoints: [], transfers: 0 },
    admin: { endpoints: [['acc-de', '950.00'], ['acc-fr', '100.00']], transfers: 3 },
  }
  for (const caller of CALLERS) {
    const body = await getJson<TraceBody>(caller, '/api/money/trace', { from: `${PREFIX}acc-open`, currency: 'EUR' })
    const endpoints = body.endpoints.map((endpoint) => [strip(endpoint.id), endpoint.amount]).sort()

    t.same(endpoints, expected[caller.name]!.endpoints, `${caller.name} endpoints`)
    t.equal(body.counts.transfers, expected[caller.name]!.transfers, `${caller.name} transfers`)
  }
})

t.test('GET /api/ownership/ultimate per country', async (t) => {
  const expected: Record<string, [string, number][]> = {
    FR: [['de-owned', 0.4], ['fr-hub', 0.6]],
    DE: [['de-owned', 0.4]],
    IT: [['de-owned', 0.4]],
    admin: [['de-owned', 0.4], ['fr-hub', 0.6]],
  }
  for (const caller of [FR, DE, IT, ADMIN]) {
    const body = await getJson<{ owners: { id: string; share: number }[] }>(caller, `/api/ownership/ultimate/${PREFIX}company`, {
      threshold: '0',
    })
    const owners = body.owners.map((owner) => [strip(owner.id), owner.share] as [string, number]).sort()

    t.equal(owners.length, expected[caller.name]!.length, `${caller.name} owner count`)
    for (const [index, [id, share]] of expected[caller.name]!.entries()) {
      t.equal(owners[index]?.[0], id, `${caller.name} owner ${index}`)
      t.ok(Math.abs((owners[index]?.[1] ?? -1) - share) < 1e-9, `${caller.name} share of ${id}`)
    }
  }
})

interface CentralityBody {
  scores: { id: string; score: number }[]
  projection: { nodeCount: number; relationshipCount: number }
}

const PERSON_SCOPE = { source: SOURCE, labels: 'Person', measure: 'degree', limit: '50' }

t.test('GET /api/analytics/centrality per country', async (t) => {
  // Normalised degree is degree / (n - 1) on the visible persons. FR: n = 6, fr-hub has 4
  // links, shared 3 (e4, e5, e9), de-owned 2, the others 1. DE: n = 4, de-owned and shared
  // 1 each (e5). IT: n = 4, open-b 2 (e6, e7), de-owned and it-secret 1.
  const expected: Record<string, [string, number][]> = {
    FR: [['fr-hub', 4 / 5], ['shared', 3 / 5], ['de-owned', 2 / 5], ['fr-review', 1 / 5], ['open-a', 1 / 5], ['open-b', 1 / 5]],
    DE: [['de-owned', 1 / 3], ['shared', 1 / 3], ['open-a', 0], ['open-b', 0]],
    IT: [['open-b', 2 / 3], ['de-owned', 1 / 3], ['it-secret', 1 / 3], ['open-a', 0]],
  }
  for (const caller of [FR, DE, IT]) {
    const body = await getJson<CentralityBody>(caller, '/api/analytics/centrality', PERSON_SCOPE)
    const scores = body.scores.map((score) => [strip(score.id), score.score] as [string, number])

    t.equal(body.projection.nodeCount, VISIBLE_PERSONS[caller.name]!.length, `${caller.name} projects its persons`)
    t.same(
      scores.map(([id]) => id),
      expected[caller.name]!.map(([id]) => id),
      `${caller.name} ranking`,
    )
    for (const [index, [id, score]] of expected[caller.name]!.entries()) {
      t.ok(Math.abs((scores[index]?.[1] ?? -1) - score) < 1e-9, `${caller.name} score of ${id}`)
    }
  }
  const admin = await getJson<CentralityBody>(ADMIN, '/api/analytics/centrality', PERSON_SCOPE)
  // Admin: n = 8, fr-hub 4 links, open-a 3 (e1, e8, e10), open-b 4 (e2, e6, e7, e10).
  t.equal(admin.projection.nodeCount, 8)
  t.equal(admin.projection.relationshipCount, 10)
  t.same(admin.scores.slice(0, 2).map((score) => strip(score.id)), ['fr-hub', 'open-b'])
})

t.test('GET /api/analytics/communities per country', async (t) => {
  // Weakly connected components of the visible persons: FR one (all six are linked through
  // fr-hub), DE three ({de-owned, shared}, {open-a}, {open-b}), IT two ({it-secret, open-b,
  // de-owned}, {open-a}), no country three isolated persons, admin one.
  const expected: Record<string, number> = { FR: 1, DE: 3, IT: 2, 'no country': 3, admin: 1 }
  for (const caller of CALLERS) {
    const response = await get(caller, '/api/analytics/communities', { source: SOURCE, labels: 'Person', algorithm: 'wcc' })
    const body = response.json<{ communities: { members: string[] }[] }>()

    t.equal(response.statusCode, 200, `${caller.name} status`)
    t.equal(body.communities.length, expected[caller.name], `${caller.name} components`)
  }
})

t.test('analytics cache drops records that expire', async (t) => {
  // A person linked to open-a and open-b that expires a few seconds from now: DE ranks it
  // first while it lasts, and not at all once it has expired, although the graph does not
  // change in between.
  const expiresAt = new Date(Date.now() + 4_000).toISOString()
  const nodes = ['id,type,name,expiresAt,dataSource', `${PREFIX}brief,Person,Zorblat Brief,${expiresAt},${SOURCE}`].join('\n')
  const edges = [
    'id,source,target,type,dataSource',
    `${PREFIX}b1,${PREFIX}brief,${PREFIX}open-a,MET,${SOURCE}`,
    `${PREFIX}b2,${PREFIX}brief,${PREFIX}open-b,MET,${SOURCE}`,
  ].join('\n')
  await importAsAdmin('matrix-brief-nodes.csv', nodes)
  await importAsAdmin('matrix-brief-edges.csv', edges)

  const before = await getJson<CentralityBody & { cached: boolean }>(DE, '/api/analytics/centrality', PERSON_SCOPE)
  const again = await getJson<CentralityBody & { cached: boolean }>(DE, '/api/analytics/centrality', PERSON_SCOPE)
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(expiresAt) - Date.now() + 200)))
  const after = await getJson<CentralityBody & { cached: boolean }>(DE, '/api/analytics/centrality', PERSON_SCOPE)

  t.equal(strip(before.scores[0]?.id ?? ''), 'brief')
  t.equal(before.projection.nodeCount, 5)
  t.equal(again.cached, true)
  t.equal(after.cached, false)
  t.equal(after.projection.nodeCount, 4)
  t.notOk(after.scores.some((score) => strip(score.id) === 'brief'))

  await app.database.driver.executeQuery(
    'MATCH (n:Entity {id: $id}) DETACH DELETE n',
    { id: `${PREFIX}brief` },
    { database: app.config.neo4j.database },
  )
})

t.test('POST /api/queries/largest-transfers per country', async (t) => {
  const expected: Record<string, string[]> = {
    FR: ['t1', 't2'],
    DE: ['t3'],
    IT: [],
    'no country': [],
    admin: ['t1', 't2', 't3'],
  }
  for (const caller of CALLERS) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/queries/largest-transfers',
      headers: bearer(caller.role, caller.ncb),
      payload: { parameters: { currency: 'EUR', since: '1999-03-01', until: '1999-03-31', limit: 500 } },
    })
    const body = response.json<{ rows: { id: string }[] }>()

    t.equal(response.statusCode, 200, `${caller.name} status`)
    t.same(own(body.rows.map((row) => row.id)), expected[caller.name], `${caller.name} rows`)
  }
})

interface StatsBody {
  nodes: Record<string, number>
  relationships: Record<string, number>
  transfers: { currency: string | null; count: number; total: string | null }[]
}

t.test('GET /api/stats per country', async (t) => {
  const expected: Record<string, { nodes: Record<string, number>; relationships: Record<string, number>; eur: [number, string] }> = {
    FR: {
      nodes: { Account: 3, Company: 1, Location: 1, Person: 6 },
      relationships: { ASSOCIATE_OF: 4, LOCATED_IN: 2, MET: 2, OWNS: 2, TRANSFER: 2 },
      eur: [2, '1900.00'],
    },
    DE: {
      nodes: { Account: 2, Company: 1, Location: 1, Person: 4 },
      relationships: { LOCATED_IN: 1, MET: 1, OWNS: 1, TRANSFER: 1 },
      eur: [1, '50.00'],
    },
    IT: {
      nodes: { Account: 2, Company: 1, Location: 1, Person: 4 },
      relationships: { LOCATED_IN: 1, MET: 2, OWNS: 1 },
      eur: [0, ''],
    },
    admin: {
      nodes: { Account: 3, Company: 1, Location: 1, Person: 8 },
      relationships: { ASSOCIATE_OF: 4, LOCATED_IN: 2, MET: 6, OWNS: 2, TRANSFER: 3 },
      eur: [3, '1950.00'],
    },
  }
  for (const caller of [FR, DE, IT, ADMIN]) {
    const body = await getJson<StatsBody>(caller, '/api/stats', { source: SOURCE })
    const eur = body.transfers.find((row) => row.currency === 'EUR')

    t.same(body.nodes, expected[caller.name]!.nodes, `${caller.name} nodes`)
    t.same(body.relationships, expected[caller.name]!.relationships, `${caller.name} relationships`)
    t.equal(eur?.count ?? 0, expected[caller.name]!.eur[0], `${caller.name} transfers`)
    t.equal(eur?.total ?? '', expected[caller.name]!.eur[1], `${caller.name} total`)
  }
})

t.test('GET /api/stats/transfers per country', async (t) => {
  const expected: Record<string, [number, string] | null> = { FR: [2, '1900.00'], DE: [1, '50.00'], IT: null, admin: [3, '1950.00'] }
  for (const caller of [FR, DE, IT, ADMIN]) {
    const body = await getJson<{ series: { currency: string | null; periods: { period: string; count: number; total: string | null }[] }[] }>(
      caller,
      '/api/stats/transfers',
      { source: SOURCE, interval: 'month' },
    )
    const march = body.series.find((series) => series.currency === 'EUR')?.periods.find((period) => period.period === '1999-03')

    t.same(march === undefined ? null : [march.count, march.total], expected[caller.name], `${caller.name} March 1999`)
  }
})

t.test('GET /api/geo per country', async (t) => {
  // Paris: fr-hub (FR only) and de-owned are located there. Money received per country:
  // FR's account gets t1 (FR), DE's gets t2 (FR) and t3 (DE).
  const expected: Record<string, { paris: number; money: [string, string][] }> = {
    FR: { paris: 2, money: [['DE', '900.00'], ['FR', '1000.00']] },
    DE: { paris: 1, money: [['DE', '50.00']] },
    IT: { paris: 1, money: [] },
    admin: { paris: 2, money: [['DE', '50.00'], ['DE', '900.00'], ['FR', '1000.00']] },
  }
  for (const caller of [FR, DE, IT, ADMIN]) {
    const body = await getJson<{
      places: { id: string; entityCount: number }[]
      money: { rows: { country: string; total: string }[] }
    }>(caller, '/api/geo', { source: SOURCE })
    const paris = body.places.find((place) => place.id === `${PREFIX}paris`)
    const money = body.money.rows.map((row) => [row.country, row.total] as [string, string]).sort()

    t.equal(paris?.entityCount, expected[caller.name]!.paris, `${caller.name} entities in Paris`)
    t.same(money, expected[caller.name]!.money, `${caller.name} money received`)
  }
})

interface ReviewBody {
  total: number
  count: number
  records: { id: string; element: string; type: string; ownerNcb: string | null; reviewDue: boolean; expired: boolean }[]
}

t.test('GET /api/review per country', async (t) => {
  const expected: Record<string, Record<string, string[]>> = {
    FR: { all: ['fr-review', 'fr-expired'], review: ['fr-review'], expired: ['fr-expired'] },
    DE: { all: [], review: [], expired: [] },
    'no country': { all: [], review: [], expired: [] },
    admin: { all: ['fr-review', 'fr-expired', 'e10'], review: ['fr-review'], expired: ['fr-expired', 'e10'] },
  }
  for (const caller of [FR, DE, NONE, ADMIN]) {
    for (const kind of ['all', 'review', 'expired']) {
      const body = await getJson<ReviewBody>(caller, '/api/review', { kind, limit: '1000' })
      const ids = body.records.filter((record) => record.id.startsWith(PREFIX)).map((record) => strip(record.id))

      t.same(ids, expected[caller.name]![kind], `${caller.name} ${kind}`)
    }
  }
  const french = await getJson<ReviewBody>(FR, '/api/review', { type: 'Person' })
  const expired = french.records.find((record) => record.id === `${PREFIX}fr-expired`)
  t.equal(expired?.expired, true)
  t.equal(expired?.reviewDue, false)
  t.equal(expired?.ownerNcb, 'FR')

  const early = await getJson<ReviewBody>(ADMIN, '/api/review', { before: '2020-06-01', type: 'MET' })
  t.same(
    early.records.filter((record) => record.id.startsWith(PREFIX)).map((record) => strip(record.id)),
    ['e10'],
  )

  const viewer = await app.inject({ method: 'GET', url: '/api/review', headers: bearer('analyst', 'FR') })
  t.equal(viewer.statusCode, 403)
  const invalid = await get(FR, '/api/review', { before: '2027-02-30' })
  t.equal(invalid.statusCode, 400)
  t.match(invalid.json<{ message: string }>().message, /before/)
})

t.test('expired record hidden from its owner', async (t) => {
  const owner = await get(FR, `/api/entities/${PREFIX}fr-expired`)
  const admin = await get(ADMIN, `/api/entities/${PREFIX}fr-expired`)

  t.equal(owner.statusCode, 404)
  t.equal(admin.statusCode, 200)
  t.equal(admin.json<{ properties: Record<string, unknown> }>().properties.expiresAt, '2020-01-01T00:00:00Z')
})

interface FlowsBody {
  directions: { from: string; direct: { amount: string; transfers: number }; indirect: { amount: string; transfers: number } }[]
}

t.test('GET /api/money/flows per country', async (t) => {
  // From acc-open to acc-de: t3 (50, DE only) directly, t1 then t2 (900 of 1000, FR only)
  // through acc-fr.
  const expected: Record<string, [string, string]> = {
    FR: ['0.00', '900.00'],
    DE: ['50.00', '0.00'],
    IT: ['0.00', '0.00'],
    'no country': ['0.00', '0.00'],
    admin: ['50.00', '900.00'],
  }
  for (const caller of CALLERS) {
    const body = await getJson<FlowsBody>(caller, '/api/money/flows', { from: `${PREFIX}acc-open`, to: `${PREFIX}acc-de`, currency: 'EUR' })
    const forward = body.directions.find((direction) => direction.from === `${PREFIX}acc-open`)

    t.equal(forward?.direct.amount, expected[caller.name]![0], `${caller.name} direct`)
    t.equal(forward?.indirect.amount, expected[caller.name]![1], `${caller.name} indirect`)
  }
})

t.test('GET /api/money/patterns per country', async (t) => {
  // Only an admin sees both transfers out of acc-open (t1, t3) and both into acc-de (t2, t3),
  // so only an admin finds a fan-out and a fan-in of two.
  const expected: Record<string, { scanned: number; hits: string[] }> = {
    FR: { scanned: 2, hits: [] },
    DE: { scanned: 1, hits: [] },
    IT: { scanned: 0, hits: [] },
    'no country': { scanned: 0, hits: [] },
    admin: { scanned: 3, hits: ['fan-in:t2,t3', 'fan-out:t1,t3'] },
  }
  for (const caller of CALLERS) {
    const body = await getJson<{ scanned: number; hits: { type: string; transfers: string[] }[] }>(caller, '/api/money/patterns', {
      since: '1999-03-01',
      until: '1999-03-31',
      source: SOURCE,
      minCount: '2',
    })
    const hits = body.hits.map((hit) => `${hit.type}:${hit.transfers.map(strip).sort().join(',')}`).sort()

    t.equal(body.scanned, expected[caller.name]!.scanned, `${caller.name} transfers scanned`)
    t.same(hits, expected[caller.name]!.hits, `${caller.name} hits`)
  }
})

t.test('GET /api/analytics/brokers per country', async (t) => {
  // Cut points of the visible persons: for FR fr-hub (open-a and open-b hang on it) and
  // shared (fr-review does); for IT open-b joins it-secret to de-owned; for an admin open-a
  // (fr-expired), open-b (it-secret) and shared (fr-review).
  const expected: Record<string, string[]> = {
    FR: ['fr-hub', 'shared'],
    DE: [],
    IT: ['open-b'],
    'no country': [],
    admin: ['open-a', 'open-b', 'shared'],
  }
  for (const caller of CALLERS) {
    const body = await getJson<{ articulationPoints: { id: string }[] }>(caller, '/api/analytics/brokers', {
      source: SOURCE,
      labels: 'Person',
      measure: 'articulation-points',
    })

    t.same(own(body.articulationPoints.map((point) => point.id)), expected[caller.name], `${caller.name} cut points`)
  }
})

t.test('POST /api/analytics/disruption with a hidden node', async (t) => {
  const disrupt = (caller: Caller, id: string) =>
    app.inject({
      method: 'POST',
      url: '/api/analytics/disruption',
      headers: bearer(caller.role, caller.ncb),
      payload: { remove: [id], scope: { source: SOURCE, labels: 'Person' } },
    })

  const french = await disrupt(FR, `${PREFIX}fr-hub`)
  const german = await disrupt(DE, `${PREFIX}fr-hub`)
  const unknown = await disrupt(DE, `${PREFIX}no-such-node`)

  t.equal(french.statusCode, 200)
  t.equal(german.statusCode, 400)
  t.equal(unknown.statusCode, 400)
  t.equal(german.body.replaceAll('fr-hub', 'ID'), unknown.body.replaceAll('no-such-node', 'ID'))
})

t.test('analytics jobs per country', async (t) => {
  const started = await app.inject({
    method: 'POST',
    url: '/api/jobs',
    headers: bearer(FR.role, FR.ncb),
    payload: { kind: 'centrality', parameters: PERSON_SCOPE },
  })
  const job = started.json<{ id: string }>()

  t.equal(started.statusCode, 202)
  let status = ''
  let result: CentralityBody | null = null
  for (let attempt = 0; attempt < 100 && status !== 'succeeded' && status !== 'failed'; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    const view = await getJson<{ status: string; result: CentralityBody | null }>(FR, `/api/jobs/${job.id}`)
    status = view.status
    result = view.result
  }
  t.equal(status, 'succeeded')
  t.equal(strip(result?.scores[0]?.id ?? ''), 'fr-hub')
  t.equal((await get(DE, `/api/jobs/${job.id}`)).statusCode, 404)
  t.equal((await get(NONE, `/api/jobs/${job.id}`)).statusCode, 404)
  t.equal((await get(ADMIN, `/api/jobs/${job.id}`)).statusCode, 200)
  const german = await getJson<{ jobs: { id: string }[] }>(DE, '/api/jobs')
  t.notOk(german.jobs.some((listed) => listed.id === job.id))
})

interface WriteBackBody {
  property: string
  network: string
  written: number
  skipped: number
  projection: { nodeCount: number; relationshipCount: number }
}

interface TopScoredBody {
  rows: { id: string; score: number }[]
}

async function writeBack(caller: Caller, kind: string, parameters: Record<string, string>): Promise<WriteBackBody> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/analytics/write-back',
    headers: bearer(caller.role, caller.ncb),
    payload: { kind, parameters: { source: SOURCE, labels: 'Person', ...parameters } },
  })
  if (response.statusCode !== 200) {
    throw new Error(`Write-back as ${caller.name} failed with status ${response.statusCode}: ${response.body}`)
  }
  return response.json<WriteBackBody>()
}

async function topScored(caller: Caller): Promise<[string, number][]> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/queries/top-scored',
    headers: bearer(caller.role, caller.ncb),
    payload: { parameters: { measure: 'degree', label: 'Person', limit: 1000 } },
  })
  if (response.statusCode !== 200) {
    throw new Error(`top-scored as ${caller.name} failed with status ${response.statusCode}: ${response.body}`)
  }
  return response
    .json<TopScoredBody>()
    .rows.filter((row) => row.id.startsWith(PREFIX))
    .map((row) => [strip(row.id), row.score])
}

async function storedProperty(id: string, property: string): Promise<unknown> {
  const result = await app.database.driver.executeQuery(
    'MATCH (n:Entity {id: $id}) RETURN n[$property] AS value',
    { id: PREFIX + id, property },
    { database: app.config.neo4j.database },
  )
  return result.records[0]?.get('value') ?? null
}

t.test('write-back computes on the open network', async (t) => {
  // One more open tie, w1 from open-a to de-owned. The open network of persons is then
  // open-a, open-b and de-owned (everything else is restricted or expired, e10 included),
  // with w1 its only relationship: normalised degree 1/2 for open-a and de-owned, 0 for
  // open-b. On FR's network (six persons, e1-e5, e9 and w1) the hub's neighbours would get
  // open-a 2/5, open-b 1/5, de-owned 3/5 and shared 3/5.
  const edges = ['id,source,target,type,dataSource', `${PREFIX}w1,${PREFIX}open-a,${PREFIX}de-owned,MET,${SOURCE}`].join('\n')
  await importAsAdmin('matrix-write-back.csv', edges)

  const french = await writeBack(FR, 'centrality', { measure: 'degree' })

  t.equal(french.property, 'score_degree')
  t.equal(french.network, 'open')
  t.equal(french.projection.nodeCount, 3)
  t.equal(french.projection.relationshipCount, 1)
  // FR may not change de-owned, which DE owns, and no restricted node is written.
  t.equal(french.written, 2)
  t.equal(french.skipped, 1)
  t.same(await topScored(DE), [
    ['open-a', 1 / 2],
    ['open-b', 0],
  ])
  t.same(await topScored(FR), await topScored(DE), 'FR reads the same values as DE')
  for (const id of ['fr-hub', 'shared', 'fr-review', 'de-owned']) {
    t.equal(await storedProperty(id, 'score_degree'), null, `${id} has no score`)
  }
  t.equal(await storedProperty('open-a', 'score_degree_network'), 'open')

  // An admin computes on the same open network, and may change de-owned too.
  const admin = await writeBack(ADMIN, 'centrality', { measure: 'degree' })

  t.equal(admin.network, 'open')
  t.equal(admin.projection.nodeCount, 3)
  t.equal(admin.written, 3)
  t.equal(admin.skipped, 0)
  t.same(await topScored(DE), [
    ['de-owned', 1 / 2],
    ['open-a', 1 / 2],
    ['open-b', 0],
  ])
  t.equal(await storedProperty('fr-hub', 'score_degree'), null, 'the hub has no score after an admin write-back')

  // A value on a restricted node is not read, even one marked as computed on the open network.
  await app.database.driver.executeQuery(
    "MATCH (n:Entity {id: $id}) SET n.score_degree = 0.6, n.score_degree_network = 'open'",
    { id: `${PREFIX}shared` },
    { database: app.config.neo4j.database },
  )
  t.notOk((await topScored(DE)).some(([id]) => id === 'shared'), 'DE does not read the value on shared')

  await app.database.driver.executeQuery(
    'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix REMOVE n.score_degree, n.score_degree_computedAt, n.score_degree_parameters, n.score_degree_network',
    { prefix: PREFIX },
    { database: app.config.neo4j.database },
  )
  await app.database.driver.executeQuery('MATCH ()-[r {id: $id}]->() DELETE r', { id: `${PREFIX}w1` }, { database: app.config.neo4j.database })
})

t.test('written communities hide the hub', async (t) => {
  // On the open network open-a and open-b are not linked (e10 expired), so weakly
  // connected components put them apart. Through FR's hub they would share one.
  const french = await writeBack(FR, 'communities', { algorithm: 'wcc' })
  const openA = await storedProperty('open-a', 'community_wcc')
  const openB = await storedProperty('open-b', 'community_wcc')

  t.equal(french.network, 'open')
  t.equal(french.projection.nodeCount, 3)
  t.equal(french.projection.relationshipCount, 0)
  t.equal(french.written, 2)
  t.equal(french.skipped, 1)
  t.type(openA, 'number')
  t.type(openB, 'number')
  t.not(openA, openB, 'open-a and open-b are in different communities')

  const scoped = await getJson<CentralityBody>(DE, '/api/analytics/centrality', { ...PERSON_SCOPE, community: `wcc:${String(openA)}` })
  t.same(scoped.scores.map((score) => strip(score.id)), ['open-a'])

  await app.database.driver.executeQuery(
    'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix REMOVE n.community_wcc, n.community_wcc_computedAt, n.community_wcc_parameters, n.community_wcc_network',
    { prefix: PREFIX },
    { database: app.config.neo4j.database },
  )
})

t.test('job result withheld after an expiry', async (t) => {
  // An open person linked to open-a expires a few seconds after FR's job has finished: FR
  // reads the result before, but not after, and an admin reads it throughout.
  const expiresAt = new Date(Date.now() + 5_000).toISOString()
  const nodes = ['id,type,name,expiresAt,dataSource', `${PREFIX}short,Person,Zorblat Short,${expiresAt},${SOURCE}`].join('\n')
  const edges = ['id,source,target,type,dataSource', `${PREFIX}s1,${PREFIX}short,${PREFIX}open-a,MET,${SOURCE}`].join('\n')
  await importAsAdmin('matrix-short-nodes.csv', nodes)
  await importAsAdmin('matrix-short-edges.csv', edges)

  const started = await app.inject({
    method: 'POST',
    url: '/api/jobs',
    headers: bearer(FR.role, FR.ncb),
    payload: { kind: 'centrality', parameters: PERSON_SCOPE },
  })
  const job = started.json<{ id: string }>()
  let status = ''
  let before: CentralityBody | null = null
  for (let attempt = 0; attempt < 40 && status !== 'succeeded' && status !== 'failed'; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    const view = await getJson<{ status: string; result: CentralityBody | null }>(FR, `/api/jobs/${job.id}`)
    status = view.status
    before = view.result
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(expiresAt) - Date.now() + 200)))
  const after = await getJson<{ status: string; result: unknown; error: { code: string } | null }>(FR, `/api/jobs/${job.id}`)
  const admin = await getJson<{ result: CentralityBody | null }>(ADMIN, `/api/jobs/${job.id}`)

  t.equal(status, 'succeeded')
  t.ok(before?.scores.some((score) => strip(score.id) === 'short'), 'the result lists the person before it expires')
  t.equal(after.status, 'succeeded')
  t.equal(after.result, null)
  t.equal(after.error?.code, 'MLN_RESULT_EXPIRED')
  t.ok(admin.result?.scores.some((score) => strip(score.id) === 'short'), 'an admin still reads the result')

  await app.database.driver.executeQuery(
    'MATCH (n:Entity {id: $id}) DETACH DELETE n',
    { id: `${PREFIX}short` },
    { database: app.config.neo4j.database },
  )
})

t.test('owner renews an expired record by import', async (t) => {
  const csv = ['id,type,name,ownerNcb,restrictedTo,expiresAt,dataSource', `${PREFIX}fr-expired,Person,Zorblat Expired,FR,FR,2099-01-01,${SOURCE}`].join('\n')

  const german = await app.inject({
    method: 'POST',
    url: '/api/import',
    query: { filename: 'matrix-renew.csv', source: SOURCE },
    headers: { ...bearer(DE.role, DE.ncb), 'content-type': 'text/csv' },
    payload: csv,
  })
  const french = await app.inject({
    method: 'POST',
    url: '/api/import',
    query: { filename: 'matrix-renew.csv', source: SOURCE },
    headers: { ...bearer(FR.role, FR.ncb), 'content-type': 'text/csv' },
    payload: csv,
  })

  t.equal(german.json<{ rejected: unknown[] }>().rejected.length, 1)
  t.equal(french.statusCode, 200)
  t.equal(french.json<{ nodes: { updated: number } }>().nodes.updated, 1)
  t.equal((await get(FR, `/api/entities/${PREFIX}fr-expired`)).statusCode, 200)
  t.equal((await get(DE, `/api/entities/${PREFIX}fr-expired`)).statusCode, 404)
})
