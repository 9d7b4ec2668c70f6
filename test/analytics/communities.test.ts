/**
 * Community detection and modularity on the karate club and Les Misérables:
 * modularity of known partitions against networkx 3.6.1, Louvain against
 * the range networkx reaches over seeds 0..99, and reproducibility by seed.
 * Then the edge list dispatcher: agreement with the graph dispatcher, option
 * checks and numbering a large partition.
 */
import t, { type Test } from 'tap'
import type { AbstractGraph } from 'graphology-types'

import {
  COMMUNITY_ALGORITHMS,
  communitiesOf,
  detectCommunities,
  modularity,
  type CommunityResult,
} from '../../src/analytics/index.js'
import { edgeListOf, type EdgeList } from '../../src/analytics/compact.js'
import { TOLERANCE } from './assertions.js'
import {
  KARATE_FILES,
  LESMIS_FILES,
  loadKarate,
  loadLesMis,
  loadReference,
  missingData,
} from './fixtures.js'

const SEEDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]

const GRAPHS = [
  { name: 'karate', files: KARATE_FILES, load: loadKarate, weight: 'weight' },
  { name: 'lesmis', files: LESMIS_FILES, load: loadLesMis, weight: 'value' },
] as const

/** Turns a list of node groups into the assignments record that `modularity` takes. */
function assignmentsOf(groups: string[][]): Record<string, number> {
  const assignments: Record<string, number> = {}

  groups.forEach((group, id) => {
    for (const node of group) assignments[node] = id
  })

  return assignments
}

function assertPartition(t: Test, graph: AbstractGraph, result: CommunityResult): void {
  const members = result.communities.flatMap((community) => community.members)

  t.equal(members.length, graph.order, 'every node in one community')
  t.equal(new Set(members).size, graph.order, 'no node in two communities')

  result.communities.forEach((community, id) => {
    t.equal(community.id, id, `community ${id} is numbered in order`)

    for (const member of community.members) t.equal(result.assignments[member], id, `${member} assigned to ${id}`)
  })
}

for (const spec of GRAPHS) {
  t.test(`${spec.name} communities`, { skip: missingData(...spec.files) }, async (t) => {
    const graph = spec.load()
    const reference = loadReference(spec.name)

    t.test('modularity matches networkx', async (t) => {
      const partitions = [
        ['greedy modularity partition', reference.greedy_modularity],
        ['semi-synchronous label propagation partition', reference.label_propagation_semisync],
      ] as const

      for (const [description, { communities, Q }] of partitions) {
        const actual = modularity(graph, assignmentsOf(communities))

        t.ok(Math.abs(actual - Q) <= TOLERANCE, `${description}: got ${actual}, expected ${Q}`)
      }

      if (reference.club !== undefined && reference.club_split_modularity_unweighted !== undefined) {
        const assignments = Object.fromEntries(
          Object.entries(reference.club).map(([node, club]) => [node, club === 'Mr. Hi' ? 0 : 1]),
        )
        const actual = modularity(graph, assignments)
        const expected = reference.club_split_modularity_unweighted

        t.ok(Math.abs(actual - expected) <= TOLERANCE, `club split: got ${actual}, expected ${expected}`)
      }
    })

    const louvainCases = [
      { description: 'louvain unweighted within networkx range', range: reference.louvain_unweighted, options: {} },
      {
        description: 'louvain weighted within networkx range',
        range: reference.louvain_weighted,
        options: { strengthAttribute: spec.weight },
      },
    ]

    for (const { description, range, options } of louvainCases) {
      t.test(description, async (t) => {
        const [fewest, most] = range.n_communities_range

        for (const seed of SEEDS) {
          const result = detectCommunities(graph, { algorithm: 'louvain', seed, ...options })
          const recomputed = modularity(graph, result.assignments, options)

          // The reference rounds modularity to 6 decimals.
          t.ok(result.modularity >= range.min_Q - TOLERANCE, `seed ${seed}: Q ${result.modularity} >= ${range.min_Q}`)
          t.ok(result.modularity <= range.max_Q + TOLERANCE, `seed ${seed}: Q ${result.modularity} <= ${range.max_Q}`)
          t.ok(result.communities.length >= fewest, `seed ${seed}: at least ${fewest} communities`)
          t.ok(result.communities.length <= most, `seed ${seed}: at most ${most} communities`)
          t.equal(result.modularity, recomputed, `seed ${seed}: reported Q is the partition's modularity`)
        }
      })
    }

    t.test('louvain repeats with same seed', async (t) => {
      const first = detectCommunities(graph, { algorithm: 'louvain', seed: 7 })
      const second = detectCommunities(graph, { algorithm: 'louvain', seed: 7 })

      t.same(second, first)
      assertPartition(t, graph, first)
    })

    t.test('label propagation repeats with same seed', async (t) => {
      for (const options of [{}, { strengthAttribute: spec.weight }]) {
        const first = detectCommunities(graph, { algorithm: 'label-propagation', seed: 3, ...options })
        const second = detectCommunities(graph, { algorithm: 'label-propagation', seed: 3, ...options })

        t.same(second, first)
        assertPartition(t, graph, first)
      }
    })

    t.test('label propagation ends stable', async (t) => {
      for (const strengthAttribute of [undefined, spec.weight]) {
        const options = { algorithm: 'label-propagation', seed: 11, strengthAttribute } as const
        const { assignments } = detectCommunities(graph, options)

        // Stopping means every node's community weighs most among its neighbours.
        graph.forEachNode((node) => {
          const strengths = new Map<number, number>()

          graph.forEachEdge(node, (edge, attributes) => {
            const neighbor = graph.opposite(node, edge)
            const community = assignments[neighbor] as number
            const strength = strengthAttribute === undefined ? 1 : (attributes[strengthAttribute] as number)

            strengths.set(community, (strengths.get(community) ?? 0) + strength)
          })

          const heaviest = Math.max(...strengths.values())
          const own = strengths.get(assignments[node] as number) ?? 0

          t.equal(own, heaviest, `${node} holds a heaviest neighbour label (${strengthAttribute ?? 'unweighted'})`)
        })
      }
    })

    t.test('communities ordered by size', async (t) => {
      const { communities } = detectCommunities(graph, { algorithm: 'louvain', seed: 0 })

      for (let i = 1; i < communities.length; i++) {
        const previous = communities[i - 1]?.members.length ?? 0

        t.ok(previous >= (communities[i]?.members.length ?? 0), `community ${i} is not larger than ${i - 1}`)
      }
    })
  })
}

