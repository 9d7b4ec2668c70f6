/**
 * Reader for the generic CSV pair: a node file with the columns `id,type,name,...` and a
 * relationship file with `source,target,type,...`. A header with `source`, `target` and `type`
 * makes a relationship file. The delimiter (`,` `;` tab) is detected from the header unless
 * declared, and numbers and dates are read in the declared locale and date format
 * (`formats.ts`).
 *
 * - Node ids are the `id` cells as written. Relationship ids are the `id` cells where the
 *   file has that column and the cell is filled, else `${source}-${type}->${target}`, with
 *   `#2`, `#3`, ... appended to the second, third, ... repetition in the same file.
 * - Other columns become properties, typed as `values.ts` describes. An untyped column named
 *   like a date (CSV_DATE_NAMES) is a date. Cells are trimmed, and empty cells are absent
 *   properties.
 * - Provenance comes from the columns `ownerNcb`, `restrictedTo` (`|`-separated), `reviewAt`,
 *   `expiresAt` (an ISO date or an instant with an offset) and the source column, which is
 *   `dataSource` in both kinds of file, or `source` in a node file.
 *   Rows without them are open data from `options.source`, by default the file name's stem.
 * - A row that cannot be read is rejected with its physical line number and every reason
 *   found, and the other rows are kept. A header that cannot be read rejects the file.
 */
import { parseCsv, type CsvProblem, type CsvRecord } from '../csv-parse.js'
import type { KeptProvenance, NodeRecord, Properties, Provenance, ReadResult, RelationshipRecord } from '../../model/records.js'
import { isNodeLabel, isRelationshipType, NODE_LABELS, RELATIONSHIP_TYPES } from '../../model/schema.js'
import { fileStem, quote, ReadCollector, rejectFile, RelationshipIds, type ReadOptions } from './common.js'
import type { ValueFormat } from './formats.js'
import {
  convertText,
  CSV_DATE_NAMES,
  moneyProperties,
  parseReviewDate,
  parseTypedName,
  REVIEW_FIELDS,
  splitList,
  ValueError,
  type TypedName,
} from './values.js'

type Role =
  | 'id'
  | 'label'
  | 'name'
  | 'type'
  | 'source'
  | 'target'
  | 'dataSource'
  | 'ownerNcb'
  | 'restrictedTo'
  | 'reviewAt'
  | 'expiresAt'
  | 'currency'
  | 'property'

interface Column {
  header: string
  role: Role
  /** Name and type of a `property` column. */
  property?: TypedName
}

interface Layout {
  kind: 'nodes' | 'relationships'
  columns: Column[]
}

const NODE_ROLES: Readonly<Record<string, Role>> = {
  id: 'id',
  type: 'label',
  name: 'name',
  source: 'dataSource',
  dataSource: 'dataSource',
  ownerNcb: 'ownerNcb',
  restrictedTo: 'restrictedTo',
  reviewAt: 'reviewAt',
  expiresAt: 'expiresAt',
  currency: 'currency',
}

const RELATIONSHIP_ROLES: Readonly<Record<string, Role>> = {
  id: 'id',
  source: 'source',
  target: 'target',
  type: 'type',
  dataSource: 'dataSource',
  ownerNcb: 'ownerNcb',
  restrictedTo: 'restrictedTo',
  reviewAt: 'reviewAt',
  expiresAt: 'expiresAt',
  currency: 'currency',
}

export function readCsv(text: string, options: ReadOptions): ReadResult {
  const table = parseCsv(text, { delimiter: options.csv?.delimiter })
  const [header, ...rows] = table.records
  if (!header) {
    return rejectFile(options.file, 1, 'The file has no header row. Expected id,type,name or source,target,type.')
  }
  if (header.problem) {
    return rejectFile(options.file, header.line, `Invalid header: ${header.problem.message}.`)
  }

  let layout: Layout
  try {
    layout = readHeader(header.fields.map((field) => field.trim()))
  } catch (error) {
    if (error instanceof ValueError) {
      return rejectFile(options.file, header.line, error.message)
    }
    throw error
  }

  const reader = new RowReader(layout, options)
  for (const row of rows) {
    reader.read(row)
  }
  return reader.collector.result()
}

