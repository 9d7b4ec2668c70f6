/**
 * Positions for a money trail: one column per hop, so that money reads from left to right
 * whichever way the trail was traced. Within a column nodes are ordered by key, which makes
 * the picture repeatable.
 */
import type { TraceDirection } from './api.js'
import type { NetworkGraph } from './network.js'

/** Distance between columns and between nodes in a column, in graph units. */
const COLUMN_GAP = 100
const ROW_GAP = 40

/**
 * Places every node by its `hop` attribute (0 for the start). Holders that replace accounts
 * when the trail is merged into holders have no `hop`, so they take their distance along the
 * trail's transfers from the nearest node that has one. Unreached nodes go one column past
 * the last.
 */
export function layoutTrail(graph: NetworkGraph, direction: TraceDirection, start: string): void {
  const levels = new Map<string, number>()
  graph.forEachNode((key, attributes) => {
    if (typeof attributes.hop === 'number') levels.set(key, attributes.hop)
  })
  if (levels.size === 0 && graph.hasNode(start)) levels.set(start, 0)

  // Breadth-first from the placed nodes, along the direction the trail was followed.
  let frontier = [...levels.keys()].sort((a, b) => (levels.get(a) ?? 0) - (levels.get(b) ?? 0))
  while (frontier.length > 0) {
    const next: string[] = []
    for (const key of frontier) {
      const level = (levels.get(key) ?? 0) + 1
      const neighbours = direction === 'out' ? graph.outNeighbors(key) : graph.inNeighbors(key)
      for (const neighbour of neighbours) {
        if (levels.has(neighbour)) continue
        levels.set(neighbour, level)
        next.push(neighbour)
      }
    }
    frontier = next
  }

  const deepest = Math.max(0, ...levels.values())
  const columns = new Map<number, string[]>()
  graph.forEachNode((key) => {
    const level = levels.get(key) ?? deepest + 1
    columns.set(level, [...(columns.get(level) ?? []), key])
  })

  // Traced backwards, hop 1 contains the payers of the start, so it goes to the start's left.
  const sign = direction === 'out' ? 1 : -1
  for (const [level, keys] of columns) {
    keys.sort()
    keys.forEach((key, row) => {
      graph.mergeNodeAttributes(key, {
        x: sign * level * COLUMN_GAP,
        y: (row - (keys.length - 1) / 2) * ROW_GAP,
      })
    })
  }
}

/**
 * Places nodes added to a trail on screen (by an expansion) without moving the others: each
 * goes one column after a neighbour it receives from, or one column before a neighbour it
 * pays, below the nodes already in that column. A node with no placed neighbour goes next
 * to `anchor`.
 */
export function placeInColumns(
  graph: NetworkGraph,
  added: string[],
  anchor: string | null,
  direction: TraceDirection,
): void {
  if (added.length === 0) return
  const unplaced = new Set(added)
  // Money reads from left to right whichever way the trail was traced (see layoutTrail), so a
  // payee goes right of its payer. `direction` matters only for the anchor's side.
  const step = COLUMN_GAP
  const anchorStep = direction === 'out' ? COLUMN_GAP : -COLUMN_GAP

  for (const key of added) {
    const column = columnBeside(graph, key, unplaced, anchor, step, anchorStep)
    let lowest = -Infinity
    graph.forEachNode((other, attributes) => {
      if (unplaced.has(other) || Math.abs(attributes.x - column) > COLUMN_GAP / 2) return
      lowest = Math.max(lowest, attributes.y)
    })
    graph.mergeNodeAttributes(key, { x: column, y: lowest === -Infinity ? 0 : lowest + ROW_GAP })
    unplaced.delete(key)
  }
}

function columnBeside(
  graph: NetworkGraph,
  key: string,
  unplaced: Set<string>,
  anchor: string | null,
  step: number,
  anchorStep: number,
): number {
  for (const payer of graph.inNeighbors(key)) {
    if (!unplaced.has(payer)) return graph.getNodeAttribute(payer, 'x') + step
  }
  for (const payee of graph.outNeighbors(key)) {
    if (!unplaced.has(payee)) return graph.getNodeAttribute(payee, 'x') - step
  }
  if (anchor !== null && graph.hasNode(anchor) && !unplaced.has(anchor)) return graph.getNodeAttribute(anchor, 'x') + anchorStep
  return 0
}
