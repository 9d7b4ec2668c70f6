/**
 * Gould-Fernandez brokerage roles on a hand-built directed network whose
 * counts are worked out below, then the undirected reading, nodes without a
 * group, self-loops, reciprocal and parallel edges, and invalid input.
 */
import t from 'tap'
import { DirectedGraph, MultiDirectedGraph, UndirectedGraph } from 'graphology'

import {
  brokerage,
  brokerageRoles,
  numberGroups,
  type BrokerageScores,
} from '../../src/analytics/index.js'
import { edgeListOf, type EdgeList } from '../../src/analytics/compact.js'

/**
 * Eight people in three clans, the clan being the first letter of the key:
 * x1, x2, x3 in clan x; y1, y2, y3 in clan y; z1, z2 in clan z.
 *
 *   x1 → x2    x2 → x3    y1 → x2    x2 → z1    z1 → y1
 *   y2 → z2    z2 → y3    y3 → z2    z2 → x1    z2 → x2    x3 → x3
 *
 * Open two-paths a → b → c (a ≠ c, no edge a → c), by broker b:
 *
 *   x1: z2 → x1 → x2 is closed by z2 → x2, so none.
 *   x2: in from x1, y1, z2; out to x3, z1.
 *       x1 → x2 → x3   x x x   coordinator
 *       x1 → x2 → z1   x x z   representative
 *       y1 → x2 → x3   y x x   gatekeeper
 *       y1 → x2 → z1   y x z   liaison
 *       z2 → x2 → x3   z x x   gatekeeper
 *       z2 → x2 → z1   z x z   consultant
 *   x3: its only successor is itself (self-loop), so none.
 *   y1: z1 → y1 → x2   z y x   liaison
 *   y3: z2 → y3 → z2 returns to its start (reciprocal pair), so none.
 *   z1: x2 → z1 → y1   x z y   liaison
 *   z2: in from y2, y3; out to y3, x1, x2.
 *       y2 → z2 → y3   y z y   consultant
 *       y2 → z2 → x1   y z x   liaison
 *       y2 → z2 → x2   y z x   liaison
 *       y3 → z2 → y3   returns to its start, not a two-path
 *       y3 → z2 → x1   y z x   liaison
 *       y3 → z2 → x2   y z x   liaison
 *   x1, y2: no predecessor, so none.
 */
const EDGES: [string, string][] = [
  ['x1', 'x2'],
  ['x2', 'x3'],
  ['y1', 'x2'],
  ['x2', 'z1'],
  ['z1', 'y1'],
  ['y2', 'z2'],
  ['z2', 'y3'],
  ['y3', 'z2'],
  ['z2', 'x1'],
  ['z2', 'x2'],
  ['x3', 'x3'],
]

function scores(values: Partial<BrokerageScores>): BrokerageScores {
  const counts = {
    coordinator: 0,
    gatekeeper: 0,
    representative: 0,
    consultant: 0,
    liaison: 0,
    unclassified: 0,
    ...values,
  }
  const total = counts.coordinator + counts.gatekeeper + counts.representative + counts.consultant + counts.liaison

  return { ...counts, total }
}

const EXPECTED: Record<string, BrokerageScores> = {
  x1: scores({}),
  x2: scores({ coordinator: 1, gatekeeper: 2, representative: 1, consultant: 1, liaison: 1 }),
  x3: scores({}),
  y1: scores({ liaison: 1 }),
  y2: scores({}),
  y3: scores({}),
  z1: scores({ liaison: 1 }),
  z2: scores({ consultant: 1, liaison: 4 }),
}

function clanNetwork(edges: [string, string][] = EDGES): MultiDirectedGraph {
  const graph = new MultiDirectedGraph()

  for (const key of Object.keys(EXPECTED)) graph.addNode(key, { clan: key[0] })
  for (const [source, target] of edges) graph.addEdge(source, target)

  return graph
}

t.test('hand-built network roles', async (t) => {
  const result = brokerage(clanNetwork(), { groupAttribute: 'clan' })

  for (const [node, expected] of Object.entries(EXPECTED)) {
    t.same({ ...result[node] }, expected, `${node} roles`)
  }
})

t.test('edge list roles match graph roles', async (t) => {
  const edges = edgeListOf(clanNetwork(), undefined, 'weight')
  const counts = brokerageRoles(edges, edges.keys.map((key) => key[0]))

  edges.keys.forEach((key, i) => {
    t.equal(counts.gatekeeper[i], EXPECTED[key]?.gatekeeper, `${key} gatekeeper`)
    t.equal(counts.liaison[i], EXPECTED[key]?.liaison, `${key} liaison`)
    t.equal(counts.total[i], EXPECTED[key]?.total, `${key} total`)
  })
})

t.test('parallel edges count once', async (t) => {
  const doubled = clanNetwork([...EDGES, ['x1', 'x2'], ['z2', 'x2'], ['x3', 'x3']])
  const result = brokerage(doubled, { groupAttribute: 'clan' })

  t.same({ ...result['x2'] }, EXPECTED['x2'], 'x2 roles unchanged')
  t.same({ ...result['z2'] }, EXPECTED['z2'], 'z2 roles unchanged')
})

t.test('reverse orientation swaps gatekeeper and representative', async (t) => {
  const result = brokerage(clanNetwork(), { groupAttribute: 'clan', orientation: 'reverse' })
  const x2 = EXPECTED['x2'] as BrokerageScores

  t.same({ ...result['x2'] }, { ...x2, gatekeeper: x2.representative, representative: x2.gatekeeper }, 'x2 roles')
  t.same({ ...result['z2'] }, EXPECTED['z2'], 'z2 has no gatekeeper or representative paths')
})

