/**
 * Degree centrality: the number of edges at a node, or the sum of their
 * strengths, optionally divided by n - 1 as networkx's `degree_centrality`
 * does.
 *
 * As in networkx 3.6.1, a self-loop adds 2 to an undirected degree, and 1 to
 * both the in-degree and the out-degree of a directed one, while parallel
 * edges each count. An undirected edge of a mixed graph counts as both in and
 * out.
 *
 * [Reference]:
 * Linton C. Freeman, Centrality in networks: I. Conceptual clarification.
 * Social Networks 1:215-239, 1979.
 */
import type { AbstractGraph } from 'graphology-types'

import { collectScores } from '../adjacency.js'
import { AnalyticsError } from '../errors.js'
import { readEdgeWeight } from '../weights.js'

export type DegreeDirection = 'in' | 'out' | 'total'

export interface DegreeOptions {
  direction?: DegreeDirection
  /** Edge attribute summed as a strength (weighted degree); without it each edge counts 1. */
  strengthAttribute?: string
  /** Divide by n - 1. Only defined for unweighted degree. */
  normalized?: boolean
}

const DEFAULTS = {
  direction: 'total',
  normalized: true,
} as const

export function degreeCentrality(graph: AbstractGraph, options: DegreeOptions = {}): Record<string, number> {
  const direction = options.direction ?? DEFAULTS.direction
  const normalized = options.normalized ?? DEFAULTS.normalized

  if (normalized && options.strengthAttribute !== undefined) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      'analytics/degree: normalized degree centrality is defined for unweighted degree only, ' +
        'so drop strengthAttribute or pass normalized: false',
    )
  }

  const keys = graph.nodes()
  const indexOf = new Map(keys.map((key, i) => [key, i]))
  const degrees = new Float64Array(keys.length)

  graph.forEachEdge((edge, attributes, source, target, _sourceAttributes, _targetAttributes, undirected) => {
    const weight = readEdgeWeight(edge, attributes, options.strengthAttribute, 'strength')
    const s = indexOf.get(source) as number
    const t = indexOf.get(target) as number

    // An undirected edge adds to every direction at both ends, so a
    // self-loop adds twice to its node.
    if (undirected || direction === 'total') {
      degrees[s] = (degrees[s] as number) + weight
      degrees[t] = (degrees[t] as number) + weight
    } else if (direction === 'out') {
      degrees[s] = (degrees[s] as number) + weight
    } else {
      degrees[t] = (degrees[t] as number) + weight
    }
  })

  if (normalized) {
    // networkx gives the node of a one-node graph a centrality of 1.
    for (let i = 0; i < keys.length; i++) {
      degrees[i] = keys.length === 1 ? 1 : (degrees[i] as number) / (keys.length - 1)
    }
  }

  return collectScores(keys, degrees)
}
