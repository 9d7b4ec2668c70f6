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

import { collectScores, edgeListOf, type Neighbourhoods } from '../compact.js'
import { AnalyticsError } from '../errors.js'
import { ShortestPathSearch } from '../paths.js'
import { neighbourhoodsOf, type Traversal } from './neighbourhoods.js'
import { trackProgress, type ProgressOptions } from './progress.js'

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

export interface ClosenessCoreOptions extends ProgressOptions {
  /** Read the arc weights as distances (Dijkstra); else every arc has length 1. */
  weighted: boolean
  harmonic: boolean
  normalized: boolean
  wfImproved: boolean
}

const DEFAULTS = {
  direction: 'in',
  harmonic: false,
  wfImproved: true,
  normalized: true,
} as const

/** Arcs a search from u follows for each direction. */
export const CLOSENESS_TRAVERSALS: Record<ClosenessDirection, Traversal> = {
  // Searching backwards from u finds the distances from the others to u.
  in: 'in',
  out: 'out',
  total: 'both',
}

/** Rejects wfImproved where it does not apply, as the graphology function always has. */
export function checkClosenessOptions(options: ClosenessOptions): void {
  const harmonic = options.harmonic ?? DEFAULTS.harmonic
  const normalized = options.normalized ?? DEFAULTS.normalized

  if (options.wfImproved !== undefined && (harmonic || !normalized)) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      'analytics/closeness: wfImproved applies to normalized closeness only, not to harmonic or raw closeness',
    )
  }
}

/**
 * Computes closeness (or harmonic centrality) of every node from searches
 * along `steps`, indexed by node number. Pass the `in` neighbourhoods for
 * incoming distances, `out` for outgoing ones.
 */
export function closenessOf(steps: Neighbourhoods, options: ClosenessCoreOptions): Float64Array {
  const n = steps.offsets.length - 1
  const search = new ShortestPathSearch(steps, options.weighted, false)
  const scores = new Float64Array(n)
  const progress = trackProgress('closeness', 'source nodes', n, options)

  for (let u = 0; u < n; u++) {
    progress(u)
    search.run(u)

    scores[u] = options.harmonic
      ? harmonicScore(search, n, options.normalized)
      : closenessScore(search, n, options.normalized, options.wfImproved)
  }

  progress(n)

  return scores
}

function closenessScore(search: ShortestPathSearch, n: number, normalized: boolean, wfImproved: boolean): number {
  const reached = search.reached
  let total = 0

  for (let i = 0; i < reached; i++) total += search.distance[search.order[i] as number] as number

  if (total <= 0 || n <= 1) return 0

  if (!normalized) return 1 / total

  const closeness = (reached - 1) / total

  return wfImproved ? closeness * ((reached - 1) / (n - 1)) : closeness
}

function harmonicScore(search: ShortestPathSearch, n: number, normalized: boolean): number {
  let sum = 0

  for (let i = 0; i < search.reached; i++) {
    const distance = search.distance[search.order[i] as number] as number

    if (distance !== 0) sum += 1 / distance
  }

  if (!normalized) return sum

  return n <= 1 ? 0 : sum / (n - 1)
}

export function closenessCentrality(graph: AbstractGraph, options: ClosenessOptions = {}): Record<string, number> {
  checkClosenessOptions(options)

  const edges = edgeListOf(graph, options.distanceAttribute, 'distance')
  const steps = neighbourhoodsOf(edges, undefined, CLOSENESS_TRAVERSALS[options.direction ?? DEFAULTS.direction], 'min')
  const scores = closenessOf(steps, {
    weighted: options.distanceAttribute !== undefined,
    harmonic: options.harmonic ?? DEFAULTS.harmonic,
    normalized: options.normalized ?? DEFAULTS.normalized,
    wfImproved: options.wfImproved ?? DEFAULTS.wfImproved,
  })

  return collectScores(edges.keys, scores)
}
