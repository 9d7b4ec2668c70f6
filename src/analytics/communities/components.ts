/**
 * Connected components. Weakly connected components ignore edge direction
 * and come from graphology-components. Strongly connected components follow
 * it, with an iterative Tarjan search here because graphology-components
 * 1.5 recurses once per node on the path and overflows the call stack on
 * long chains (a 20,000-node directed path fails on Node 20). On an
 * undirected graph both are its connected components.
 *
 * [Reference]:
 * Robert Tarjan, Depth-first search and linear graph algorithms.
 * SIAM Journal on Computing 1(2):146-160, 1972.
 */
import { connectedComponents } from 'graphology-components'
import type { AbstractGraph } from 'graphology-types'

import { buildAdjacency } from '../adjacency.js'

/** Returns the weakly connected components as lists of node keys. */
export function weaklyConnectedComponents(graph: AbstractGraph): string[][] {
  return connectedComponents(graph)
}

/** Returns the strongly connected components as lists of node keys. */
export function stronglyConnectedComponents(graph: AbstractGraph): string[][] {
  const { keys, neighbors } = buildAdjacency(graph, { traversal: 'out', meaning: 'strength' })
  const n = keys.length
  const preorder = new Int32Array(n).fill(-1)
  const lowlink = new Int32Array(n)
  const onStack = new Uint8Array(n)
  const stack: number[] = []
  const components: string[][] = []
  let counter = 0

  for (let root = 0; root < n; root++) {
    if (preorder[root] !== -1) continue

    // Each frame is a node and the position of the next neighbour to visit.
    const frames: { node: number; next: number }[] = [{ node: root, next: 0 }]

    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { node: number; next: number }
      const v = frame.node
      const vNeighbors = neighbors[v] as number[]

      if (frame.next === 0 && preorder[v] === -1) {
        preorder[v] = counter
        lowlink[v] = counter
        counter += 1
        stack.push(v)
        onStack[v] = 1
      }

      if (frame.next < vNeighbors.length) {
        const w = vNeighbors[frame.next] as number

        frame.next += 1

        if (preorder[w] === -1) {
          frames.push({ node: w, next: 0 })
        } else if (onStack[w] === 1) {
          lowlink[v] = Math.min(lowlink[v] as number, preorder[w] as number)
        }

        continue
      }

      // All neighbours done: v closes a component if it is its root.
      if (lowlink[v] === preorder[v]) {
        const component: string[] = []
        let w: number

        do {
          w = stack.pop() as number
          onStack[w] = 0
          component.push(keys[w] as string)
        } while (w !== v)

        components.push(component)
      }

      frames.pop()

      const parent = frames[frames.length - 1]

      if (parent !== undefined) {
        lowlink[parent.node] = Math.min(lowlink[parent.node] as number, lowlink[v] as number)
      }
    }
  }

  return components
}
