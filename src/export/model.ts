/**
 * The graph an export writes, with every property typed as Neo4j stores it, because graph
 * payloads carry dates as plain strings and the GEXF, GraphML and CSV writers need to
 * declare dates, integers and money as such.
 */
import neo4j, { type Node, type Relationship } from 'neo4j-driver'

import { INDEX_KEYS, primaryLabel } from '../data/records.js'
import { toPlain } from '../data/values.js'

/** Property types as the CSV reader's typed headers name them, plus `json` for anything else. */
export type ExportType = 'string' | 'int' | 'float' | 'boolean' | 'date' | 'datetime' | 'string[]' | 'money' | 'json'

export interface ExportValue {
  name: string
  type: ExportType
  /** The value as text: integers in full, lists as their items, JSON for `json`. */
  text: string | string[]
}

/** Position, size and colour as the viewer drew them, when a posted payload gives them. */
export interface Drawing {
  x?: number
  y?: number
  size?: number
  color?: string
}

export interface ExportNode {
  key: string
  label: string
  name: string
  source: string | null
  /** Provenance: the NCB that owns the record and the NCBs it is restricted to. */
  ownerNcb: string | null
  restrictedTo: string[]
  currency?: string
  values: ExportValue[]
  drawing?: Drawing
}

export interface ExportEdge {
  key: string
  source: string
  target: string
  type: string
  dataSource: string | null
  ownerNcb: string | null
  restrictedTo: string[]
  currency?: string
  values: ExportValue[]
  /** The dates that place the relationship on a timeline. */
  span?: { start?: string; end?: string }
}

export interface ExportGraph {
  nodes: ExportNode[]
  edges: ExportEdge[]
}

/** Properties that the writers place themselves rather than as attributes. */
const SET_APART = new Set(['id', 'name', 'source', 'ownerNcb', 'restrictedTo', 'currency'])
/** Properties kept only for the search index, never exported. */
const NOT_EXPORTED = new Set(INDEX_KEYS)

export function exportNode(node: Node, drawing?: Drawing): ExportNode {
  const properties = node.properties as Record<string, unknown>
  return {
    key: String(properties.id),
    label: primaryLabel(node),
    name: typeof properties.name === 'string' ? properties.name : String(properties.id),
    source: typeof properties.source === 'string' ? properties.source : null,
    ...provenanceOf(properties),
    ...currencyOf(properties),
    values: typedValues(properties),
    ...(drawing === undefined ? {} : { drawing }),
  }
}

export function exportEdge(relationship: Relationship, source: string, target: string): ExportEdge {
  const properties = relationship.properties as Record<string, unknown>
  const values = typedValues(properties)
  return {
    key: typeof properties.id === 'string' ? properties.id : relationship.elementId,
    source,
    target,
    type: relationship.type,
    dataSource: typeof properties.source === 'string' ? properties.source : null,
    ...provenanceOf(properties),
    ...currencyOf(properties),
    values,
    ...spanOf(values),
  }
}

/**
 * Returns the record's owner and restriction. A caller who can read the record may see them,
 * and an import of the export needs them to keep the record's visibility.
 */
function provenanceOf(properties: Record<string, unknown>): { ownerNcb: string | null; restrictedTo: string[] } {
  const restricted = properties.restrictedTo
  return {
    ownerNcb: typeof properties.ownerNcb === 'string' ? properties.ownerNcb : null,
    restrictedTo: Array.isArray(restricted) ? restricted.filter((item): item is string => typeof item === 'string') : [],
  }
}

function currencyOf(properties: Record<string, unknown>): { currency?: string } {
  return typeof properties.currency === 'string' ? { currency: properties.currency } : {}
}

/** Types each stored property; a money amount's `xMinor` companion is left out, as in the API. */
function typedValues(properties: Record<string, unknown>): ExportValue[] {
  const values: ExportValue[] = []
  const names = Object.keys(properties).sort()
  for (const name of names) {
    const value = properties[name]
    if (SET_APART.has(name) || NOT_EXPORTED.has(name) || value === null || value === undefined) {
      continue
    }
    if (name.endsWith('Minor') && typeof properties[name.slice(0, -'Minor'.length)] === 'string') {
      continue
    }
    const companion = properties[`${name}Minor`]
    if (typeof value === 'string' && companion !== undefined && neo4j.isInt(companion)) {
      values.push({ name, type: 'money', text: value })
      continue
    }
    values.push(typedValue(name, value))
  }
  return values
}

function typedValue(name: string, value: unknown): ExportValue {
  if (neo4j.isInt(value) || typeof value === 'bigint') {
    return { name, type: 'int', text: String(value) }
  }
  if (typeof value === 'number') {
    return { name, type: 'float', text: Number.isFinite(value) ? String(value) : String(toPlain(value)) }
  }
  if (typeof value === 'boolean') {
    return { name, type: 'boolean', text: String(value) }
  }
  if (typeof value === 'string') {
    return { name, type: 'string', text: value }
  }
  if (neo4j.isDate(value)) {
    return { name, type: 'date', text: String(value) }
  }
  if (neo4j.isDateTime(value)) {
    return { name, type: 'datetime', text: String(toPlain(value)) }
  }
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return { name, type: 'string[]', text: value as string[] }
  }
  return { name, type: 'json', text: JSON.stringify(toPlain(value)) }
}

/** Returns a relationship's span: `date` for a dated event, else `since` to `until`. */
function spanOf(values: ExportValue[]): { span?: ExportEdge['span'] } {
  const dateOf = (name: string): string | undefined => {
    const value = values.find((candidate) => candidate.name === name && candidate.type === 'date')
    return typeof value?.text === 'string' ? value.text : undefined
  }
  const date = dateOf('date')
  if (date !== undefined) {
    return { span: { start: date, end: date } }
  }
  const start = dateOf('since')
  const end = dateOf('until')
  return start === undefined && end === undefined ? {} : { span: { start, end } }
}
