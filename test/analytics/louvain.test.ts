/**
 * Louvain and modularity on compact graphs: reproducibility by seed, the
 * modularity reached on the karate club and Les Misérables against the range
 * networkx 3.6.1 reaches over seeds 0..99, modularity of fixed partitions
 * against networkx's `community.modularity`, resolution, and the edge cases
 * (isolated nodes, self-loops, no strength, cancellation).
 */
import t from 'tap'
import type { AbstractGraph } from 'graphology-types'

import { louvain, louvainCommunities, modularity, modularityOf } from '../../src/analytics/index.js'
import { compact, edgeListOf, type CompactGraph, type EdgeList } from '../../src/analytics/compact.js'
import { KARATE_FILES, LESMIS_FILES, loadKarate, loadLesMis, loadReference, missingData } from './fixtures.js'

/** Modularity computed twice, by networkx and here, agrees to this. */
const EXACT = 1e-9

/** The reference rounds modularity to 6 decimals. */
const ROUNDING = 1e-6

const SEEDS = [1, 7, 42]

const GRAPHS = [
  { name: 'karate', files: KARATE_FILES, load: loadKarate, weight: 'weight' },
  { name: 'lesmis', files: LESMIS_FILES, load: loadLesMis, weight: 'value' },
] as const

function undirectedView(graph: AbstractGraph, strengthAttribute?: string): CompactGraph {
  return compact(edgeListOf(graph, strengthAttribute, 'strength'), { orientation: 'undirected', merge: 'sum' })
}

/** Undirected edge list over nodes n0..n{count-1}. */
function edgeList(count: number, edges: [number, number, number?][]): EdgeList {
  return {
    keys: Array.from({ length: count }, (_, i) => `n${i}`),
    directed: false,
    sources: Int32Array.from(edges, ([source]) => source),
    targets: Int32Array.from(edges, ([, target]) => target),
    weights: Float64Array.from(edges, ([, , weight]) => weight ?? 1),
  }
}

/** Labels each node by the group `groupOf` gives its key, groups numbered by first appearance. */
function labelsBy(keys: string[], groupOf: (key: string) => string): Int32Array {
  const numbers = new Map<string, number>()

  return Int32Array.from(keys, (key) => {
    const group = groupOf(key)

    if (!numbers.has(group)) numbers.set(group, numbers.size)

    return numbers.get(group) as number
  })
}

for (const spec of GRAPHS) {
  t.test(`${spec.name} louvain`, { skip: missingData(...spec.files) }, async (t) => {
    const graph = spec.load()
    const reference = loadReference(spec.name)

    const cases = [
      { description: 'unweighted', range: reference.louvain_unweighted, strengthAttribute: undefined },
      { description: 'weighted', range: reference.louvain_weighted, strengthAttribute: spec.weight },
    ]

    for (const { description, range, strengthAttribute } of cases) {
      t.test(`${description} modularity within networkx range`, async (t) => {
        const view = undirectedView(graph, strengthAttribute)
        const [fewest, most] = range.n_communities_range

        for (const seed of SEEDS) {
          const result = louvainCommunities(view, { seed })

          t.ok(result.modularity >= range.min_Q - ROUNDING, `seed ${seed}: Q ${result.modularity} >= ${range.min_Q}`)
          t.ok(result.modularity <= range.max_Q + ROUNDING, `seed ${seed}: Q ${result.modularity} <= ${range.max_Q}`)
          t.ok(result.count >= fewest, `seed ${seed}: ${result.count} communities, at least ${fewest}`)
          t.ok(result.count <= most, `seed ${seed}: ${result.count} communities, at most ${most}`)
          t.ok(
            Math.abs(result.modularity - modularityOf(view, result.labels)) <= EXACT,
            `seed ${seed}: reported Q is the partition's modularity`,
          )
        }
      })
    }

    t.test('same seed same partition', async (t) => {
      const view = undirectedView(graph, spec.weight)
      const first = louvainCommunities(view, { seed: 42 })
      const second = louvainCommunities(view, { seed: 42 })

      t.same([...second.labels], [...first.labels], 'compact labels')
      const options = { seed: 42, strengthAttribute: spec.weight }

      t.same(louvain(graph, options), louvain(graph, options), 'wrapper labels')
    })
  })
}

