/**
 * GraphML export, written here because graphology has no GraphML writer. Every attribute
 * gets a typed <key>: boolean, int (32 bits), long (up to 2^53), double, or string for text,
 * dates (kept as the ISO 8601 text the API sent), mixed types, and arrays and objects as
 * JSON. Relationships are directed from source to target.
 *
 * Format: http://graphml.graphdrawing.org/specification.html
 */
import { flattenValue, type ExportGraph } from './export-graph.js'

export type GraphmlType = 'boolean' | 'int' | 'long' | 'double' | 'string'

interface KeyDeclaration {
  id: string
  name: string
  type: GraphmlType
}

const INT_MAX = 2 ** 31 - 1

export function toGraphml(graph: ExportGraph): string {
  const nodeKeys = declareKeys(graph.mapNodes((_key, attributes) => attributes), 'n')
  const edgeKeys = declareKeys(graph.mapEdges((_key, attributes) => attributes), 'e')
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ]

  for (const [scope, keys] of [['node', nodeKeys], ['edge', edgeKeys]] as const) {
    for (const key of keys.values()) {
      lines.push(`  <key id="${key.id}" for="${scope}" attr.name="${escapeXml(key.name)}" attr.type="${key.type}"/>`)
    }
  }

  lines.push('  <graph id="G" edgedefault="directed">')
  graph.forEachNode((key, attributes) => {
    lines.push(`    <node id="${escapeXml(key)}">`)
    pushData(lines, attributes, nodeKeys)
    lines.push('    </node>')
  })
  graph.forEachEdge((key, attributes, source, target) => {
    const ends = `source="${escapeXml(source)}" target="${escapeXml(target)}"`
    lines.push(`    <edge id="${escapeXml(key)}" ${ends} directed="true">`)
    pushData(lines, attributes, edgeKeys)
    lines.push('    </edge>')
  })
  lines.push('  </graph>', '</graphml>', '')

  return lines.join('\n')
}

/** Declares one key per attribute name, typed by every value it takes. */
function declareKeys(elements: Record<string, unknown>[], prefix: string): Map<string, KeyDeclaration> {
  const types = new Map<string, GraphmlType>()
  for (const attributes of elements) {
    for (const [name, value] of Object.entries(attributes)) {
      const flat = flattenValue(value)
      if (flat === null) continue
      const type = typeOf(flat)
      const known = types.get(name)
      types.set(name, known === undefined ? type : widen(known, type))
    }
  }

  const keys = new Map<string, KeyDeclaration>()
  ;[...types.keys()].sort().forEach((name, index) => {
    keys.set(name, { id: `${prefix}${index}`, name, type: types.get(name) ?? 'string' })
  })
  return keys
}

function typeOf(value: string | number | boolean): GraphmlType {
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'string') return 'string'
  if (!Number.isInteger(value)) return 'double'
  return Math.abs(value) <= INT_MAX ? 'int' : 'long'
}

/** Returns the narrowest type that can store values of both types. */
function widen(a: GraphmlType, b: GraphmlType): GraphmlType {
  if (a === b) return a
  const numeric: GraphmlType[] = ['int', 'long', 'double']
  if (numeric.includes(a) && numeric.includes(b)) return numeric[Math.max(numeric.indexOf(a), numeric.indexOf(b))] ?? 'double'
  return 'string'
}

function pushData(lines: string[], attributes: Record<string, unknown>, keys: Map<string, KeyDeclaration>): void {
  for (const [name, value] of Object.entries(attributes)) {
    const flat = flattenValue(value)
    const key = keys.get(name)
    if (flat === null || key === undefined) continue
    lines.push(`      <data key="${key.id}">${escapeXml(String(flat))}</data>`)
  }
}

/** Replaces the characters that XML 1.0 forbids even as references with U+FFFD. */
export function replaceXmlForbidden(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}

/**
 * Escapes text for XML content and attribute values. Characters that XML 1.0 forbids even
 * as references (most C0 controls, lone surrogates, U+FFFE and U+FFFF) become U+FFFD.
 */
export function escapeXml(text: string): string {
  return replaceXmlForbidden(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
}
