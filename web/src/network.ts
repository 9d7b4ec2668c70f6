/**
 * The graph on screen: one graphology multigraph that grows as payloads from the API are
 * merged into it. Nodes and relationships keep the attributes the API sent, plus `x` and
 * `y` from the layout. Everything else shown (display label, colour, size) is derived in
 * the renderer's reducers, so the data itself is never rewritten for display.
 */
import { MultiDirectedGraph } from 'graphology'

import type { EntityNodeAttributes, GraphPayload, RelationshipAttributes } from './api.js'

export type NodeAttributes = EntityNodeAttributes & { x: number; y: number }

export type NetworkGraph = MultiDirectedGraph<NodeAttributes, RelationshipAttributes>

export interface MergeResult {
  /** Keys of the nodes that were not in the graph before, sorted so that placing them is repeatable. */
  addedNodes: string[]
  addedEdges: number
  /** Keys of the relationships that were not in the graph before. */
  addedEdgeKeys: string[]
}

export function createNetwork(): NetworkGraph {
  return new MultiDirectedGraph<NodeAttributes, RelationshipAttributes>({ allowSelfLoops: true })
}

/**
 * Merges an API payload into the graph. Nodes are added in key order, so the same payload
 * always gives the same node order and the circular start of the layout is stable.
 * Known nodes and relationships get their attributes refreshed but keep their position.
 */
export function mergePayload(graph: NetworkGraph, payload: GraphPayload): MergeResult {
  const nodes = [...payload.nodes].sort((a, b) => compareKeys(a.key, b.key))
  const addedNodes: string[] = []

  for (const node of nodes) {
    const attributes = node.attributes ?? { label: 'Unknown' }
    if (graph.hasNode(node.key)) {
      graph.mergeNodeAttributes(node.key, attributes)
    } else {
      // The layout replaces this provisional position before the next frame is drawn.
      graph.addNode(node.key, { ...attributes, x: 0, y: 0 })
      addedNodes.push(node.key)
    }
  }

  const edges = [...payload.edges].sort((a, b) => compareKeys(a.key ?? '', b.key ?? ''))
  const addedEdgeKeys: string[] = []

  for (const edge of edges) {
    // NOTE: a relationship whose end node is missing from both the payload and the graph is
    // skipped, because graphology would otherwise create that node with no attributes.
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue

    const attributes = edge.attributes ?? { type: 'RELATED' }
    const key = edge.key ?? `${edge.source}->${edge.target}:${attributes.type}`
    const [, added] = graph.mergeEdgeWithKey(key, edge.source, edge.target, attributes)
    if (added) addedEdgeKeys.push(key)
  }

  return { addedNodes, addedEdges: addedEdgeKeys.length, addedEdgeKeys }
}

/** Returns the text shown for a node: its `name`, or its key when the entity has no name. */
export function displayName(graph: NetworkGraph, key: string): string {
  if (!graph.hasNode(key)) return key
  const name = graph.getNodeAttribute(key, 'name')
  return typeof name === 'string' && name !== '' ? name : key
}

function compareKeys(a: string, b: string): number {
  if (a < b) return -1
  return a > b ? 1 : 0
}
