/**
 * Small hand-made graphs for the edge cases the reference graphs do not
 * reach: empty and one-node graphs, disconnected components, self-loops,
 * zero, missing and invalid weights. Expected values come from networkx
 * 3.6.1 on the same graphs; iterative measures there ran with tol=1e-12.
 */
import t from 'tap'
import { UndirectedGraph } from 'graphology'

import {
  AnalyticsError,
  allShortestPaths,
  computeCentrality,
  detectCommunities,
  modularity,
  shortestPathLength,
  shortestPathLengths,
  type CentralityOptions,
  type CommunityAlgorithm,
} from '../../src/analytics/index.js'
import { assertScores } from './assertions.js'

const ALL_MEASURES: CentralityOptions[] = [
  { measure: 'degree', normalized: true },
  { measure: 'betweenness', normalized: true },
  { measure: 'closeness', normalized: true },
  { measure: 'closeness', normalized: true, harmonic: true },
  { measure: 'pagerank', normalized: true },
  { measure: 'eigenvector', normalized: true },
]

const ALL_ALGORITHMS: CommunityAlgorithm[] = ['louvain', 'label-propagation', 'wcc', 'scc']

function undirected(edges: [string, string, Record<string, unknown>?][], nodes: string[] = []): UndirectedGraph {
  const graph = new UndirectedGraph()

  for (const node of nodes) graph.mergeNode(node)

  for (const [source, target, attributes] of edges) {
    graph.mergeNode(source)
    graph.mergeNode(target)
    graph.addEdge(source, target, attributes ?? {})
  }

  return graph
}

function measureName(options: CentralityOptions): string {
  return options.harmonic === true ? 'harmonic' : options.measure
}

t.test('empty graph', async (t) => {
  const graph = new UndirectedGraph()

  for (const options of ALL_MEASURES) {
    t.same(computeCentrality(graph, options), {}, `${measureName(options)} has no scores`)
  }

  for (const algorithm of ALL_ALGORITHMS) {
    const result = detectCommunities(graph, { algorithm })

    t.same(result.communities, [], `${algorithm} finds no communities`)
    t.equal(result.modularity, 0, `${algorithm} modularity is 0`)
  }

  t.throws(() => shortestPathLength(graph, 'a', 'b'), { code: 'ANALYTICS_NODE_NOT_FOUND' })
})

t.test('one node', async (t) => {
  const graph = undirected([], ['solo'])

  const expected: Record<string, number> = {
    degree: 1,
    betweenness: 0,
    closeness: 0,
    harmonic: 0,
    pagerank: 1,
    eigenvector: 1,
  }

  for (const options of ALL_MEASURES) {
    const name = measureName(options)

    t.same(computeCentrality(graph, options), { solo: expected[name] }, `${name} of the only node`)
  }

  t.same(computeCentrality(graph, { measure: 'degree', normalized: false }), { solo: 0 }, 'raw degree is 0')

  for (const algorithm of ALL_ALGORITHMS) {
    const result = detectCommunities(graph, { algorithm })

    t.same(result.communities, [{ id: 0, members: ['solo'] }], `${algorithm} puts it alone`)
    t.equal(result.modularity, 0, `${algorithm} modularity is 0`)
  }

  t.equal(shortestPathLength(graph, 'solo', 'solo'), 0, 'path to itself')
})

t.test('two disconnected components', async (t) => {
  // a - b - c and d - e
  const graph = undirected([
    ['a', 'b'],
    ['b', 'c'],
    ['d', 'e'],
  ])

  const cases: [string, CentralityOptions, Record<string, number>][] = [
    ['degree centrality', { measure: 'degree', normalized: true }, { a: 0.25, b: 0.5, c: 0.25, d: 0.25, e: 0.25 }],
    ['betweenness', { measure: 'betweenness', normalized: true }, { a: 0, b: 1 / 6, c: 0, d: 0, e: 0 }],
    ['betweenness raw', { measure: 'betweenness', normalized: false }, { a: 0, b: 1, c: 0, d: 0, e: 0 }],
    ['closeness', { measure: 'closeness', normalized: true }, { a: 1 / 3, b: 0.5, c: 1 / 3, d: 0.25, e: 0.25 }],
    [
      'closeness without wf_improved',
      { measure: 'closeness', normalized: true, wfImproved: false },
      { a: 2 / 3, b: 1, c: 2 / 3, d: 1, e: 1 },
    ],
    ['closeness raw', { measure: 'closeness', normalized: false }, { a: 1 / 3, b: 0.5, c: 1 / 3, d: 1, e: 1 }],
    ['harmonic', { measure: 'closeness', normalized: false, harmonic: true }, { a: 1.5, b: 2, c: 1.5, d: 1, e: 1 }],
    [
      'harmonic normalized',
      { measure: 'closeness', normalized: true, harmonic: true },
      { a: 0.375, b: 0.5, c: 0.375, d: 0.25, e: 0.25 },
    ],
    [
      'pagerank',
      { measure: 'pagerank', normalized: true },
      { a: 0.154054054054, b: 0.291891891893, c: 0.154054054054, d: 0.2, e: 0.2 },
    ],
    ['eigenvector', { measure: 'eigenvector', normalized: true }, { a: 0.5, b: Math.SQRT1_2, c: 0.5, d: 0, e: 0 }],
  ]

  for (const [description, options, expected] of cases) {
    t.test(`${description} matches networkx`, async (t) => {
      assertScores(t, computeCentrality(graph, options), expected)
    })
  }

  t.equal(shortestPathLength(graph, 'a', 'e'), null, 'no path between components')
  t.same([...allShortestPaths(graph, 'a', 'e')], [], 'no paths between components')
  t.same(shortestPathLengths(graph, 'd'), { d: 0, e: 1 }, 'lengths cover the component only')

  for (const algorithm of ['wcc', 'scc'] as const) {
    const result = detectCommunities(graph, { algorithm })

    t.same(
      result.communities,
      [
        { id: 0, members: ['a', 'b', 'c'] },
        { id: 1, members: ['d', 'e'] },
      ],
      `${algorithm} finds both components, larger first`,
    )
  }
})

