/**
 * Core numbers on the karate club against networkx 3.6.1
 * (`nx.core_number(G)` on the graph read from
 * karate/karate_networkx_weighted_edgelist.txt) and on a hand-built graph
 * with self-loops, parallel and reciprocal arcs, which the undirected simple
 * view ignores.
 */
import t from 'tap'
import { MultiDirectedGraph, UndirectedGraph } from 'graphology'

import type { EdgeList } from '../../src/analytics/compact.js'
import { centralityOf, computeCentrality, coreNumber } from '../../src/analytics/index.js'
import { KARATE_FILES, loadKarate, missingData } from './fixtures.js'

const KARATE_CORES = {
  '0': 4, '1': 4, '2': 4, '3': 4, '4': 3, '5': 3, '6': 3, '7': 4, '8': 4, '9': 2, '10': 3, '11': 1,
  '12': 2, '13': 4, '14': 2, '15': 2, '16': 2, '17': 2, '18': 2, '19': 3, '20': 2, '21': 2, '22': 2,
  '23': 3, '24': 3, '25': 3, '26': 2, '27': 3, '28': 3, '29': 3, '30': 4, '31': 3, '32': 4, '33': 4,
}

/**
 * The clique a, b, c, d has core 3, and e, tied to a and b, core 2. The chain
 * e - f - g gives f and g core 1, and h alone has core 0. networkx gives
 * these numbers for the same graph without its self-loops and repeated arcs.
 */
const HAND_BUILT_CORES = { a: 3, b: 3, c: 3, d: 3, e: 2, f: 1, g: 1, h: 0 }

const HAND_BUILT_ARCS: [string, string][] = [
  ['a', 'b'],
  ['b', 'a'],
  ['a', 'b'],
  ['a', 'c'],
  ['a', 'd'],
  ['b', 'c'],
  ['b', 'd'],
  ['c', 'd'],
  ['c', 'c'],
  ['e', 'a'],
  ['e', 'b'],
  ['e', 'f'],
  ['f', 'g'],
  ['h', 'h'],
]

function handBuiltGraph(): MultiDirectedGraph {
  const graph = new MultiDirectedGraph()

  for (const [source, target] of HAND_BUILT_ARCS) {
    graph.mergeNode(source)
    graph.mergeNode(target)
    graph.addEdge(source, target)
  }

  return graph
}

function handBuiltEdgeList(): EdgeList {
  const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']

  return {
    keys,
    directed: true,
    sources: Int32Array.from(HAND_BUILT_ARCS, ([source]) => keys.indexOf(source)),
    targets: Int32Array.from(HAND_BUILT_ARCS, ([, target]) => keys.indexOf(target)),
    weights: null,
  }
}

t.test('karate core numbers match networkx', { skip: missingData(...KARATE_FILES) }, async (t) => {
  const graph = loadKarate()

  t.same({ ...coreNumber(graph) }, KARATE_CORES, 'coreNumber')
  t.same({ ...computeCentrality(graph, { measure: 'kcore', normalized: false }) }, KARATE_CORES, 'dispatcher')
})

t.test('hand-built core numbers', async (t) => {
  t.same({ ...coreNumber(handBuiltGraph()) }, HAND_BUILT_CORES, 'graphology graph')

  const edges = handBuiltEdgeList()
  const scores = centralityOf(edges, { measure: 'kcore', normalized: false })

  t.same([...scores], edges.keys.map((key) => HAND_BUILT_CORES[key as keyof typeof HAND_BUILT_CORES]), 'edge list')

  const reversed = centralityOf(edges, { measure: 'kcore', normalized: false, orientation: 'reverse' })

  t.same([...reversed], [...scores], 'orientation changes nothing')
})

t.test('core numbers of small graphs', async (t) => {
  t.same({ ...coreNumber(new UndirectedGraph()) }, {}, 'empty graph')

  const pair = new UndirectedGraph()

  pair.mergeEdge('x', 'y')
  pair.addNode('z')

  t.same({ ...coreNumber(pair) }, { x: 1, y: 1, z: 0 }, 'one edge and an isolated node')
})

t.test('kcore options rejected', async (t) => {
  const graph = handBuiltGraph()

  t.throws(() => computeCentrality(graph, { measure: 'kcore', normalized: true }), {
    code: 'ANALYTICS_INVALID_OPTION',
    message: /normalized: false/,
  })
  t.throws(() => computeCentrality(graph, { measure: 'kcore', normalized: false, strengthAttribute: 'w' }), {
    code: 'ANALYTICS_INVALID_OPTION',
    message: /strengthAttribute does not apply to kcore/,
  })
})
