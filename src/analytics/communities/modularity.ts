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

import { AnalyticsError } from '../errors.js'
import { readEdgeWeight } from '../weights.js'

export interface ModularityOptions {
  /** Edge attribute read as a strength; without it every edge has strength 1. */
  strengthAttribute?: string
  resolution?: number
}

const DEFAULTS = {
  resolution: 1,
} as const

/** Computes Q for `assignments`, which must give a community to every node of the graph. */
export function modularity(
  graph: AbstractGraph,
  assignments: Record<string, number>,
  options: ModularityOptions = {},
): number {
  const resolution = options.resolution ?? DEFAULTS.resolution

  checkResolution(resolution)

  graph.forEachNode((node) => {
    if (!Object.hasOwn(assignments, node) || typeof assignments[node] !== 'number') {
      throw new AnalyticsError(
        'ANALYTICS_INVALID_OPTION',
        `analytics/modularity: node "${node}" has no community, so the assignments are not a partition`,
      )
    }
  })

  const internalStrengths = new Map<number, number>()
  const degreeSums = new Map<number, number>()
  let totalStrength = 0

  const addTo = (sums: Map<number, number>, community: number, value: number): void => {
    sums.set(community, (sums.get(community) ?? 0) + value)
  }

  graph.forEachEdge((edge, attributes, source, target) => {
    const strength = readEdgeWeight(edge, attributes, options.strengthAttribute, 'strength')
    const sourceCommunity = assignments[source] as number
    const targetCommunity = assignments[target] as number

    totalStrength += strength
    addTo(degreeSums, sourceCommunity, strength)
    addTo(degreeSums, targetCommunity, strength)

    if (sourceCommunity === targetCommunity) addTo(internalStrengths, sourceCommunity, strength)
  })

  if (totalStrength === 0) return 0

  let quality = 0

  for (const [community, degreeSum] of degreeSums) {
    const internal = internalStrengths.get(community) ?? 0
    const share = degreeSum / (2 * totalStrength)

    quality += internal / totalStrength - resolution * share * share
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
