/**
 * Newman's modularity of a partition, weighted and with a resolution γ,
 * computed on the undirected view of the graph (each directed edge counts as
 * an undirected one):
 *
 *   Q = Σ_c [ L_c / m - γ (d_c / 2m)² ]
 *
 * where m is the total edge strength, L_c the strength of the edges inside
 * community c and d_c the summed strength degree of its nodes. A self-loop
 * adds its strength once to m and L_c but twice to its node's degree. This
 * is networkx 3.6.1's `community.modularity` on an undirected graph.
 *
 * NOTE: on a graph without edges, or whose strengths are all 0, m is 0 and
 * networkx raises ZeroDivisionError; this returns 0.
 *
 * [References]:
 * M. E. J. Newman, Modularity and community structure in networks.
 * Proc. Natl. Acad. Sci. USA 103(23):8577-8582, 2006.
 *
 * M. E. J. Newman, Community detection in networks: modularity optimization
 * and maximum likelihood are equivalent. Physical Review E 94:052315, 2016.
 */
import type { AbstractGraph } from 'graphology-types'

import { compact, edgeListOf, type CompactGraph, type Neighbourhoods } from '../compact.js'
import { AnalyticsError } from '../errors.js'

export interface ModularityOptions {
  /** Edge attribute read as a strength; without it every edge has strength 1. */
  strengthAttribute?: string
  resolution?: number
}

const DEFAULTS = {
  resolution: 1,
} as const

/**
 * Computes Q on an undirected compact graph, where node i is in community
 * `labels[i]`, an integer from 0 to n - 1.
 */
export function modularityOf(
  graph: CompactGraph,
  labels: Int32Array,
  resolution: number = DEFAULTS.resolution,
): number {
  const n = graph.keys.length

  checkResolution(resolution)
  checkUndirected(graph, 'modularity')

  if (labels.length !== n) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/modularity: ${labels.length} community labels for ${n} nodes, expected one per node`,
    )
  }

  for (let i = 0; i < n; i++) {
    const label = labels[i] as number

    if (label < 0 || label >= n) {
      throw new AnalyticsError(
        'ANALYTICS_INVALID_OPTION',
        `analytics/modularity: node "${graph.keys[i]}" has community label ${label}, expected 0 to ${n - 1}`,
      )
    }
  }

  return qualityOfRows(graph.out, n, labels, resolution)
}

/**
 * Computes Q for `assignments`, which must give a community to every node of
 * the graph. Community ids that are integers from 0 to n - 1 are used as they
 * are, so that Q is summed in the same order as the dispatcher's.
 */
export function modularity(
  graph: AbstractGraph,
  assignments: Record<string, number>,
  options: ModularityOptions = {},
): number {
  const resolution = options.resolution ?? DEFAULTS.resolution

  checkResolution(resolution)

  const view = compact(edgeListOf(graph, options.strengthAttribute, 'strength'), {
    orientation: 'undirected',
    merge: 'sum',
  })

  return modularityOf(view, labelsOf(view.keys, assignments), resolution)
}

/** Reads each node's community from `assignments`, renumbered to 0..n-1 unless already in that range. */
function labelsOf(keys: string[], assignments: Record<string, number>): Int32Array {
  const n = keys.length
  const values = keys.map((key) => {
    const value = Object.hasOwn(assignments, key) ? assignments[key] : undefined

    if (typeof value !== 'number') {
      throw new AnalyticsError(
        'ANALYTICS_INVALID_OPTION',
        `analytics/modularity: node "${key}" has no community, so the assignments are not a partition`,
      )
    }

    return value
  })

  if (values.every((value) => Number.isInteger(value) && value >= 0 && value < n)) return Int32Array.from(values)

  const renumbered = new Map<number, number>()

  return Int32Array.from(values, (value) => {
    let label = renumbered.get(value)

    if (label === undefined) {
      label = renumbered.size
      renumbered.set(value, label)
    }

    return label
  })
}

/**
 * Computes Q from undirected neighbourhoods of n nodes without checking its
 * input, for callers that built the labels themselves (Louvain's levels).
 */
export function qualityOfRows(rows: Neighbourhoods, n: number, labels: Int32Array, resolution: number): number {
  const { offsets, targets, weights } = rows

  // Each edge other than a self-loop is listed at both ends, so these sums
  // hold 2 L_c, d_c and 2m.
  const internal = new Float64Array(n)
  const degreeSums = new Float64Array(n)
  let doubleTotal = 0

  for (let u = 0; u < n; u++) {
    const community = labels[u] as number
    const end = offsets[u + 1] as number

    for (let k = offsets[u] as number; k < end; k++) {
      const v = targets[k] as number
      const strength = v === u ? 2 * (weights[k] as number) : (weights[k] as number)

      doubleTotal += strength
      degreeSums[community] = (degreeSums[community] as number) + strength

      if (labels[v] === community) internal[community] = (internal[community] as number) + strength
    }
  }

  if (doubleTotal === 0) return 0

  let quality = 0

  for (let community = 0; community < n; community++) {
    const degreeSum = degreeSums[community] as number

    if (degreeSum === 0 && internal[community] === 0) continue

    const share = degreeSum / doubleTotal

    quality += (internal[community] as number) / doubleTotal - resolution * share * share
  }

  return quality
}

export function checkResolution(resolution: number): void {
  if (!Number.isFinite(resolution) || resolution < 0) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/modularity: invalid resolution ${String(resolution)}, expected a finite number >= 0`,
    )
  }
}

/** Rejects a directed compact graph where an algorithm needs the undirected view. */
export function checkUndirected(graph: CompactGraph, algorithm: string): void {
  if (graph.directed) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/${algorithm}: expected an undirected compact graph, build it with orientation 'undirected'`,
    )
  }
}
