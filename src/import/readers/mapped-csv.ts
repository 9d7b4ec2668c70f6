/**
 * Reader for a CSV file of any layout, with a declared column mapping that states which columns
 * make which nodes and relationships. One row may give several nodes (a donor and a party)
 * and the relationships between them (the donation).
 *
 * - A node's id is its `ref` (or `idPrefix`) and the trimmed cells of its `key` columns:
 *   `party:CDU`. Rows that give the same id give one node, with the first row's properties.
 * - A node's label is fixed, or read from a column through `labels`, a table from cell to
 *   label. A cell missing from the table rejects the row.
 * - A relationship with `key` columns gets the id `${ref}:${cells}`. A second row with the
 *   same key is a duplicate: it is rejected with both line numbers, and so is a row that
 *   repeats an earlier row cell for cell. Without `key`, ids are derived as in the CSV reader.
 * - Property cells are trimmed and typed as in the CSV reader, in the declared locale and
 *   date format; an empty cell is an absent property.
 */
import { z } from 'zod'

import { parseCsv, type CsvRecord } from '../csv-parse.js'
import type { NodeRecord, Properties, ReadResult } from '../../model/records.js'
import { NODE_LABELS, RELATIONSHIP_TYPES, type NodeLabel } from '../../model/schema.js'
import { openDataProvenance, fileStem, quote, ReadCollector, rejectFile, RelationshipIds, type ReadOptions } from './common.js'
import { DATE_FORMATS, NUMBER_LOCALES, type ValueFormat } from './formats.js'
import { convertText, moneyProperties, ValueError, VALUE_TYPES, type ValueType } from './values.js'

const nodeLabel = z.enum(NODE_LABELS)

const propertyMapping = z.union([
  z.string().min(1),
  z.strictObject({ column: z.string().min(1), type: z.enum(VALUE_TYPES).default('string') }),
])

const nodeMapping = z.strictObject({
  ref: z.string().regex(/^[A-Za-z][\w-]*$/, { error: 'a name of letters, digits, "_" or "-"' }),
  idPrefix: z.string().min(1).optional(),
  label: z.union([nodeLabel, z.strictObject({ column: z.string().min(1), labels: z.record(z.string(), nodeLabel) })]),
  key: z.array(z.string().min(1)).min(1),
  name: z.string().min(1),
  properties: z.record(z.string(), propertyMapping).default({}),
})

const relationshipMapping = z.strictObject({
  ref: z.string().regex(/^[A-Za-z][\w-]*$/).optional(),
  type: z.enum(RELATIONSHIP_TYPES),
  source: z.string().min(1),
  target: z.string().min(1),
  key: z.array(z.string().min(1)).min(1).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  properties: z.record(z.string(), propertyMapping).default({}),
})

/** A declared column mapping, as JSON. */
export const columnMapping = z.strictObject({
  delimiter: z.enum([',', ';', '\t']).optional(),
  locale: z.enum(NUMBER_LOCALES as [string, ...string[]]).optional(),
  dateFormat: z.enum(DATE_FORMATS).optional(),
  encoding: z.string().min(1).optional(),
  nodes: z.array(nodeMapping).min(1),
  relationships: z.array(relationshipMapping).default([]),
})

export type ColumnMapping = z.infer<typeof columnMapping>

/** Parses mapping JSON. Throws a ValueError naming the first invalid field. */
export function parseColumnMapping(text: string): ColumnMapping {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ValueError(`Invalid column mapping: ${error instanceof Error ? error.message : String(error)}.`)
  }
  const parsed = columnMapping.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const path = issue?.path.join('.') ?? ''
    throw new ValueError(`Invalid column mapping at ${quote(path)}: ${issue?.message ?? 'invalid'}.`)
  }
  return checkReferences(parsed.data)
}

function checkReferences(mapping: ColumnMapping): ColumnMapping {
  const refs = new Set<string>()
  for (const node of mapping.nodes) {
    if (refs.has(node.ref)) {
      throw new ValueError(`Invalid column mapping: two nodes have the ref ${quote(node.ref)}.`)
    }
    refs.add(node.ref)
  }
  for (const relationship of mapping.relationships) {
    for (const end of [relationship.source, relationship.target]) {
      if (!refs.has(end)) {
        throw new ValueError(
          `Invalid column mapping: relationship ${relationship.type} names the node ${quote(end)}, ` +
            `but the nodes are ${[...refs].join(', ')}.`,
        )
      }
    }
  }
  return mapping
}

