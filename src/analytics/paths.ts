/**
 * Single-source shortest paths over compact neighbourhoods: breadth-first
 * search when edges are unweighted, Dijkstra's algorithm when each edge
 * carries a distance. Both record, for every reached node, its distance, its
 * predecessors on shortest paths and the number of shortest paths to it,
 * which is what betweenness and closeness need as well.
 *
 * A search follows the arcs of the neighbourhoods it is given: the `out`
 * neighbourhoods of a compact graph give distances from the source, the `in`
 * neighbourhoods distances to it.
 *
 * [Reference]:
 * Ulrik Brandes, A faster algorithm for betweenness centrality.
 * Journal of Mathematical Sociology 25(2):163-177, 2001.
 * (Path counting and predecessor lists, as in networkx 3.6.1's
 * `_single_source_shortest_path_basic` and `_single_source_dijkstra_path_basic`.)
 */
import type { AbstractGraph } from 'graphology-types'

import { compact, edgeListOf, type Neighbourhoods } from './compact.js'
import { AnalyticsError } from './errors.js'
import { Frontier } from './heap.js'

/**
 * One reusable search: `run(source)` overwrites the previous result, so a
 * loop over sources allocates its arrays once.
 *
 * Predecessors are linked lists in flat arrays: the predecessors of node w
 * are `predecessorNode[e]` for e = `firstPredecessor[w]`, then
 * `nextPredecessor[e]`, until e is -1. Each arc adds at most one entry per
 * search, so the arrays need one slot per arc.
 */
export class ShortestPathSearch {
  /** Distance from the source, Infinity where unreached. */
  readonly distance: Float64Array
  /** Number of shortest paths from the source to each node, 0 where unreached. */
  readonly pathCounts: Float64Array
  /** Reached nodes in the order they were settled (by non-decreasing distance); the first `reached` entries count. */
  readonly order: Int32Array
  reached = 0
  readonly firstPredecessor: Int32Array
  readonly predecessorNode: Int32Array
  readonly nextPredecessor: Int32Array

  private readonly steps: Neighbourhoods
  private readonly weighted: boolean
  private readonly recordPredecessors: boolean
  private readonly tentative: Float64Array | null
  private readonly frontier: Frontier | null
  private entries = 0

  /**
   * `weighted` runs Dijkstra over the arc weights as distances, else a
   * breadth-first search counts steps. Without `recordPredecessors` the
   * predecessor lists stay empty (closeness needs distances only).
   */
  constructor(steps: Neighbourhoods, weighted: boolean, recordPredecessors = true) {
    const n = steps.offsets.length - 1
    const arcs = recordPredecessors ? steps.targets.length : 0

    this.steps = steps
    this.weighted = weighted
    this.recordPredecessors = recordPredecessors
    this.distance = new Float64Array(n).fill(Infinity)
    this.pathCounts = new Float64Array(n)
    this.order = new Int32Array(n)
    this.firstPredecessor = new Int32Array(n).fill(-1)
    this.predecessorNode = new Int32Array(arcs)
    this.nextPredecessor = new Int32Array(arcs)
    this.tentative = weighted ? new Float64Array(n).fill(Infinity) : null
    this.frontier = weighted ? new Frontier(Math.min(n, 1024)) : null
  }

  run(source: number): void {
    this.reset()

    if (this.weighted) this.dijkstra(source)
    else this.breadthFirst(source)
  }

  /** Clears what the previous run touched: every node it reached, and nothing else. */
  private reset(): void {
    for (let i = 0; i < this.reached; i++) {
      const v = this.order[i] as number

      this.distance[v] = Infinity
      this.pathCounts[v] = 0
      this.firstPredecessor[v] = -1
      if (this.tentative !== null) this.tentative[v] = Infinity
    }

    this.reached = 0
    this.entries = 0
  }

  private addPredecessor(w: number, v: number): void {
    if (!this.recordPredecessors) return

    const entry = this.entries++

    this.predecessorNode[entry] = v
    this.nextPredecessor[entry] = this.firstPredecessor[w] as number
    this.firstPredecessor[w] = entry
  }

  private breadthFirst(source: number): void {
    const { distance, pathCounts, order } = this
    const { offsets, targets } = this.steps

    distance[source] = 0
    pathCounts[source] = 1
    order[0] = source
    this.reached = 1

    // `order` doubles as the queue: nodes are settled in the order they are enqueued.
    for (let head = 0; head < this.reached; head++) {
      const v = order[head] as number
      const nextDistance = (distance[v] as number) + 1
      const paths = pathCounts[v] as number
      const end = offsets[v + 1] as number

      for (let k = offsets[v] as number; k < end; k++) {
        const w = targets[k] as number

        if (distance[w] === Infinity) {
          distance[w] = nextDistance
          order[this.reached++] = w
        }

        if (distance[w] === nextDistance) {
          pathCounts[w] = (pathCounts[w] as number) + paths
          this.addPredecessor(w, v)
        }
      }
    }
  }

