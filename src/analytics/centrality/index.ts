/**
 * The centrality dispatchers: one entry point for every measure, which checks
 * that each option set applies to the chosen measure and can orient the
 * graph first. `centralityOf` runs on an edge list, as a service loads it;
 * `computeCentrality` reads a graphology graph into one and calls it.
 */
import type { AbstractGraph } from 'graphology-types'

import { checkEdgeList, collectScores, compact, edgeListOf, type EdgeList } from '../compact.js'
import { checkOrientation, checkScope, invalidOption } from '../options.js'
import type { Orientation } from '../orientation.js'
import { betweennessOf, sampleSources, type BetweennessSample } from './betweenness.js'
import { checkClosenessOptions, closenessOf, CLOSENESS_TRAVERSALS } from './closeness.js'
import { checkDegreeOptions, degreeCentrality, degreeOf, type DegreeDirection } from './degree.js'
import { EIGENVECTOR_DEFAULTS, EIGENVECTOR_TRAVERSALS, eigenvectorOf } from './eigenvector.js'
import { coreNumbersOf } from './kcore.js'
import { neighbourhoodsOf } from './neighbourhoods.js'
import { nodeNumbers, PAGERANK_DEFAULTS, pagerankOf } from './pagerank.js'
import type { ProgressOptions } from './progress.js'

export const CENTRALITY_MEASURES = ['degree', 'betweenness', 'closeness', 'pagerank', 'eigenvector', 'kcore'] as const
export type CentralityMeasure = (typeof CENTRALITY_MEASURES)[number]

export interface CentralityOptions {
  measure: CentralityMeasure
  /**
   * Orient the graph first, as a GDS projection would (see orientation.ts).
   * Strengths of parallel relationships are summed and distances keep the
   * minimum. Without it the graph is used as it is. kcore always reads the
   * graph undirected.
   */
  orientation?: Orientation
  /**
   * Divide by the measure's usual scale. Must be true for pagerank and
   * eigenvector, whose scores are always normalised, and false for kcore,
   * whose core numbers are whole numbers.
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
  /** betweenness only: sampled betweenness from k source nodes drawn with the seed. */
  sample?: BetweennessSample
  /** pagerank only: keys of the seed nodes of personalised PageRank, weighted equally. */
  personalization?: string[]
}

/**
 * Options of `centralityOf`. A measure reads the edge list's `weights` only
 * when the options name its kind of attribute: strengthAttribute for degree,
 * pagerank and eigenvector, distanceAttribute for betweenness and closeness.
 * Otherwise every relationship weighs 1. The name itself is not read.
 */
export type CompactCentralityOptions = Omit<CentralityOptions, 'personalization'> &
  ProgressOptions & {
    /** pagerank only: node numbers of the seed nodes of personalised PageRank. */
    personalization?: ArrayLike<number>
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
  sample: ['betweenness'],
  personalization: ['pagerank'],
}

/** Rejects a measure, option or combination of options that does not apply. */
export function checkCentralityOptions(options: CentralityOptions | CompactCentralityOptions): void {
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

  if (measure === 'kcore' && options.normalized) {
    throw invalidOption(
      'analytics/kcore: core numbers are whole numbers with no normalised form, so pass normalized: false',
    )
  }

  if (measure === 'degree') checkDegreeOptions(options.normalized, options.strengthAttribute !== undefined)
  if (measure === 'closeness') checkClosenessOptions(options)
}

/**
 * Degree needs no derived graph: reversing swaps in- and out-degree, and
 * ignoring direction leaves the total degree.
 */
function orientedDegreeDirection(options: CentralityOptions | CompactCentralityOptions): DegreeDirection {
  const direction = options.direction ?? 'total'

  if (options.orientation === 'undirected') return 'total'

  if (options.orientation === 'reverse' && direction !== 'total') return direction === 'in' ? 'out' : 'in'

  return direction
}

/**
 * Computes one centrality measure for every node of an edge list: the score
 * of node i is at index i. Sampled betweenness draws its sources with
 * `sampleSources(edges.keys.length, options.sample)`, which lists them.
 */
export function centralityOf(edges: EdgeList, options: CompactCentralityOptions): Float64Array {
  checkCentralityOptions(options)
  checkEdgeList(edges)

  const { orientation } = options
  const strengths = options.strengthAttribute === undefined ? { ...edges, weights: null } : edges
  const distances = options.distanceAttribute === undefined ? { ...edges, weights: null } : edges
  const weighted = options.distanceAttribute !== undefined
  const progress = { onProgress: options.onProgress, shouldStop: options.shouldStop }
  const defaults = options.measure === 'eigenvector' ? EIGENVECTOR_DEFAULTS : PAGERANK_DEFAULTS
  const iteration = {
    maxIterations: options.maxIterations ?? defaults.maxIterations,
    tolerance: options.tolerance ?? defaults.tolerance,
    shouldStop: options.shouldStop,
  }

  switch (options.measure) {
    case 'degree': {
      const direction = orientedDegreeDirection(options)
      const weightedDegree = options.strengthAttribute !== undefined

      return degreeOf(strengths, { direction, weighted: weightedDegree, normalized: options.normalized })
    }
    case 'betweenness': {
      const graph = compact(distances, { orientation, merge: 'min' })
      const sources = options.sample === undefined ? undefined : sampleSources(edges.keys.length, options.sample)

      return betweennessOf(graph, { weighted, normalized: options.normalized, sources, ...progress })
    }
    case 'closeness': {
      const steps = neighbourhoodsOf(distances, orientation, CLOSENESS_TRAVERSALS[options.direction ?? 'in'], 'min')

      return closenessOf(steps, {
        weighted,
        harmonic: options.harmonic ?? false,
        normalized: options.normalized,
        wfImproved: options.wfImproved ?? true,
        ...progress,
      })
    }
    case 'pagerank': {
      const graph = compact(strengths, { orientation, merge: 'sum' })

      return pagerankOf(graph, {
        dampingFactor: options.dampingFactor ?? PAGERANK_DEFAULTS.dampingFactor,
        personalization: options.personalization,
        ...iteration,
      })
    }
    case 'eigenvector': {
      const traversal = EIGENVECTOR_TRAVERSALS[options.direction ?? EIGENVECTOR_DEFAULTS.direction]

      return eigenvectorOf(neighbourhoodsOf(strengths, orientation, traversal, 'sum'), iteration)
    }
    case 'kcore': {
      const graph = compact({ ...edges, weights: null }, { orientation: 'undirected', merge: 'sum' })

      return coreNumbersOf(graph)
    }
  }
}

/** Computes one centrality measure for every node of a graphology graph, keyed by node. */
export function computeCentrality(graph: AbstractGraph, options: CentralityOptions): Record<string, number> {
  checkCentralityOptions(options)

  // Degree reads a mixed graph's undirected edges once, where an edge list
  // would hold them as two arcs.
  if (options.measure === 'degree') {
    return degreeCentrality(graph, { ...options, direction: orientedDegreeDirection(options) })
  }

  const readsDistance = options.measure === 'betweenness' || options.measure === 'closeness'
  const edges = readsDistance
    ? edgeListOf(graph, options.distanceAttribute, 'distance')
    : edgeListOf(graph, options.strengthAttribute, 'strength')
  const personalization =
    options.personalization === undefined ? undefined : nodeNumbers(edges.keys, options.personalization)
  return collectScores(edges.keys, centralityOf(edges, { ...options, personalization }))
}