t.test('undirected path counted both ways', async (t) => {
  // Star around b: a and d in clan p like b, c in clan q.
  const graph = new UndirectedGraph()

  graph.addNode('a', { clan: 'p' })
  graph.addNode('b', { clan: 'p' })
  graph.addNode('c', { clan: 'q' })
  graph.addNode('d', { clan: 'p' })
  graph.addEdge('a', 'b')
  graph.addEdge('b', 'c')
  graph.addEdge('b', 'd')

  const result = brokerage(graph, { groupAttribute: 'clan' })

  // a→b→c and d→b→c: representative; c→b→a and c→b→d: gatekeeper;
  // a→b→d and d→b→a: coordinator.
  t.same({ ...result['b'] }, scores({ coordinator: 2, gatekeeper: 2, representative: 2 }), 'b roles')
  t.same({ ...result['a'] }, scores({}), 'a brokers nothing')
})

t.test('undirected orientation of directed network', async (t) => {
  // x1 → x2 → x3 read both ways: x1→x2→x3 and x3→x2→x1, both coordinator.
  const graph = new DirectedGraph()

  for (const key of ['x1', 'x2', 'x3']) graph.addNode(key, { clan: 'x' })
  graph.addEdge('x1', 'x2')
  graph.addEdge('x2', 'x3')

  const directed = brokerage(graph, { groupAttribute: 'clan' })
  const undirected = brokerage(graph, { groupAttribute: 'clan', orientation: 'undirected' })

  t.equal(directed['x2']?.coordinator, 1, 'one direction')
  t.equal(undirected['x2']?.coordinator, 2, 'both directions')
})

t.test('node without group is unclassified', async (t) => {
  // a (clan p) → u (no clan) → c (clan q), and u → c → e (clan q).
  const graph = new DirectedGraph()

  graph.addNode('a', { clan: 'p' })
  graph.addNode('u', { clan: null })
  graph.addNode('c', { clan: 'q' })
  graph.addNode('e', { clan: 'q' })
  graph.addEdge('a', 'u')
  graph.addEdge('u', 'c')
  graph.addEdge('c', 'e')

  const result = brokerage(graph, { groupAttribute: 'clan' })

  t.same({ ...result['u'] }, scores({ unclassified: 1 }), 'u brokers a → u → c without a role')
  t.same({ ...result['c'] }, scores({ unclassified: 1 }), 'c brokers u → c → e without a role')
  t.equal(result['a']?.total, 0, 'a brokers nothing')
})

t.test('closed two-path not counted', async (t) => {
  // a → b → c is closed by the edge a → c.
  const graph = new DirectedGraph()

  for (const key of ['a', 'b', 'c']) graph.addNode(key, { clan: 'p' })
  graph.addEdge('a', 'b')
  graph.addEdge('b', 'c')
  graph.addEdge('a', 'c')

  t.equal(brokerage(graph, { groupAttribute: 'clan' })['b']?.total, 0, 'b brokers nothing')

  graph.dropEdge('a', 'c')
  graph.addEdge('c', 'a')

  // With c → a instead, a → b → c is open, and so are b → c → a and c → a → b.
  const result = brokerage(graph, { groupAttribute: 'clan' })

  t.equal(result['b']?.coordinator, 1, 'b coordinates a → c')
  t.equal(result['c']?.coordinator, 1, 'c coordinates b → a')
  t.equal(result['a']?.coordinator, 1, 'a coordinates c → b')
})

t.test('groups numbered by value', async (t) => {
  const keys = ['a', 'b', 'c', 'd', 'e']

  t.same([...numberGroups(keys, ['p', 1, '1', null, 'p'])], [0, 1, 2, -1, 0], '1 and "1" differ, null has no group')
  t.throws(() => numberGroups(['a'], [{ clan: 'p' }]), { code: 'ANALYTICS_INVALID_OPTION', message: /"a".*object/ })
})

t.test('invalid brokerage input rejected', async (t) => {
  const edges: EdgeList = {
    keys: ['a', 'b'],
    directed: true,
    sources: Int32Array.from([0]),
    targets: Int32Array.from([1]),
    weights: null,
  }

  t.throws(() => brokerageRoles(edges, ['p']), {
    code: 'ANALYTICS_INVALID_OPTION',
    message: /1 group values for 2 nodes/,
  })
  t.throws(() => brokerageRoles(edges, ['p', 'q'], { orientation: 'sideways' as never }), {
    code: 'ANALYTICS_INVALID_OPTION',
    message: /"sideways"/,
  })
  t.throws(() => brokerage(clanNetwork(), { groupAttribute: '' }), {
    code: 'ANALYTICS_INVALID_OPTION',
    message: /groupAttribute/,
  })
})

t.test('cancellation and progress', async (t) => {
  const edges = edgeListOf(clanNetwork(), undefined, 'weight')
  const groups = edges.keys.map((key) => key[0])
  const reports: number[] = []

  brokerageRoles(edges, groups, {}, { onProgress: (done) => reports.push(done) })

  t.equal(reports.at(-1), 8, 'last report covers every node')
  t.ok(reports.length <= 100, 'at most 100 reports')
  t.throws(() => brokerageRoles(edges, groups, {}, { shouldStop: () => true }), { code: 'ANALYTICS_CANCELLED' })
})
