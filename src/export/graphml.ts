/**
 * GraphML writer (http://graphml.graphdrawing.org/specification.html) with typed keys, for
 * Gephi, yEd, Cytoscape and networkx. Integers are `long`, floats `double`, booleans
 * `boolean`, and the rest `string`. Dates, date-times, money amounts and string lists (items
 * joined by `|`) are text whose key id ends in `:date`, `:datetime`, `:money` or `:list`, so
 * that our reader restores the type. Node data hold `label` (the Neo4j label) and `name`; edge data
 * hold `type`. Relationships are directed from source to target.
 */
import type { ExportGraph, ExportValue } from './model.js'
import { declarationOf, declare, EDGE_FIELDS, escapeXml, provenanceValues, PROVENANCE_FIELDS, type Declaration } from './xml.js'

const GRAPHML_TYPES: Readonly<Record<string, string>> = {
  int: 'long',
  float: 'double',
  boolean: 'boolean',
}

export function* writeGraphml(graph: ExportGraph): Generator<string> {
  const nodeFixed = [
    { name: 'label', type: 'string' },
    { name: 'name', type: 'string' },
    ...PROVENANCE_FIELDS,
  ]
  const nodeKeys = declare(graph.nodes, 'n', nodeFixed)
  const edgeKeys = declare(graph.edges, 'e', EDGE_FIELDS)

  yield '<?xml version="1.0" encoding="UTF-8"?>\n'
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
  yield keyBlock('node', nodeKeys) + keyBlock('edge', edgeKeys)
  yield '  <graph id="G" edgedefault="directed">\n'

  for (const node of graph.nodes) {
    const values: ExportValue[] = [
      { name: 'label', type: 'string', text: node.label },
      { name: 'name', type: 'string', text: node.name },
      ...(node.source === null ? [] : [{ name: 'source', type: 'string' as const, text: node.source }]),
      ...provenanceValues(node),
      ...(node.currency === undefined ? [] : [{ name: 'currency', type: 'string' as const, text: node.currency }]),
      ...node.values,
    ]
    yield `    <node id="${escapeXml(node.key)}">\n${dataElements(values, nodeKeys)}    </node>\n`
  }
  for (const edge of graph.edges) {
    const values: ExportValue[] = [
      { name: 'type', type: 'string', text: edge.type },
      ...(edge.dataSource === null ? [] : [{ name: 'source', type: 'string' as const, text: edge.dataSource }]),
      ...provenanceValues(edge),
      ...(edge.currency === undefined ? [] : [{ name: 'currency', type: 'string' as const, text: edge.currency }]),
      ...edge.values,
    ]
    const ends = `source="${escapeXml(edge.source)}" target="${escapeXml(edge.target)}"`
    yield `    <edge id="${escapeXml(edge.key)}" ${ends}>\n${dataElements(values, edgeKeys)}    </edge>\n`
  }
  yield '  </graph>\n</graphml>\n'
}

function keyBlock(scope: 'node' | 'edge', keys: Map<string, Declaration>): string {
  let block = ''
  for (const key of keys.values()) {
    const type = GRAPHML_TYPES[key.type] ?? 'string'
    block += `  <key id="${escapeXml(key.id)}" for="${scope}" attr.name="${escapeXml(key.name)}" attr.type="${type}"/>\n`
  }
  return block
}

function dataElements(values: ExportValue[], keys: Map<string, Declaration>): string {
  let block = ''
  for (const value of values) {
    const key = declarationOf(keys, value.name, value.type)
    // NOTE: an item that contains "|" comes back as two items.
    const text = Array.isArray(value.text) ? value.text.join('|') : value.text
    block += `      <data key="${escapeXml(key.id)}">${escapeXml(text)}</data>\n`
  }
  return block
}
