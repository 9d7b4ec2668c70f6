/**
 * Node positions. A fresh graph starts on a circle, in node insertion order, and then runs
 * ForceAtlas2 synchronously for a fixed number of iterations. Neither step draws random
 * numbers, so the same data always gives the same picture.
 */
import { circular } from 'graphology-layout'
import forceAtlas2Module from 'graphology-layout-forceatlas2'

import type { NetworkGraph } from './network.js'

// The package is CommonJS typed with `export default`. Under NodeNext, TypeScript types the
// default import as `{ default }`, while Vite and Node hand over `module.exports` itself.
const forceAtlas2 = (forceAtlas2Module as { default?: typeof forceAtlas2Module.default }).default
  ?? (forceAtlas2Module as unknown as typeof forceAtlas2Module.default)

/** Iterations for a whole new graph, and for settling nodes added to an existing one. */
const INITIAL_ITERATIONS = 300
const SETTLING_ITERATIONS = 80

/** Radius of the circular start, in graph units. */
const CIRCLE_SCALE = 100

export function layoutFromScratch(graph: NetworkGraph): void {
  if (graph.order === 0) return

  circular.assign(graph, { scale: CIRCLE_SCALE })
  runForceAtlas2(graph, INITIAL_ITERATIONS)
}

/**
 * Places new nodes beside the nodes they are linked to, then lets ForceAtlas2 settle the
 * whole graph. A new node with no placed neighbour goes near `anchor`, or near the centre
 * of the graph when there is no anchor.
 */
export function placeNewNodes(graph: NetworkGraph, added: string[], anchor: string | null): void {
  if (added.length === 0) return

  const unplaced = new Set(added)
  const fallback = anchor !== null && !unplaced.has(anchor) ? positionOf(graph, anchor) : centreOf(graph, unplaced)
  const spacing = Math.max(spreadOf(graph, unplaced) * 0.03, 1)

  added.forEach((key, index) => {
    const centre = meanOfPlacedNeighbours(graph, key, unplaced) ?? fallback

    // Golden-angle spiral: successive nodes never land on the same point.
    const angle = index * 2.399963
    const radius = spacing * Math.sqrt(index + 1)

    graph.mergeNodeAttributes(key, {
      x: centre.x + radius * Math.cos(angle),
      y: centre.y + radius * Math.sin(angle),
    })
    unplaced.delete(key)
  })

  runForceAtlas2(graph, SETTLING_ITERATIONS)
}

function runForceAtlas2(graph: NetworkGraph, iterations: number): void {
  if (graph.order < 2) return

  forceAtlas2.assign(graph, {
    iterations,
    settings: forceAtlas2.inferSettings(graph),
    // Relationship properties (amounts, counts) are not layout weights: every link pulls alike.
    getEdgeWeight: null,
  })
}

interface Point {
  x: number
  y: number
}

function positionOf(graph: NetworkGraph, key: string): Point {
  return { x: graph.getNodeAttribute(key, 'x'), y: graph.getNodeAttribute(key, 'y') }
}

function meanOfPlacedNeighbours(graph: NetworkGraph, key: string, unplaced: Set<string>): Point | null {
  let count = 0
  let x = 0
  let y = 0

  graph.forEachNeighbor(key, (neighbour, attributes) => {
    if (unplaced.has(neighbour)) return
    count += 1
    x += attributes.x
    y += attributes.y
  })

  return count === 0 ? null : { x: x / count, y: y / count }
}

function centreOf(graph: NetworkGraph, unplaced: Set<string>): Point {
  let count = 0
  let x = 0
  let y = 0

  graph.forEachNode((key, attributes) => {
    if (unplaced.has(key)) return
    count += 1
    x += attributes.x
    y += attributes.y
  })

  return count === 0 ? { x: 0, y: 0 } : { x: x / count, y: y / count }
}

/** Returns the larger side of the placed nodes' bounding box, or 0 when fewer than two are placed. */
function spreadOf(graph: NetworkGraph, unplaced: Set<string>): number {
  let minX = Infinity
  let maxX = -Infinity
  let minY = Infinity
  let maxY = -Infinity

  graph.forEachNode((key, attributes) => {
    if (unplaced.has(key)) return
    minX = Math.min(minX, attributes.x)
    maxX = Math.max(maxX, attributes.x)
    minY = Math.min(minY, attributes.y)
    maxY = Math.max(maxY, attributes.y)
  })

  if (minX > maxX) return 0
  return Math.max(maxX - minX, maxY - minY)
}
