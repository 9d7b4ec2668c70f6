/**
 * Reader for GEXF 1.1 to 1.3, as Gephi writes it and as `/api/export/gexf` writes it.
 *
 * - `<attributes class="node|edge">` declare attribute ids, titles and types. A value is read
 *   under its attribute's title, typed as xml-graph.ts's typedName decides. GEXF types map to ours: integer, long, short and byte to int,
 *   float and double to float, boolean, date, liststring to a list, the rest to string.
 *   A `<default>` applies to every element without a value.
 * - A node's `label` is its name; an edge's `label` may name its relationship type.
 * - `start`/`end` (or `startopen`/`endopen`) on a node or edge, or the span of its
 *   `<spells>`, become `since`/`until` dates unless the attributes carry dates already.
 *   Only the dates of `timeformat="date"` or `"dateTime"` are read; other time formats are
 *   reported once and their spans left out.
 * - Of the values of an attribute that changes over time (`attvalue`s with their own
 *   `start`), the one that starts last is read.
 * - `viz:*` elements (colours, positions, sizes) are not stored.
 * See xml-graph.ts for labels, types and provenance.
 */
import type { ReadResult } from '../../model/records.js'
import type { ReadOptions } from './common.js'
import type { ValueType } from './values.js'
import { parseGraphDocument, typedName, XmlGraphBuilder, type XmlValue } from './xml-graph.js'
import { attribute, child, children, lineOf, type Element } from './xml.js'

interface AttributeDeclaration {
  name: string
  declared?: ValueType
  list: boolean
  fallback?: string
}

const GEXF_TYPES: Readonly<Record<string, ValueType>> = {
  integer: 'int',
  long: 'int',
  short: 'int',
  byte: 'int',
  biginteger: 'int',
  float: 'float',
  double: 'float',
  bigdecimal: 'float',
  boolean: 'boolean',
  date: 'date',
  liststring: 'string[]',
}

export function readGexf(text: string, options: ReadOptions): ReadResult {
  const document = parseGraphDocument(text, options.file, 'gexf', 'GEXF')
  if (!('graph' in document)) {
    return document
  }
  const { graph } = document

  const timeFormat = attribute(graph, 'timeformat') ?? 'double'
  const datedSpans = timeFormat === 'date' || timeFormat === 'dateTime' || timeFormat === 'datetime'
  const builder = new XmlGraphBuilder(options)
  const declarations = { node: new Map<string, AttributeDeclaration>(), edge: new Map<string, AttributeDeclaration>() }
  for (const block of children(graph, 'attributes')) {
    const kind = attribute(block, 'class') === 'edge' ? 'edge' : 'node'
    for (const element of children(block, 'attribute')) {
      declarations[kind].set(attribute(element, 'id') ?? '', declare(element))
    }
  }

  let undatedSpans = false
  const spanOf = (element: Element): { since?: string; until?: string } | undefined => {
    const span = readSpan(element)
    if (span !== undefined && !datedSpans) {
      undatedSpans = true
      return undefined
    }
    return span
  }

  for (const nodes of children(graph, 'nodes')) {
    for (const node of children(nodes, 'node')) {
      builder.addNode({
        id: attribute(node, 'id') ?? '',
        line: lineOf(node),
        name: attribute(node, 'label'),
        values: readValues(node, declarations.node, builder),
        span: spanOf(node),
      })
    }
  }
  for (const edges of children(graph, 'edges')) {
    for (const edge of children(edges, 'edge')) {
      builder.addEdge({
        id: attribute(edge, 'id'),
        line: lineOf(edge),
        source: attribute(edge, 'source') ?? '',
        target: attribute(edge, 'target') ?? '',
        label: attribute(edge, 'label'),
        weight: attribute(edge, 'weight'),
        values: readValues(edge, declarations.edge, builder),
        span: spanOf(edge),
      })
    }
  }
  if (undatedSpans) {
    builder.collector.reject(
      lineOf(graph),
      `Time spans were not read: the graph's timeformat is ${JSON.stringify(timeFormat)}, and only "date" and "dateTime" give dates.`,
    )
  }
  return builder.result()
}

function declare(element: Element): AttributeDeclaration {
  const id = attribute(element, 'id') ?? ''
  const title = attribute(element, 'title') ?? id
  const type = (attribute(element, 'type') ?? 'string').toLowerCase()
  const fallback = child(element, 'default')?.textContent ?? undefined
  return {
    name: typedName(id, title),
    declared: GEXF_TYPES[type],
    list: type.startsWith('list'),
    fallback,
  }
}

function readValues(element: Element, declarations: Map<string, AttributeDeclaration>, builder: XmlGraphBuilder): XmlValue[] {
  const values = new Map<string, { value: XmlValue; start?: string }>()
  for (const block of children(element, 'attvalues')) {
    for (const attvalue of children(block, 'attvalue')) {
      const key = attribute(attvalue, 'for') ?? attribute(attvalue, 'id') ?? ''
      const declaration = declarations.get(key)
      if (declaration === undefined) {
        builder.collector.reject(lineOf(attvalue), `Value for the undeclared attribute ${JSON.stringify(key)} was not read.`)
        continue
      }
      const text = attribute(attvalue, 'value') ?? ''
      const start = attribute(attvalue, 'start') ?? attribute(attvalue, 'startopen')
      const earlier = values.get(key)
      if (earlier !== undefined && (earlier.start ?? '') > (start ?? '')) {
        continue
      }
      values.set(key, {
        value: { name: declaration.name, declared: declaration.declared, text: declaration.list ? splitGexfList(text) : text },
        start,
      })
    }
  }
  for (const [key, declaration] of declarations) {
    if (!values.has(key) && declaration.fallback !== undefined) {
      const text = declaration.fallback
      values.set(key, { value: { name: declaration.name, declared: declaration.declared, text: declaration.list ? splitGexfList(text) : text } })
    }
  }
  return [...values.values()].map((entry) => entry.value)
}

/**
 * Splits a GEXF list: `[a, "b, c"]` in GEXF 1.3 (items quoted when they need it), or
 * `a|b|c` in GEXF 1.2.
 */
export function splitGexfList(text: string): string[] {
  const trimmed = text.trim()
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) {
    return trimmed === '' ? [] : trimmed.split('|')
  }
  const items: string[] = []
  const body = trimmed.slice(1, -1)
  const item = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^,]*?))\s*(?:,|$)/gy
  let match: RegExpExecArray | null
  while (item.lastIndex < body.length && (match = item.exec(body)) !== null) {
    if (match[1] !== undefined) {
      items.push(JSON.parse(`"${match[1]}"`) as string)
    } else {
      items.push(match[2] ?? match[3] ?? '')
    }
    if (match[0] === '') {
      break
    }
  }
  return items
}

/** Returns the span of an element's `start`/`end` or of its spells, earliest start to latest end. */
function readSpan(element: Element): { since?: string; until?: string } | undefined {
  const starts: string[] = []
  const ends: string[] = []
  const add = (from: Element): void => {
    const start = attribute(from, 'start') ?? attribute(from, 'startopen')
    const end = attribute(from, 'end') ?? attribute(from, 'endopen')
    if (start !== undefined) starts.push(start)
    if (end !== undefined) ends.push(end)
  }
  add(element)
  for (const spells of children(element, 'spells')) {
    children(spells, 'spell').forEach(add)
  }
  if (starts.length === 0 && ends.length === 0) {
    return undefined
  }
  return { since: starts.sort()[0], until: ends.sort().at(-1) }
}
