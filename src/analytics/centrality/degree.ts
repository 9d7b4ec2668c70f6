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
 * The core reads an edge list, not a compact graph, because degree counts
 * relationships and a compact graph merges parallel ones.
 *
 * [Reference]:
 * Linton C. Freeman, Centrality in networks: I. Conceptual clarification.
 * Social Networks 1:215-239, 1979.
 */
import type { AbstractGraph } from 'graphology-types'

import { collectScores, type EdgeList } from '../compact.js'
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

export interface DegreeCoreOptions {
  direction: DegreeDirection
  /** Sum the edge list's weights as strengths; else each relationship counts 1. */
  weighted: boolean
  normalized: boolean
}

const DEFAULTS = {
  direction: 'total',
  normalized: true,
} as const

export function checkDegreeOptions(normalized: boolean, weighted: boolean): void {
  if (normalized && weighted) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      'analytics/degree: normalized degree centrality is defined for unweighted degree only, ' +
        'so drop strengthAttribute or pass normalized: false',
    )
  }
}

/** Computes the degree of every node of an edge list, indexed by node number. */
export function degreeOf(edges: EdgeList, options: DegreeCoreOptions): Float64Array {
  const n = edges.keys.length
  const degrees = new Float64Array(n)
  const weights = options.weighted ? edges.weights : null
  const { direction } = options

  for (let e = 0; e < edges.sources.length; e++) {
    const s = edges.sources[e] as number
    const t = edges.targets[e] as number
    const weight = weights === null ? 1 : (weights[e] as number)

    // An undirected edge adds to every direction at both ends, so a
    // self-loop adds twice to its node.
    if (!edges.directed || direction === 'total') {
      degrees[s] = (degrees[s] as number) + weight
      degrees[t] = (degrees[t] as number) + weight
    } else if (direction === 'out') {
      degrees[s] = (degrees[s] as number) + weight
    } else {
      degrees[t] = (degrees[t] as number) + weight
    }
  }

  if (options.normalized) {
    // networkx gives the node of a one-node graph a centrality of 1.
    for (let i = 0; i < n; i++) degrees[i] = n === 1 ? 1 : (degrees[i] as number) / (n - 1)
  }

  return degrees
}

/**
 * Reads the directed or the undirected edges of a graphology graph into an
 * edge list, so that a mixed graph's undirected edges are not doubled into
 * two arcs as `edgeListOf` does.
 */
function edgesOfKind(graph: AbstractGraph, keys: string[], directed: boolean, attribute: string | undefined): EdgeList {
  const indexOf = new Map(keys.map((key, i) => [key, i]))
  const sources: number[] = []
  const targets: number[] = []
  const weights: number[] = []

  const read = (edge: string, attributes: Record<string, unknown>, source: string, target: string): void => {
    sources.push(indexOf.get(source) as number)
    targets.push(indexOf.get(target) as number)
    weights.push(readEdgeWeight(edge, attributes, attribute, 'strength'))
  }

  if (directed) graph.forEachDirectedEdge(read)
  else graph.forEachUndirectedEdge(read)

  return {
    keys,
    directed,
    sources: Int32Array.from(sources),
    targets: Int32Array.from(targets),
    weights: Float64Array.from(weights),
  }
}

export function degreeCentrality(graph: AbstractGraph, options: DegreeOptions = {}): Record<string, number> {
  const direction = options.direction ?? DEFAULTS.direction
  const normalized = options.normalized ?? DEFAULTS.normalized
  const weighted = options.strengthAttribute !== undefined

  checkDegreeOptions(normalized, weighted)

  const keys = graph.nodes()
  const core = { direction, weighted, normalized: false }
  const degrees = degreeOf(edgesOfKind(graph, keys, true, options.strengthAttribute), core)
  const undirectedDegrees = degreeOf(edgesOfKind(graph, keys, false, options.strengthAttribute), core)

  const n = keys.length

  for (let i = 0; i < n; i++) degrees[i] = (degrees[i] as number) + (undirectedDegrees[i] as number)

  if (normalized) {
    // networkx gives the node of a one-node graph a centrality of 1.
    for (let i = 0; i < n; i++) degrees[i] = n === 1 ? 1 : (degrees[i] as number) / (n - 1)
  }

  return collectScores(keys, degrees)
}
