/**
 * GEXF 1.3 writer (https://gexf.net/schema.html) for Gephi. The graph is dynamic with
 * `timeformat="date"`: a relationship with `since`/`until` gets a spell over that period and
 * one with a `date` a spell of that day, so Gephi's timeline shows the network over time.
 * Nodes carry no spell and stay on the timeline throughout.
 *
 * Attribute types: integers are `long`, floats `double`, booleans `boolean`, string lists
 * `liststring`, everything else `string`. Dates, date-times and money amounts are strings
 * (the money as its exact decimal), and their attribute ids end in `:date`, `:datetime` or
 * `:money` so that our reader restores the type. A node's GEXF label is its name; its Neo4j
 * label is the attribute `neo4jLabel`. A relationship's GEXF label is its type, also
 * written as the attribute `type`.
 */
import type { ExportGraph, ExportValue } from './model.js'
import { declarationOf, declare, EDGE_FIELDS, escapeXml, provenanceValues, PROVENANCE_FIELDS, type Declaration } from './xml.js'

const GEXF_TYPES: Readonly<Record<string, string>> = {
  int: 'long',
  float: 'double',
  boolean: 'boolean',
  'string[]': 'liststring',
}

export function* writeGexf(graph: ExportGraph, when: Date = new Date()): Generator<string> {
  const nodeFixed = [
    { name: 'neo4jLabel', type: 'string' },
    ...PROVENANCE_FIELDS,
  ]
  const nodeDeclarations = declare(graph.nodes, 'n', nodeFixed)
  const edgeDeclarations = declare(graph.edges, 'e', EDGE_FIELDS)

  yield '<?xml version="1.0" encoding="UTF-8"?>\n'
  yield '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
  yield `  <meta lastmodifieddate="${when.toISOString().slice(0, 10)}">\n    <creator>Millennium</creator>\n  </meta>\n`
  yield '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date" timerepresentation="interval">\n'
  yield declarationBlock('node', nodeDeclarations)
  yield declarationBlock('edge', edgeDeclarations)

  yield '    <nodes>\n'
  for (const node of graph.nodes) {
    const values: ExportValue[] = [
      { name: 'neo4jLabel', type: 'string', text: node.label },
      ...(node.source === null ? [] : [{ name: 'source', type: 'string' as const, text: node.source }]),
      ...provenanceValues(node),
      ...(node.currency === undefined ? [] : [{ name: 'currency', type: 'string' as const, text: node.currency }]),
      ...node.values,
    ]
    let element = `      <node id="${escapeXml(node.key)}" label="${escapeXml(node.name)}">\n`
    element += attributeValues(values, nodeDeclarations)
    const drawing = node.drawing
    if (drawing?.size !== undefined) {
      element += `        <viz:size value="${drawing.size}"/>\n`
    }
    if (drawing?.x !== undefined && drawing.y !== undefined) {
      element += `        <viz:position x="${drawing.x}" y="${drawing.y}" z="0"/>\n`
    }
    const rgb = drawing?.color === undefined ? null : parseColor(drawing.color)
    if (rgb !== null) {
      element += `        <viz:color r="${rgb[0]}" g="${rgb[1]}" b="${rgb[2]}"/>\n`
    }
    yield `${element}      </node>\n`
  }
  yield '    </nodes>\n    <edges>\n'
  for (const edge of graph.edges) {
    const values: ExportValue[] = [
      { name: 'type', type: 'string', text: edge.type },
      ...(edge.dataSource === null ? [] : [{ name: 'source', type: 'string' as const, text: edge.dataSource }]),
      ...provenanceValues(edge),
      ...(edge.currency === undefined ? [] : [{ name: 'currency', type: 'string' as const, text: edge.currency }]),
      ...edge.values,
    ]
    const weight = edge.values.find((value) => value.name === 'weight' && (value.type === 'float' || value.type === 'int'))
    const ends = `source="${escapeXml(edge.source)}" target="${escapeXml(edge.target)}"`
    const weightText = typeof weight?.text === 'string' ? ` weight="${weight.text}"` : ''
    let element = `      <edge id="${escapeXml(edge.key)}" ${ends} label="${escapeXml(edge.type)}"${weightText}>\n`
    element += attributeValues(values, edgeDeclarations)
    if (edge.span !== undefined) {
      const start = edge.span.start === undefined ? '' : ` start="${edge.span.start}"`
      const end = edge.span.end === undefined ? '' : ` end="${edge.span.end}"`
      element += `        <spells>\n          <spell${start}${end}/>\n        </spells>\n`
    }
    yield `${element}      </edge>\n`
  }
  yield '    </edges>\n  </graph>\n</gexf>\n'
}

function declarationBlock(kind: 'node' | 'edge', declarations: Map<string, Declaration>): string {
  let block = `    <attributes class="${kind}" mode="static">\n`
  for (const declaration of declarations.values()) {
    const type = GEXF_TYPES[declaration.type] ?? 'string'
    block += `      <attribute id="${escapeXml(declaration.id)}" title="${escapeXml(declaration.name)}" type="${type}"/>\n`
  }
  return `${block}    </attributes>\n`
}

function attributeValues(values: ExportValue[], declarations: Map<string, Declaration>): string {
  let block = '        <attvalues>\n'
  for (const value of values) {
    const declaration = declarationOf(declarations, value.name, value.type)
    const text = Array.isArray(value.text) ? `[${value.text.map((item) => JSON.stringify(item)).join(', ')}]` : value.text
    block += `          <attvalue for="${escapeXml(declaration.id)}" value="${escapeXml(text)}"/>\n`
  }
  return `${block}        </attvalues>\n`
}

/** Reads `#rrggbb` or `#rgb` into red, green and blue; null for anything else. */
function parseColor(color: string): [number, number, number] | null {
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color)
  if (long) {
    return [parseInt(long[1] ?? '0', 16), parseInt(long[2] ?? '0', 16), parseInt(long[3] ?? '0', 16)]
  }
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color)
  if (short) {
    return [parseInt((short[1] ?? '0').repeat(2), 16), parseInt((short[2] ?? '0').repeat(2), 16), parseInt((short[3] ?? '0').repeat(2), 16)]
  }
  return null
}
