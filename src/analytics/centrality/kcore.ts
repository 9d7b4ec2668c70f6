/**
 * k-core decomposition: the core number of a node is the largest k such that
 * the node belongs to a subgraph in which every node has at least k
 * neighbours. Edge weights play no part.
 *
 * The graph is read undirected and simple: a→b and b→a, like parallel
 * edges, make one neighbour, and self-loops are ignored. The result equals
 * networkx 3.6.1's `core_number` on that graph. networkx raises on a
 * self-loop. On a directed graph it counts a→b and b→a as two neighbours,
 * so it can differ from this on graphs with reciprocal arcs.
 *
 * The bucket algorithm runs in O(n + m): nodes sit in an array sorted by
 * current degree, with the start of each degree's block kept, so lowering a
 * neighbour's degree is one swap.
 *
 * [Reference]:
 * Vladimir Batagelj and Matjaž Zaveršnik, An O(m) algorithm for cores
 * decomposition of networks. arXiv:cs/0310049, 2003.
 */
import type { AbstractGraph } from 'graphology-types'

import { collectScores, compact, edgeListOf, type CompactGraph } from '../compact.js'
import { AnalyticsError } from '../errors.js'

/** Computes the core number of every node of an undirected compact graph, indexed by node number. */
export function coreNumbersOf(graph: CompactGraph): Float64Array {
  if (graph.directed) {
    throw new AnalyticsError('ANALYTICS_INVALID_OPTION', 'analytics/kcore: expected an undirected compact graph')
  }

  const n = graph.keys.length
  const { offsets, targets } = graph.out
  const degrees = new Int32Array(n)
  let maxDegree = 0

  for (let v = 0; v < n; v++) {
    let degree = 0

    for (let k = offsets[v] as number; k < (offsets[v + 1] as number); k++) {
      if (targets[k] !== v) degree += 1
    }

    degrees[v] = degree
    maxDegree = Math.max(maxDegree, degree)
  }

  // Counting sort by degree: `starts[d]` is where the block of degree d begins.
  const starts = new Int32Array(maxDegree + 2)

  for (let v = 0; v < n; v++) starts[(degrees[v] as number) + 1] = (starts[(degrees[v] as number) + 1] as number) + 1
  for (let d = 0; d <= maxDegree; d++) starts[d + 1] = (starts[d + 1] as number) + (starts[d] as number)

  const sorted = new Int32Array(n)
  const position = new Int32Array(n)
  const fill = starts.slice(0, maxDegree + 1)

  for (let v = 0; v < n; v++) {
    const d = degrees[v] as number
    const slot = fill[d] as number

    sorted[slot] = v
    position[v] = slot
    fill[d] = slot + 1
  }

  // Take nodes in order of current degree, which is final when taken. Each
  // neighbour with a higher degree moves to the front of its block, and the
  // block boundary moves past it, so its degree drops by one in place.
  for (let i = 0; i < n; i++) {
    const v = sorted[i] as number
    const degree = degrees[v] as number

    for (let k = offsets[v] as number; k < (offsets[v + 1] as number); k++) {
      const u = targets[k] as number
      const du = degrees[u] as number

      if (u === v || du <= degree) continue

      const front = starts[du] as number
      const w = sorted[front] as number
      const pu = position[u] as number

      sorted[pu] = w
      position[w] = pu
      sorted[front] = u
      position[u] = front
      starts[du] = front + 1
      degrees[u] = du - 1
    }
  }

  return Float64Array.from(degrees)
}

/** Returns the core number of every node, keyed by node. */
export function coreNumber(graph: AbstractGraph): Record<string, number> {
  const edges = edgeListOf(graph, undefined, 'strength')
  const scores = coreNumbersOf(compact(edges, { orientation: 'undirected', merge: 'sum' }))

  return collectScores(edges.keys, scores)
}
