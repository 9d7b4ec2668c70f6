/**
 * The two dispatchers: option checks, error codes and community numbering.
 */
import t from 'tap'
import { UndirectedGraph } from 'graphology'

import {
  computeCentrality,
  detectCommunities,
  modularity,
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