t.test('modularity matches networkx', async (t) => {
  t.test('karate', { skip: missingData(...KARATE_FILES) }, async (t) => {
    const graph = loadKarate()
    const club = loadReference('karate').club as Record<string, string>
    const view = undirectedView(graph, 'weight')
    const plain = undirectedView(graph)
    const bySplit = labelsBy(view.keys, (key) => club[key] as string)
    const byRemainder = labelsBy(view.keys, (key) => String(Number(key) % 3))

    // networkx: modularity(G, communities, weight=..., resolution=...)
    const cases: [string, CompactGraph, Int32Array, number, number][] = [
      ['club split, weighted', view, bySplit, 1, 0.39143756676224206],
      ['club split, weighted, resolution 2', view, bySplit, 2, -0.10889975825040765],
      ['club split, weighted, resolution 0.5', view, bySplit, 0.5, 0.6416062292685669],
      ['node number mod 3, unweighted', plain, byRemainder, 1, -0.009615384615384623],
      ['node number mod 3, weighted', view, byRemainder, 1, 0.03063098517643971],
    ]

    for (const [description, target, labels, resolution, expected] of cases) {
      const actual = modularityOf(target, labels, resolution)

      t.ok(Math.abs(actual - expected) <= EXACT, `${description}: got ${actual}, expected ${expected}`)
    }
  })

  t.test('lesmis', { skip: missingData(...LESMIS_FILES) }, async (t) => {
    const graph = loadLesMis()
    const assignments: Record<string, number> = {}
    const labels = labelsBy(graph.nodes(), (key) => key[0] as string)

    graph.nodes().forEach((key, i) => {
      assignments[key] = labels[i] as number
    })

    // Communities by first letter of the character's name.
    const cases: [string, string | undefined, number, number][] = [
      ['unweighted', undefined, 1, -0.01893328786657575],
      ['weighted', 'value', 1, -0.015422367638310536],
      ['weighted, resolution 1.5', 'value', 1.5, -0.07130428316478288],
    ]

    for (const [description, strengthAttribute, resolution, expected] of cases) {
      const actual = modularity(graph, assignments, { strengthAttribute, resolution })

      t.ok(Math.abs(actual - expected) <= EXACT, `${description}: got ${actual}, expected ${expected}`)
    }
  })

  t.test('self-loops', async (t) => {
    // a-a (2), a-b (1), b-c (3), c-c (1), c-d (2), d-e (1); communities {a, b} and {c, d, e}.
    const view = compact(
      edgeList(5, [
        [0, 0, 2],
        [0, 1, 1],
        [1, 2, 3],
        [2, 2, 1],
        [2, 3, 2],
        [3, 4, 1],
      ]),
      { merge: 'sum' },
    )
    const labels = Int32Array.from([0, 0, 1, 1, 1])

    t.ok(Math.abs(modularityOf(view, labels) - 0.195) <= EXACT, 'resolution 1')
    t.ok(Math.abs(modularityOf(view, labels, 0.7) - 0.34650000000000003) <= EXACT, 'resolution 0.7')
  })
})

t.test('resolution 2 finds more communities than 0.5', { skip: missingData(...LESMIS_FILES) }, async (t) => {
  const view = undirectedView(loadLesMis(), 'value')
  const fine = louvainCommunities(view, { seed: 7, resolution: 2 })
  const coarse = louvainCommunities(view, { seed: 7, resolution: 0.5 })

  t.ok(fine.count > coarse.count, `${fine.count} communities at 2, ${coarse.count} at 0.5`)
  t.ok(
    Math.abs(fine.modularity - modularityOf(view, fine.labels, 2)) <= EXACT,
    'modularity reported at resolution 2',
  )
})

