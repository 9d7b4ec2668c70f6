/**
 * What the GEXF and GraphML readers share: once a reader has pulled out each node's and
 * edge's id, name, label and typed attribute texts, this module turns them into records.
 *
 * - The Neo4j label comes from the first of the attributes `neo4jLabel`, `type`, `kind` (any
 *   case) that the node has, matched against the allow-list in any case. A value outside the
 *   list rejects the node. `label` counts only when it names a label, because Gephi writes
 *   the display name there. A node with none of these is a Person, as in the GML reader.
 * - The relationship type comes from the attribute `type` or `neo4jType`, else from the
 *   edge's label (`member of` reads as MEMBER_OF); a value outside the allow-list rejects
 *   the edge. An edge with neither is an ASSOCIATE_OF.
 * - An attribute whose name carries a type (`born:date`), or whose id ends in one (`n3:date`,
 *   or `n4:list` for a string list, as our exports write them), is read with that type. Otherwise the declared XML type decides, and a plain string takes the conventional
 *   types of the CSV reader (`weight`, `amount`).
 * - `source`, `ownerNcb` and `restrictedTo` are provenance, as in every reader.
 * - Edges whose end is not a node that was read are rejected.
 */
import type { NodeRecord, Properties, Provenance, ReadResult, RelationshipRecord } from '../../model/records.js'
import {
  isNodeLabel,
  isRelationshipType,
  NODE_LABELS,
  RELATIONSHIP_TYPES,
  type NodeLabel,
  type RelationshipType,
} from '../../model/schema.js'
import { checkProvenance, fileStem, quote, ReadCollector, RelationshipIds, rejectFile, type ReadOptions } from './common.js'
import { child, lineOf, parseXml, XmlError, type Element } from './xml.js'
import { convertText, CONVENTIONAL_TYPES, moneyProperties, parseTypedName, splitList, ValueError, VALUE_TYPES, type ValueType } from './values.js'

/** One attribute value as the file has it. */
export interface XmlValue {
  /** The attribute's name, possibly with a type: `born:date`. */
  name: string
  /** The type the file declares, mapped to ours; undefined for a plain string. */
  declared?: ValueType
  /** The text, or the items of a list. */
  text: string | string[]
}

export interface XmlNode {
  id: string
  line: number
  /** The name the file gives the node (GEXF `label`), if any. */
  name?: string
  values: XmlValue[]
  /** The node's own time span, from GEXF `start`/`end` or spells. */
  span?: { since?: string; until?: string }
}

export interface XmlEdge {
  id?: string
  line: number
  source: string
  target: string
  /** The edge's label (GEXF `label`), if any. */
  label?: string
  /** GEXF `weight`. */
  weight?: string
  values: XmlValue[]
  span?: { since?: string; until?: string }
}

const PROVENANCE = new Set(['source', 'ownerNcb', 'restrictedTo'])
/**
 * Attribute names (compared by lookupName) that may give a node's label, in this order. A
 * `label` that names a node label wins over `type` and `kind`, which are often ordinary
 * properties (our exports write the label as `label` and may carry a `kind` such as "clan").
 * Other `label` text is a display name, so `type` or `kind` is tried next.
 */
const NODE_LABEL_NAMES = ['neo4jlabel', 'label', 'type', 'kind']
const EDGE_TYPE_NAMES = ['type', 'neo4jtype']

/** Builds records from the nodes and edges a GEXF or GraphML reader pulled out. */
export class XmlGraphBuilder {
  readonly collector: ReadCollector
  private readonly defaultSource: string
  private readonly nodeLines = new Map<string, number>()
  private readonly rejectedNodes = new Set<string>()
  private readonly edgeIds = new RelationshipIds()

  constructor(options: ReadOptions) {
    this.collector = new ReadCollector(options.file)
    this.defaultSource = options.source ?? fileStem(options.file)
  }

  addNode(node: XmlNode): void {
    const reasons: string[] = []
    const byName = new Map(node.values.map((value) => [lookupName(value.name), value]))
    const label = this.readLabel(byName, reasons)
    const nameValue = node.values.find((value) => value.name === 'name')?.text
    const name = (typeof nameValue === 'string' && nameValue.trim() !== '' ? nameValue : node.name ?? node.id).trim()

    if (node.id.trim() === '') {
      reasons.push('Missing node id.')
    } else if (this.nodeLines.has(node.id)) {
      reasons.push(`Duplicate node id ${quote(node.id)}: line ${this.nodeLines.get(node.id)} has the same id.`)
    }
    const skipped = new Set(['name', ...(label.from === undefined ? [] : [label.from])])
    const { properties, provenance } = this.readValues(node.values, skipped, reasons)
    addSpan(properties, node.span, ['since', 'until'], reasons)

    if (reasons.length > 0 || label.label === undefined || name === '') {
      this.rejectedNodes.add(node.id)
      this.collector.reject(node.line, `Node ${quote(node.id)}: ${reasons.join(' ') || 'it has no name.'}`)
      return
    }
    this.nodeLines.set(node.id, node.line)
    this.collector.nodes.push({ id: node.id, label: label.label, name, properties, provenance, line: node.line } satisfies NodeRecord)
  }

