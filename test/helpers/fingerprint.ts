/**
 * A fingerprint of the stored graph: every `:Entity` node (id, labels, properties) and every
 * relationship between two of them (id, type, ends, properties), hashed in a fixed order.
 * Audit records and the graph version are not part of it, so it changes only when data does.
 */
import { createHash } from 'node:crypto'

import neo4j, { type Driver } from 'neo4j-driver'

export interface GraphFingerprint {
  hash: string
  nodes: number
  relationships: number
  /** Each element's hash by key (`n:ID` or `r:ID`), for naming what changed. */
  elements: Map<string, string>
}

export interface FingerprintOptions {
  database?: string
  /** Leaves out properties whose name starts with one of these, such as written-back scores. */
  ignorePrefixes?: readonly string[]
}

const NODES = `
MATCH (n:Entity)
RETURN n.id AS id, [label IN labels(n) | label] AS labels, properties(n) AS properties`

const RELATIONSHIPS = `
MATCH (a:Entity)-[r]->(b:Entity)
RETURN coalesce(r.id, elementId(r)) AS id, type(r) AS type, a.id AS start, b.id AS end, properties(r) AS properties`

export async function fingerprintGraph(driver: Driver, options: FingerprintOptions = {}): Promise<GraphFingerprint> {
  const config = { database: options.database ?? 'neo4j', routing: neo4j.routing.READ }
  const ignore = options.ignorePrefixes ?? []
  const elements = new Map<string, string>()

  const nodes = await driver.executeQuery(NODES, {}, config)
  for (const record of nodes.records) {
    const labels = (record.get('labels') as string[]).slice().sort()
    const text = canonical({ labels, properties: kept(record.get('properties'), ignore) })
    elements.set(`n:${String(record.get('id'))}`, digest(text))
  }
  const relationships = await driver.executeQuery(RELATIONSHIPS, {}, config)
  for (const record of relationships.records) {
    const text = canonical({
      type: record.get('type'),
      start: record.get('start'),
      end: record.get('end'),
      properties: kept(record.get('properties'), ignore),
    })
    const key = `r:${String(record.get('id'))}`
    // Relationships without an id of their own get Neo4j's element id, which is unique too.
    elements.set(elements.has(key) ? `${key}#${digest(text)}` : key, digest(text))
  }

  const hash = createHash('sha256')
  for (const key of [...elements.keys()].sort()) {
    hash.update(`${key}=${elements.get(key)}\n`)
  }
  return { hash: hash.digest('hex'), nodes: nodes.records.length, relationships: relationships.records.length, elements }
}

/** Lists the element keys added, removed or changed between two fingerprints. */
export function changedElements(before: GraphFingerprint, after: GraphFingerprint): string[] {
  const changed: string[] = []
  for (const [key, value] of after.elements) {
    if (before.elements.get(key) !== value) {
      changed.push(key)
    }
  }
  for (const key of before.elements.keys()) {
    if (!after.elements.has(key)) {
      changed.push(key)
    }
  }
  return changed.sort()
}

function kept(properties: Record<string, unknown>, ignore: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([name]) => !ignore.some((prefix) => name.startsWith(prefix))))
}

/** JSON with sorted keys; Neo4j integers, temporals and points are written as their text. */
function canonical(value: unknown): string {
  return JSON.stringify(normalise(value))
}

function normalise(value: unknown): unknown {
  if (value === null || value === undefined) {
    return null
  }
  if (Array.isArray(value)) {
    return value.map(normalise)
  }
  if (neo4j.isInt(value)) {
    return `${value.toString()}i`
  }
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value) as object | null
    if (prototype !== Object.prototype && prototype !== null) {
      return String(value)
    }
    const record = value as Record<string, unknown>
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, normalise(record[key])]))
  }
  if (typeof value === 'number' && Object.is(value, -0)) {
    return '-0'
  }
  return value
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}