t.test('two cliques joined by one edge', async (t) => {
  // Cliques {0..4} and {5..9}, joined by 4 - 5.
  const edges: [number, number][] = [[4, 5]]

  for (const offset of [0, 5]) {
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) edges.push([offset + i, offset + j])
  }

  const view = compact(edgeList(10, edges), { merge: 'sum' })

  for (const seed of [0, 1, 2, 3]) {
    const { labels, count } = louvainCommunities(view, { seed })

    t.equal(count, 2, `seed ${seed}: two communities`)
    t.same(
      [...labels].map((label) => label === labels[0]),
      [true, true, true, true, true, false, false, false, false, false],
      `seed ${seed}: one per clique`,
    )
  }
})

t.test('isolated nodes stay alone', async (t) => {
  // Triangle 0-1-2, nodes 3 and 4 without edges.
  const view = compact(
    edgeList(5, [
      [0, 1],
      [1, 2],
      [2, 0],
    ]),
    { merge: 'sum' },
  )
  const { labels, count } = louvainCommunities(view, { seed: 3 })

  t.equal(count, 3, 'triangle plus two singletons')
  t.equal(labels[0], labels[1], 'triangle together')
  t.equal(labels[1], labels[2], 'triangle together')
  t.not(labels[3], labels[4], 'isolated nodes apart')
  t.not(labels[3], labels[0], 'isolated node outside the triangle')
})

t.test('self-loop partition matches networkx', async (t) => {
  // 0-0 (5), 0-1 (1), 1-2 (1): networkx puts {0} and {1, 2} apart for seeds
  // 0..49, Q = 0.19387755102, because the self-loop doubles 0's degree.
  const view = compact(
    edgeList(3, [
      [0, 0, 5],
      [0, 1, 1],
      [1, 2, 1],
    ]),
    { merge: 'sum' },
  )

  for (const seed of [0, 1, 2, 3]) {
    const { labels, count, modularity: quality } = louvainCommunities(view, { seed })

    t.equal(count, 2, `seed ${seed}: two communities`)
    t.not(labels[0], labels[1], `seed ${seed}: 0 alone`)
    t.equal(labels[1], labels[2], `seed ${seed}: 1 and 2 together`)
    t.ok(Math.abs(quality - 0.19387755102) <= ROUNDING, `seed ${seed}: Q ${quality}`)
  }
})

t.test('no strength leaves singletons', async (t) => {
  const zero = compact(
    edgeList(3, [
      [0, 1, 0],
      [1, 2, 0],
    ]),
    { merge: 'sum' },
  )
  const empty = compact(edgeList(0, []), { merge: 'sum' })

  t.same(louvainCommunities(zero).count, 3, 'zero strengths')
  t.same(louvainCommunities(zero).modularity, 0, 'zero strengths modularity')
  t.same(louvainCommunities(empty).count, 0, 'empty graph')
})

t.test('invalid louvain input rejected', async (t) => {
  const directed = compact({ ...edgeList(2, [[0, 1]]), directed: true }, { merge: 'sum' })
  const view = compact(edgeList(2, [[0, 1]]), { merge: 'sum' })

  t.throws(() => louvainCommunities(directed), { code: 'ANALYTICS_INVALID_OPTION', message: /undirected/ })
  t.throws(() => louvainCommunities(view, { threshold: -1 }), {
    code: 'ANALYTICS_INVALID_OPTION',
    message: /threshold -1/,
  })
  t.throws(() => louvainCommunities(view, { resolution: Number.NaN }), {
    code: 'ANALYTICS_INVALID_OPTION',
    message: /resolution NaN/,
  })
  t.throws(() => modularityOf(view, Int32Array.from([0, 2])), {
    code: 'ANALYTICS_INVALID_OPTION',
    message: /"n1" has community label 2/,
  })
  t.throws(() => louvainCommunities(view, { shouldStop: () => true }), { code: 'ANALYTICS_CANCELLED' })
})
