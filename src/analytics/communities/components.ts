/**
 * Connected components. Weakly connected components ignore edge direction
 * and come from a breadth-first search over out- and in-neighbours.
 * Strongly connected components follow it, with Tarjan's search kept on an
 * explicit stack so that a long path cannot overflow the call stack. On an
 * undirected graph both are its connected components.
 *
 * [Reference]:
 * Robert Tarjan, Depth-first search and linear graph algorithms.
 * SIAM Journal on Computing 1(2):146-160, 1972.
 */
import type { AbstractGraph } from 'graphology-types'

import { compact, edgeListOf, type CompactGraph } from '../compact.js'

export interface Components {
  /** Component of each node, numbered 0..count-1, or -1 for a removed node. */
  labels: Int32Array
  count: number
  /** Number of nodes in each component. */
  sizes: Int32Array
}

/**
 * Labels the weakly connected components, numbered in order of their
 * smallest node number. Nodes flagged 1 in `removed` are left out, together
 * with their edges, and get label -1.
 */
export function weakComponents(graph: CompactGraph, removed?: Uint8Array): Components {
  const n = graph.keys.length
  const labels = new Int32Array(n).fill(-1)
  const queue = new Int32Array(n)
  const sizes: number[] = []
  const { out } = graph
  const incoming = graph.in

  for (let root = 0; root < n; root++) {
    if (labels[root] !== -1 || (removed !== undefined && removed[root] === 1)) continue

    const label = sizes.length
    let head = 0
    let tail = 0

    labels[root] = label
    queue[tail++] = root

    while (head < tail) {
      const v = queue[head++] as number

      for (let side = 0; side < 2; side++) {
        // An undirected graph shares one neighbourhood for both sides.
        if (side === 1 && incoming === out) break

        const rows = side === 0 ? out : incoming
        const end = rows.offsets[v + 1] as number

        for (let k = rows.offsets[v] as number; k < end; k++) {
          const w = rows.targets[k] as number

          if (labels[w] !== -1 || (removed !== undefined && removed[w] === 1)) continue

          labels[w] = label
          queue[tail++] = w
        }
      }
    }

    sizes.push(tail)
  }

  return { labels, count: sizes.length, sizes: Int32Array.from(sizes) }
}

/**
 * Labels the strongly connected components, numbered in the order Tarjan's
 * search closes them, which is a reverse topological order of the
 * condensation. Nodes flagged 1 in `removed` get label -1.
 */
export function strongComponents(graph: CompactGraph, removed?: Uint8Array): Components {
  const n = graph.keys.length
  const { offsets, targets } = graph.out
  const labels = new Int32Array(n).fill(-1)
  const preorder = new Int32Array(n).fill(-1)
  const lowlink = new Int32Array(n)
  // Search path: a node and the position of its next neighbour to visit.
  const pathNodes = new Int32Array(n)
  const pathNext = new Int32Array(n)
  // Tarjan's stack of visited nodes not yet assigned to a component.
  const stack = new Int32Array(n)
  const onStack = new Uint8Array(n)
  const sizes: number[] = []
  let counter = 0
  let stackSize = 0

  for (let root = 0; root < n; root++) {
    if (preorder[root] !== -1 || (removed !== undefined && removed[root] === 1)) continue

    let depth = 0

    pathNodes[0] = root
    pathNext[0] = offsets[root] as number
    preorder[root] = lowlink[root] = counter++
    stack[stackSize++] = root
    onStack[root] = 1

    while (depth >= 0) {
      const v = pathNodes[depth] as number
      const next = pathNext[depth] as number

      if (next < (offsets[v + 1] as number)) {
        const w = targets[next] as number

        pathNext[depth] = next + 1

        if (removed !== undefined && removed[w] === 1) continue

        if (preorder[w] === -1) {
          depth += 1
          pathNodes[depth] = w
          pathNext[depth] = offsets[w] as number
          preorder[w] = lowlink[w] = counter++
          stack[stackSize++] = w
          onStack[w] = 1
        } else if (onStack[w] === 1 && (preorder[w] as number) < (lowlink[v] as number)) {
          lowlink[v] = preorder[w] as number
        }

        continue
      }

      // Every neighbour is done: v closes a component if it is its root.
      if (lowlink[v] === preorder[v]) {
        const label = sizes.length
        let size = 0
        let w: number

        do {
          w = stack[--stackSize] as number
          onStack[w] = 0
          labels[w] = label
          size += 1
        } while (w !== v)

        sizes.push(size)
      }

      depth -= 1

      if (depth >= 0) {
        const parent = pathNodes[depth] as number

        if ((lowlink[v] as number) < (lowlink[parent] as number)) lowlink[parent] = lowlink[v] as number
      }
    }
  }

  return { labels, count: sizes.length, sizes: Int32Array.from(sizes) }
}

/** Lists the members of each component as node keys, component by component. */
export function componentGroups(keys: string[], components: Components): string[][] {
  const groups: string[][] = Array.from({ length: components.count }, () => [])

  components.labels.forEach((label, i) => {
    if (label >= 0) (groups[label] as string[]).push(keys[i] as string)
  })

  return groups
}

/** Returns the weakly connected components as lists of node keys. */
export function weaklyConnectedComponents(graph: AbstractGraph): string[][] {
  const view = compact(edgeListOf(graph, undefined, 'strength'), { merge: 'sum' })

  return componentGroups(view.keys, weakComponents(view))
}

/** Returns the strongly connected components as lists of node keys. */
export function stronglyConnectedComponents(graph: AbstractGraph): string[][] {
  const view = compact(edgeListOf(graph, undefined, 'strength'), { merge: 'sum' })

  return componentGroups(view.keys, strongComponents(view))
}
