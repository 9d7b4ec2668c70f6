/**
 * The community dispatcher: runs one algorithm, numbers its communities and
 * scores the partition by modularity.
 */
import type { AbstractGraph } from 'graphology-types'

import { checkOrientation, checkScope, invalidOption } from '../options.js'
import { orientGraph, ORIENTED_WEIGHT, type Orientation } from '../orientation.js'
import { stronglyConnectedComponents, weaklyConnectedComponents } from './components.js'
import { labelPropagation } from './label-propagation.js'
import { louvain } from './louvain.js'
import { modularity } from './modularity.js'
import { partitionFromGroups, partitionFromLabels, type Community } from './partition.js'

export const COMMUNITY_ALGORITHMS = ['louvain', 'label-propagation', 'wcc', 'scc'] as const
export type CommunityAlgorithm = (typeof COMMUNITY_ALGORITHMS)[number]

export interface CommunityOptions {
  algorithm: CommunityAlgorithm
  /**
   * Derive the graph with `orientGraph` first, summing the strengths of
   * parallel relationships. Louvain, label propagation and modularity run on
   * the undirected view whatever the orientation, so it changes only scc.
   */
  orientation?: Orientation
  /** Random seed for louvain and label-propagation, default 0; wcc and scc ignore it. */
  seed?: number
  /** Resolution of louvain and of the returned modularity, default 1. */
  resolution?: number
  /** Edge attribute read as a strength, by the algorithm and by the returned modularity. */
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

const COMMUNITY_OPTION_SCOPE: Record<string, readonly CommunityAlgorithm[]> = {
  maxIterations: ['label-propagation'],
}

/** Partitions the nodes into communities and scores the partition by modularity. */
export function detectCommunities(graph: AbstractGraph, options: CommunityOptions): CommunityResult {
  const { algorithm } = options

  if (!COMMUNITY_ALGORITHMS.includes(algorithm)) {
    throw invalidOption(
      `analytics: invalid community algorithm "${String(algorithm)}", ` +
        `expected one of ${COMMUNITY_ALGORITHMS.join(', ')}`,
    )
  }

  checkScope(algorithm, options, COMMUNITY_OPTION_SCOPE)
  checkOrientation(options.orientation)

  const target = options.orientation === undefined ? graph : orientGraph(graph, {
    orientation: options.orientation,
    weightAttribute: options.strengthAttribute,
  })

  const settings = options.orientation === undefined ? options : { ...options, strengthAttribute: ORIENTED_WEIGHT }

  const partition = (() => {
    switch (algorithm) {
      case 'louvain':
        return partitionFromLabels(Object.entries(louvain(target, settings)))
      case 'label-propagation':
        return partitionFromLabels(Object.entries(labelPropagation(target, settings)))
      case 'wcc':
        return partitionFromGroups(weaklyConnectedComponents(target))
      case 'scc':
        return partitionFromGroups(stronglyConnectedComponents(target))
    }
  })()

  const quality = modularity(target, partition.assignments, {
    strengthAttribute: settings.strengthAttribute,
    resolution: settings.resolution,
  })

  return { ...partition, modularity: quality }
}
