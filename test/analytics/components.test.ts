/**
 * Weakly and strongly connected components on compact graphs: labels, sizes,
 * removed nodes, long chains that would overflow a recursive search, and the
 * graphology wrappers against networkx 3.6.1's components of the karate club.
 */
import t from 'tap'
import { DirectedGraph } from 'graphology'

import {
  strongComponents,
  stronglyConnectedComponents,
  weakComponents,
  weaklyConnectedComponents,
} from '../../src/analytics/index.js'
import { compact, type EdgeList } from '../../src/analytics/compact.js'
import { canonicalGroups } from './assertions.js'
import { KARATE_FILES, loadKarate, loadReference, missingData } from './fixtures.js'

/** Edge list over nodes n0..n{count-1}. */
function edgeList(count: number, pairs: [number, number][], directed = true): EdgeList {
  return {
    keys: Array.from({ length: count }, (_, i) => `n${i}`),
    directed,
    sources: Int32Array.from(pairs, ([source]) => source),
    targets: Int32Array.from(pairs, ([, target]) => target),
    weights: null,
  }
}

// 0 → 1 → 2 → 0 is a cycle, 2 → 3 → 4 → 3 another; 5 → 6 alone; 7 isolated.
const DIRECTED = edgeList(8, [
  [0, 1],
  [1, 2],
  [2, 0],
  [2, 3],
  [3, 4],
  [4, 3],
  [5, 6],
])

t.test('weak components of directed graph', async (t) => {
  const { labels, count, sizes } = weakComponents(compact(DIRECTED, { merge: 'sum' }))

  t.equal(count, 3, 'component count')
  t.same([...labels], [0, 0, 0, 0, 0, 1, 1, 2], 'numbered by smallest node')
  t.same([...sizes], [5, 2, 1], 'sizes')
})

t.test('weak components with removed nodes', async (t) => {
  const removed = new Uint8Array(8)

  removed[2] = 1
  removed[6] = 1

  const { labels, count, sizes } = weakComponents(compact(DIRECTED, { merge: 'sum' }), removed)

  t.equal(count, 4, 'removing 2 splits the first component')
  t.same([...labels], [0, 0, -1, 1, 1, 2, -1, 3], 'removed nodes labelled -1')
  t.same([...sizes], [2, 2, 1, 1], 'sizes')
})

t.test('strong components of directed graph', async (t) => {
  const { labels, count, sizes } = strongComponents(compact(DIRECTED, { merge: 'sum' }))

  t.equal(count, 5, 'component count')
  t.equal(labels[0], labels[1], '0 and 1 together')
  t.equal(labels[1], labels[2], '1 and 2 together')
  t.equal(labels[3], labels[4], '3 and 4 together')
  t.not(labels[2], labels[3], '2 and 3 apart')
  t.not(labels[5], labels[6], '5 and 6 apart')
  t.same([...sizes].sort(), [1, 1, 1, 2, 3], 'sizes')
  t.ok(
    (labels[3] as number) < (labels[0] as number),
    'the downstream component {3, 4} closes before {0, 1, 2}',
  )
  t.same(
    [...labels].map((label) => sizes[label]),
    [3, 3, 3, 2, 2, 1, 1, 1],
    'size of each node component',
  )
})

t.test('strong components with removed nodes', async (t) => {
  const removed = new Uint8Array(8)

  removed[1] = 1

  const { labels, count } = strongComponents(compact(DIRECTED, { merge: 'sum' }), removed)

  t.equal(labels[1], -1, 'removed node labelled -1')
  t.not(labels[0], labels[2], 'the cycle 0-1-2 is broken')
  t.equal(count, 6, 'component count')
})

t.test('undirected graph strong equals weak', async (t) => {
  const graph = compact(DIRECTED, { orientation: 'undirected', merge: 'sum' })
  const weak = weakComponents(graph)
  const strong = strongComponents(graph)

  t.equal(strong.count, weak.count, 'same count')
  t.same([...strong.sizes].sort(), [...weak.sizes].sort(), 'same sizes')
})

t.test('long chains without stack overflow', async (t) => {
  const n = 200_000
  const path: [number, number][] = Array.from({ length: n - 1 }, (_, i) => [i, i + 1])
  const chain = compact(edgeList(n, path), { merge: 'sum' })
  const ring = compact(edgeList(n, [...path, [n - 1, 0]]), { merge: 'sum' })

  t.equal(strongComponents(chain).count, n, 'a directed path has one component per node')
  t.equal(strongComponents(ring).count, 1, 'a directed cycle is one component')
  t.equal(weakComponents(chain).count, 1, 'a path is weakly connected')
})

t.test('empty graph has no components', async (t) => {
  const graph = compact(edgeList(0, []), { merge: 'sum' })

  t.equal(weakComponents(graph).count, 0, 'no weak component')
  t.equal(strongComponents(graph).count, 0, 'no strong component')
})

t.test('graphology wrappers return key groups', async (t) => {
  const graph = new DirectedGraph()

  for (const [source, target] of [
    ['a', 'b'],
    ['b', 'a'],
    ['b', 'c'],
  ] as const) {
    graph.mergeEdge(source, target)
  }

  graph.addNode('d')

  t.same(canonicalGroups(weaklyConnectedComponents(graph)), [['a', 'b', 'c'], ['d']], 'weak')
  t.same(canonicalGroups(stronglyConnectedComponents(graph)), [['a', 'b'], ['c'], ['d']], 'strong')
})

t.test('karate components match networkx', { skip: missingData(...KARATE_FILES) }, async (t) => {
  const reference = loadReference('karate')

  t.same(
    canonicalGroups(weaklyConnectedComponents(loadKarate())),
    canonicalGroups(reference.connected_components),
    'one component',
  )
})
