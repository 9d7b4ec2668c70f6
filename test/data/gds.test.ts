/**
 * The GDS engine against the in-process engine on one small graph written to Neo4j: every
 * shared measure agrees within a stated tolerance. Runs only where `gds.version()` returns a
 * version on the test Neo4j, and elsewhere skips each test with the reason. To run it, start a
 * Neo4j with GDS and point the tests at it, for example:
 *
 *   MILLENNIUM_GDS=true NEO4J_URI=bolt://127.0.0.1:7791 NEO4J_DATA_DIR=/tmp/neo4j-gds \
 *     NEO4J_PASSWORD=millennium-test-password npm run db:start
 *   NEO4J_URI=bolt://127.0.0.1:7791 npx tap test/data/gds.test.ts
 */
import { MultiDirectedGraph } from 'graphology'
import t, { type Test } from 'tap'

import { computeCentrality, detectCommunities, modularity, type CentralityOptions } from '../../src/analytics/index.js'
import { SEE_ALL, type Database } from '../../src/data/database.js'
import { createGdsEngine, type GdsCentralityOptions } from '../../src/data/repositories/gds.js'
import type { ProjectionScope } from '../../src/data/repositories/projection.js'
import { testDatabase, testNeo4jUri } from '../helpers/neo4j.js'

const PREFIX = 't-gds:'
const SOURCE = 't-gds'

// Two clusters joined by the bridge d->e, pendants i and k (sinks, so dangling for
// PageRank), an isolated node j, parallel a->b, antiparallel a<->b, a weight given as a
// decimal string, and a MET relationship that the scope's types leave out.
const NODES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']
const RELATIONSHIPS: [string, string, number | string][] = [
  ['a', 'b', 2],
  ['a', 'b', 1],
  ['b', 'a', 3],
  ['b', 'c', 1],
  ['c', 'a', 4],
  ['a', 'd', 1],
  ['d', 'b', 2],
  ['c', 'd', '2.5'],
  ['d', 'e', 5],
  ['e', 'f', 1],
  ['f', 'g', 2],
  ['g', 'h', 1],
  ['h', 'e', 3],
  ['e', 'g', 2],
  ['f', 'h', 1],
  ['h', 'i', 1],
  ['g', 'k', 4],
]

const SCOPE: ProjectionScope = {
  labels: [],
  types: ['ASSOCIATE_OF'],
  source: SOURCE,
  weightProperty: null,
  since: null,
  until: null,
  group: null,
  country: null,
  community: null,
  ids: null,
}
const WEIGHTED: ProjectionScope = { ...SCOPE, weightProperty: 'weight' }

/** Tolerances: sums of the same terms in another order, and iterations stopped at 1e-10. */
const EXACT = 1e-9
const ITERATED = 1e-7

const database: Database = await testDatabase()
const engine = createGdsEngine(database)
const version = await engine.version()
const skip = version === null ? `the Neo4j at ${await testNeo4jUri()} has no Graph Data Science (gds.version() is unknown)` : false

t.teardown(async () => {
  if (version !== null) await removeFixture()
  await database.close()
})

if (version !== null) {
  await removeFixture()
  await database.driver.executeQuery(
    'UNWIND $names AS name CREATE (:Entity:Person {id: $prefix + name, name: name, source: $source})',
    { names: NODES, prefix: PREFIX, source: SOURCE },
  )
  await database.driver.executeQuery(
    `UNWIND range(0, size($relationships) - 1) AS i
     WITH i, $relationships[i] AS r
     MATCH (a:Entity {id: $prefix + r[0]}), (b:Entity {id: $prefix + r[1]})
     CREATE (a)-[:ASSOCIATE_OF {id: $prefix + 'r' + i, weight: r[2], source: $source}]->(b)`,
    { relationships: RELATIONSHIPS, prefix: PREFIX, source: SOURCE },
  )
  await database.driver.executeQuery(
    `MATCH (a:Entity {id: $prefix + 'a'}), (j:Entity {id: $prefix + 'j'})
     CREATE (a)-[:MET {id: $prefix + 'met', source: $source}]->(j)`,
    { prefix: PREFIX, source: SOURCE },
  )
}

