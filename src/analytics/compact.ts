/**
 * The compact graph every algorithm runs on: nodes numbered 0..n-1 and their
 * neighbours in typed arrays (compressed sparse rows), built once per run
 * from a list of relationships or from a graphology graph.
 *
 * Rules shared by every algorithm that reads it:
 * - parallel edges between the same ordered pair are merged into one entry:
 *   strengths are summed, distances keep the minimum (networkx does the same
 *   in `to_scipy_sparse_array` and in Dijkstra on a multigraph);
 * - in an undirected graph an edge is listed at both ends, and a self-loop
 *   once, as in the adjacency matrix;
 * - each node's neighbours are sorted by node number.
 *
 * A service loads a projection straight into an `EdgeList`, so a network of a
 * million relationships never becomes a graphology graph (which would take
 * about ten times the memory and time).
 */
import type { AbstractGraph } from 'graphology-types'

import { AnalyticsError } from './errors.js'
import { readEdgeWeight, type WeightMeaning } from './weights.js'

export type Orientation = 'natural' | 'reverse' | 'undirected'

/** Rule that combines the weights of parallel edges: strengths add up, and of several distances the shortest counts. */
export type Merge = 'sum' | 'min'

/** Relationships as parallel arrays of node numbers, as loaded from a store. */
export interface EdgeList {
  /** Node keys: node i is `keys[i]`. */
  keys: string[]
  /** False when every edge is undirected. */
  directed: boolean
  sources: Int32Array
  targets: Int32Array
  /** Weight of each edge, or null when every edge weighs 1. */
  weights: Float64Array | null
}

/** The neighbours of node i are `targets[offsets[i]]` up to `targets[offsets[i + 1] - 1]`. */
export interface Neighbourhoods {
  offsets: Int32Array
  targets: Int32Array
  weights: Float64Array
}

export interface CompactGraph {
  keys: string[]
  directed: boolean
  /** Edges followed forwards. */
  out: Neighbourhoods
  /** Edges followed backwards; the same object as `out` when the graph is undirected. */
  in: Neighbourhoods
}

export interface CompactOptions {
  /**
   * `natural` keeps each edge's direction, `reverse` flips it, `undirected`
   * ignores it. Without it the edge list's own `directed` decides. An
   * undirected edge list under `natural` or `reverse` gives two opposite arcs
   * per edge.
   */
  orientation?: Orientation
  merge: Merge
}

export function nodeCount(graph: CompactGraph): number {
  return graph.keys.length
}

/** Builds the compact graph of an edge list. */
export function compact(edges: EdgeList, options: CompactOptions): CompactGraph {
  const directed = options.orientation === undefined ? edges.directed : options.orientation !== 'undirected'
  const flip = options.orientation === 'reverse'
  const n = edges.keys.length
  const m = edges.sources.length
  const both = !directed || !edges.directed

  // Arcs as read, both ways where the result or the input is undirected.
  let arcCount = m
  if (both) {
    for (let e = 0; e < m; e++) if (edges.sources[e] !== edges.targets[e]) arcCount += 1
  }
  const from = new Int32Array(arcCount)
  const to = new Int32Array(arcCount)
  const weight = new Float64Array(arcCount)
  let a = 0
  for (let e = 0; e < m; e++) {
    const s = edges.sources[e] as number
    const t = edges.targets[e] as number
    const w = edges.weights === null ? 1 : (edges.weights[e] as number)
    from[a] = flip ? t : s
    to[a] = flip ? s : t
    weight[a++] = w
    if (both && s !== t) {
      from[a] = flip ? s : t
      to[a] = flip ? t : s
      weight[a++] = w
    }
  }

  const out = rows(n, from, to, weight, options.merge)
  return { keys: edges.keys, directed, out, in: directed ? rows(n, to, from, weight, options.merge) : out }
}

/**
 * Sorts arcs by source, then target, with two counting sorts, and merges
 * arcs between the same pair.
 */
