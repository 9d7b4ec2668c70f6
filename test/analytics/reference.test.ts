/**
 * Centrality, shortest paths and components on the karate club and Les
 * Misérables, checked node by node against the networkx 3.6.1 reference
 * values stored beside the data.
 */
import t from 'tap'
import type { AbstractGraph } from 'graphology-types'

import {
  allShortestPaths,
  computeCentrality,
  detectCommunities,
  shortestPathLength,
  weaklyConnectedComponents,
  type CentralityOptions,
} from '../../src/analytics/index.js'
import { assertScores, canonicalGroups } from './assertions.js'
import {
  KARATE_FILES,
  LESMIS_FILES,
  loadKarate,
  loadLesMis,
  loadReference,
  missingData,
  type Reference,
} from './fixtures.js'

interface GraphSpec {
  name: 'karate' | 'lesmis'
  files: string[]
  load: () => AbstractGraph
  /** Edge attribute holding the interaction counts. */
  weight: string
}

const GRAPHS: GraphSpec[] = [
  { name: 'karate', files: KARATE_FILES, load: loadKarate, weight: 'weight' },
  { name: 'lesmis', files: LESMIS_FILES, load: loadLesMis, weight: 'value' },
]

function centralityCases(spec: GraphSpec, reference: Reference) {
  const cases: { description: string; options: CentralityOptions; expected: Record<string, number> }[] = [
    {
      description: 'degree matches networkx',
      options: { measure: 'degree', normalized: false },
      expected: reference.degree,
    },
    {
      description: 'degree centrality matches networkx',
      options: { measure: 'degree', normalized: true },
      expected: reference.degree_centrality,
    },
    {
      description: 'betweenness normalized matches networkx',
      options: { measure: 'betweenness', normalized: true },
      expected: reference.betweenness_normalized,
    },
    {
      description: 'betweenness raw matches networkx',
      options: { measure: 'betweenness', normalized: false },
      expected: reference.betweenness_raw,
    },
    {
      description: 'closeness matches networkx',
      options: { measure: 'closeness', normalized: true },
      expected: reference.closeness,
    },
    {
      description: 'closeness without wf_improved matches networkx',
      options: { measure: 'closeness', normalized: true, wfImproved: false },
      expected: reference.closeness_wf_improved_False,
    },
    {
      description: 'eigenvector matches networkx',
      options: { measure: 'eigenvector', normalized: true },
      expected: reference.eigenvector,
    },
    {
      description: 'pagerank unweighted matches networkx',
      options: { measure: 'pagerank', normalized: true },
      expected: reference['pagerank_0.85_unweighted'],
    },
    {
      description: 'pagerank weighted matches networkx',
      options: { measure: 'pagerank', normalized: true, strengthAttribute: spec.weight },
      expected: reference['pagerank_0.85_weighted'],
    },
  ]

  return cases
}

/** Splits a reference key such as "Napoleon->Brujon" into its two nodes. */
function endpoints(pair: string): [string, string] {
  const [source, target] = pair.split('->')

  return [source as string, target as string]
}

for (const spec of GRAPHS) {
  t.test(`${spec.name} reference values`, { skip: missingData(...spec.files) }, async (t) => {
    const graph = spec.load()
    const reference = loadReference(spec.name)

    t.equal(graph.order, reference.n_nodes, 'node count')
    t.equal(graph.size, reference.n_edges, 'edge count')

    for (const { description, options, expected } of centralityCases(spec, reference)) {
      t.test(description, async (t) => {
        assertScores(t, computeCentrality(graph, options), expected)
      })
    }

    t.test('shortest path lengths match networkx', async (t) => {
      for (const [pair, length] of Object.entries(reference.shortest_path_lengths)) {
        const [source, target] = endpoints(pair)

        t.equal(shortestPathLength(graph, source, target), length, pair)
      }
    })

    t.test('all shortest paths match networkx', async (t) => {
      for (const [pair, paths] of Object.entries(reference.shortest_paths_all)) {
        const [source, target] = endpoints(pair)
        const actual = [...allShortestPaths(graph, source, target)]

        t.same(canonicalGroups(actual), canonicalGroups(paths), pair)
      }
    })

    const weightedLengths = reference['weighted_shortest_path_length(weight=weight as distance)']

    if (weightedLengths !== undefined) {
      t.test('weighted path lengths match networkx', async (t) => {
        for (const [pair, length] of Object.entries(weightedLengths)) {
          const [source, target] = endpoints(pair)
          const options = { distanceAttribute: spec.weight }

          t.equal(shortestPathLength(graph, source, target, options), length, pair)
        }
      })
    }

    t.test('components match networkx', async (t) => {
      t.same(canonicalGroups(weaklyConnectedComponents(graph)), canonicalGroups(reference.connected_components))

      const wcc = detectCommunities(graph, { algorithm: 'wcc' })

      t.equal(wcc.communities.length, reference.connected_components.length, 'wcc community count')
    })
  })
}