async function removeFixture(): Promise<void> {
  await database.driver.executeQuery('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix: PREFIX })
}

/** The fixture as the in-process engine reads it: the ASSOCIATE_OF relationships, weights as numbers. */
function inProcessGraph(): MultiDirectedGraph {
  const graph = new MultiDirectedGraph()
  for (const name of NODES) graph.addNode(PREFIX + name)
  for (const [source, target, weight] of RELATIONSHIPS) {
    graph.addEdge(PREFIX + source, PREFIX + target, { weight: Number(weight) })
  }
  return graph
}

function assertScores(t: Test, actual: Map<string, number>, expected: Record<string, number>, tolerance: number) {
  t.same([...actual.keys()].sort(), Object.keys(expected).sort(), 'scores for the same nodes')
  for (const [id, score] of Object.entries(expected)) {
    const difference = Math.abs((actual.get(id) ?? Number.NaN) - score)
    t.ok(difference <= tolerance, `${id}: GDS ${actual.get(id)}, in-process ${score}, tolerance ${tolerance}`)
  }
}

/** Lists a partition's groups of sorted members in sorted order, so that two numberings compare equal. */
function groups(assignments: Map<string, number> | Record<string, number>): string[][] {
  const members = new Map<number, string[]>()
  const entries = assignments instanceof Map ? [...assignments] : Object.entries(assignments)
  for (const [id, community] of entries) members.set(community, [...(members.get(community) ?? []), id])
  return [...members.values()].map((group) => group.sort()).sort((x, y) => (x[0] as string).localeCompare(y[0] as string))
}

interface CentralityCase {
  name: string
  gds: GdsCentralityOptions
  inProcess: CentralityOptions
  weighted?: boolean
  tolerance: number
}

/** Lists the cases of the measures both engines offer, under each orientation and direction. */
function centralityCases(): CentralityCase[] {
  const cases: CentralityCase[] = []
  const seeds = [`${PREFIX}a`, `${PREFIX}h`]

  for (const orientation of ['undirected', 'natural', 'reverse'] as const) {
    for (const direction of ['out', 'in', 'total'] as const) {
      cases.push({
        name: `degree ${orientation} ${direction}`,
        gds: { measure: 'degree', orientation, direction, normalized: true },
        inProcess: { measure: 'degree', orientation, direction, normalized: true },
        tolerance: EXACT,
      })
    }
    cases.push({
      name: `weighted degree ${orientation}`,
      gds: { measure: 'degree', orientation, direction: 'out', normalized: false },
      inProcess: { measure: 'degree', orientation, direction: 'out', normalized: false, strengthAttribute: 'weight' },
      weighted: true,
      tolerance: EXACT,
    })

    for (const normalized of [true, false]) {
      cases.push({
        name: `betweenness ${orientation} normalized ${normalized}`,
        gds: { measure: 'betweenness', orientation, normalized },
        inProcess: { measure: 'betweenness', orientation, normalized },
        tolerance: EXACT,
      })
    }
    cases.push({
      name: `weighted betweenness ${orientation}`,
      gds: { measure: 'betweenness', orientation, normalized: true },
      inProcess: { measure: 'betweenness', orientation, normalized: true, distanceAttribute: 'weight' },
      weighted: true,
      tolerance: EXACT,
    })

    for (const direction of ['in', 'out'] as const) {
      for (const wfImproved of [true, false]) {
        cases.push({
          name: `closeness ${orientation} ${direction} wfImproved ${wfImproved}`,
          gds: { measure: 'closeness', orientation, direction, wfImproved, normalized: true },
          inProcess: { measure: 'closeness', orientation, direction, wfImproved, normalized: true },
          tolerance: EXACT,
        })
      }
      for (const normalized of [true, false]) {
        cases.push({
          name: `harmonic ${orientation} ${direction} normalized ${normalized}`,
          gds: { measure: 'harmonic', orientation, direction, normalized },
          inProcess: { measure: 'closeness', orientation, direction, harmonic: true, normalized },
          tolerance: EXACT,
        })
      }
      cases.push({
        name: `eigenvector ${orientation} ${direction}`,
        gds: { measure: 'eigenvector', orientation, direction, normalized: true },
        inProcess: { measure: 'eigenvector', orientation, direction, normalized: true },
        tolerance: ITERATED,
      })
    }

    cases.push(
      {
        name: `pagerank ${orientation}`,
        gds: { measure: 'pagerank', orientation, normalized: true },
        inProcess: { measure: 'pagerank', orientation, normalized: true },
        tolerance: ITERATED,
      },
      {
        name: `weighted pagerank ${orientation}`,
        gds: { measure: 'pagerank', orientation, normalized: true },
        inProcess: { measure: 'pagerank', orientation, normalized: true, strengthAttribute: 'weight' },
        weighted: true,
        tolerance: ITERATED,
      },
      {
        name: `personalised pagerank ${orientation}`,
        gds: { measure: 'pagerank', orientation, normalized: true, seeds },
        inProcess: { measure: 'pagerank', orientation, normalized: true, personalization: seeds },
        tolerance: ITERATED,
      },
    )
  }

  cases.push({
    name: 'kcore',
    gds: { measure: 'kcore', orientation: 'natural', normalized: false },
    inProcess: { measure: 'kcore', orientation: 'undirected', normalized: false },
    tolerance: 0,
  })
  return cases
}

for (const testCase of centralityCases()) {
  t.test(`gds ${testCase.name} matches in-process`, { skip }, async (t) => {
    const scope = testCase.weighted === true ? WEIGHTED : SCOPE

    const scores = await engine.centrality(scope, testCase.gds, SEE_ALL)

    assertScores(t, scores, computeCentrality(inProcessGraph(), testCase.inProcess), testCase.tolerance)
  })
}

t.test('gds sampled betweenness', { skip }, async (t) => {
  const exact = computeCentrality(inProcessGraph(), { measure: 'betweenness', orientation: 'undirected', normalized: false })
  const options: GdsCentralityOptions = { measure: 'betweenness', orientation: 'undirected', normalized: false }

  const allSources = await engine.centrality(SCOPE, { ...options, sample: { size: NODES.length, seed: 7 } }, SEE_ALL)
  const sampled = await engine.centrality(SCOPE, { ...options, sample: { size: 6, seed: 7 } }, SEE_ALL)
  const again = await engine.centrality(SCOPE, { ...options, sample: { size: 6, seed: 7 } }, SEE_ALL)

  assertScores(t, allSources, exact, EXACT)
  t.same([...again], [...sampled], 'the same seed draws the same sources')
  const total = (scores: Iterable<number>) => [...scores].reduce((sum, score) => sum + score, 0)
  const ratio = total(sampled.values()) / total(Object.values(exact))
  // NOTE: 0.5 to 2 is a loose bound. GDS 2.13.9 gives 0.85 for this seed, and a single
  // estimate from 6 of 11 sources has no tighter guarantee.
  t.ok(ratio > 0.5 && ratio < 2, `sampled total / exact total = ${ratio}, expected between 0.5 and 2`)
})

t.test('gds wcc and scc partitions match in-process', { skip }, async (t) => {
  const cases = [
    { algorithm: 'wcc', orientation: 'undirected' },
    { algorithm: 'scc', orientation: 'natural' },
    { algorithm: 'scc', orientation: 'reverse' },
  ] as const
  for (const { algorithm, orientation } of cases) {
    const expected = detectCommunities(inProcessGraph(), { algorithm, orientation })

    const actual = await engine.communities(SCOPE, { algorithm, orientation }, SEE_ALL)

    t.same(groups(actual.assignments), groups(expected.assignments), `${algorithm} ${orientation}: the same components`)
    t.equal(actual.communityCount, expected.communities.length, `${algorithm} ${orientation}: component count`)
    t.ok(Math.abs(actual.modularity - expected.modularity) <= EXACT, `${algorithm} ${orientation}: modularity ${actual.modularity} vs ${expected.modularity}`)
  }
})

t.test('gds louvain and label propagation modularity', { skip }, async (t) => {
  for (const algorithm of ['louvain', 'label-propagation'] as const) {
    for (const scope of [SCOPE, WEIGHTED]) {
      const strengthAttribute = scope.weightProperty ?? undefined
      const label = `${algorithm} ${strengthAttribute === undefined ? 'unweighted' : 'weighted'}`

      const actual = await engine.communities(scope, { algorithm, orientation: 'undirected' }, SEE_ALL)

      const assignments = Object.fromEntries(actual.assignments)
      const expected = modularity(inProcessGraph(), assignments, { strengthAttribute })
      t.equal(actual.assignments.size, NODES.length, `${label}: every node has a community`)
      t.ok(Math.abs(actual.modularity - expected) <= EXACT, `${label}: GDS modularity ${actual.modularity}, in-process ${expected}`)
      t.ok(groups(actual.assignments).some((group) => group.length === 1 && group[0] === `${PREFIX}j`), `${label}: j alone`)
    }
  }
})

t.test('gds louvain finds the two clusters', { skip }, async (t) => {
  const inProcess = detectCommunities(inProcessGraph(), { algorithm: 'louvain', seed: 1 })

  const actual = await engine.communities(SCOPE, { algorithm: 'louvain', orientation: 'undirected' }, SEE_ALL)

  t.same(groups(actual.assignments), groups(inProcess.assignments), 'the same partition as in-process')
  t.ok(Math.abs(actual.modularity - inProcess.modularity) <= EXACT, `modularity ${actual.modularity} vs ${inProcess.modularity}`)
})

t.test('gds articulation points and bridges', { skip }, async (t) => {
  const points = await engine.articulationPoints(SCOPE, SEE_ALL)
  const bridges = await engine.bridges(SCOPE, SEE_ALL)

  t.same(points, ['d', 'e', 'g', 'h'].map((name) => PREFIX + name))
  t.same(
    bridges.sort((x, y) => x[0].localeCompare(y[0])),
    [['d', 'e'], ['g', 'k'], ['h', 'i']].map((pair) => pair.map((name) => PREFIX + name)),
  )
})

t.test('gds rejects what it cannot compute', { skip }, async (t) => {
  const cases: [ProjectionScope, GdsCentralityOptions, RegExp][] = [
    [WEIGHTED, { measure: 'closeness', orientation: 'undirected', normalized: true }, /weighted closeness/],
    [WEIGHTED, { measure: 'eigenvector', orientation: 'undirected', normalized: true }, /weighted eigenvector/],
    [SCOPE, { measure: 'closeness', orientation: 'undirected', normalized: false }, /unnormalized closeness/],
    [SCOPE, { measure: 'pagerank', orientation: 'undirected', normalized: true, seeds: ['t-gds:none'] }, /"t-gds:none" not found/],
  ]
  for (const [scope, options, message] of cases) {
    await t.rejects(engine.centrality(scope, options, SEE_ALL), { code: options.seeds ? 'ANALYTICS_NODE_NOT_FOUND' : 'ANALYTICS_INVALID_OPTION', message })
  }
  await t.rejects(
    engine.communities(SCOPE, { algorithm: 'louvain', orientation: 'undirected', resolution: 0.5 }, SEE_ALL),
    { code: 'ANALYTICS_INVALID_OPTION', message: /resolution 0.5/ },
  )
})

// NOTE: this counts every graph named millennium-*, so it would fail if another test file
// ran a GDS analytics call on the same Neo4j at the same moment.
t.test('gds drops its in-memory graphs', { skip }, async (t) => {
  await engine.centrality(SCOPE, { measure: 'degree', orientation: 'natural', normalized: false }, SEE_ALL)
  await t.rejects(engine.centrality(SCOPE, { measure: 'pagerank', orientation: 'natural', normalized: true, seeds: [] }, SEE_ALL))

  const listed = await database.driver.executeQuery(
    "CALL gds.graph.list() YIELD graphName WHERE graphName STARTS WITH 'millennium-' RETURN count(*) AS graphs",
  )
  t.equal(Number(listed.records[0]?.get('graphs')), 0, 'no millennium graph left in the catalog')
})

t.test('gds version', { skip }, async (t) => {
  t.match(version, /^2\.\d+\.\d+/)
})
