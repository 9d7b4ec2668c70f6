/**
 * Orientation of directed multigraphs (natural, reverse, undirected) with
 * merged parallel relationships, and the measures that depend on direction.
 * Expected values come from networkx 3.6.1 on the same graphs; iterative
 * measures there ran with tol=1e-12.
 */
import t from 'tap'
import { DirectedGraph, MultiDirectedGraph, MultiGraph } from 'graphology'
import type { AbstractGraph } from 'graphology-types'

import {
  computeCentrality,
  detectCommunities,
  orientGraph,
  pagerank,
  stronglyConnectedComponents,
  type Aggregation,
} from '../../src/analytics/index.js'
import { assertScores, canonicalGroups } from './assertions.js'

/** a → b, a → c, b → c, c → a, c → d */
function directedSample(): MultiDirectedGraph {
  const graph = new MultiDirectedGraph()

  for (const [source, target] of [
    ['a', 'b'],
    ['a', 'c'],
    ['b', 'c'],
    ['c', 'a'],
    ['c', 'd'],
  ] as const) {
    graph.mergeNode(source)
    graph.mergeNode(target)
    graph.addEdge(source, target)
  }

  return graph
}

/** a → b twice (w 2 and 3), b → a (w 1), b → c (w 4) */
function multiSample(): MultiDirectedGraph {
  const graph = new MultiDirectedGraph()

  graph.mergeNode('a')
  graph.mergeNode('b')
  graph.mergeNode('c')
  graph.addEdge('a', 'b', { w: 2 })
  graph.addEdge('a', 'b', { w: 3 })
  graph.addEdge('b', 'a', { w: 1 })
  graph.addEdge('b', 'c', { w: 4 })

  return graph
}

/** Lists edges as "source>target weight count" (undirected: "source-target ..."), sorted. */
function describeEdges(graph: AbstractGraph): string[] {
  return graph
    .mapEdges((_edge, attributes, source, target, _sourceAttributes, _targetAttributes, undirected) => {
      const link = undirected ? `${[source, target].sort().join('-')}` : `${source}>${target}`

      return `${link} ${String(attributes.weight)} ${String(attributes.count)}`
    })
    .sort()
}

const PAGERANK_NATURAL = { a: 0.233993777632, b: 0.186671033241, c: 0.345341411495, d: 0.233993777632 }
const PAGERANK_REVERSE = { a: 0.373607970605, b: 0.201950254381, c: 0.386941775014, d: 0.0375 }

t.test('natural and reverse swap in- and out-degree', async (t) => {
  const graph = directedSample()
  const natural = orientGraph(graph, { orientation: 'natural' })
  const reverse = orientGraph(graph, { orientation: 'reverse' })

  const inDegree = { a: 1, b: 1, c: 2, d: 1 }
  const outDegree = { a: 2, b: 1, c: 2, d: 0 }

  t.equal(natural.type, 'directed', 'natural is directed')
  t.equal(reverse.type, 'directed', 'reverse is directed')
  t.same(computeCentrality(natural, { measure: 'degree', normalized: false, direction: 'in' }), inDegree)
  t.same(computeCentrality(natural, { measure: 'degree', normalized: false, direction: 'out' }), outDegree)
  t.same(computeCentrality(reverse, { measure: 'degree', normalized: false, direction: 'out' }), inDegree)
  t.same(computeCentrality(reverse, { measure: 'degree', normalized: false, direction: 'in' }), outDegree)

  const viaOption = computeCentrality(graph, {
    measure: 'degree',
    normalized: false,
    direction: 'in',
    orientation: 'reverse',
  })

  t.same(viaOption, outDegree, 'orientation option swaps too')
})

t.test('undirected orientation merges reciprocal edges', async (t) => {
  const oriented = orientGraph(directedSample(), { orientation: 'undirected' })

  t.equal(oriented.type, 'undirected')
  t.same(describeEdges(oriented), ['a-b 1 1', 'a-c 2 2', 'b-c 1 1', 'c-d 1 1'])
  t.same(
    computeCentrality(oriented, { measure: 'degree', normalized: false }),
    { a: 2, b: 2, c: 3, d: 1 },
    'unweighted degree counts merged edges',
  )
  t.same(
    computeCentrality(oriented, { measure: 'degree', normalized: false, strengthAttribute: 'weight' }),
    { a: 3, b: 2, c: 4, d: 1 },
    'degree weighted by the merged count counts relationships',
  )
  t.same(
    computeCentrality(directedSample(), { measure: 'degree', normalized: false, orientation: 'undirected' }),
    { a: 3, b: 2, c: 4, d: 1 },
    'orientation option counts relationships',
  )
})

