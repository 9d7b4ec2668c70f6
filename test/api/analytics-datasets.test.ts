/**
 * Every centrality, component and community measure through the API on the real datasets
 * (karate club, Les Misérables, Montagna meetings and phone calls, CAVIAR and its phase 10),
 * against the networkx 3.6.1 values that test/reference/networkx_reference.py writes. Each
 * dataset is checked on its undirected and natural (directed) projections, unweighted and
 * weighted. The phase 10 projection has three weak components, and two isolated Person
 * nodes that this test stores under the source `caviar-phase10`.
 */
import { readFileSync } from 'node:fs'

import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'

import type { NodeLabel } from '../../src/model/schema.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { dataFile, skipUnlessData } from '../helpers/data.js'

const TOLERANCE = 1e-6
const LOUVAIN_SEEDS = [1, 7, 42]
const REFERENCES = ['karate', 'lesmis', 'montagna-meetings', 'montagna-phonecalls', 'caviar', 'caviar-phase10']

/** The measure's default direction on a directed projection, when the request names none. */
const DEFAULT_DIRECTION: Record<string, string> = { degree: 'out', closeness: 'in', harmonic: 'in' }

interface MeasureReference {
  measure: string
  normalized: boolean | null
  direction: string | null
  seeds: string[] | null
  call: string
  /** Scores by node id, or null when networkx's power iteration did not converge. */
  values: Record<string, number> | null
}

interface ProjectionReference {
  orientation: 'undirected' | 'natural'
  weighted: boolean
  weightProperty: string | null
  measures: Record<string, MeasureReference>
}

interface LouvainReference {
  call: string
  min_modularity: number
  max_modularity: number
}

interface DatasetReference {
  dataset: string
  source: string
  files: string[]
  isolated_nodes: { id: string; label: string; name: string; source: string }[]
  n_nodes: number
  n_relationships: number
  projections: ProjectionReference[]
  wcc: { components: string[][] }
  scc: { components: string[][] }
  louvain: { unweighted: LouvainReference; weighted: LouvainReference }
  articulation_points: { nodes: string[] }
  bridges: { edges: [string, string][] }
}

interface Score {
  id: string
  score: number
}

function loadReference(name: string): DatasetReference {
  const url = new URL(`../reference/${name}.json`, import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')) as DatasetReference
}

/** Components as sorted member lists, largest first, so two partitions compare with t.same. */
function sortComponents(components: string[][]): string[][] {
  return components
    .map((members) => [...members].sort())
    .sort((a, b) => b.length - a.length || (a.join(' ') < b.join(' ') ? -1 : 1))
}

function scopeOf(reference: DatasetReference, projection: ProjectionReference): URLSearchParams {
  const query = new URLSearchParams({ source: reference.source, orientation: projection.orientation })
  if (projection.weightProperty !== null) {
    query.set('weighted', 'true')
    query.set('weightProperty', projection.weightProperty)
  }
  return query
}

/** Builds the centrality requests for one reference value, with and without its default direction. */
function centralityQueries(scope: URLSearchParams, projection: ProjectionReference, expected: MeasureReference) {
  const query = new URLSearchParams(scope)
  query.set('measure', expected.measure)
  query.set('limit', '10000')
  if (expected.normalized !== null) {
    query.set('normalized', String(expected.normalized))
  }
  if (expected.seeds !== null) {
    query.set('seeds', expected.seeds.join(','))
  }
  if (expected.direction === null) {
    return [{ label: '', query }]
  }

  const queries = []
  if (projection.orientation === 'natural' && DEFAULT_DIRECTION[expected.measure] === expected.direction) {
    queries.push({ label: ' (default direction)', query: new URLSearchParams(query) })
  }
  query.set('direction', expected.direction)
  queries.push({ label: '', query })
  return queries
}

function mismatchesOf(scores: Score[], expected: Record<string, number>) {
  const actual = new Map(scores.map((score) => [score.id, score.score]))
  return Object.entries(expected)
    .filter(([id, value]) => !(Math.abs((actual.get(id) ?? Number.NaN) - value) <= TOLERANCE))
    .map(([id, value]) => ({ id, expected: value, actual: actual.get(id) ?? null }))
}

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
})
t.teardown(() => app.close())

interface Reply {
  status: number
  body: Record<string, unknown>
  /** Status, error code and message, for failure output. */
  statusLine: string
}

async function get(path: string, query: URLSearchParams): Promise<Reply> {
  const response = await app.inject({ url: `/api/analytics/${path}?${query}`, headers: bearer() })
  const body = response.json() as Record<string, unknown>
  const statusLine = `${response.statusCode} ${String(body.code ?? '')} ${String(body.message ?? '')}`
  return { status: response.statusCode, body, statusLine }
}

async function importDataset(t: Test, reference: DatasetReference): Promise<void> {
  for (const file of reference.files) {
    const report = await app.services.imports.importFile(dataFile(file))
    t.same(report.rejected, [], `${file} imports without rejections`)
  }
  if (reference.isolated_nodes.length === 0) {
    return
  }
  const nodes = reference.isolated_nodes.map((node) => ({
    id: node.id,
    label: node.label as NodeLabel,
    name: node.name,
    properties: {},
    provenance: { source: node.source, ownerNcb: null, restrictedTo: [] },
  }))
  const report = await app.services.imports.importRecords('analytics-datasets isolated nodes', nodes, [])
  t.same(report.rejected, [], 'isolated nodes import without rejections')
}

