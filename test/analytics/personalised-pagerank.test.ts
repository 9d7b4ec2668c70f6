/**
 * Personalised PageRank against networkx 3.6.1. Karate values are
 * `nx.pagerank(G, personalization={seed: 1 for seed in seeds}, dangling=None,
 * weight=None, tol=1e-12, max_iter=1000)` on the graph read from
 * karate/karate_networkx_weighted_edgelist.txt (weight="weight" for the
 * weighted case), rounded to 12 decimals.
 */
import t from 'tap'
import { DirectedGraph } from 'graphology'

import { edgeListOf } from '../../src/analytics/compact.js'
import { centralityOf, computeCentrality, pagerank } from '../../src/analytics/index.js'
import { assertScores } from './assertions.js'
import { KARATE_FILES, loadKarate, missingData } from './fixtures.js'

const KARATE_SEED_0 = {
  '0': 0.266373603138, '1': 0.064887907984, '2': 0.054947753513, '3': 0.046231416317, '4': 0.030943355916,
  '5': 0.037764583878, '6': 0.037764583878, '7': 0.031499409781, '8': 0.027061642684, '9': 0.007230558509,
  '10': 0.030943355916, '11': 0.014151097667, '12': 0.020700548311, '13': 0.034059409241, '14': 0.004915562773,
  '15': 0.004915562773, '16': 0.016049948147, '17': 0.020279400087, '18': 0.004915562773, '19': 0.022839399548,
  '20': 0.004915562773, '21': 0.020279400087, '22': 0.004915562773, '23': 0.011586470517, '24': 0.008630131703,
  '25': 0.008236655763, '26': 0.004422527294, '27': 0.01164546248, '28': 0.011052310302, '29': 0.008764836862,
  '30': 0.01564434445, '31': 0.026977071475, '32': 0.03325501147, '33': 0.051199989213,
}

const KARATE_SEEDS_33_32 = {
  '0': 0.046264120217, '1': 0.03083177946, '2': 0.048843615328, '3': 0.017940549241, '4': 0.005374283044,
  '5': 0.006559002953, '6': 0.006559002953, '7': 0.012062956781, '8': 0.034859880647, '9': 0.014036187547,
  '10': 0.005374283044, '11': 0.002457781387, '12': 0.004999359196, '13': 0.021947437025, '14': 0.021750352234,
  '15': 0.021750352234, '16': 0.002787576256, '17': 0.005369671669, '18': 0.021750352234, '19': 0.015254151913,
  '20': 0.021750352234, '21': 0.005369671669, '22': 0.021750352234, '23': 0.03942995547, '24': 0.015556901774,
  '25': 0.016616127987, '26': 0.017512428427, '27': 0.025147068812, '28': 0.019541434268, '29': 0.035896226745,
  '30': 0.030588422227, '31': 0.038860565096, '32': 0.167518192812, '33': 0.197689604879,
}

const KARATE_SEEDS_33_32_WEIGHTED = {
  '0': 0.037340961503, '1': 0.030402486518, '2': 0.046094268287, '3': 0.01628621567, '4': 0.004403080127,
  '5': 0.006671202122, '6': 0.006266829899, '7': 0.012132169641, '8': 0.04012022482, '9': 0.008133017621,
  '10': 0.004130013477, '11': 0.002267129806, '12': 0.003062923822, '13': 0.023010321852, '14': 0.018763618934,
  '15': 0.025709359947, '16': 0.002444374604, '17': 0.002402527234, '18': 0.010885033653, '19': 0.006766505104,
  '20': 0.015290748427, '21': 0.003293634597, '22': 0.0182971968, '23': 0.058360991551, '24': 0.013732067911,
  '25': 0.029557667835, '26': 0.017300958887, '27': 0.03071735385, '28': 0.013437889658, '29': 0.039593480108,
  '30': 0.030036737891, '31': 0.050864414135, '32': 0.176109553333, '33': 0.196115040375,
}

/** a → b, a → c, b → c, c → a, c → d: d is dangling. */
function directedSample(): DirectedGraph {
  const graph = new DirectedGraph()

  for (const [source, target] of [
    ['a', 'b'],
    ['a', 'c'],
    ['b', 'c'],
    ['c', 'a'],
    ['c', 'd'],
  ] as const) {
    graph.mergeEdge(source, target)
  }

  return graph
}

t.test('karate personalised pagerank', { skip: missingData(...KARATE_FILES) }, async (t) => {
  const graph = loadKarate()

  t.test('seed 0 matches networkx', async (t) => {
    assertScores(t, pagerank(graph, { personalization: ['0'] }), KARATE_SEED_0)
  })

  t.test('seeds 33 and 32 match networkx', async (t) => {
    const scores = computeCentrality(graph, { measure: 'pagerank', normalized: true, personalization: ['33', '32'] })

    assertScores(t, scores, KARATE_SEEDS_33_32)
  })

  t.test('weighted seeds match networkx', async (t) => {
    const options = { strengthAttribute: 'weight', personalization: ['33', '32'] }

    assertScores(t, pagerank(graph, options), KARATE_SEEDS_33_32_WEIGHTED)
  })

  t.test('edge list takes node numbers', async (t) => {
    const edges = edgeListOf(graph, undefined, 'strength')
    const seeds = [edges.keys.indexOf('33'), edges.keys.indexOf('32')]
    const scores = centralityOf(edges, { measure: 'pagerank', normalized: true, personalization: seeds })

    edges.keys.forEach((key, i) => {
      const expected = KARATE_SEEDS_33_32[key as keyof typeof KARATE_SEEDS_33_32]

      t.ok(Math.abs((scores[i] as number) - expected) <= 1e-6, `node ${key}: got ${scores[i]}, expected ${expected}`)
    })
  })

  t.test('repeated seed counts once', async (t) => {
    t.same(pagerank(graph, { personalization: ['0', '0'] }), pagerank(graph, { personalization: ['0'] }))
  })
})

t.test('dangling score returns to seeds', async (t) => {
  const graph = directedSample()

  // nx.pagerank(G, personalization={'b': 1}, dangling=None, tol=1e-12)
  assertScores(t, pagerank(graph, { personalization: ['b'] }), {
    a: 0.151032140057,
    b: 0.342565978573,
    c: 0.355369741312,
    d: 0.151032140057,
  })

  // nx.pagerank(G, alpha=0.5, personalization={'d': 1, 'b': 1}, dangling=None, tol=1e-12)
  assertScores(t, pagerank(graph, { personalization: ['d', 'b'], dampingFactor: 0.5 }), {
    a: 0.048192771084,
    b: 0.361445783133,
    c: 0.192771084337,
    d: 0.397590361446,
  })
})

t.test('personalization rejected', async (t) => {
  const graph = directedSample()

  t.throws(() => pagerank(graph, { personalization: ['x'] }), {
    code: 'ANALYTICS_NODE_NOT_FOUND',
    message: /"x"/,
  })
  t.throws(() => pagerank(graph, { personalization: [] }), {
    code: 'ANALYTICS_INVALID_OPTION',
    message: /personalization is empty/,
  })
  t.throws(
    () => computeCentrality(graph, { measure: 'betweenness', normalized: true, personalization: ['a'] }),
    { code: 'ANALYTICS_INVALID_OPTION', message: /personalization does not apply to betweenness/ },
  )
  const edges = edgeListOf(graph, undefined, 'strength')

  t.throws(() => centralityOf(edges, { measure: 'pagerank', normalized: true, personalization: [4] }), {
    code: 'ANALYTICS_NODE_NOT_FOUND',
    message: /node 4 not found/,
  })
})