function rows(n: number, from: Int32Array, to: Int32Array, weight: Float64Array, merge: Merge): Neighbourhoods {
  const arcs = from.length
  const byTarget = countingOrder(n, to, null)
  const order = countingOrder(n, from, byTarget)

  const offsets = new Int32Array(n + 1)
  const targets = new Int32Array(arcs)
  const weights = new Float64Array(arcs)
  let size = 0
  let previousFrom = -1
  let previousTo = -1
  for (let i = 0; i < arcs; i++) {
    const arc = order[i] as number
    const f = from[arc] as number
    const t = to[arc] as number
    const w = weight[arc] as number
    if (f === previousFrom && t === previousTo) {
      const last = weights[size - 1] as number
      weights[size - 1] = merge === 'sum' ? last + w : Math.min(last, w)
      continue
    }
    targets[size] = t
    weights[size] = w
    size += 1
    offsets[f + 1] = (offsets[f + 1] as number) + 1
    previousFrom = f
    previousTo = t
  }
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number)

  return { offsets, targets: targets.slice(0, size), weights: weights.slice(0, size) }
}

/** Sorts arc numbers by `key` with a stable counting sort, starting from `input` order (or 0..k-1). */
function countingOrder(n: number, key: Int32Array, input: Int32Array | null): Int32Array {
  const starts = new Int32Array(n + 1)
  for (let i = 0; i < key.length; i++) starts[(key[i] as number) + 1] = (starts[(key[i] as number) + 1] as number) + 1
  for (let i = 0; i < n; i++) starts[i + 1] = (starts[i + 1] as number) + (starts[i] as number)
  const output = new Int32Array(key.length)
  for (let i = 0; i < key.length; i++) {
    const arc = input === null ? i : (input[i] as number)
    const k = key[arc] as number
    output[starts[k] as number] = arc
    starts[k] = (starts[k] as number) + 1
  }
  return output
}

/**
 * Reads a graphology graph into an edge list. A graph with any directed edge
 * is directed, and its undirected edges become two opposite arcs. Weights are
 * read from `weightAttribute` by `readEdgeWeight`'s rule.
 */
export function edgeListOf(graph: AbstractGraph, weightAttribute: string | undefined, meaning: WeightMeaning): EdgeList {
  const keys = graph.nodes()
  const indexOf = new Map(keys.map((key, i) => [key, i]))
  const directed = graph.directedSize > 0
  const sources: number[] = []
  const targets: number[] = []
  const weights: number[] = []

  graph.forEachEdge((edge, attributes, source, target, _sourceAttributes, _targetAttributes, undirected) => {
    const w = readEdgeWeight(edge, attributes, weightAttribute, meaning)
    const s = indexOf.get(source) as number
    const t = indexOf.get(target) as number
    sources.push(s)
    targets.push(t)
    weights.push(w)
    if (directed && undirected && s !== t) {
      sources.push(t)
      targets.push(s)
      weights.push(w)
    }
  })

  return {
    keys,
    directed,
    sources: Int32Array.from(sources),
    targets: Int32Array.from(targets),
    weights: weightAttribute === undefined ? null : Float64Array.from(weights),
  }
}

/** Checks that node numbers are in range and weights finite and >= 0, naming the first bad edge. */
export function checkEdgeList(edges: EdgeList): void {
  const n = edges.keys.length
  if (edges.sources.length !== edges.targets.length || (edges.weights !== null && edges.weights.length !== edges.sources.length)) {
    throw new AnalyticsError('ANALYTICS_INVALID_OPTION', 'analytics: sources, targets and weights differ in length')
  }
  for (let e = 0; e < edges.sources.length; e++) {
    const s = edges.sources[e] as number
    const t = edges.targets[e] as number
    if (!(s >= 0 && s < n && t >= 0 && t < n)) {
      throw new AnalyticsError('ANALYTICS_INVALID_OPTION', `analytics: edge ${e} joins node ${s} and node ${t}, outside 0..${n - 1}`)
    }
    const w = edges.weights === null ? 1 : (edges.weights[e] as number)
    if (!(Number.isFinite(w) && w >= 0)) {
      throw new AnalyticsError('ANALYTICS_INVALID_WEIGHT', `analytics: edge ${e} has weight ${w}, expected a finite number >= 0`)
    }
  }
}

/** Builds a per-node result record with no prototype, so any node key is a safe property name. */
export function collectScores(keys: string[], scores: ArrayLike<number>): Record<string, number> {
  const record: Record<string, number> = Object.create(null)
  keys.forEach((key, i) => {
    record[key] = scores[i] as number
  })
  return record
}
