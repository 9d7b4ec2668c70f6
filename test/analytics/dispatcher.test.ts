/**
 * The dispatchers: option checks, error codes and community numbering; the
 * edge-list dispatcher against the graphology route, its progress reports
 * and cancellation.
 */
import t from 'tap'
import { MultiDirectedGraph, UndirectedGraph } from 'graphology'

import type { EdgeList } from '../../src/analytics/compact.js'
import {
  centralityOf,
  computeCentrality,
  detectCommunities,
  modularity,
  orientGraph,
  ORIENTATIONS,
  ORIENTED_WEIGHT,
  type CentralityOptions,
  type CommunityOptions,
} from '../../src/analytics/index.js'

function triangleWithTail(): UndirectedGraph {
  const graph = new UndirectedGraph()

  for (const [source, target] of [
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'a'],
    ['c', 'd'],
  ] as const) {
    graph.mergeEdge(source, target, { calls: 2 })
  }

  return graph
}

t.test('centrality options rejected', async (t) => {
  const graph = triangleWithTail()

  const cases: [string, CentralityOptions, RegExp][] = [
    ['unknown measure', { measure: 'katz' as never, normalized: true }, /"katz"/],
    [
      'strength for betweenness',
      { measure: 'betweenness', normalized: true, strengthAttribute: 'calls' },
      /strengthAttribute/,
    ],
    [
      'strength for closeness',
      { measure: 'closeness', normalized: true, strengthAttribute: 'calls' },
      /strengthAttribute/,
    ],
    [
      'distance for pagerank',
      { measure: 'pagerank', normalized: true, distanceAttribute: 'calls' },
      /distanceAttribute/,
    ],
    [
      'distance for eigenvector',
      { measure: 'eigenvector', normalized: true, distanceAttribute: 'calls' },
      /distanceAttribute/,
    ],
    ['damping for degree', { measure: 'degree', normalized: true, dampingFactor: 0.5 }, /dampingFactor/],
    ['direction for pagerank', { measure: 'pagerank', normalized: true, direction: 'in' }, /direction/],
    ['harmonic for degree', { measure: 'degree', normalized: true, harmonic: true }, /harmonic/],
    ['normalized missing', { measure: 'degree' } as CentralityOptions, /normalized is missing/],
    ['unnormalized pagerank', { measure: 'pagerank', normalized: false }, /normalized: true/],
    ['unnormalized eigenvector', { measure: 'eigenvector', normalized: false }, /normalized: true/],
    [
      'normalized weighted degree',
      { measure: 'degree', normalized: true, strengthAttribute: 'calls' },
      /unweighted degree/,
    ],
    [
      'wfImproved with harmonic',
      { measure: 'closeness', normalized: true, harmonic: true, wfImproved: true },
      /wfImproved/,
    ],
    ['damping above 1', { measure: 'pagerank', normalized: true, dampingFactor: 1.5 }, /dampingFactor 1.5/],
    ['zero iterations', { measure: 'pagerank', normalized: true, maxIterations: 0 }, /maxIterations 0/],
    ['negative tolerance', { measure: 'eigenvector', normalized: true, tolerance: -1 }, /tolerance -1/],
    ['unknown orientation', { measure: 'degree', normalized: true, orientation: 'up' as never }, /"up"/],
  ]

  for (const [description, options, message] of cases) {
    t.throws(() => computeCentrality(graph, options), { code: 'ANALYTICS_INVALID_OPTION', message }, description)
  }
})

t.test('power iteration limit', async (t) => {
  const graph = triangleWithTail()

  t.throws(
    () => computeCentrality(graph, { measure: 'pagerank', normalized: true, maxIterations: 1 }),
    { code: 'ANALYTICS_NOT_CONVERGED', message: /within 1 iterations/ },
  )
  t.throws(
    () => computeCentrality(graph, { measure: 'eigenvector', normalized: true, maxIterations: 1 }),
    { code: 'ANALYTICS_NOT_CONVERGED' },
  )
})

t.test('weighted degree sums strengths', async (t) => {
  const graph = triangleWithTail()

  t.same(computeCentrality(graph, { measure: 'degree', normalized: false, strengthAttribute: 'calls' }), {
    a: 4,
    b: 4,
    c: 6,
    d: 2,
  })
})