/** Lists every column a mapping reads, to check the header against. */
function mappedColumns(mapping: ColumnMapping): string[] {
  const columns = new Set<string>()
  const addProperties = (properties: Record<string, z.infer<typeof propertyMapping>>): void => {
    for (const property of Object.values(properties)) {
      columns.add(typeof property === 'string' ? property : property.column)
    }
  }
  for (const node of mapping.nodes) {
    node.key.forEach((column) => columns.add(column))
    columns.add(node.name)
    if (typeof node.label !== 'string') {
      columns.add(node.label.column)
    }
    addProperties(node.properties)
  }
  for (const relationship of mapping.relationships) {
    relationship.key?.forEach((column) => columns.add(column))
    addProperties(relationship.properties)
  }
  return [...columns]
}

export function readMappedCsv(text: string, mapping: ColumnMapping, options: ReadOptions): ReadResult {
  const table = parseCsv(text, { delimiter: options.csv?.delimiter ?? mapping.delimiter })
  const [header, ...rows] = table.records
  if (!header) {
    return rejectFile(options.file, 1, 'The file has no header row.')
  }
  if (header.problem) {
    return rejectFile(options.file, header.line, `Invalid header: ${header.problem.message}.`)
  }
  const headers = header.fields.map((field) => field.trim())
  const missing = mappedColumns(mapping).filter((column) => !headers.includes(column))
  if (missing.length > 0) {
    return rejectFile(
      options.file,
      header.line,
      `The mapping reads the columns ${missing.map(quote).join(', ')}, which the header ${quote(headers.join(','))} lacks.`,
    )
  }

  const format: ValueFormat = {
    locale: options.csv?.locale ?? (mapping.locale as ValueFormat['locale']),
    dateFormat: options.csv?.dateFormat ?? mapping.dateFormat,
  }
  const reader = new MappedRowReader(mapping, headers, format, options)
  for (const row of rows) {
    reader.read(row)
  }
  return reader.collector.result()
}

class MappedRowReader {
  readonly collector: ReadCollector
  private readonly source: string
  private readonly nodeIds = new Set<string>()
  private readonly relationshipIds = new RelationshipIds()
  /** The line of the first row with each relationship key, and of each distinct row. */
  private readonly keyLines = new Map<string, number>()
  private readonly rowLines = new Map<string, number>()

  constructor(
    private readonly mapping: ColumnMapping,
    private readonly headers: string[],
    private readonly format: ValueFormat,
    options: ReadOptions,
  ) {
    this.collector = new ReadCollector(options.file)
    this.source = options.source ?? fileStem(options.file)
  }

  read(row: CsvRecord): void {
    if (row.problem) {
      const column = this.headers[row.problem.fieldIndex] ?? `field ${row.problem.fieldIndex + 1}`
      this.collector.reject(row.line, `Invalid CSV in column ${quote(column)} at value ${quote(row.problem.value)}: ${row.problem.message}.`)
      return
    }
    if (row.fields.length !== this.headers.length) {
      this.collector.reject(
        row.line,
        `The row has ${row.fields.length} fields but the header has ${this.headers.length} columns. ` +
          'Quote any value that contains the delimiter.',
      )
      return
    }
    const cells = new Map(this.headers.map((header, index) => [header, row.fields[index]?.trim() ?? '']))

    const rowKey = row.fields.map((field) => field.trim()).join('\u0000')
    const earlierRow = this.rowLines.get(rowKey)
    if (earlierRow !== undefined) {
      this.collector.reject(row.line, `Duplicate row: line ${row.line} repeats line ${earlierRow} cell for cell.`)
      return
    }
    this.rowLines.set(rowKey, row.line)

    const reasons: string[] = []
    const nodes = new Map<string, NodeRecord>()
    for (const node of this.mapping.nodes) {
      const record = this.readNode(node, cells, row.line, reasons)
      if (record !== null) {
        nodes.set(node.ref, record)
      }
    }
    const relationships = this.mapping.relationships.map((relationship) => this.readRelationship(relationship, cells, nodes, row.line, reasons))
    if (reasons.length > 0) {
      this.collector.reject(row.line, reasons.join(' '))
      return
    }

    for (const node of nodes.values()) {
      if (!this.nodeIds.has(node.id)) {
        this.nodeIds.add(node.id)
        this.collector.nodes.push(node)
      }
    }
    for (const relationship of relationships) {
      if (relationship !== null) {
        this.collector.relationships.push(relationship)
      }
    }
  }