t.test('edge list dispatcher', async (t) => {
  t.test('matches graph dispatcher', { skip: missingData(...KARATE_FILES) }, async (t) => {
    const graph = loadKarate()
    const edges = edgeListOf(graph, 'weight', 'strength')

    for (const algorithm of COMMUNITY_ALGORITHMS) {
      const options = { algorithm, seed: 5, strengthAttribute: 'weight' } as const
      const fromEdges = communitiesOf(edges, options)
      const fromGraph = detectCommunities(graph, options)

      t.same(fromEdges.communities, fromGraph.communities, `${algorithm} communities`)
      t.equal(fromEdges.modularity, fromGraph.modularity, `${algorithm} modularity`)
      t.same(
        [...fromEdges.ids],
        edges.keys.map((key) => fromGraph.assignments[key]),
        `${algorithm} ids follow node numbers`,
      )
    }
  })

  t.test('scc follows orientation', async (t) => {
    // a → b → c → a, c → d.
    const edges: EdgeList = {
      keys: ['a', 'b', 'c', 'd'],
      directed: true,
      sources: Int32Array.from([0, 1, 2, 2]),
      targets: Int32Array.from([1, 2, 0, 3]),
      weights: null,
    }

    t.same(
      communitiesOf(edges, { algorithm: 'scc' }).communities,
      [
        { id: 0, members: ['a', 'b', 'c'] },
        { id: 1, members: ['d'] },
      ],
      'natural',
    )
    t.equal(communitiesOf(edges, { algorithm: 'scc', orientation: 'undirected' }).communities.length, 1, 'undirected')
  })

  t.test('rejects invalid input', async (t) => {
    const edges: EdgeList = {
      keys: ['a', 'b'],
      directed: false,
      sources: Int32Array.from([0]),
      targets: Int32Array.from([1]),
      weights: Float64Array.from([-2]),
    }

    t.throws(() => communitiesOf(edges, { algorithm: 'wcc' }), { code: 'ANALYTICS_INVALID_WEIGHT', message: /-2/ })
    t.throws(() => communitiesOf(edges, { algorithm: 'leiden' as never }), {
      code: 'ANALYTICS_INVALID_OPTION',
      message: /"leiden"/,
    })
    t.throws(() => communitiesOf(edges, { algorithm: 'wcc', maxIterations: 3 }), {
      code: 'ANALYTICS_INVALID_OPTION',
      message: /maxIterations/,
    })
    t.throws(() => communitiesOf({ ...edges, weights: null }, { algorithm: 'louvain' }, { shouldStop: () => true }), {
      code: 'ANALYTICS_CANCELLED',
    })
  })

  t.test('numbers 100,000 nodes', async (t) => {
    // 50,000 pairs n{2i} - n{2i+1}: equal sizes, so ids follow the smallest key.
    const n = 100_000
    const edges: EdgeList = {
      keys: Array.from({ length: n }, (_, i) => `n${i}`),
      directed: false,
      sources: Int32Array.from({ length: n / 2 }, (_, i) => 2 * i),
      targets: Int32Array.from({ length: n / 2 }, (_, i) => 2 * i + 1),
      weights: null,
    }
    const started = performance.now()
    const result = communitiesOf(edges, { algorithm: 'wcc' })
    const seconds = (performance.now() - started) / 1000

    t.equal(result.communities.length, n / 2, 'one community per pair')
    t.same(result.communities[0], { id: 0, members: ['n0', 'n1'] }, 'smallest key first')
    t.same(result.communities[1], { id: 1, members: ['n10', 'n11'] }, 'keys compared as strings')
    t.equal(result.assignments['n99999'], result.assignments['n99998'], 'last pair together')
    t.ok(seconds < 10, `numbered in ${seconds.toFixed(2)} s`)
  })
})