t.test('community options rejected', async (t) => {
  const graph = triangleWithTail()

  const cases: [string, CommunityOptions, RegExp][] = [
    ['unknown algorithm', { algorithm: 'leiden' as never }, /"leiden"/],
    ['iterations for louvain', { algorithm: 'louvain', maxIterations: 10 }, /maxIterations/],
    ['zero sweeps', { algorithm: 'label-propagation', maxIterations: 0 }, /maxIterations 0/],
    ['negative seed', { algorithm: 'louvain', seed: -1 }, /seed -1/],
    ['fractional seed', { algorithm: 'label-propagation', seed: 1.5 }, /seed 1.5/],
    ['negative resolution', { algorithm: 'louvain', resolution: -1 }, /resolution -1/],
    ['unknown orientation', { algorithm: 'wcc', orientation: 'up' as never }, /"up"/],
  ]

  for (const [description, options, message] of cases) {
    t.throws(() => detectCommunities(graph, options), { code: 'ANALYTICS_INVALID_OPTION', message }, description)
  }

  t.throws(
    () => modularity(graph, { a: 0, b: 0, c: 1 }),
    { code: 'ANALYTICS_INVALID_OPTION', message: /"d"/ },
    'partial partition',
  )
})

t.test('seed accepted by components', async (t) => {
  const result = detectCommunities(triangleWithTail(), { algorithm: 'wcc', seed: 5 })

  t.equal(result.communities.length, 1)
})

t.test('resolution scales modularity', async (t) => {
  const graph = triangleWithTail()
  const assignments = { a: 0, b: 0, c: 0, d: 0 }

  // One community holding every edge: Q = 1 - γ.
  t.equal(modularity(graph, assignments), 0, 'resolution 1')
  t.equal(modularity(graph, assignments, { resolution: 0 }), 1, 'resolution 0')
  t.equal(detectCommunities(graph, { algorithm: 'wcc', resolution: 0.5 }).modularity, 0.5, 'reported with resolution')
})

t.test('communities numbered by size then key', async (t) => {
  const graph = new UndirectedGraph()

  // Added out of order: components {x, y}, {b, a}, {m, n, o} and {e}.
  for (const [source, target] of [
    ['x', 'y'],
    ['b', 'a'],
    ['m', 'n'],
    ['n', 'o'],
  ] as const) {
    graph.mergeEdge(source, target)
  }

  graph.addNode('e')

  const result = detectCommunities(graph, { algorithm: 'wcc' })

  t.same(result.communities, [
    { id: 0, members: ['m', 'n', 'o'] },
    { id: 1, members: ['a', 'b'] },
    { id: 2, members: ['x', 'y'] },
    { id: 3, members: ['e'] },
  ])
  t.same({ ...result.assignments }, { m: 0, n: 0, o: 0, a: 1, b: 1, x: 2, y: 2, e: 3 })
})

t.test('node keys safe as properties', async (t) => {
  const graph = new UndirectedGraph()

  // Isolated only: graphology 0.26 rejects edges whose target key is an
  // Object.prototype property name.
  graph.addNode('__proto__')
  graph.addNode('constructor')
  graph.mergeEdge('a', 'b')

  const scores = computeCentrality(graph, { measure: 'degree', normalized: false })

  t.same(Object.keys(scores).sort(), ['__proto__', 'a', 'b', 'constructor'], 'one score per node')
  t.equal(scores['__proto__'], 0, '__proto__ is an ordinary key')
  t.equal(scores['constructor'], 0, 'constructor is an ordinary key')

  const { assignments } = detectCommunities(graph, { algorithm: 'louvain' })

  t.equal(assignments['a'], 0, 'a in the pair')
  t.equal(typeof assignments['__proto__'], 'number', '__proto__ has its own community')
  t.equal(typeof assignments['constructor'], 'number', 'constructor has its own community')
})

/**
 * Builds the relationships a → b (w 2), a → b (w 3), b → a (w 1), b → c (w 4),
 * c → c (w 1) and c → d (w 2), with e alone.
 */
function relationships(): EdgeList {
  return {
    keys: ['a', 'b', 'c', 'd', 'e'],
    directed: true,
    sources: Int32Array.from([0, 0, 1, 1, 2, 2]),
    targets: Int32Array.from([1, 1, 0, 2, 2, 3]),
    weights: Float64Array.from([2, 3, 1, 4, 1, 2]),
  }
}

/** Builds the same relationships as a graphology multigraph, with the weight in `w`. */
function relationshipGraph(): MultiDirectedGraph {
  const edges = relationships()
  const graph = new MultiDirectedGraph()

  for (const key of edges.keys) graph.addNode(key)

  for (let e = 0; e < edges.sources.length; e++) {
    const source = edges.keys[edges.sources[e] as number] as string
    const target = edges.keys[edges.targets[e] as number] as string

    graph.addEdge(source, target, { w: edges.weights?.[e] })
  }

  return graph
}

