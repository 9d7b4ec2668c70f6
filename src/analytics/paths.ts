/**
 * Single-source shortest paths: breadth-first search when edges are
 * unweighted, Dijkstra's algorithm when an attribute gives each edge a
 * distance. Both record, for every reached node, its distance, its
 * predecessors on shortest paths and the number of shortest paths to it,
 * which is what betweenness and closeness need as well.
 *
 * Paths follow directed edges forwards and undirected edges both ways: orient
 * the graph first (see orientation.ts) for another direction.
 *
 * [Reference]:
 * Ulrik Brandes, A faster algorithm for betweenness centrality.
 * Journal of Mathematical Sociology 25(2):163-177, 2001.
 * (Path counting and predecessor lists, as in networkx 3.6.1's
 * `_single_source_shortest_path_basic` and `_single_source_dijkstra_path_basic`.)
 */
import type { AbstractGraph } from 'graphology-types'

import { buildAdjacency, type Adjacency } from './adjacency.js'
import { AnalyticsError } from './errors.js'
import { Frontier } from './heap.js'

export interface ShortestPathTree {
  /** Reached node ids in the order they were settled, by non-decreasing distance. */
  order: number[]
  /** Distance from the source, Infinity where unreached. */
  distance: Float64Array
  /** Predecessors of each node on its shortest paths from the source. */
  predecessors: number[][]
  /** Number of shortest paths from the source to each node. */
  pathCounts: Float64Array
}

export interface PathOptions {
  /** Edge attribute read as a distance; without it every edge has length 1. */
  distanceAttribute?: string
}

function emptyTree(size: number): ShortestPathTree {
  return {
    order: [],
    distance: new Float64Array(size).fill(Infinity),
    predecessors: Array.from({ length: size }, () => []),
    pathCounts: new Float64Array(size),
  }
}

export function breadthFirstTree(adjacency: Adjacency, source: number): ShortestPathTree {
  const tree = emptyTree(adjacency.keys.length)
  const { order, distance, predecessors, pathCounts } = tree
  const queue = [source]

  distance[source] = 0
  pathCounts[source] = 1

  for (let head = 0; head < queue.length; head++) {
    const v = queue[head] as number
    const nextDistance = (distance[v] as number) + 1

    order.push(v)

    for (const w of adjacency.neighbors[v] as number[]) {
      if (distance[w] === Infinity) {
        distance[w] = nextDistance
        queue.push(w)
      }

      if (distance[w] === nextDistance) {
        pathCounts[w] = (pathCounts[w] as number) + (pathCounts[v] as number)
        predecessors[w]?.push(v)
      }
    }
  }

  return tree
}

export function dijkstraTree(adjacency: Adjacency, source: number): ShortestPathTree {
  const tree = emptyTree(adjacency.keys.length)
  const { order, distance, predecessors, pathCounts } = tree
  const settled = new Uint8Array(adjacency.keys.length)
  const tentative = new Float64Array(adjacency.keys.length).fill(Infinity)
  const frontier = new Frontier()

  tentative[source] = 0
  frontier.push(0, -1, source)

  while (frontier.size > 0) {
    const { distance: dist, predecessor, node: v } = frontier.pop()

    if (settled[v] === 1) continue

    settled[v] = 1
    distance[v] = dist
    pathCounts[v] = predecessor === -1 ? 1 : (pathCounts[v] as number) + (pathCounts[predecessor] as number)
    order.push(v)

    const neighbors = adjacency.neighbors[v] as number[]
    const weights = adjacency.weights[v] as number[]

    for (let j = 0; j < neighbors.length; j++) {
      const w = neighbors[j] as number
      const candidate = dist + (weights[j] as number)

      // The branches mirror networkx, including the equal-distance case on
      // an already settled node, which only zero distances reach.
      if (settled[w] === 0 && candidate < (tentative[w] as number)) {
        tentative[w] = candidate
        frontier.push(candidate, v, w)
        pathCounts[w] = 0
        predecessors[w] = [v]
      } else if (candidate === tentative[w]) {
        pathCounts[w] = (pathCounts[w] as number) + (pathCounts[v] as number)
        predecessors[w]?.push(v)
      }
    }
  }

  return tree
}

export function shortestPathTree(adjacency: Adjacency, source: number, weighted: boolean): ShortestPathTree {
  return weighted ? dijkstraTree(adjacency, source) : breadthFirstTree(adjacency, source)
}

function prepare(graph: AbstractGraph, nodes: string[], options: PathOptions): Adjacency {
  for (const node of nodes) {
    if (!graph.hasNode(node)) {
      throw new AnalyticsError('ANALYTICS_NODE_NOT_FOUND', `analytics/paths: node "${node}" not found in the graph`)
    }
  }

  return buildAdjacency(graph, {
    traversal: 'out',
    weightAttribute: options.distanceAttribute,
    meaning: 'distance',
  })
}

function treeFrom(adjacency: Adjacency, source: string, options: PathOptions): ShortestPathTree {
  const weighted = options.distanceAttribute !== undefined

  return shortestPathTree(adjacency, adjacency.indexOf.get(source) as number, weighted)
}

/** Returns the shortest-path length from `source` to every node it reaches, itself included. */
export function shortestPathLengths(
  graph: AbstractGraph,
  source: string,
  options: PathOptions = {},
): Record<string, number> {
  const adjacency = prepare(graph, [source], options)
  const tree = treeFrom(adjacency, source, options)
  const lengths: Record<string, number> = Object.create(null)

  for (const v of tree.order) lengths[adjacency.keys[v] as string] = tree.distance[v] as number

  return lengths
}

/** Returns the shortest-path length from `source` to `target`, or null when `target` is unreachable. */
export function shortestPathLength(
  graph: AbstractGraph,
  source: string,
  target: string,
  options: PathOptions = {},
): number | null {
  const adjacency = prepare(graph, [source, target], options)
  const tree = treeFrom(adjacency, source, options)
  const length = tree.distance[adjacency.indexOf.get(target) as number] as number

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
  const adjacency = prepare(graph, [source, target], options)
  const tree = treeFrom(adjacency, source, options)
  const sourceId = adjacency.indexOf.get(source) as number
  const targetId = adjacency.indexOf.get(target) as number

  if (tree.distance[targetId] === Infinity) return

  // Depth-first walk back from the target along predecessor lists, with an
  // explicit stack so long paths cannot overflow the call stack. `onPath`
  // guards against cycles, which zero distances can create.
  const stack: { node: number; next: number }[] = [{ node: targetId, next: 0 }]
  const onPath = new Set([targetId])

  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { node: number; next: number }

    if (top.node === sourceId && top.next === 0) {
      yield stack.map((entry) => adjacency.keys[entry.node] as string).reverse()
    }

    const predecessors = top.node === sourceId ? [] : (tree.predecessors[top.node] as number[])

    if (top.next < predecessors.length) {
      const predecessor = predecessors[top.next] as number

      top.next += 1

      if (!onPath.has(predecessor)) {
        onPath.add(predecessor)
        stack.push({ node: predecessor, next: 0 })
      }
    } else {
      onPath.delete(top.node)
      stack.pop()
    }
  }
}
