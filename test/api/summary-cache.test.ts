/**
 * The cache of `GET /api/graph/overview`, `/api/geo`, `/api/stats` and `/api/stats/transfers`
 * against Neo4j: a repeated request is served from the cache with the same body, an import
 * or an expiry between two requests changes the response, and each country and the admins have
 * their own entries. The fixture has its own dataset name, which every request passes as
 * `source`, so other test files' data stays out of the counts.
 *
 * Persons: open-a and open-b are open, fr-only is restricted to FR, de-only to DE. open-a is
 * LOCATED_IN Berlin. Transfers between the two open accounts: 100.00 EUR on 1913-05-01 (open)
 * and 7.00 EUR on 1913-05-02 (FR only). So FR sees 3 persons and 2 transfers (107.00 EUR), DE 3
 * persons and 1 transfer (100.00 EUR), an admin 4 persons and 2 transfers.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import type { Role } from '../../src/auth/tokens.js'
import { bearer, buildTestApp } from '../helpers/app.js'

const SOURCE = 't-sc'

const NODES = [
  'id,type,name,country,latitude:float,longitude:float,ownerNcb,restrictedTo,dataSource',
  `t-sc:open-a,Person,Cache Open A,,,,,,${SOURCE}`,
  `t-sc:open-b,Person,Cache Open B,,,,,,${SOURCE}`,
  `t-sc:fr-only,Person,Cache French,,,,FR,FR,${SOURCE}`,
  `t-sc:de-only,Person,Cache German,,,,DE,DE,${SOURCE}`,
  `t-sc:berlin,Location,Cache Berlin,DE,52.52,13.405,,,${SOURCE}`,
  `t-sc:acc-1,Account,Cache account 1,DE,,,,,${SOURCE}`,
  `t-sc:acc-2,Account,Cache account 2,DE,,,,,${SOURCE}`,
].join('\n')

const EDGES = [
  'id,source,target,type,date:date,amount,currency,ownerNcb,restrictedTo,dataSource',
  `t-sc:l1,t-sc:open-a,t-sc:berlin,LOCATED_IN,,,,,,${SOURCE}`,
  `t-sc:t1,t-sc:acc-1,t-sc:acc-2,TRANSFER,1913-05-01,100.00,EUR,,,${SOURCE}`,
  `t-sc:t2,t-sc:acc-1,t-sc:acc-2,TRANSFER,1913-05-02,7.00,EUR,FR,FR,${SOURCE}`,
].join('\n')

interface Caller {
  role: Role
  ncb: string | null
}

const FR: Caller = { role: 'viewer', ncb: 'FR' }
const DE: Caller = { role: 'viewer', ncb: 'DE' }
const ADMIN: Caller = { role: 'admin', ncb: null }

interface StatsBody {
  nodes: Record<string, number>
  transfers: { currency: string | null; count: number; total: string | null }[]
}

interface OverviewBody {
  graph: { nodes: { key: string }[] }
  truncated: boolean
}

let app: FastifyInstance

async function importCsv(text: string, file: string): Promise<void> {
  const report = await app.services.imports.importText(text, { file, format: 'csv' })
  if (report.rejected.length > 0) {
    throw new Error(`${file} rejected rows: ${JSON.stringify(report.rejected)}`)
  }
}

t.before(async () => {
  app = await buildTestApp()
  // A rerun starts without the persons that the tests below add.
  await app.database.driver.executeQuery('MATCH (n:Entity {source: $source}) DETACH DELETE n', { source: SOURCE }, {
    database: app.config.neo4j.database,
  })
  await importCsv(NODES, 'summary-cache-nodes.csv')
  await importCsv(EDGES, 'summary-cache-edges.csv')
})
t.teardown(() => app?.close())

/** Sends a GET as `caller` and returns the body with whether the cache served it. */
async function get<T>(url: string, caller: Caller, query: Record<string, string> = {}) {
  const before = app.services.summaries.cacheCounts()
  const response = await app.inject({
    method: 'GET',
    url,
    query: { source: SOURCE, ...query },
    headers: bearer(caller.role, caller.ncb),
  })
  if (response.statusCode !== 200) {
    throw new Error(`GET ${url} returned ${response.statusCode}: ${response.body}`)
  }
  const after = app.services.summaries.cacheCounts()
  return { body: response.json<T>(), hit: after.hits === before.hits + 1, miss: after.misses === before.misses + 1 }
}

function overviewKeys(body: OverviewBody): string[] {
  return body.graph.nodes.map((node) => node.key).sort()
}

t.test('GET /api/stats repeated is cached', async (t) => {
  const first = await get<StatsBody>('/api/stats', FR)
  const second = await get<StatsBody>('/api/stats', FR)

  t.equal(first.miss, true)
  t.equal(second.hit, true)
  t.equal(first.body.nodes.Person, 3)
  t.equal(second.body.nodes.Person, 3)
  t.same(second.body.transfers, [{ currency: 'EUR', count: 2, total: '107.00' }])
  t.same(second.body, first.body)
})

t.test('GET /api/stats per country and admin', async (t) => {
  await get<StatsBody>('/api/stats', FR)
  const german = await get<StatsBody>('/api/stats', DE)
  const admin = await get<StatsBody>('/api/stats', ADMIN)
  const french = await get<StatsBody>('/api/stats', FR)

  t.equal(german.miss, true, 'DE does not get the FR entry')
  t.equal(german.body.nodes.Person, 3)
  t.same(german.body.transfers, [{ currency: 'EUR', count: 1, total: '100.00' }])
  t.equal(admin.miss, true, 'an admin does not get a country entry')
  t.equal(admin.body.nodes.Person, 4)
  t.same(admin.body.transfers, [{ currency: 'EUR', count: 2, total: '107.00' }])
  t.equal(french.hit, true)
  t.same(french.body.transfers, [{ currency: 'EUR', count: 2, total: '107.00' }])
})