t.test('self-loop', async (t) => {
  // a carries a self-loop; b, c and d form a triangle.
  const graph = undirected([
    ['a', 'a'],
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'd'],
    ['d', 'b'],
  ])

  const cases: [string, CentralityOptions, Record<string, number>][] = [
    ['degree', { measure: 'degree', normalized: false }, { a: 3, b: 3, c: 2, d: 2 }],
    ['degree centrality', { measure: 'degree', normalized: true }, { a: 1, b: 1, c: 2 / 3, d: 2 / 3 }],
    ['betweenness', { measure: 'betweenness', normalized: true }, { a: 0, b: 2 / 3, c: 0, d: 0 }],
    ['closeness', { measure: 'closeness', normalized: true }, { a: 0.6, b: 1, c: 0.75, d: 0.75 }],
    [
      'pagerank',
      { measure: 'pagerank', normalized: true },
      { a: 0.225146198831, b: 0.324561403508, c: 0.225146198831, d: 0.225146198831 },
    ],
    [
      'eigenvector',
      { measure: 'eigenvector', normalized: true },
      { a: 0.46140186716, b: 0.60110311174, c: 0.46140186716, d: 0.46140186716 },
    ],
  ]

  for (const [description, options, expected] of cases) {
    t.test(`${description} matches networkx`, async (t) => {
      assertScores(t, computeCentrality(graph, options), expected)
    })
  }

  const q = modularity(graph, { a: 0, b: 1, c: 1, d: 1 })

  t.ok(Math.abs(q - 0.22) <= 1e-12, `modularity ${q} matches networkx 0.22`)
})

t.test('self-loop on a lone node', async (t) => {
  // graphology-metrics 2.4 gives x a closeness of 2/3 here.
  const graph = undirected([['x', 'x']], ['y'])

  t.same(computeCentrality(graph, { measure: 'closeness', normalized: true }), { x: 0, y: 0 })
  t.same(computeCentrality(graph, { measure: 'betweenness', normalized: false }), { x: 0, y: 0 })
  t.same(computeCentrality(graph, { measure: 'degree', normalized: false }), { x: 2, y: 0 })
})

t.test('weights all zero', async (t) => {
  const graph = undirected([
    ['a', 'b', { w: 0 }],
    ['b', 'c', { w: 0 }],
    ['c', 'a', { w: 0 }],
    ['c', 'd', { w: 0 }],
  ])

  // Every node is dangling, so PageRank is uniform.
  assertScores(
    t,
    computeCentrality(graph, { measure: 'pagerank', normalized: true, strengthAttribute: 'w' }),
    { a: 0.25, b: 0.25, c: 0.25, d: 0.25 },
  )

  // (A + I) with A = 0 leaves the uniform start vector.
  assertScores(
    t,
    computeCentrality(graph, { measure: 'eigenvector', normalized: true, strengthAttribute: 'w' }),
    { a: 0.5, b: 0.5, c: 0.5, d: 0.5 },
  )

  t.same(computeCentrality(graph, { measure: 'degree', normalized: false, strengthAttribute: 'w' }), {
    a: 0,
    b: 0,
    c: 0,
    d: 0,
  })

  t.equal(modularity(graph, { a: 0, b: 0, c: 0, d: 1 }, { strengthAttribute: 'w' }), 0, 'modularity with no strength')

  const louvain = detectCommunities(graph, { algorithm: 'louvain', strengthAttribute: 'w' })

  t.equal(louvain.modularity, 0, 'louvain modularity with no strength')
  t.equal(shortestPathLength(graph, 'a', 'd', { distanceAttribute: 'w' }), 0, 'zero distance path')
})