async function checkCentrality(t: Test, reference: DatasetReference, projection: ProjectionReference) {
  const scope = scopeOf(reference, projection)
  const cases = Object.entries(projection.measures).flatMap(([key, expected]) =>
    centralityQueries(scope, projection, expected).map(({ label, query }) => ({
      name: `${key}${label}`,
      expected,
      query,
    })),
  )

  // The requests go out together, because each run starts a worker thread and the runner
  // overlaps them. The checks then follow in table order.
  const responses = await Promise.all(cases.map(({ query }) => get('centrality', query)))

  cases.forEach(({ name, expected }, i) => {
    const response = responses[i] as Reply

    if (expected.values === null) {
      t.equal(response.status, 422, `${name}: networkx does not converge, so the API answers 422`)
      t.equal(response.body.code, 'MLN_NOT_CONVERGED', `${name}: the code is MLN_NOT_CONVERGED`)
      return
    }
    if (response.status !== 200) {
      t.fail(`${name} answers 200, got ${response.statusLine}`)
      return
    }
    const scores = response.body.scores as Score[]
    t.equal(scores.length, reference.n_nodes, `${name} scores every node`)
    const mismatches = mismatchesOf(scores, expected.values)
    t.same(mismatches.slice(0, 5), [], `${name} equals ${expected.call} to ${TOLERANCE} (${mismatches.length} differ)`)
  })
}

for (const name of REFERENCES) {
  const reference = loadReference(name)
  const skip = skipUnlessData(...reference.files)

  t.test(`${name} against networkx`, { skip }, async (t) => {
    await importDataset(t, reference)

    await t.test('projection size', async (t) => {
      const query = new URLSearchParams({ measure: 'degree', source: reference.source, limit: '1' })
      const response = await get('centrality', query)
      t.equal(response.status, 200, response.statusLine)
      const projection = response.body.projection as { nodeCount: number; relationshipCount: number }
      t.equal(projection.nodeCount, reference.n_nodes, `${reference.n_nodes} nodes`)
      t.equal(projection.relationshipCount, reference.n_relationships, `${reference.n_relationships} relationships`)
    })

    for (const projection of reference.projections) {
      const weighting = projection.weighted ? 'weighted' : 'unweighted'
      const name = `${projection.orientation} ${weighting} centrality`
      await t.test(name, (t) => checkCentrality(t, reference, projection))
    }

    for (const [algorithm, orientation] of [['wcc', 'undirected'], ['scc', 'natural']] as const) {
      await t.test(`${algorithm} components`, async (t) => {
        const query = new URLSearchParams({ algorithm, orientation, source: reference.source })
        const response = await get('communities', query)
        if (response.status !== 200) {
          t.fail(`${algorithm} answers 200, got ${response.statusLine}`)
          return
        }
        const communities = response.body.communities as { members: string[] }[]
        const members = communities.map((community) => community.members)
        t.same(sortComponents(members), sortComponents(reference[algorithm].components))
      })
    }

    for (const weighted of [false, true]) {
      const range = weighted ? reference.louvain.weighted : reference.louvain.unweighted

      await t.test(`louvain ${weighted ? 'weighted' : 'unweighted'} within networkx range`, async (t) => {
        const query = (seed: number, labels?: string) => {
          const parameters = new URLSearchParams({ algorithm: 'louvain', seed: String(seed), source: reference.source })
          if (weighted) {
            parameters.set('weighted', 'true')
            parameters.set('weightProperty', 'weight')
          }
          // The service caches results by request, so the second run names the label that
          // every node here has anyway: the same graph under another cache key.
          if (labels !== undefined) {
            parameters.set('labels', labels)
          }
          return parameters
        }
        const firsts = await Promise.all(LOUVAIN_SEEDS.map((seed) => get('communities', query(seed))))
        const seconds = await Promise.all(LOUVAIN_SEEDS.map((seed) => get('communities', query(seed, 'Person'))))

        LOUVAIN_SEEDS.forEach((seed, i) => {
          const first = firsts[i] as Reply
          const second = seconds[i] as Reply
          t.equal(first.status, 200, `seed ${seed}: ${first.statusLine}`)
          t.equal(second.status, 200, `seed ${seed} again: ${second.statusLine}`)

          const modularity = first.body.modularity as number
          t.ok(modularity >= range.min_modularity - TOLERANCE, `seed ${seed}: ${modularity} >= ${range.min_modularity}`)
          t.ok(modularity <= range.max_modularity + TOLERANCE, `seed ${seed}: ${modularity} <= ${range.max_modularity}`)
          t.same(second.body.communities, first.body.communities, `seed ${seed} gives the same communities twice`)
        })
      })
    }

    await t.test('articulation points', async (t) => {
      const query = new URLSearchParams({ measure: 'articulation-points', source: reference.source, limit: '10000' })
      const response = await get('brokers', query)
      if (response.status !== 200) {
        t.fail(`articulation points answer 200, got ${response.statusLine}`)
        return
      }
      const points = response.body.articulationPoints as ({ id: string } | null)[]
      const ids = points.map((point) => point?.id ?? null)
      t.notOk(ids.includes(null), 'every articulation point is a node with an id')
      t.same(ids.sort(), reference.articulation_points.nodes, 'articulation points equal nx.articulation_points')
    })

    await t.test('bridges', async (t) => {
      const query = new URLSearchParams({ measure: 'bridges', source: reference.source, limit: '10000' })
      const response = await get('brokers', query)
      if (response.status !== 200) {
        t.fail(`bridges answer 200, got ${response.statusLine}`)
        return
      }
      const bridges = response.body.bridges as { source: string; target: string }[]
      const pairs = bridges.map((bridge) => [bridge.source, bridge.target])
      t.same(sortComponents(pairs), sortComponents(reference.bridges.edges), 'bridges equal nx.bridges')
    })
  })
}
