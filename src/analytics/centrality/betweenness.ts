/**
 * Betweenness centrality: how many shortest paths between other nodes pass
 * through a node, each path shared equally among the shortest paths of its
 * pair. Edges are unweighted or carry a distance, never a strength.
 *
 * Scaling follows networkx 3.6.1 (`betweenness_centrality`, endpoints
 * excluded): raw values of an undirected graph are halved, because every
 * unordered pair is walked from both ends, and normalised values are divided
 * by (n - 1)(n - 2). Graphs with fewer than 3 nodes score 0. A graph holding
 * any directed edge is treated as directed, its undirected edges as two arcs.
 *
 * [Reference]:
 * Ulrik Brandes, A faster algorithm for betweenness centrality.
 * Journal of Mathematical Sociology 25(2):163-177, 2001.
 */
import type { AbstractGraph } from 'graphology-types'

import { buildAdjacency, collectScores, isUndirected } from '../adjacency.js'
import { shortestPathTree } from '../paths.js'

export interface BetweennessOptions {
  /** Edge attribute read as a distance; without it every edge has length 1. */
  distanceAttribute?: string
  normalized?: boolean
}

const DEFAULTS = {
  normalized: true,
} as const

export function betweennessCentrality(
  graph: AbstractGraph,
  options: BetweennessOptions = {},
): Record<string, number> {
  const normalized = options.normalized ?? DEFAULTS.normalized
  const weighted = options.distanceAttribute !== undefined

  const adjacency = buildAdjacency(graph, {
    traversal: 'out',
    weightAttribute: options.distanceAttribute,
    meaning: 'distance',
  })

  const n = adjacency.keys.length
  const centralities = new Float64Array(n)
  const dependencies = new Float64Array(n)

  for (let source = 0; source < n; source++) {
    const { order, predecessors, pathCounts } = shortestPathTree(adjacency, source, weighted)

    for (const v of order) dependencies[v] = 0

    // Accumulate dependencies from the farthest node back to the source.
    for (let i = order.length - 1; i >= 0; i--) {
      const w = order[i] as number
      const coefficient = (1 + (dependencies[w] as number)) / (pathCounts[w] as number)

      for (const v of predecessors[w] as number[]) {
        dependencies[v] = (dependencies[v] as number) + (pathCounts[v] as number) * coefficient
      }

      if (w !== source) centralities[w] = (centralities[w] as number) + (dependencies[w] as number)
    }
  }

  const scale = rescaleFactor(n, normalized, isUndirected(graph))

  for (let i = 0; i < n; i++) centralities[i] = (centralities[i] as number) * scale

  return collectScores(adjacency.keys, centralities)
}

function rescaleFactor(n: number, normalized: boolean, undirected: boolean): number {
  if (n < 3) return 1

  if (normalized) return 1 / ((n - 1) * (n - 2))

  return undirected ? 0.5 : 1
}