t.test('edge list dispatcher matches orientGraph', async (t) => {
  const edges = relationships()
  const graph = relationshipGraph()

  const cases: Omit<CentralityOptions, 'orientation' | 'personalization'>[] = [
    { measure: 'degree', normalized: false, direction: 'in', strengthAttribute: 'w' },
    { measure: 'betweenness', normalized: true },
    { measure: 'betweenness', normalized: false, distanceAttribute: 'w' },
    { measure: 'closeness', normalized: true, distanceAttribute: 'w' },
    { measure: 'closeness', normalized: true, direction: 'out' },
    { measure: 'closeness', normalized: false, harmonic: true, direction: 'total', distanceAttribute: 'w' },
    { measure: 'pagerank', normalized: true },
    { measure: 'pagerank', normalized: true, strengthAttribute: 'w', dampingFactor: 0.7 },
    { measure: 'eigenvector', normalized: true, strengthAttribute: 'w', direction: 'total' },
    { measure: 'eigenvector', normalized: true, direction: 'in' },
    { measure: 'kcore', normalized: false },
  ]

  for (const orientation of ORIENTATIONS) {
    for (const options of cases) {
      const readsDistance = options.measure === 'betweenness' || options.measure === 'closeness'
      const attribute = readsDistance ? options.distanceAttribute : options.strengthAttribute
      const oriented = orientGraph(graph, {
        orientation,
        weightAttribute: attribute,
        aggregation: readsDistance ? 'min' : 'sum',
      })
      const renamed = readsDistance
        ? { distanceAttribute: attribute === undefined ? undefined : ORIENTED_WEIGHT }
        : { strengthAttribute: options.measure === 'kcore' ? undefined : ORIENTED_WEIGHT }
      const expected = computeCentrality(oriented, { ...options, ...renamed })
      const scores = centralityOf(edges, { ...options, orientation })

      const label = `${options.measure} ${JSON.stringify(options)} ${orientation}`

      edges.keys.forEach((key, i) => {
        const want = expected[key] as number

        t.ok(Math.abs((scores[i] as number) - want) <= 1e-12, `${label}: ${key} got ${scores[i]}, expected ${want}`)
      })
    }
  }
})

t.test('weights read only when named', async (t) => {
  const edges = relationships()
  const unweighted = { ...edges, weights: null }

  for (const options of [
    { measure: 'pagerank', normalized: true },
    { measure: 'betweenness', normalized: false },
    { measure: 'degree', normalized: false },
  ] as const) {
    t.same([...centralityOf(edges, options)], [...centralityOf(unweighted, options)], `${options.measure} unweighted`)
  }

  t.same(
    [...centralityOf(edges, { measure: 'degree', normalized: false, strengthAttribute: 'w' })],
    [6, 10, 8, 2, 0],
    'weighted degree sums every relationship, a self-loop twice',
  )
})

t.test('edge list rejected', async (t) => {
  const outside = { ...relationships(), targets: Int32Array.from([1, 1, 0, 2, 2, 7]) }

  t.throws(() => centralityOf(outside, { measure: 'degree', normalized: true }), {
    code: 'ANALYTICS_INVALID_OPTION',
    message: /edge 5 joins node 2 and node 7/,
  })

  const negative = { ...relationships(), weights: Float64Array.from([2, 3, 1, -4, 1, 2]) }

  t.throws(() => centralityOf(negative, { measure: 'pagerank', normalized: true, strengthAttribute: 'w' }), {
    code: 'ANALYTICS_INVALID_WEIGHT',
    message: /edge 3 has weight -4/,
  })
  t.throws(() => centralityOf(relationships(), { measure: 'kcore', normalized: true }), {
    code: 'ANALYTICS_INVALID_OPTION',
    message: /normalized: false/,
  })
})

t.test('progress reported per source', async (t) => {
  const edges = relationships()

  for (const measure of ['betweenness', 'closeness'] as const) {
    const reports: [number, number][] = []

    centralityOf(edges, { measure, normalized: true, onProgress: (done, total) => reports.push([done, total]) })

    t.same(reports, [[0, 5], [1, 5], [2, 5], [3, 5], [4, 5], [5, 5]], `${measure} reports each source`)
  }

  const chain: EdgeList = {
    keys: Array.from({ length: 1000 }, (_, i) => `n${i}`),
    directed: false,
    sources: Int32Array.from({ length: 999 }, (_, i) => i),
    targets: Int32Array.from({ length: 999 }, (_, i) => i + 1),
    weights: null,
  }
  const reports: number[] = []

  centralityOf(chain, { measure: 'betweenness', normalized: true, onProgress: (done) => reports.push(done) })

  t.equal(reports.length, 101, 'about 100 reports on 1,000 sources')
  t.equal(reports.at(-1), 1000, 'last report is the total')
})

t.test('cancellation stops long measures', async (t) => {
  const edges = relationships()

  for (const options of [
    { measure: 'betweenness', normalized: true },
    { measure: 'closeness', normalized: true },
    { measure: 'pagerank', normalized: true },
    { measure: 'eigenvector', normalized: true },
  ] as const) {
    let checks = 0

    t.throws(
      () => centralityOf(edges, { ...options, shouldStop: () => ++checks > 2 }),
      { code: 'ANALYTICS_CANCELLED', message: new RegExp(`analytics/${options.measure}: cancelled after 2`) },
      options.measure,
    )
  }
})
