/**
 * Graph payloads in graphology's serialised shape, so the viewer and other clients can
 * `graph.import()` them. Node attributes hold `label` (the Neo4j label), `name` and the
 * node's properties; edge attributes hold `type` and the relationship's properties.
 */
import type { PlainValue } from '../data/values.js'

export interface NodeAttributes {
  label: string
  name: string
  [property: string]: PlainValue
}

export interface EdgeAttributes {
  type: string
  [property: string]: PlainValue
}

export interface SerializedGraph {
  attributes: Record<string, PlainValue>
  options: { type: 'directed'; multi: true; allowSelfLoops: true }
  nodes: { key: string; attributes: NodeAttributes }[]
  edges: { key: string; source: string; target: string; attributes: EdgeAttributes }[]
}

export function emptyGraph(): SerializedGraph {
  return { attributes: {}, options: { type: 'directed', multi: true, allowSelfLoops: true }, nodes: [], edges: [] }
}