  addEdge(edge: XmlEdge): void {
    const reasons: string[] = []
    const byName = new Map(edge.values.map((value) => [lookupName(value.name), value]))
    const type = this.readType(byName, edge.label, reasons)

    for (const [end, id] of [['source', edge.source], ['target', edge.target]] as const) {
      if (this.rejectedNodes.has(id)) {
        reasons.push(`The ${end} ${quote(id)} is a node that was rejected.`)
      } else if (!this.nodeLines.has(id)) {
        reasons.push(`The ${end} ${quote(id)} is not the id of a node in this file.`)
      }
    }
    const { properties, provenance } = this.readValues(edge.values, new Set(type.from ? [type.from] : []), reasons)
    if (edge.weight !== undefined && !('weight' in properties)) {
      collect(reasons, () => {
        properties.weight = convertText(edge.weight as string, 'float', 'the edge weight') as number
      })
    }
    addSpan(properties, edge.span, ['since', 'until'], reasons)

    const given = edge.id?.trim()
    if (given !== undefined && given !== '' && !this.edgeIds.claim(given)) {
      reasons.push(`Duplicate edge id ${quote(given)}.`)
    }
    if (reasons.length > 0 || type.type === undefined) {
      this.collector.reject(edge.line, `Edge ${quote(given || `${edge.source}->${edge.target}`)}: ${reasons.join(' ')}`)
      return
    }
    const id = given || this.edgeIds.derive(`${edge.source}-${type.type}->${edge.target}`)
    this.collector.relationships.push({
      id,
      type: type.type,
      source: edge.source,
      target: edge.target,
      properties,
      provenance,
      line: edge.line,
    } satisfies RelationshipRecord)
  }

  result(): ReadResult {
    return this.collector.result()
  }

  private readLabel(byName: Map<string, XmlValue>, reasons: string[]): { label?: NodeLabel; from?: string } {
    for (const candidate of NODE_LABEL_NAMES) {
      const value = byName.get(candidate)
      if (value === undefined || typeof value.text !== 'string') {
        continue
      }
      const label = matchLabel(value.text)
      if (label !== undefined) {
        return { label, from: value.name }
      }
      if (candidate !== 'label') {
        reasons.push(`Unknown node label ${quote(value.text)} in attribute ${quote(value.name)}. Expected one of ${NODE_LABELS.join(', ')}.`)
        return { from: value.name }
      }
    }
    return { label: 'Person' }
  }

  private readType(byName: Map<string, XmlValue>, label: string | undefined, reasons: string[]): { type?: RelationshipType; from?: string } {
    for (const candidate of EDGE_TYPE_NAMES) {
      const value = byName.get(candidate)
      if (value === undefined || typeof value.text !== 'string') {
        continue
      }
      const type = matchType(value.text)
      if (type === undefined) {
        reasons.push(`Unknown relationship type ${quote(value.text)} in attribute ${quote(value.name)}. Expected one of ${RELATIONSHIP_TYPES.join(', ')}.`)
      }
      return { type, from: value.name }
    }
    if (label === undefined) {
      return { type: 'ASSOCIATE_OF' }
    }
    const type = matchType(label)
    if (type === undefined) {
      reasons.push(`Unknown relationship type ${quote(label)} in the edge label. Expected one of ${RELATIONSHIP_TYPES.join(', ')}.`)
    }
    return { type }
  }

  private readValues(values: XmlValue[], skipped: Set<string>, reasons: string[]): { properties: Properties; provenance: Provenance } {
    const provenance: Provenance = { source: this.defaultSource, ownerNcb: null, restrictedTo: [] }
    const properties: Properties = {}
    const currency = values.find((value) => value.name === 'currency')?.text
    let hasMoney = false

    for (const value of values) {
      const name = baseName(value.name)
      if (skipped.has(value.name) || name === 'currency') {
        continue
      }
      if (PROVENANCE.has(name)) {
        readProvenance(provenance, name, value.text)
        continue
      }
      collect(reasons, () => {
        const typed = typeOf(value)
        const where = `attribute ${quote(value.name)}`
        if (Array.isArray(value.text)) {
          const items = value.text.map((item) => item.trim()).filter((item) => item !== '')
          if (items.length > 0) {
            properties[typed.name] = items
          }
          return
        }
        const text = value.text.trim()
        if (text === '') {
          return
        }
        if (typed.type === 'money') {
          Object.assign(properties, moneyProperties(text, typed.name, typeof currency === 'string' ? currency.trim() : undefined, where))
          hasMoney = true
          return
        }
        const converted = convertText(text, typed.type, where)
        if (converted !== undefined) {
          properties[typed.name] = converted
        }
      })
    }
    if (!hasMoney && typeof currency === 'string' && currency.trim() !== '') {
      properties.currency = currency.trim()
    }
    reasons.push(...checkProvenance(provenance))
    // An element without an ownerNcb or restrictedTo value leaves the stored one as it is.
    const kept = (['ownerNcb', 'restrictedTo'] as const).filter((field) => !values.some((value) => baseName(value.name) === field))
    if (kept.length > 0) {
      provenance.keepStored = kept
    }
    return { properties, provenance }
  }
}

