/**
 * Reads a view saved earlier (the viewer's JSON export, graphology's serialised form) back
 * into the workspace. The file is checked before anything on screen changes: a file that is
 * not such a graph is rejected with the reason, and the graph shown stays as it was.
 * Positions are kept when every node has one and they are not all the same point. Otherwise
 * the caller lays the graph out again and reports the reason.
 */
import type { GraphPayload } from './api.js'

/**
 * Largest file read, in bytes, and most nodes and relationships accepted from it: the size
 * of the largest overview the service sends, which the viewer benchmark measures. A view of
 * 50,000 nodes laid out again kept a software-rendered page busy for minutes.
 */
export const SAVED_VIEW_LIMITS = { bytes: 20 * 1024 * 1024, nodes: 10_000, edges: 50_000 } as const

export interface SavedView {
  payload: GraphPayload
  /** The reason the saved positions cannot be used, or null when they can. */
  positionProblem: string | null
}

export class SavedViewError extends Error {
  override name = 'SavedViewError'
}

/** Parses and checks the text of a saved view. Throws a `SavedViewError` naming what is wrong. */
export function parseSavedView(text: string): SavedView {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new SavedViewError(`The file is not valid JSON (${(error as Error).message}).`)
  }
  if (!isRecord(data) || !Array.isArray(data.nodes) || !Array.isArray(data.edges)) {
    throw new SavedViewError('The file is JSON but not a saved view: expected an object with "nodes" and "edges" arrays.')
  }
  if (data.nodes.length > SAVED_VIEW_LIMITS.nodes || data.edges.length > SAVED_VIEW_LIMITS.edges) {
    throw new SavedViewError(
      `The file has ${data.nodes.length.toLocaleString('en')} nodes and ${data.edges.length.toLocaleString('en')} relationships; ` +
        `the viewer opens at most ${SAVED_VIEW_LIMITS.nodes.toLocaleString('en')} nodes and ${SAVED_VIEW_LIMITS.edges.toLocaleString('en')} relationships.`,
    )
  }

  const keys = new Set<string>()
  const nodes: GraphPayload['nodes'] = data.nodes.map((node: unknown, index: number) => {
    if (!isRecord(node) || typeof node.key !== 'string' || node.key === '') {
      throw new SavedViewError(`nodes[${index}] is invalid: expected a non-empty "key" string.`)
    }
    if (keys.has(node.key)) throw new SavedViewError(`nodes[${index}] repeats the key "${node.key}".`)
    keys.add(node.key)
    const attributes = isRecord(node.attributes) ? node.attributes : {}
    const label = typeof attributes.label === 'string' ? attributes.label : 'Unknown'
    return { key: node.key, attributes: { ...attributes, label } }
  })

  const edgeKeys = new Set<string>()
  const edges: GraphPayload['edges'] = data.edges.map((edge: unknown, index: number) => {
    if (!isRecord(edge) || typeof edge.source !== 'string' || typeof edge.target !== 'string') {
      throw new SavedViewError(`edges[${index}] is invalid: expected "source" and "target" strings.`)
    }
    for (const end of ['source', 'target'] as const) {
      const key = edge[end] as string
      if (!keys.has(key)) throw new SavedViewError(`edges[${index}].${end} "${key}" was not found among the file's nodes.`)
    }
    const attributes = isRecord(edge.attributes) ? edge.attributes : {}
    const type = typeof attributes.type === 'string' ? attributes.type : 'RELATED'
    const key = typeof edge.key === 'string' && edge.key !== '' ? edge.key : null
    if (key !== null && edgeKeys.has(key)) throw new SavedViewError(`edges[${index}] repeats the key "${key}".`)
    if (key !== null) edgeKeys.add(key)
    return { key: key ?? '', source: edge.source, target: edge.target, attributes: { ...attributes, type } }
  })

  // Relationships saved without a key get one that no other relationship of the file uses.
  let next = 0
  for (const edge of edges) {
    if (edge.key !== '') continue
    while (edgeKeys.has(`saved-${next}`)) next += 1
    edge.key = `saved-${next}`
    edgeKeys.add(edge.key)
  }

  const payload: GraphPayload = { attributes: {}, options: { type: 'directed', multi: true, allowSelfLoops: true }, nodes, edges }
  return { payload, positionProblem: positionProblemOf(nodes) }
}

function positionProblemOf(nodes: GraphPayload['nodes']): string | null {
  if (nodes.length === 0) return null

  let missing = 0
  const points = new Set<string>()
  for (const node of nodes) {
    const x = node.attributes?.x
    const y = node.attributes?.y
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) missing += 1
    else points.add(`${x},${y}`)
  }

  if (missing > 0) return `${missing} of ${nodes.length} nodes had no position`
  if (nodes.length > 1 && points.size === 1) return `all ${nodes.length} nodes had the same position`
  return null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