function readHeader(headers: string[]): Layout {
  const baseNames = headers.map((header) => header.split(':', 1)[0]?.trim() ?? '')
  const has = (name: string): boolean => baseNames.includes(name)

  let kind: Layout['kind']
  if (has('source') && has('target') && has('type')) {
    kind = 'relationships'
  } else if (has('id') && has('type') && has('name')) {
    kind = 'nodes'
  } else {
    throw new ValueError(
      `Unrecognised header ${quote(headers.join(','))}. ` +
        'Expected the columns id,type,name for nodes or source,target,type for relationships.',
    )
  }

  const roles = kind === 'nodes' ? NODE_ROLES : RELATIONSHIP_ROLES
  const columns = headers.map((header, index): Column => {
    if (header === '') {
      throw new ValueError(`Column ${index + 1} of the header has no name.`)
    }
    const role = roles[header]
    if (role) {
      return { header, role }
    }
    const typed = parseTypedName(header)
    if (roles[typed.name]) {
      throw new ValueError(`Column ${quote(header)} cannot take a type: ${typed.name} is read as text.`)
    }
    const property: TypedName = !typed.explicit && CSV_DATE_NAMES.has(typed.name) ? { ...typed, type: 'date' } : typed
    return { header, role: 'property', property }
  })

  checkNamesAreUnique(columns)
  return { kind, columns }
}

/** Rejects two columns that would write the same property or play the same role. */
function checkNamesAreUnique(columns: Column[]): void {
  const seen = new Map<string, string>()
  const claim = (name: string, header: string): void => {
    const earlier = seen.get(name)
    if (earlier !== undefined) {
      throw new ValueError(`Columns ${quote(earlier)} and ${quote(header)} both write ${quote(name)}.`)
    }
    seen.set(name, header)
  }

  for (const column of columns) {
    if (column.role !== 'property') {
      claim(column.role === 'currency' ? 'currency' : `role:${column.role}`, column.header)
      continue
    }
    const property = column.property as TypedName
    claim(property.name, column.header)
    if (property.type === 'money') {
      claim(`${property.name}Minor`, column.header)
    }
  }
}

const KEPT_PROVENANCE: KeptProvenance[] = ['ownerNcb', 'restrictedTo']

/** Reads the data rows of one file, keeping track of the ids it has handed out. */
class RowReader {
  readonly collector: ReadCollector
  private readonly defaultSource: string
  private readonly nodeLines = new Map<string, number>()
  private readonly relationshipIds = new RelationshipIds()
  private readonly relationshipLines = new Map<string, number>()
  private readonly format: ValueFormat

  constructor(
    private readonly layout: Layout,
    options: ReadOptions,
  ) {
    this.collector = new ReadCollector(options.file)
    this.defaultSource = options.source ?? fileStem(options.file)
    this.format = { locale: options.csv?.locale, dateFormat: options.csv?.dateFormat }
  }

  read(row: CsvRecord): void {
    if (row.problem) {
      this.collector.reject(row.line, describeProblem(row.problem, this.layout))
      return
    }
    if (row.fields.length !== this.layout.columns.length) {
      this.collector.reject(
        row.line,
        `The row has ${row.fields.length} fields but the header has ${this.layout.columns.length} columns. ` +
          'Quote any value that contains the delimiter.',
      )
      return
    }

    const cells = new Cells(this.layout, row.fields)
    const propertyReasons: string[] = []
    const properties = readProperties(cells, this.layout, propertyReasons, this.format)
    const provenance = this.readProvenance(cells, propertyReasons)

    if (this.layout.kind === 'nodes') {
      this.readNode(row.line, cells, properties, provenance, propertyReasons)
    } else {
      this.readRelationship(row.line, cells, properties, provenance, propertyReasons)
    }
  }

  private readNode(
    line: number,
    cells: Cells,
    properties: Properties,
    provenance: Provenance,
    propertyReasons: string[],
  ): void {
    const id = cells.text('id')
    const label = cells.text('label')
    const name = cells.text('name')
    const reasons: string[] = []

    if (id === undefined) {
      reasons.push('Missing value in column "id": every node needs an id.')
    } else if (this.nodeLines.has(id)) {
      reasons.push(`Duplicate id ${quote(id)} in column "id": line ${this.nodeLines.get(id)} has the same id.`)
    }
    if (label === undefined) {
      reasons.push(`Missing value in column "type". Expected one of ${NODE_LABELS.join(', ')}.`)
    } else if (!isNodeLabel(label)) {
      reasons.push(`Unknown node type ${quote(label)} in column "type". Expected one of ${NODE_LABELS.join(', ')}.`)
    }
    if (name === undefined) {
      reasons.push('Missing value in column "name": every node needs a name.')
    }
    reasons.push(...propertyReasons)

    if (reasons.length > 0 || id === undefined || label === undefined || !isNodeLabel(label) || name === undefined) {
      this.collector.reject(line, reasons.join(' '), id)
      return
    }
    this.nodeLines.set(id, line)
    this.collector.nodes.push({ id, label, name, properties, provenance, line } satisfies NodeRecord)
  }

