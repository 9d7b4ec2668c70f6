/**
 * Node positions. Every node starts at a point derived from its key alone (a hash, never
 * `Math.random`), so the same data always gives the same picture whatever order it arrived
 * in. ForceAtlas2 then refines the picture: synchronously while the work stays small, and
 * otherwise in a web worker (layout-worker.ts) after the first frame is drawn. Pinned nodes
 * keep their place and hidden nodes take no part.
 */
import forceAtlas2Module from 'graphology-layout-forceatlas2'
import { MultiDirectedGraph } from 'graphology'

import type { NetworkGraph } from './network.js'

// The package is CommonJS typed with `export default`. Under NodeNext, TypeScript types the
// default import as `{ default }`, while Vite and Node hand over `module.exports` itself.
const forceAtlas2 = (forceAtlas2Module as { default?: typeof forceAtlas2Module.default }).default
  ?? (forceAtlas2Module as unknown as typeof forceAtlas2Module.default)

/** Iterations for a whole new graph, and for settling nodes added to an existing one. */
export const INITIAL_ITERATIONS = 300
export const SETTLING_ITERATIONS = 80

/**
 * The maximum synchronous ForceAtlas2 work, counted as iterations × (nodes + relationships), done
 * before a frame is drawn. A few hundred nodes fit whole; a graph of thousands is placed by
 * seed alone and refined in the worker, so that its first frame is not held up.
 */
const SYNC_WORK_BUDGET = 600_000
/** Fewer synchronous iterations than this barely move the seeded start, so none are run. */
const MIN_SYNC_ITERATIONS = 20

/** Distance between neighbouring seeded start points, in graph units. */
const SEED_SPACING = 10

export interface Point {
  x: number
  y: number
}

export type Positions = Map<string, Point>

/** The layout's constraints: nodes it must not move and nodes it must leave out. */
export interface LayoutConstraints {
  pinned: ReadonlySet<string>
  hidden: ReadonlySet<string>
}

/**
 * Places every node at its seeded start and runs ForceAtlas2 as far as the synchronous budget
 * allows. Returns true when the graph was too large for a full run, so that the worker should
 * refine it.
 */
export function layoutFromScratch(graph: NetworkGraph, constraints: LayoutConstraints): boolean {
  if (graph.order === 0) return false

  const radius = SEED_SPACING * Math.sqrt(graph.order)
  graph.updateEachNodeAttributes(
    (key, attributes) => {
      if (constraints.pinned.has(key)) return attributes
      const point = seededPoint(key, radius)
      attributes.x = point.x
      attributes.y = point.y
      return attributes
    },
    { attributes: ['x', 'y'] },
  )

  return !settle(graph, constraints, INITIAL_ITERATIONS)
}

/**
 * Places new nodes beside the nodes they are linked to, then lets ForceAtlas2 settle the
 * whole graph within the synchronous budget. A new node with no placed neighbour goes near
 * `anchor`, or near the centre of the graph when there is no anchor. Returns true when the
 * budget did not cover the settling, so that the worker should do it.
 */
export function placeNewNodes(
  graph: NetworkGraph,
  added: string[],
  anchor: string | null,
  constraints: LayoutConstraints,
): boolean {
  if (added.length === 0) return false

  placeBesideNeighbours(graph, added, anchor)
  return !settle(graph, constraints, SETTLING_ITERATIONS)
}

/** Puts each new node on a golden-angle spiral around its placed neighbours, moving no other node. */
export function placeBesideNeighbours(graph: NetworkGraph, added: string[], anchor: string | null): void {
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
}

/**
 * Runs up to `iterations` of ForceAtlas2 on the visible nodes when the synchronous budget
 * allows it. Returns false, having moved nothing, when it does not.
 */
function settle(graph: NetworkGraph, constraints: LayoutConstraints, iterations: number): boolean {
  // The whole graph bounds the visible part, and is known before any copy is made.
  const affordable = Math.min(iterations, Math.floor(SYNC_WORK_BUDGET / (graph.order + graph.size)))
  if (affordable < MIN_SYNC_ITERATIONS) return false

  const copy = buildLayoutGraph(graph, constraints)
  if (copy.order < 2) return true

  forceAtlas2.assign(copy, {
    iterations: affordable,
    settings: forceAtlas2Settings(copy),
    // Relationship properties (amounts, counts) are not layout weights: every link pulls alike.
    getEdgeWeight: null,
  })
  copyPositions(copy, graph, constraints.pinned)
  return true
}

/** ForceAtlas2's settings for a graph of this order, the same for the synchronous runs and the worker. */
export function forceAtlas2Settings(copy: MultiDirectedGraph) {
  return forceAtlas2.inferSettings(copy)
}

/**
 * Builds the graph the layout runs on: the visible nodes with their positions and a `fixed`
 * flag for the pinned ones, and the relationships among them. ForceAtlas2 reads `fixed` and
 * `size` from node attributes, so it must never run on the entities' own attributes, where a
 * property of that name could turn up.
 */
export function buildLayoutGraph(graph: NetworkGraph, constraints: LayoutConstraints): MultiDirectedGraph {
  const copy = new MultiDirectedGraph({ allowSelfLoops: true })

  graph.forEachNode((key, attributes) => {
    if (constraints.hidden.has(key)) return
    copy.addNode(key, { x: attributes.x, y: attributes.y, fixed: constraints.pinned.has(key) })
  })
  graph.forEachEdge((key, _attributes, source, target) => {
    if (copy.hasNode(source) && copy.hasNode(target)) copy.addEdgeWithKey(key, source, target)
  })

  return copy
}

/** Copies positions from the layout's graph to the network, leaving pinned nodes where they are. */
export function copyPositions(copy: MultiDirectedGraph, graph: NetworkGraph, pinned: ReadonlySet<string>): void {
  graph.updateEachNodeAttributes(
    (key, attributes) => {
      if (pinned.has(key) || !copy.hasNode(key)) return attributes
      attributes.x = copy.getNodeAttribute(key, 'x') as number
      attributes.y = copy.getNodeAttribute(key, 'y') as number
      return attributes
    },
    { attributes: ['x', 'y'] },
  )
}

export function capturePositions(graph: NetworkGraph): Positions {
  const positions: Positions = new Map()
  graph.forEachNode((key, attributes) => positions.set(key, { x: attributes.x, y: attributes.y }))
  return positions
}

/** Moves the nodes that `positions` lists back to those places; other nodes stay. */
export function restorePositions(graph: NetworkGraph, positions: Positions): void {
  graph.updateEachNodeAttributes(
    (key, attributes) => {
      const point = positions.get(key)
      if (point === undefined) return attributes
      attributes.x = point.x
      attributes.y = point.y
      return attributes
    },
    { attributes: ['x', 'y'] },
  )
}

/**
 * Returns a point in the disc of `radius` around the origin that depends on `key` alone, spread
 * uniformly over the disc's area.
 */
export function seededPoint(key: string, radius: number): Point {
  const random = mulberry32(fnv1a(key))
  const distance = radius * Math.sqrt(random())
  const angle = 2 * Math.PI * random()
  return { x: distance * Math.cos(angle), y: distance * Math.sin(angle) }
}

/** FNV-1a, 32 bits, over the key's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** Mulberry32: a small seeded generator of numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
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
