/**
 * Turns Neo4j nodes and relationships into the API's plain records and graph payloads.
 */
import type { Node, Relationship } from 'neo4j-driver'

import { emptyGraph, type SerializedGraph } from '../model/graph-payload.js'
import { propertiesToPlain, type PlainValue } from './values.js'

export interface EntityRecord {
  id: string
  label: string
  name: string
  properties: Record<string, PlainValue>
  provenance: { source: string | null; ownerNcb: string | null; restrictedTo: string[] }
}

const PROVENANCE_KEYS = ['source', 'ownerNcb', 'restrictedTo']
/** Properties stored for the search index, not facts about the entity. */
export const INDEX_KEYS: readonly string[] = ['nameKeys']

export function primaryLabel(node: Node): string {
  return node.labels.find((label) => label !== 'Entity') ?? 'Entity'
}

export function nodeToEntity(node: Node): EntityRecord {
  const { id, name, ...rest } = propertiesToPlain(node.properties)
  const properties: Record<string, PlainValue> = {}
  for (const [key, value] of Object.entries(rest)) {
    if (!PROVENANCE_KEYS.includes(key) && !INDEX_KEYS.includes(key)) {
      properties[key] = value
    }
  }
  return {
    id: String(id),
    label: primaryLabel(node),
    name: typeof name === 'string' ? name : String(id),
    properties,
    provenance: provenanceOf(rest),
  }
}

function provenanceOf(properties: Record<string, PlainValue>): EntityRecord['provenance'] {
  const restrictedTo = properties.restrictedTo
  return {
    source: typeof properties.source === 'string' ? properties.source : null,
    ownerNcb: typeof properties.ownerNcb === 'string' ? properties.ownerNcb : null,
    restrictedTo: Array.isArray(restrictedTo) ? restrictedTo.map(String) : [],
  }
}

/**
 * Builds a graph payload from nodes and the relationships among them. A relationship whose
 * end is not among the nodes is left out, so the payload never names a node it lacks.
 */
export function toGraphPayload(nodes: Node[], relationships: Relationship[]): SerializedGraph {
  const graph = emptyGraph()
  const idByElement = new Map<string, string>()
  for (const node of nodes) {
    const entity = nodeToEntity(node)
    if (idByElement.has(node.elementId)) {
      continue
    }
    idByElement.set(node.elementId, entity.id)
    graph.nodes.push({
      key: entity.id,
      attributes: { ...entity.properties, label: entity.label, name: entity.name, source: entity.provenance.source },
    })
  }
  const seen = new Set<string>()
  for (const relationship of relationships) {
    const source = idByElement.get(relationship.startNodeElementId)
    const target = idByElement.get(relationship.endNodeElementId)
    if (source === undefined || target === undefined || seen.has(relationship.elementId)) {
      continue
    }
    seen.add(relationship.elementId)
    const { id, ...properties } = propertiesToPlain(relationship.properties)
    graph.edges.push({
      key: typeof id === 'string' ? id : relationship.elementId,
      source,
      target,
      attributes: { ...properties, type: relationship.type },
    })
  }
  return graph
}

export function relationshipKey(relationship: Relationship): string {
  const id = relationship.properties.id
  return typeof id === 'string' ? id : relationship.elementId
}
