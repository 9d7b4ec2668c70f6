/**
 * An indexed adjacency list built once per computation, so the algorithms run
 * over integer ids and plain arrays instead of graphology lookups.
 *
 * Rules shared by every algorithm that reads it:
 * - parallel edges between the same ordered pair are merged into one entry:
 *   strengths are summed, distances keep the minimum (networkx does the same
 *   in `to_scipy_sparse_array` and in Dijkstra on a multigraph);
 * - an undirected edge is followed both ways;
 * - a self-loop appears once in its node's list, as in the adjacency matrix.
 *
 * NOTE: graphology-indices' NeighborhoodIndex (0.17) is not used because it
 * gives the last node a phantom neighbour when the graph has a self-loop or
 * parallel edges, which skews graphology-metrics' betweenness and closeness.
 */
import type { AbstractGraph } from 'graphology-types'

import { readEdgeWeight, type WeightMeaning } from './weights.js'

/**
 * Direction in which a node's list follows directed edges: `out` forwards,
 * `in` backwards, `both` either way.
 */
export type Traversal = 'out' | 'in' | 'both'

export interface AdjacencyOptions {
  traversal: Traversal
  /** Edge attribute read as the weight, or undefined for 1 on every edge. */
  weightAttribute?: string
  meaning: Exclude<WeightMeaning, 'weight'>
}

export interface Adjacency {
  /** Node keys in graph order: index i is node `keys[i]`. */
  keys: string[]
  indexOf: Map<string, number>
  /** `neighbors[i]` lists the ids reached from node i in one step. */
  neighbors: number[][]
  /** `weights[i][j]` is the merged weight of the step to `neighbors[i][j]`. */
  weights: number[][]
}

export function buildAdjacency(graph: AbstractGraph, options: AdjacencyOptions): Adjacency {
  const keys = graph.nodes()
  const indexOf = new Map(keys.map((key, i) => [key, i]))
  const neighbors: number[][] = keys.map(() => [])
  const weights: number[][] = keys.map(() => [])
  const slots: Map<number, number>[] = keys.map(() => new Map())

  const addStep = (from: number, to: number, weight: number): void => {
    const slot = slots[from]?.get(to)
    const fromWeights = weights[from] as number[]

    if (slot === undefined) {
      slots[from]?.set(to, fromWeights.length)
      neighbors[from]?.push(to)
      fromWeights.push(weight)
      return
    }

    const previous = fromWeights[slot] as number
    fromWeights[slot] = options.meaning === 'strength' ? previous + weight : Math.min(previous, weight)
  }

  graph.forEachEdge((edge, attributes, source, target, _sourceAttributes, _targetAttributes, undirected) => {
    const weight = readEdgeWeight(edge, attributes, options.weightAttribute, options.meaning)
    const s = indexOf.get(source) as number
    const t = indexOf.get(target) as number

    if (undirected || options.traversal === 'both') {
      addStep(s, t, weight)
      if (s !== t) addStep(t, s, weight)
    } else if (options.traversal === 'out') {
      addStep(s, t, weight)
    } else {
      addStep(t, s, weight)
    }
  })

  return { keys, indexOf, neighbors, weights }
}

/** Returns true when no edge of the graph is directed. */
export function isUndirected(graph: AbstractGraph): boolean {
  return graph.directedSize === 0
}

/** Builds a per-node result record with no prototype, so any node key is a safe property name. */
export function collectScores(keys: string[], scores: ArrayLike<number>): Record<string, number> {
  const record: Record<string, number> = Object.create(null)

  keys.forEach((key, i) => {
    record[key] = scores[i] as number
  })

  return record
}