t.test('GET /api/geo repeated is cached', async (t) => {
  const first = await get<{ places: { id: string; entityCount: number }[] }>('/api/geo', FR)
  const second = await get<{ places: { id: string; entityCount: number }[] }>('/api/geo', FR)

  t.equal(first.miss, true)
  t.equal(second.hit, true)
  t.same(
    second.body.places.map((place) => [place.id, place.entityCount]),
    [['t-sc:berlin', 1]],
  )
  t.same(second.body, first.body)
})

t.test('GET /api/stats/transfers per country', async (t) => {
  type Series = { series: { currency: string | null; periods: { period: string; count: number; total: string | null }[] }[] }
  const first = await get<Series>('/api/stats/transfers', FR)
  const second = await get<Series>('/api/stats/transfers', FR)
  const german = await get<Series>('/api/stats/transfers', DE)
  const yearly = await get<Series>('/api/stats/transfers', FR, { interval: 'year' })

  t.equal(first.miss, true)
  t.equal(second.hit, true)
  t.same(second.body.series[0]?.periods, [{ period: '1913-05', count: 2, total: '107.00' }])
  t.equal(german.miss, true)
  t.same(german.body.series[0]?.periods, [{ period: '1913-05', count: 1, total: '100.00' }])
  t.equal(yearly.miss, true, 'another interval is another entry')
  t.same(yearly.body.series[0]?.periods, [{ period: '1913', count: 2, total: '107.00' }])
})

t.test('GET /api/graph/overview per country', async (t) => {
  const first = await get<OverviewBody>('/api/graph/overview', FR)
  const second = await get<OverviewBody>('/api/graph/overview', FR)
  const german = await get<OverviewBody>('/api/graph/overview', DE)
  const cut = await get<OverviewBody>('/api/graph/overview', FR, { limit: '2' })
  const cutAgain = await get<OverviewBody>('/api/graph/overview', FR, { limit: '2' })

  t.equal(first.miss, true)
  t.equal(second.hit, true)
  t.same(overviewKeys(second.body), ['t-sc:acc-1', 't-sc:acc-2', 't-sc:berlin', 't-sc:fr-only', 't-sc:open-a', 't-sc:open-b'])
  t.equal(second.body.truncated, false)
  t.equal(german.miss, true)
  t.same(overviewKeys(german.body), ['t-sc:acc-1', 't-sc:acc-2', 't-sc:berlin', 't-sc:de-only', 't-sc:open-a', 't-sc:open-b'])
  t.equal(cut.body.graph.nodes.length, 2)
  t.equal(cut.body.truncated, true)
  t.equal(cutAgain.hit, true)
  t.equal(cutAgain.body.graph.nodes.length, 2, 'the cached value was not cut twice')
  t.equal(cutAgain.body.truncated, true)
})

t.test('import between requests gives new counts', async (t) => {
  const before = await get<StatsBody>('/api/stats', FR)
  await importCsv(
    ['id,type,name,dataSource', `t-sc:open-c,Person,Cache Open C,${SOURCE}`].join('\n'),
    'summary-cache-more.csv',
  )
  const after = await get<StatsBody>('/api/stats', FR)
  const overview = await get<OverviewBody>('/api/graph/overview', FR)

  t.equal(before.body.nodes.Person, 3)
  t.equal(after.miss, true)
  t.equal(after.body.nodes.Person, 4)
  t.equal(overview.miss, true)
  t.ok(overviewKeys(overview.body).includes('t-sc:open-c'), 'the overview lists the imported person')
})

t.test('record expiring leaves FR overview', async (t) => {
  // Whole seconds, because an expiresAt with a fraction is still valid but harder to read.
  const expiresAt = new Date(Math.ceil((Date.now() + 2_000) / 1_000) * 1_000)
  await importCsv(
    [
      'id,type,name,ownerNcb,restrictedTo,expiresAt,dataSource',
      `t-sc:fr-fading,Person,Cache Fading,FR,FR,${expiresAt.toISOString().replace('.000Z', 'Z')},${SOURCE}`,
    ].join('\n'),
    'summary-cache-fading.csv',
  )
  const version = await app.database.graphVersion()

  const visible = await get<OverviewBody>('/api/graph/overview', FR)
  const repeated = await get<OverviewBody>('/api/graph/overview', FR)
  const stats = await get<StatsBody>('/api/stats', FR)
  t.ok(Date.now() < expiresAt.getTime(), 'the requests before expiry ran before it')
  await new Promise((resolve) => setTimeout(resolve, expiresAt.getTime() - Date.now() + 50))
  const expired = await get<OverviewBody>('/api/graph/overview', FR)
  const statsExpired = await get<StatsBody>('/api/stats', FR)

  t.ok(overviewKeys(visible.body).includes('t-sc:fr-fading'), 'visible before expiry')
  t.equal(repeated.hit, true)
  t.ok(overviewKeys(repeated.body).includes('t-sc:fr-fading'))
  t.equal(stats.body.nodes.Person, 5)
  t.equal(await app.database.graphVersion(), version, 'no write happened in between')
  t.equal(expired.miss, true)
  t.notOk(overviewKeys(expired.body).includes('t-sc:fr-fading'), 'gone after expiry')
  t.equal(expired.body.graph.nodes.length, visible.body.graph.nodes.length - 1)
  t.equal(statsExpired.miss, true)
  t.equal(statsExpired.body.nodes.Person, 4)
})