function readProvenance(provenance: Provenance, name: string, text: string | string[]): void {
  if (name === 'restrictedTo') {
    provenance.restrictedTo = Array.isArray(text) ? text.map((item) => item.trim()).filter((item) => item !== '') : splitList(text) ?? []
    return
  }
  const value = (Array.isArray(text) ? text.join('|') : text).trim()
  if (value === '') {
    return
  }
  if (name === 'source') {
    provenance.source = value
  } else {
    provenance.ownerNcb = value
  }
}

/** Returns the property name and type of a value: the type in its name, else the declared one. */
function typeOf(value: XmlValue): { name: string; type: Exclude<ValueType, 'string[]'> | 'string[]' } {
  const typed = parseTypedName(value.name)
  if (typed.explicit) {
    return typed
  }
  if (value.declared !== undefined && value.declared !== 'string') {
    return { name: typed.name, type: value.declared }
  }
  return { name: typed.name, type: CONVENTIONAL_TYPES[typed.name] ?? 'string' }
}

/**
 * Parses a GEXF or GraphML document and returns its root and `<graph>` element, or the
 * rejection of the whole file when the XML is invalid or the root is not `rootName`.
 */
export function parseGraphDocument(
  text: string,
  file: string,
  rootName: string,
  format: string,
): { root: Element; graph: Element } | ReadResult {
  let root: Element
  try {
    root = parseXml(text)
  } catch (error) {
    if (error instanceof XmlError) {
      return rejectFile(file, error.line, `Invalid XML: ${error.message}.`)
    }
    throw error
  }
  const graph = child(root, 'graph')
  if (root.localName !== rootName || graph === undefined) {
    return rejectFile(file, lineOf(root), `Invalid ${format}: expected a <${rootName}> root element with a <graph>.`)
  }
  return { root, graph }
}

/**
 * Returns the name a value is read under: the attribute's title, with the type that its id
 * ends in, if any. Our exports write ids such as `n3:date` so that a date survives the
 * trip through formats that have no date type.
 */
export function typedName(id: string, title: string): string {
  const colon = id.lastIndexOf(':')
  const suffix = colon === -1 ? '' : id.slice(colon + 1)
  const type = suffix === 'list' ? 'string[]' : suffix
  return (VALUE_TYPES as readonly string[]).includes(type) && !title.includes(':') ? `${title}:${type}` : title
}

/** Returns a name without its type, in lower case and without spaces: "Edge Label" gives "edgelabel". */
function lookupName(name: string): string {
  return baseName(name).toLowerCase().replace(/\s+/g, '')
}

function baseName(name: string): string {
  const colon = name.lastIndexOf(':')
  return colon === -1 ? name : name.slice(0, colon)
}

function matchLabel(text: string): NodeLabel | undefined {
  const wanted = text.trim().toLowerCase()
  return NODE_LABELS.find((label) => label.toLowerCase() === wanted && isNodeLabel(label))
}

function matchType(text: string): RelationshipType | undefined {
  const wanted = text.trim().toUpperCase().replace(/[\s-]+/g, '_')
  return RELATIONSHIP_TYPES.find((type) => type === wanted && isRelationshipType(type))
}

/** Adds a time span as dates, unless the attributes already gave them. */
function addSpan(properties: Properties, span: XmlNode['span'], names: [string, string], reasons: string[]): void {
  if (span === undefined) {
    return
  }
  const [sinceName, untilName] = names
  for (const [name, text] of [[sinceName, span.since], [untilName, span.until]] as const) {
    if (text === undefined || name in properties || 'date' in properties) {
      continue
    }
    collect(reasons, () => {
      properties[name] = convertText(text.slice(0, 10), 'date', `the ${name === sinceName ? 'start' : 'end'} of the time span`) as Properties[string]
    })
  }
}

function collect(reasons: string[], work: () => void): void {
  try {
    work()
  } catch (error) {
    if (!(error instanceof ValueError)) {
      throw error
    }
    reasons.push(error.message)
  }
}