t.test('directed measures match networkx', async (t) => {
  const graph = directedSample()

  const cases: [string, Parameters<typeof computeCentrality>[1], Record<string, number>][] = [
    ['pagerank natural', { measure: 'pagerank', normalized: true }, PAGERANK_NATURAL],
    ['pagerank reverse', { measure: 'pagerank', normalized: true, orientation: 'reverse' }, PAGERANK_REVERSE],
    ['betweenness raw', { measure: 'betweenness', normalized: false }, { a: 1, b: 0, c: 3, d: 0 }],
    ['betweenness', { measure: 'betweenness', normalized: true }, { a: 1 / 6, b: 0, c: 0.5, d: 0 }],
    ['closeness incoming', { measure: 'closeness', normalized: true }, { a: 4 / 9, b: 4 / 9, c: 2 / 3, d: 0.6 }],
    [
      'closeness outgoing',
      { measure: 'closeness', normalized: true, direction: 'out' },
      { a: 0.75, b: 0.6, c: 0.75, d: 0 },
    ],
    [
      'closeness reverse',
      { measure: 'closeness', normalized: true, orientation: 'reverse' },
      { a: 0.75, b: 0.6, c: 0.75, d: 0 },
    ],
    ['harmonic', { measure: 'closeness', normalized: false, harmonic: true }, { a: 1.5, b: 1.5, c: 2, d: 2 }],
    [
      'eigenvector',
      { measure: 'eigenvector', normalized: true },
      { a: 0.480862716147, b: 0.36299252495, c: 0.63700747505, d: 0.480862716147 },
    ],
  ]

  for (const [description, options, expected] of cases) {
    t.test(`${description} matches networkx`, async (t) => {
      assertScores(t, computeCentrality(graph, options), expected)
    })
  }

  t.same(canonicalGroups(stronglyConnectedComponents(graph)), [['a', 'b', 'c'], ['d']], 'strongly connected components')

  const scc = detectCommunities(graph, { algorithm: 'scc' })
  const sccUndirected = detectCommunities(graph, { algorithm: 'scc', orientation: 'undirected' })

  t.equal(scc.communities.length, 2, 'scc follows direction')
  t.equal(sccUndirected.communities.length, 1, 'scc of the undirected orientation is one component')
})

t.test('parallel relationships merged', async (t) => {
  const graph = multiSample()

  const cases: [string, Parameters<typeof orientGraph>[1], string[]][] = [
    ['natural sum', { orientation: 'natural', weightAttribute: 'w' }, ['a>b 5 2', 'b>a 1 1', 'b>c 4 1']],
    ['reverse sum', { orientation: 'reverse', weightAttribute: 'w' }, ['a>b 1 1', 'b>a 5 2', 'c>b 4 1']],
    ['undirected sum', { orientation: 'undirected', weightAttribute: 'w' }, ['a-b 6 3', 'b-c 4 1']],
    ['natural without weight', { orientation: 'natural' }, ['a>b 2 2', 'b>a 1 1', 'b>c 1 1']],
  ]

  for (const [description, options, expected] of cases) {
    t.same(describeEdges(orientGraph(graph, options)), expected, description)
  }

  const aggregations: [Aggregation, string[]][] = [
    ['min', ['a>b 2 2', 'b>a 1 1', 'b>c 4 1']],
    ['max', ['a>b 3 2', 'b>a 1 1', 'b>c 4 1']],
    ['count', ['a>b 2 2', 'b>a 1 1', 'b>c 1 1']],
  ]

  for (const [aggregation, expected] of aggregations) {
    const oriented = orientGraph(graph, { orientation: 'natural', weightAttribute: 'w', aggregation })

    t.same(describeEdges(oriented), expected, `aggregation ${aggregation}`)
  }
})

t.test('multigraph pagerank matches networkx', async (t) => {
  const graph = multiSample()
  const weighted = { a: 0.227914678095, b: 0.360377909808, c: 0.411707412097 }

  // networkx sums parallel edges into one matrix entry, weighted or not.
  assertScores(t, pagerank(graph, { strengthAttribute: 'w' }), weighted)
  assertScores(t, pagerank(graph), { a: 0.303191489361, b: 0.393617021277, c: 0.303191489361 })

  const natural = orientGraph(graph, { orientation: 'natural', weightAttribute: 'w' })

  assertScores(t, pagerank(natural, { strengthAttribute: 'weight' }), weighted)
  assertScores(
    t,
    computeCentrality(graph, { measure: 'pagerank', normalized: true, strengthAttribute: 'w', orientation: 'natural' }),
    weighted,
  )
})

t.test('mixed graph undirected edge', async (t) => {
  const graph = new MultiGraph()

  graph.mergeNode('a')
  graph.mergeNode('b')
  graph.mergeNode('c')
  graph.addUndirectedEdge('a', 'b')
  graph.addDirectedEdge('b', 'c')

  t.same(describeEdges(orientGraph(graph, { orientation: 'natural' })), ['a>b 1 1', 'b>a 1 1', 'b>c 1 1'])
  t.same(describeEdges(orientGraph(graph, { orientation: 'reverse' })), ['a>b 1 1', 'b>a 1 1', 'c>b 1 1'])
  t.same(describeEdges(orientGraph(graph, { orientation: 'undirected' })), ['a-b 1 1', 'b-c 1 1'])
})

t.test('self-loop kept by orientation', async (t) => {
  const graph = new MultiDirectedGraph()

  graph.mergeNode('a')
  graph.addEdge('a', 'a')
  graph.addEdge('a', 'a')

  t.same(describeEdges(orientGraph(graph, { orientation: 'natural' })), ['a>a 2 2'])
  t.same(describeEdges(orientGraph(graph, { orientation: 'undirected' })), ['a-a 2 2'])
})

t.test('invalid orientation rejected', async (t) => {
  const graph = directedSample()

  t.throws(
    () => orientGraph(graph, { orientation: 'sideways' as never }),
    { code: 'ANALYTICS_INVALID_OPTION', message: /"sideways"/ },
  )
  t.throws(
    () => orientGraph(graph, { orientation: 'natural', aggregation: 'mean' as never }),
    { code: 'ANALYTICS_INVALID_OPTION', message: /"mean"/ },
  )
})

t.test('scc on a long chain', async (t) => {
  // graphology-components 1.5 overflows the call stack on this chain.
  const graph = new DirectedGraph()
  const length = 20000

  for (let i = 0; i < length; i++) graph.addNode(String(i))
  for (let i = 1; i < length; i++) graph.addEdge(String(i - 1), String(i))

  t.equal(stronglyConnectedComponents(graph).length, length, 'a path has singleton components')

  graph.addEdge(String(length - 1), '0')

  t.equal(stronglyConnectedComponents(graph).length, 1, 'closing the cycle joins them')
})
