/**
 * Closeness centrality, and harmonic centrality as a variant, from the
 * shortest-path distances between a node and the others. Edges are
 * unweighted or carry a distance, never a strength.
 *
 * Closeness follows networkx 3.6.1's `closeness_centrality`. Let r be the
 * number of nodes that reach u (u included) and D the sum of their distances
 * to u. Closeness is then (r - 1) / D, times (r - 1) / (n - 1) when
 * `wfImproved` is set. That is Wasserman and Faust's correction, which keeps
 * scores comparable across disconnected graphs. Unnormalised closeness is
 * Freeman's 1 / D. A node that no other node reaches scores 0.
 *
 * Harmonic centrality follows networkx's `harmonic_centrality`: the sum of
 * 1 / d over the other nodes, skipping those at distance 0; normalised, it
 * is divided by n - 1.
 *
 * On directed graphs both use incoming distances by default (direction
 * `in`, as networkx does); `out` uses outgoing ones and `total` ignores
 * direction.
 *
 * [References]:
 * Linton C. Freeman, Centrality in networks: I. Conceptual clarification.
 * Social Networks 1:215-239, 1979.
 *
 * Stanley Wasserman and Katherine Faust, Social Network Analysis: Methods and
 * Applications, Cambridge University Press, 1994, p. 201.
 *
 * Paolo Boldi and Sebastiano Vigna, Axioms for centrality.
 * Internet Mathematics 10(3-4):222-262, 2014.
 */
import type { AbstractGraph } from 'graphology-types'

import { buildAdjacency, collectScores, type Traversal } from '../adjacency.js'
import { AnalyticsError } from '../errors.js'
import { shortestPathTree, type ShortestPathTree } from '../paths.js'

export type ClosenessDirection = 'in' | 'out' | 'total'

export interface ClosenessOptions {
  /** Edge attribute read as a distance; without it every edge has length 1. */
  distanceAttribute?: string
  direction?: ClosenessDirection
  /** Compute harmonic centrality instead of closeness. */
  harmonic?: boolean
  /** Apply the Wasserman-Faust correction; normalised closeness only. */
  wfImproved?: boolean
  normalized?: boolean
}

const DEFAULTS = {
  direction: 'in',
  harmonic: false,
  wfImproved: true,
  normalized: true,
} as const

const TRAVERSALS: Record<ClosenessDirection, Traversal> = {
  // Searching backwards from u finds the distances from the others to u.
  in: 'in',
  out: 'out',
  total: 'both',
}

export function closenessCentrality(graph: AbstractGraph, options: ClosenessOptions = {}): Record<string, number> {
  const direction = options.direction ?? DEFAULTS.direction
  const harmonic = options.harmonic ?? DEFAULTS.harmonic
  const normalized = options.normalized ?? DEFAULTS.normalized
  const wfImproved = options.wfImproved ?? DEFAULTS.wfImproved

  if (options.wfImproved !== undefined && (harmonic || !normalized)) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      'analytics/closeness: wfImproved applies to normalized closeness only, not to harmonic or raw closeness',
    )
  }

  const adjacency = buildAdjacency(graph, {
    traversal: TRAVERSALS[direction],
    weightAttribute: options.distanceAttribute,
    meaning: 'distance',
  })

  const n = adjacency.keys.length
  const weighted = options.distanceAttribute !== undefined
  const scores = new Float64Array(n)

  for (let u = 0; u < n; u++) {
    const tree = shortestPathTree(adjacency, u, weighted)

    scores[u] = harmonic
      ? harmonicScore(tree, n, normalized)
      : closenessScore(tree, n, normalized, wfImproved)
  }

  return collectScores(adjacency.keys, scores)
}

function closenessScore(tree: ShortestPathTree, n: number, normalized: boolean, wfImproved: boolean): number {
  const reached = tree.order.length
  let total = 0

  for (const v of tree.order) total += tree.distance[v] as number

  if (total <= 0 || n <= 1) return 0

  if (!normalized) return 1 / total

  const closeness = (reached - 1) / total

  return wfImproved ? closeness * ((reached - 1) / (n - 1)) : closeness
}

function harmonicScore(tree: ShortestPathTree, n: number, normalized: boolean): number {
  let sum = 0

  for (const v of tree.order) {
    const distance = tree.distance[v] as number

    if (distance !== 0) sum += 1 / distance
  }

  if (!normalized) return sum

  return n <= 1 ? 0 : sum / (n - 1)
}