t.test('zero distances match networkx', async (t) => {
  // a - b - c - d at distance 0, a - e at distance 1
  const graph = undirected([
    ['a', 'b', { w: 0 }],
    ['b', 'c', { w: 0 }],
    ['c', 'd', { w: 0 }],
    ['a', 'e', { w: 1 }],
  ])

  assertScores(
    t,
    computeCentrality(graph, { measure: 'betweenness', normalized: false, distanceAttribute: 'w' }),
    { a: 3.5, b: 7, c: 5.5, d: 0, e: 0 },
  )
  assertScores(
    t,
    computeCentrality(graph, { measure: 'closeness', normalized: true, distanceAttribute: 'w' }),
    { a: 4, b: 4, c: 4, d: 4, e: 1 },
  )
  assertScores(
    t,
    computeCentrality(graph, { measure: 'closeness', normalized: false, harmonic: true, distanceAttribute: 'w' }),
    { a: 1, b: 1, c: 1, d: 1, e: 4 },
  )
  assertScores(
    t,
    computeCentrality(graph, { measure: 'pagerank', normalized: true, strengthAttribute: 'w' }),
    { a: 0.408163265305, b: 0.061224489796, c: 0.061224489796, d: 0.061224489796, e: 0.408163265305 },
  )
})

t.test('weights missing count as 1', async (t) => {
  const graph = undirected([
    ['a', 'b'],
    ['b', 'c', { w: null }],
    ['c', 'a'],
    ['c', 'd'],
  ])

  const pairs: [CentralityOptions, CentralityOptions][] = [
    [
      { measure: 'pagerank', normalized: true, strengthAttribute: 'w' },
      { measure: 'pagerank', normalized: true },
    ],
    [
      { measure: 'eigenvector', normalized: true, strengthAttribute: 'w' },
      { measure: 'eigenvector', normalized: true },
    ],
    [
      { measure: 'betweenness', normalized: false, distanceAttribute: 'w' },
      { measure: 'betweenness', normalized: false },
    ],
    [
      { measure: 'closeness', normalized: true, distanceAttribute: 'w' },
      { measure: 'closeness', normalized: true },
    ],
  ]

  for (const [weighted, unweighted] of pairs) {
    t.same(computeCentrality(graph, weighted), computeCentrality(graph, unweighted), `${weighted.measure} unchanged`)
  }
})

t.test('weighted distances match networkx', async (t) => {
  const graph = undirected([
    ['a', 'b', { km: 1 }],
    ['b', 'c', { km: 2 }],
    ['a', 'c', { km: 4 }],
    ['c', 'd', { km: 1 }],
    ['b', 'd', { km: 5 }],
  ])

  assertScores(
    t,
    computeCentrality(graph, { measure: 'betweenness', normalized: false, distanceAttribute: 'km' }),
    { a: 0, b: 2, c: 2, d: 0 },
  )
  assertScores(
    t,
    computeCentrality(graph, { measure: 'closeness', normalized: true, distanceAttribute: 'km' }),
    { a: 0.375, b: 0.5, c: 0.5, d: 0.375 },
  )
  assertScores(
    t,
    computeCentrality(graph, { measure: 'closeness', normalized: false, harmonic: true, distanceAttribute: 'km' }),
    { a: 19 / 12, b: 11 / 6, c: 11 / 6, d: 19 / 12 },
  )
  t.same(shortestPathLengths(graph, 'a', { distanceAttribute: 'km' }), { a: 0, b: 1, c: 3, d: 4 })
  t.same([...allShortestPaths(graph, 'a', 'd', { distanceAttribute: 'km' })], [['a', 'b', 'c', 'd']])
})

t.test('invalid weights rejected', async (t) => {
  const cases: [string, unknown][] = [
    ['negative', -1],
    ['text', '3'],
    ['not a number', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
  ]

  for (const [description, value] of cases) {
    const graph = undirected([['a', 'b', { w: value }]])

    t.throws(
      () => computeCentrality(graph, { measure: 'pagerank', normalized: true, strengthAttribute: 'w' }),
      { code: 'ANALYTICS_INVALID_WEIGHT' },
      `${description} strength`,
    )
    t.throws(
      () => computeCentrality(graph, { measure: 'betweenness', normalized: true, distanceAttribute: 'w' }),
      { code: 'ANALYTICS_INVALID_WEIGHT' },
      `${description} distance`,
    )
  }

  const error = t.throws(() => {
    computeCentrality(undirected([['a', 'b', { w: 'heavy' }]]), {
      measure: 'pagerank',
      normalized: true,
      strengthAttribute: 'w',
    })
  })

  t.ok(error instanceof AnalyticsError, 'an AnalyticsError')
  t.match(String((error as Error).message), /"heavy"/, 'message quotes the value')
})
