/**
 * The centrality dispatcher: one entry point for every measure, which checks
 * that each option set applies to the chosen measure and can orient the
 * graph first.
 */
import type { AbstractGraph } from 'graphology-types'

import { checkOrientation, checkScope, invalidOption } from '../options.js'
import { orientGraph, ORIENTED_WEIGHT, type Orientation } from '../orientation.js'
import { betweennessCentrality } from './betweenness.js'
import { closenessCentrality } from './closeness.js'
import { degreeCentrality } from './degree.js'
import { eigenvectorCentrality } from './eigenvector.js'
import { pagerank } from './pagerank.js'

export const CENTRALITY_MEASURES = ['degree', 'betweenness', 'closeness', 'pagerank', 'eigenvector'] as const
export type CentralityMeasure = (typeof CENTRALITY_MEASURES)[number]

export interface CentralityOptions {
  measure: CentralityMeasure
  /**
   * Derive the graph with `orientGraph` first, as a GDS projection would.
   * Strengths of parallel relationships are summed and distances keep the
   * minimum. Without it the graph is used as it is.
   */
  orientation?: Orientation
  /**
   * Divide by the measure's usual scale. Must be true for pagerank and
   * eigenvector, whose scores are always normalised.
   */
  normalized: boolean
  /** Edge attribute read as a strength: degree (weighted, unnormalised only), pagerank, eigenvector. */
  strengthAttribute?: string
  /** Edge attribute read as a distance: betweenness, closeness. */
  distanceAttribute?: string
  /** pagerank only; default 0.85. */
  dampingFactor?: number
  /** pagerank and eigenvector; default 1000. */
  maxIterations?: number
  /** pagerank and eigenvector; per-node tolerance scaled by N, default 1e-10 (networkx: 1e-6). */
  tolerance?: number
  /** degree (default 'total'), closeness and eigenvector (default 'in'). */
  direction?: 'in' | 'out' | 'total'
  /** closeness only: compute harmonic centrality. */
  harmonic?: boolean
  /** closeness only: Wasserman-Faust correction, default true. */
  wfImproved?: boolean
}

/** Measures that accept each optional setting. */
const CENTRALITY_OPTION_SCOPE: Record<string, readonly CentralityMeasure[]> = {
  strengthAttribute: ['degree', 'pagerank', 'eigenvector'],
  distanceAttribute: ['betweenness', 'closeness'],
  dampingFactor: ['pagerank'],
  maxIterations: ['pagerank', 'eigenvector'],
  tolerance: ['pagerank', 'eigenvector'],
  direction: ['degree', 'closeness', 'eigenvector'],
  harmonic: ['closeness'],
  wfImproved: ['closeness'],
}

/** Computes one centrality measure for every node, keyed by node. */
export function computeCentrality(graph: AbstractGraph, options: CentralityOptions): Record<string, number> {
  const { measure } = options

  if (!CENTRALITY_MEASURES.includes(measure)) {
    throw invalidOption(
      `analytics: invalid centrality measure "${String(measure)}", expected one of ${CENTRALITY_MEASURES.join(', ')}`,
    )
  }

  checkScope(measure, options, CENTRALITY_OPTION_SCOPE)
  checkOrientation(options.orientation)

  if (typeof options.normalized !== 'boolean') {
    throw invalidOption(`analytics/${measure}: normalized is missing, expected true or false`)
  }

  if ((measure === 'pagerank' || measure === 'eigenvector') && !options.normalized) {
    throw invalidOption(
      `analytics/${measure}: ${measure} scores are always normalised ` +
        '(PageRank sums to 1, eigenvector has unit Euclidean norm), so pass normalized: true',
    )
  }

  if (measure === 'degree') return degreeCentrality(graph, orientDegreeOptions(options))

  const oriented = orientForMeasure(graph, options)

  switch (measure) {
    case 'betweenness':
      return betweennessCentrality(oriented.graph, oriented.options)
    case 'closeness':
      return closenessCentrality(oriented.graph, oriented.options)
    case 'pagerank':
      return pagerank(oriented.graph, oriented.options)
    case 'eigenvector':
      return eigenvectorCentrality(oriented.graph, oriented.options)
  }
}

/**
 * Degree needs no derived graph: reversing swaps in- and out-degree, and
 * ignoring direction leaves the total degree.
 */
function orientDegreeOptions(options: CentralityOptions): CentralityOptions {
  const direction = options.direction ?? 'total'

  if (options.orientation === 'undirected') return { ...options, direction: 'total' }

  if (options.orientation === 'reverse' && direction !== 'total') {
    return { ...options, direction: direction === 'in' ? 'out' : 'in' }
  }

  return options
}

/**
 * Orients the graph and points the weight options at the aggregated weight.
 * Strength measures always read it, so parallel relationships add up as they
 * do on the multigraph itself. Distance measures read it only when a
 * distance attribute was named.
 */
function orientForMeasure(
  graph: AbstractGraph,
  options: CentralityOptions,
): { graph: AbstractGraph; options: CentralityOptions } {
  if (options.orientation === undefined) return { graph, options }

  const readsDistance = options.measure === 'betweenness' || options.measure === 'closeness'

  const oriented = orientGraph(graph, {
    orientation: options.orientation,
    weightAttribute: readsDistance ? options.distanceAttribute : options.strengthAttribute,
    aggregation: readsDistance ? 'min' : 'sum',
  })

  const weights = readsDistance
    ? { distanceAttribute: options.distanceAttribute === undefined ? undefined : ORIENTED_WEIGHT }
    : { strengthAttribute: ORIENTED_WEIGHT }

  return { graph: oriented, options: { ...options, ...weights } }
}
