/**
 * The community dispatchers: run one algorithm, number its communities and
 * score the partition by modularity. `communitiesOf` works on an edge list
 * loaded straight from a store, and `detectCommunities` reads a graphology
 * graph into one and calls it.
 */
import type { AbstractGraph } from 'graphology-types'

import { checkEdgeList, compact, edgeListOf, type EdgeList } from '../compact.js'
import { checkOrientation, checkScope, invalidOption } from '../options.js'
import type { Orientation } from '../orientation.js'
import { strongComponents, weakComponents } from './components.js'
import { labelPropagationCommunities } from './label-propagation.js'
import { louvainCommunities } from './louvain.js'
import { checkResolution, modularityOf } from './modularity.js'
import { numberPartition, type Community } from './partition.js'

export const COMMUNITY_ALGORITHMS = ['louvain', 'label-propagation', 'wcc', 'scc'] as const
export type CommunityAlgorithm = (typeof COMMUNITY_ALGORITHMS)[number]

export interface CommunityOptions {
  algorithm: CommunityAlgorithm
  /**
   * Orientation of the graph, parallel relationships merged with their
   * strengths summed. Louvain, label propagation, wcc and modularity run on
   * the undirected view whatever the orientation, so it changes only scc.
   */
  orientation?: Orientation
  /** Random seed for louvain and label-propagation, default 0; wcc and scc ignore it. */
  seed?: number
  /** Resolution of louvain and of the returned modularity, default 1. */
  resolution?: number
  /**
   * Edge attribute read as a strength, by the algorithm and by the returned
   * modularity. `communitiesOf` ignores it and reads the edge list's weights.
   */
  strengthAttribute?: string
  /** label-propagation only: maximum number of sweeps, default 100. */
  maxIterations?: number
}

export interface CommunityResult {
  assignments: Record<string, number>
  /** Numbered by decreasing size, ties broken by smallest member key. */
  communities: Community[]
  /** Newman's modularity of the partition on the undirected view of the graph. */
  modularity: number
}

export interface EdgeListCommunityResult extends CommunityResult {
  /** Community id of node i, as in `assignments`. */
  ids: Int32Array
}

export interface CommunityControls {
  /** Polled before every sweep of louvain and label-propagation, and true makes the run throw ANALYTICS_CANCELLED. */
  shouldStop?: () => boolean
}

const COMMUNITY_OPTION_SCOPE: Record<string, readonly CommunityAlgorithm[]> = {
  maxIterations: ['label-propagation'],
}

const DEFAULT_RESOLUTION = 1

/** Partitions the nodes of an edge list into communities and scores the partition by modularity. */
export function communitiesOf(
  edges: EdgeList,
  options: CommunityOptions,
  controls: CommunityControls = {},
): EdgeListCommunityResult {
  const { algorithm } = options
  const resolution = options.resolution ?? DEFAULT_RESOLUTION

  checkCommunityOptions(options)
  checkResolution(resolution)
  checkEdgeList(edges)

  const undirected = compact(edges, { orientation: 'undirected', merge: 'sum' })

  const { labels, count } = (() => {
    switch (algorithm) {
      case 'louvain':
        return louvainCommunities(undirected, { resolution, seed: options.seed, shouldStop: controls.shouldStop })
      case 'label-propagation':
        return labelPropagationCommunities(undirected, {
          seed: options.seed,
          maxIterations: options.maxIterations,
          shouldStop: controls.shouldStop,
        })
      case 'wcc':
        return weakComponents(undirected)
      case 'scc':
        return strongComponents(compact(edges, { orientation: options.orientation, merge: 'sum' }))
    }
  })()

  const partition = numberPartition(edges.keys, labels, count)
  const quality = modularityOf(undirected, partition.ids, resolution)

  return { ...partition, modularity: quality }
}

/** Partitions the nodes into communities and scores the partition by modularity. */
export function detectCommunities(graph: AbstractGraph, options: CommunityOptions): CommunityResult {
  checkCommunityOptions(options)

  const edges = edgeListOf(graph, options.strengthAttribute, 'strength')
  const { assignments, communities, modularity } = communitiesOf(edges, options)

  return { assignments, communities, modularity }
}

function checkCommunityOptions(options: CommunityOptions): void {
  const { algorithm } = options

  if (!COMMUNITY_ALGORITHMS.includes(algorithm)) {
    throw invalidOption(
      `analytics: invalid community algorithm "${String(algorithm)}", ` +
        `expected one of ${COMMUNITY_ALGORITHMS.join(', ')}`,
    )
  }

  checkScope(algorithm, options, COMMUNITY_OPTION_SCOPE)
  checkOrientation(options.orientation)
}
