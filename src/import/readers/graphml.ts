/**
 * Reader for GraphML, as Gephi, yEd, networkx and `/api/export/graphml` write it.
 *
 * - `<key>` elements declare, for nodes, edges or all, an `attr.name` and an `attr.type`
 *   (boolean, int, long, float, double, string) and maybe a `<default>`. A key whose id
 *   ends in a type (`n3:date`, as our export writes it) is read with that type. Keys
 *   without `attr.name`, such as yEd's graphics, are skipped.
 * - A node's name is its `name` data, else its `label` data (Gephi writes the display label
 *   there), else its id. An edge's `label` or `Edge Label` (Gephi) may name its type. Gephi's
 *   drawing data (`x`, `y`, `z`, `size`, `r`, `g`, `b`) are not stored.
 * - Only the first `<graph>` is read. Nested graphs, hyperedges and ports are reported and
 *   left out. Edges keep the direction written, whatever `edgedefault` or `directed` state.
 * See xml-graph.ts for labels, types and provenance.
 */
import type { ReadResult } from '../../model/records.js'
import { NODE_LABELS } from '../../model/schema.js'
import type { ReadOptions } from './common.js'
import type { ValueType } from './values.js'
import { parseGraphDocument, typedName, XmlGraphBuilder, type XmlValue } from './xml-graph.js'
import { attribute, child, children, lineOf, type Element } from './xml.js'

/** Data that Gephi writes for how a node is drawn, not what it is. */
const GEPHI_DRAWING = new Set(['x', 'y', 'z', 'size', 'r', 'g', 'b'])

interface KeyDeclaration {
  name: string
  declared?: ValueType
  fallback?: string
}

const GRAPHML_TYPES: Readonly<Record<string, ValueType>> = {
  boolean: 'boolean',
  int: 'int',
  long: 'int',
  float: 'float',
  double: 'float',
  string: 'string',
}

export function readGraphml(text: string, options: ReadOptions): ReadResult {
  const document = parseGraphDocument(text, options.file, 'graphml', 'GraphML')
  if (!('graph' in document)) {
    return document
  }
  const { root, graph } = document

  const keys = { node: new Map<string, KeyDeclaration>(), edge: new Map<string, KeyDeclaration>() }
  for (const key of children(root, 'key')) {
    const name = attribute(key, 'attr.name')
    const id = attribute(key, 'id') ?? ''
    if (name === undefined) {
      continue
    }
    const declaration: KeyDeclaration = {
      name: typedName(id, name),
      declared: GRAPHML_TYPES[(attribute(key, 'attr.type') ?? 'string').toLowerCase()],
      fallback: child(key, 'default')?.textContent ?? undefined,
    }
    const scope = attribute(key, 'for') ?? 'all'
    if (scope === 'node' || scope === 'all') keys.node.set(id, declaration)
    if (scope === 'edge' || scope === 'all') keys.edge.set(id, declaration)
  }

  const builder = new XmlGraphBuilder(options)
  for (const node of children(graph, 'node')) {
    if (child(node, 'graph') !== undefined || child(node, 'port') !== undefined) {
      builder.collector.reject(lineOf(node), `Node ${JSON.stringify(attribute(node, 'id') ?? '')}: its nested graph or ports were not read.`)
    }
    const values = readData(node, keys.node).filter((value) => !GEPHI_DRAWING.has(value.name))
    const named = values.some((value) => value.name === 'name')
    const label = values.find((value) => value.name === 'label')
    const isDisplayLabel = !named && label !== undefined
    builder.addNode({
      id: attribute(node, 'id') ?? '',
      line: lineOf(node),
      name: isDisplayLabel && typeof label.text === 'string' ? label.text : undefined,
      values: isDisplayLabel ? values.filter((value) => value !== label || isLabelName(value.text)) : values,
    })
  }
  for (const edge of children(graph, 'edge')) {
    const values = readData(edge, keys.edge)
    const label = values.find((value) => value.name === 'label' || value.name === 'Edge Label')
    builder.addEdge({
      id: attribute(edge, 'id'),
      line: lineOf(edge),
      source: attribute(edge, 'source') ?? '',
      target: attribute(edge, 'target') ?? '',
      label: typeof label?.text === 'string' ? label.text : undefined,
      values: values.filter((value) => value !== label),
    })
  }
  for (const hyperedge of children(graph, 'hyperedge')) {
    builder.collector.reject(lineOf(hyperedge), 'A hyperedge was not read: the graph stores relationships between two nodes only.')
  }
  return builder.result()
}

function readData(element: Element, keys: Map<string, KeyDeclaration>): XmlValue[] {
  const values = new Map<string, XmlValue>()
  for (const data of children(element, 'data')) {
    const key = keys.get(attribute(data, 'key') ?? '')
    if (key !== undefined) {
      values.set(key.name, { name: key.name, declared: key.declared, text: data.textContent ?? '' })
    }
  }
  for (const key of keys.values()) {
    if (!values.has(key.name) && key.fallback !== undefined) {
      values.set(key.name, { name: key.name, declared: key.declared, text: key.fallback })
    }
  }
  return [...values.values()]
}

/** Checks whether a `label` value names a node label, so that it is kept for xml-graph.ts to read. */
function isLabelName(text: string | string[]): boolean {
  return typeof text === 'string' && NODE_LABELS.some((label) => label.toLowerCase() === text.trim().toLowerCase())
}