  private readRelationship(
    line: number,
    cells: Cells,
    properties: Properties,
    provenance: Provenance,
    propertyReasons: string[],
  ): void {
    const givenId = cells.text('id')
    const source = cells.text('source')
    const target = cells.text('target')
    const type = cells.text('type')
    const reasons: string[] = []

    if (givenId !== undefined && this.relationshipLines.has(givenId)) {
      reasons.push(
        `Duplicate id ${quote(givenId)} in column "id": line ${this.relationshipLines.get(givenId)} has the same id.`,
      )
    }
    if (source === undefined) {
      reasons.push('Missing value in column "source": expected the id of the start node.')
    }
    if (target === undefined) {
      reasons.push('Missing value in column "target": expected the id of the end node.')
    }
    if (type === undefined) {
      reasons.push(`Missing value in column "type". Expected one of ${RELATIONSHIP_TYPES.join(', ')}.`)
    } else if (!isRelationshipType(type)) {
      reasons.push(
        `Unknown relationship type ${quote(type)} in column "type". Expected one of ${RELATIONSHIP_TYPES.join(', ')}.`,
      )
    }
    reasons.push(...propertyReasons)

    if (
      reasons.length > 0 ||
      source === undefined ||
      target === undefined ||
      type === undefined ||
      !isRelationshipType(type)
    ) {
      this.collector.reject(line, reasons.join(' '), givenId)
      return
    }

    // relationshipLines contains every id handed out so far, so claiming givenId cannot fail here.
    const id = givenId ?? this.relationshipIds.derive(`${source}-${type}->${target}`)
    if (givenId !== undefined) {
      this.relationshipIds.claim(givenId)
    }
    this.relationshipLines.set(id, line)
    this.collector.relationships.push({ id, type, source, target, properties, provenance, line } satisfies RelationshipRecord)
  }

  /** Reads the provenance cells, adding a reason for each review date that cannot be read. */
  private readProvenance(cells: Cells, reasons: string[]): Provenance {
    const provenance: Provenance = {
      source: cells.text('dataSource') ?? this.defaultSource,
      ownerNcb: cells.text('ownerNcb') ?? null,
      restrictedTo: splitList(cells.text('restrictedTo') ?? '') ?? [],
    }
    const kept = KEPT_PROVENANCE.filter((role) => !this.layout.columns.some((column) => column.role === role))
    if (kept.length > 0) {
      provenance.keepStored = kept
    }
    for (const field of REVIEW_FIELDS) {
      const text = cells.text(field)
      if (text === undefined) {
        continue
      }
      try {
        provenance[field] = parseReviewDate(text, field)
      } catch (error) {
        if (!(error instanceof ValueError)) {
          throw error
        }
        reasons.push(error.message)
      }
    }
    return provenance
  }
}

/** The trimmed cells of one row, by role. Empty cells read as undefined. */
class Cells {
  private readonly byRole = new Map<Role, string>()

  constructor(
    layout: Layout,
    readonly fields: string[],
  ) {
    layout.columns.forEach((column, index) => {
      const text = fields[index]?.trim() ?? ''
      if (column.role !== 'property' && text !== '') {
        this.byRole.set(column.role, text)
      }
    })
  }

  text(role: Exclude<Role, 'property'>): string | undefined {
    return this.byRole.get(role)
  }
}

/** Converts the property cells of a row, adding one reason for each cell that fails. */
function readProperties(cells: Cells, layout: Layout, reasons: string[], format: ValueFormat): Properties {
  const properties: Properties = {}
  const currency = cells.text('currency')
  let hasMoney = false

  layout.columns.forEach((column, index) => {
    const text = cells.fields[index]?.trim() ?? ''
    if (column.role !== 'property' || text === '') {
      return
    }
    const property = column.property as TypedName
    try {
      if (property.type === 'money') {
        Object.assign(properties, moneyProperties(text, property.name, currency, `column ${quote(column.header)}`, format))
        hasMoney = true
        return
      }
      const value = convertText(text, property.type, `column ${quote(column.header)}`, format)
      if (value !== undefined) {
        properties[property.name] = value
      }
    } catch (error) {
      if (!(error instanceof ValueError)) {
        throw error
      }
      reasons.push(error.message)
    }
  })

  if (!hasMoney && currency !== undefined) {
    properties.currency = currency
  }
  return properties
}

function describeProblem(problem: CsvProblem, layout: Layout): string {
  const column = layout.columns[problem.fieldIndex]?.header ?? `field ${problem.fieldIndex + 1}`
  return `Invalid CSV in column ${quote(column)} at value ${quote(problem.value)}: ${problem.message}.`
}
