/**
 * Articulation points and bridges on hand-built graphs and on the karate
 * club and Les Misérables, against values from networkx 3.6.1's
 * `articulation_points` and `bridges`.
 */
import t from 'tap'
import { MultiDirectedGraph, MultiUndirectedGraph } from 'graphology'
import type { AbstractGraph } from 'graphology-types'

import { articulationPoints, bridges, findCutStructure } from '../../src/analytics/index.js'
import { compact, edgeListOf, type EdgeList } from '../../src/analytics/compact.js'
import { KARATE_FILES, LESMIS_FILES, loadKarate, loadLesMis, missingData } from './fixtures.js'

function undirected(edges: [string, string][], isolated: string[] = []): MultiUndirectedGraph {
  const graph = new MultiUndirectedGraph()

  for (const [source, target] of edges) {
    graph.mergeNode(source)
    graph.mergeNode(target)
    graph.addEdge(source, target)
  }

  for (const node of isolated) graph.mergeNode(node)

  return graph
}

function edgesOf(graph: AbstractGraph): EdgeList {
  return edgeListOf(graph, undefined, 'weight')
}

t.test('two triangles joined by a bridge', async (t) => {
  // a-b-c triangle, c - d bridge, d-e-f triangle, f - g tail.
  const graph = undirected([
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'a'],
    ['c', 'd'],
    ['d', 'e'],
    ['e', 'f'],
    ['f', 'd'],
    ['f', 'g'],
  ])

  t.same(articulationPoints(edgesOf(graph)), ['c', 'd', 'f'], 'articulation points')
  t.same(
    bridges(edgesOf(graph)),
    [
      ['c', 'd'],
      ['f', 'g'],
    ],
    'bridges',
  )
})

t.test('cycle has no cut points', async (t) => {
  const graph = undirected([
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'd'],
    ['d', 'a'],
  ])

  t.same(articulationPoints(edgesOf(graph)), [], 'no articulation point')
  t.same(bridges(edgesOf(graph)), [], 'no bridge')
})

t.test('star centre is the only cut point', async (t) => {
  const graph = undirected([
    ['hub', 'a'],
    ['hub', 'b'],
    ['hub', 'c'],
  ])

  t.same(articulationPoints(edgesOf(graph)), ['hub'], 'articulation points')
  t.same(bridges(edgesOf(graph)).length, 3, 'every spoke is a bridge')
})

t.test('doubled edge still a bridge', async (t) => {
  // networkx on a MultiGraph would not report a - b; the simple view merges the pair.
  const graph = undirected([
    ['a', 'b'],
    ['a', 'b'],
    ['b', 'c'],
  ])

  t.same(bridges(edgesOf(graph)), [
    ['a', 'b'],
    ['b', 'c'],
  ])
  t.same(articulationPoints(edgesOf(graph)), ['b'])
})

t.test('self-loops ignored', async (t) => {
  const graph = undirected([
    ['a', 'a'],
    ['a', 'b'],
    ['b', 'b'],
  ])

  t.same(bridges(edgesOf(graph)), [['a', 'b']], 'a - b is a bridge')
  t.same(articulationPoints(edgesOf(graph)), [], 'no articulation point')
})

t.test('directed edges read undirected', async (t) => {
  // a → b, b → c, c → a form a cycle once direction is dropped; c ⇄ d is one edge.
  const graph = new MultiDirectedGraph()

  for (const [source, target] of [
    ['a', 'b'],
    ['b', 'c'],
    ['a', 'c'],
    ['c', 'd'],
    ['d', 'c'],
  ] as const) {
    graph.mergeNode(source)
    graph.mergeNode(target)
    graph.addEdge(source, target)
  }

  t.same(articulationPoints(edgesOf(graph)), ['c'], 'articulation points')
  t.same(bridges(edgesOf(graph)), [['c', 'd']], 'bridges')

  const directedView = findCutStructure(compact(edgesOf(graph), { merge: 'sum' }))

  t.same([...directedView.articulationPoints], [2], 'a directed compact graph gives the same point')
  t.same([...directedView.bridgeSources], [2], 'and the same bridge source')
  t.same([...directedView.bridgeTargets], [3], 'and the same bridge target')
})

t.test('several components and isolated nodes', async (t) => {
  const graph = undirected(
    [
      ['a', 'b'],
      ['b', 'c'],
      ['x', 'y'],
    ],
    ['solo'],
  )

  t.same(articulationPoints(edgesOf(graph)), ['b'], 'articulation points')
  t.same(
    bridges(edgesOf(graph)),
    [
      ['a', 'b'],
      ['b', 'c'],
      ['x', 'y'],
    ],
    'bridges',
  )
})

t.test('long path without stack overflow', async (t) => {
  const n = 200_000
  const edges: EdgeList = {
    keys: Array.from({ length: n }, (_, i) => `p${i}`),
    directed: false,
    sources: Int32Array.from({ length: n - 1 }, (_, i) => i),
    targets: Int32Array.from({ length: n - 1 }, (_, i) => i + 1),
    weights: null,
  }
  const structure = findCutStructure(compact(edges, { orientation: 'undirected', merge: 'sum' }))

  t.equal(structure.articulationPoints.length, n - 2, 'every inner node')
  t.equal(structure.bridgeSources.length, n - 1, 'every edge')
})

t.test('karate matches networkx', { skip: missingData(...KARATE_FILES) }, async (t) => {
  const edges = edgesOf(loadKarate())

  t.same(articulationPoints(edges), ['0'], 'articulation points')
  t.same(bridges(edges), [['0', '11']], 'bridges')
})

t.test('lesmis matches networkx', { skip: missingData(...LESMIS_FILES) }, async (t) => {
  const edges = edgesOf(loadLesMis())

  t.same(
    articulationPoints(edges),
    ['Myriel', 'Valjean', 'Thenardier', 'Fauchelevent', 'MmeBurgon', 'Gavroche', 'MlleGillenormand', 'Mabeuf'],
    'articulation points',
  )
  t.same(
    bridges(edges),
    [
      ['Myriel', 'Napoleon'],
      ['Myriel', 'CountessDeLo'],
      ['Myriel', 'Geborand'],
      ['Myriel', 'Champtercier'],
      ['Myriel', 'Cravatte'],
      ['Myriel', 'Count'],
      ['Myriel', 'OldMan'],
      ['Labarre', 'Valjean'],
      ['Valjean', 'MmeDeR'],
      ['Valjean', 'Isabeau'],
      ['Valjean', 'Gervais'],
      ['Valjean', 'Scaufflaire'],
      ['Thenardier', 'Boulatruelle'],
      ['Fauchelevent', 'Gribier'],
      ['Jondrette', 'MmeBurgon'],
      ['MmeBurgon', 'Gavroche'],
      ['MlleGillenormand', 'MlleVaubois'],
      ['Mabeuf', 'MotherPlutarch'],
    ],
    'bridges',
  )
})

t.test('invalid edge list rejected', async (t) => {
  const edges: EdgeList = {
    keys: ['a'],
    directed: false,
    sources: Int32Array.from([0]),
    targets: Int32Array.from([3]),
    weights: null,
  }

  t.throws(() => bridges(edges), { code: 'ANALYTICS_INVALID_OPTION', message: /edge 0 joins node 0 and node 3/ })
})