  private dijkstra(source: number): void {
    const { distance, pathCounts, order } = this
    const { offsets, targets, weights } = this.steps
    const tentative = this.tentative as Float64Array
    const frontier = this.frontier as Frontier

    frontier.clear()
    tentative[source] = 0
    frontier.push(0, -1, source)

    while (frontier.size > 0) {
      const v = frontier.pop()

      // A node is settled once its distance is finite.
      if (distance[v] !== Infinity) continue

      const dist = frontier.poppedDistance
      const predecessor = frontier.poppedPredecessor

      distance[v] = dist
      pathCounts[v] = predecessor === -1 ? 1 : (pathCounts[v] as number) + (pathCounts[predecessor] as number)
      order[this.reached++] = v

      const end = offsets[v + 1] as number

      for (let k = offsets[v] as number; k < end; k++) {
        const w = targets[k] as number
        const candidate = dist + (weights[k] as number)

        // The branches mirror networkx, including the equal-distance case on
        // an already settled node, which only zero distances reach.
        if (distance[w] === Infinity && candidate < (tentative[w] as number)) {
          tentative[w] = candidate
          frontier.push(candidate, v, w)
          pathCounts[w] = 0
          this.firstPredecessor[w] = -1
          this.addPredecessor(w, v)
        } else if (candidate === tentative[w]) {
          pathCounts[w] = (pathCounts[w] as number) + (pathCounts[v] as number)
          this.addPredecessor(w, v)
        }
      }
    }
  }
}

export interface PathOptions {
  /** Edge attribute read as a distance; without it every edge has length 1. */
  distanceAttribute?: string
}

/**
 * Runs one search on a graphology graph. Paths follow directed edges
 * forwards and undirected edges both ways: orient the graph first (see
 * orientation.ts) for another direction. Parallel edges keep the shortest
 * distance.
 */
function searchFrom(
  graph: AbstractGraph,
  source: string,
  others: string[],
  options: PathOptions,
): { search: ShortestPathSearch; keys: string[]; indexOf: (key: string) => number } {
  for (const node of [source, ...others]) {
    if (!graph.hasNode(node)) {
      throw new AnalyticsError('ANALYTICS_NODE_NOT_FOUND', `analytics/paths: node "${node}" not found in the graph`)
    }
  }

  const edges = edgeListOf(graph, options.distanceAttribute, 'distance')
  const { out } = compact(edges, { merge: 'min' })
  const search = new ShortestPathSearch(out, options.distanceAttribute !== undefined)
  const indexOf = (key: string): number => edges.keys.indexOf(key)

  search.run(indexOf(source))

  return { search, keys: edges.keys, indexOf }
}

/** Returns the shortest-path length from `source` to every node it reaches, itself included. */
export function shortestPathLengths(
  graph: AbstractGraph,
  source: string,
  options: PathOptions = {},
): Record<string, number> {
  const { search, keys } = searchFrom(graph, source, [], options)
  const lengths: Record<string, number> = Object.create(null)

  for (let i = 0; i < search.reached; i++) {
    const v = search.order[i] as number

    lengths[keys[v] as string] = search.distance[v] as number
  }

  return lengths
}

/** Returns the shortest-path length from `source` to `target`, or null when `target` is unreachable. */
export function shortestPathLength(
  graph: AbstractGraph,
  source: string,
  target: string,
  options: PathOptions = {},
): number | null {
  const { search, indexOf } = searchFrom(graph, source, [target], options)
  const length = search.distance[indexOf(target)] as number

  return length === Infinity ? null : length
}

/**
 * Yields every shortest path from `source` to `target` as a list of node keys,
 * and nothing when `target` is unreachable. The count can grow exponentially
 * with the graph, so stop iterating once you have enough.
 */
export function* allShortestPaths(
  graph: AbstractGraph,
  source: string,
  target: string,
  options: PathOptions = {},
): Generator<string[]> {
  const { search, keys, indexOf } = searchFrom(graph, source, [target], options)
  const sourceId = indexOf(source)
  const targetId = indexOf(target)

  if (search.distance[targetId] === Infinity) return

  // Depth-first walk back from the target along predecessor lists, with an
  // explicit stack so long paths cannot overflow the call stack. Each stack
  // entry keeps the next predecessor entry to try. `onPath` guards against
  // cycles, which zero distances can create.
  const stack = [{ node: targetId, next: search.firstPredecessor[targetId] as number }]
  const onPath = new Set([targetId])

  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { node: number; next: number }

    if (top.node === sourceId) {
      yield stack.map((entry) => keys[entry.node] as string).reverse()
      onPath.delete(top.node)
      stack.pop()
      continue
    }

    if (top.next === -1) {
      onPath.delete(top.node)
      stack.pop()
      continue
    }

    const predecessor = search.predecessorNode[top.next] as number

    top.next = search.nextPredecessor[top.next] as number

    if (!onPath.has(predecessor)) {
      onPath.add(predecessor)
      stack.push({ node: predecessor, next: search.firstPredecessor[predecessor] as number })
    }
  }
}