  private readNode(
    node: ColumnMapping['nodes'][number],
    cells: Map<string, string>,
    line: number,
    reasons: string[],
  ): NodeRecord | null {
    const keyCells = node.key.map((column) => cells.get(column) ?? '')
    const name = cells.get(node.name) ?? ''
    let label: NodeLabel | undefined
    if (typeof node.label === 'string') {
      label = node.label
    } else {
      const cell = cells.get(node.label.column) ?? ''
      label = node.label.labels[cell]
      if (label === undefined) {
        reasons.push(
          `Unknown value ${quote(cell)} in column ${quote(node.label.column)} for the ${node.ref} label. ` +
            `Expected one of ${Object.keys(node.label.labels).join(', ')}.`,
        )
      }
    }
    if (keyCells.some((cell) => cell === '')) {
      reasons.push(`Missing value in the key columns ${node.key.map(quote).join(', ')} of the ${node.ref}.`)
    }
    if (name === '') {
      reasons.push(`Missing value in column ${quote(node.name)}: the ${node.ref} needs a name.`)
    }
    const properties = this.readProperties(node.properties, cells, undefined, reasons)
    if (label === undefined || name === '' || keyCells.some((cell) => cell === '')) {
      return null
    }
    const id = `${node.idPrefix ?? node.ref}:${keyCells.join('|')}`
    return { id, label, name, properties, provenance: openDataProvenance(this.source), line }
  }

  private readRelationship(
    relationship: ColumnMapping['relationships'][number],
    cells: Map<string, string>,
    nodes: Map<string, NodeRecord>,
    line: number,
    reasons: string[],
  ) {
    const properties = this.readProperties(relationship.properties, cells, relationship.currency, reasons)
    const source = nodes.get(relationship.source)
    const target = nodes.get(relationship.target)
    if (source === undefined || target === undefined) {
      return null
    }

    let id: string
    if (relationship.key !== undefined) {
      const keyCells = relationship.key.map((column) => cells.get(column) ?? '')
      id = `${relationship.ref ?? relationship.type.toLowerCase()}:${keyCells.join('|')}`
      const earlier = this.keyLines.get(id)
      if (earlier !== undefined) {
        const columns = relationship.key.map(quote).join(', ')
        reasons.push(`Duplicate ${relationship.type}: line ${line} has the same ${columns} as line ${earlier} (${quote(keyCells.join(', '))}).`)
        return null
      }
      this.keyLines.set(id, line)
      this.relationshipIds.claim(id)
    } else {
      id = this.relationshipIds.derive(`${source.id}-${relationship.type}->${target.id}`)
    }
    const provenance = openDataProvenance(this.source)
    return { id, type: relationship.type, source: source.id, target: target.id, properties, provenance, line }
  }

  private readProperties(
    mapping: Record<string, z.infer<typeof propertyMapping>>,
    cells: Map<string, string>,
    currency: string | undefined,
    reasons: string[],
  ): Properties {
    const properties: Properties = {}
    for (const [name, property] of Object.entries(mapping)) {
      const column = typeof property === 'string' ? property : property.column
      const type: ValueType = typeof property === 'string' ? 'string' : property.type
      const text = cells.get(column) ?? ''
      if (text === '') {
        continue
      }
      const where = `column ${quote(column)}`
      try {
        if (type === 'money') {
          Object.assign(properties, moneyProperties(text, name, currency, where, this.format))
          continue
        }
        const value = convertText(text, type, where, this.format)
        if (value !== undefined) {
          properties[name] = value
        }
      } catch (error) {
        if (!(error instanceof ValueError)) {
          throw error
        }
        reasons.push(error.message)
      }
    }
    return properties
  }
}
