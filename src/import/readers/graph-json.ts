/**
 * Reader for graphology's serialised graph, the shape `graph.export()` writes:
 * `{attributes?, options?, nodes: [{key, attributes}], edges: [{key?, source, target, attributes}]}`.
 *
 * - A node needs the attributes `label` (a node label) and `name`. Its id is its key.
 * - An edge needs the attribute `type` (a relationship type), and its ends must be nodes of
 *   the same file that were read. Its id is its key, else `${source}-${type}->${target}`
 *   with `#n` on the n-th repetition, as in the CSV reader.
 * - Other attributes become properties and keep their JSON types: a string is never guessed
 *   to be a date or a number. An attribute name may carry a type as in CSV, `born:date`, and
 *   the conventional names `weight`, `share`, `count` (float) and `amount` (money, with a
 *   `currency` attribute) apply too. Two attributes may not write the same property, and a
 *   money attribute `amount` also writes `amountMinor`, so no attribute may have that name.
 * - JSON.parse reads every number as a double, which rounds integers beyond ±(2^53 - 1). An
 *   integer written that large, in a key or any attribute, rejects its node or edge: give it
 *   as a string with `:int` instead. A money amount given as a number may have at most 15
 *   significant digits for the same reason.
 * - The attributes `source`, `ownerNcb`, `restrictedTo` (a list, or `|`-separated), `reviewAt`
 *   and `expiresAt` (an ISO date or an instant with an offset) are provenance, not properties. Country codes are checked as in every reader (`common.ts`).
 *
 * Rejected nodes and edges carry the line on which they start and their index in the array.
 */
import type { NodeRecord, Properties, Provenance, ReadResult, RelationshipRecord } from '../../model/records.js'
import { isNodeLabel, isRelationshipType, NODE_LABELS, RELATIONSHIP_TYPES } from '../../model/schema.js'
import { checkProvenance, fileStem, quote, ReadCollector, rejectFile, RelationshipIds, type ReadOptions } from './common.js'
import { elementLines, jsonErrorLine } from './json-positions.js'
import {
  checkPropertyNames,
  convertText,
  moneyProperties,
  parseInteger,
  parseReviewDate,
  parseTypedName,
  REVIEW_FIELDS,
  splitList,
  ValueError,
  type PropertyField,
  type TypedName,
} from './values.js'

type JsonObject = Record<string, unknown>

const PROVENANCE_ATTRIBUTES = new Set(['source', 'ownerNcb', 'restrictedTo', 'reviewAt', 'expiresAt'])

const NODE_ATTRIBUTES: ReadonlySet<string> = new Set(['label', 'name'])
const EDGE_ATTRIBUTES: ReadonlySet<string> = new Set(['type'])

/** Significant digits that every double reproduces exactly from its shortest decimal text. */
const EXACT_DOUBLE_DIGITS = 15

export function readGraphJson(text: string, options: ReadOptions): ReadResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  let graph: unknown
  try {
    graph = JSON.parse(body)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return rejectFile(options.file, jsonErrorLine(body, message), `Invalid JSON: ${message}.`)
  }

  if (!isObject(graph) || !Array.isArray(graph.nodes) || (graph.edges !== undefined && !Array.isArray(graph.edges))) {
    return rejectFile(
      options.file,
      1,
      'Invalid graph: expected an object with a "nodes" array and an optional "edges" array, as graphology exports.',
    )
  }

  const lines = elementLines(body)
  const reader = new GraphReader(options, new RoundedIntegers(body))
  graph.nodes.forEach((node, index) => reader.readNode(node, index, lines.nodes[index] ?? 1))
  const edges: unknown[] = graph.edges ?? []
  edges.forEach((edge, index) => reader.readEdge(edge, index, lines.edges[index] ?? 1))
  return reader.collector.result()
}

class GraphReader {
  readonly collector: ReadCollector
  private readonly defaultSource: string
  private readonly nodeIndexes = new Map<string, number>()
  private readonly rejectedNodeKeys = new Set<string>()
  private readonly edgeIds = new RelationshipIds()
  private readonly edgeIndexes = new Map<string, number>()

  constructor(
    options: ReadOptions,
    private readonly rounded: RoundedIntegers,
  ) {
    this.collector = new ReadCollector(options.file)
    this.defaultSource = options.source ?? fileStem(options.file)
  }

  readNode(node: unknown, index: number, line: number): void {
    const where = `nodes[${index}]`
    if (!isObject(node)) {
      this.collector.reject(line, `${where}: expected an object with "key" and "attributes".`)
      return
    }

    const key = readKey(node.key)
    const attributes = isObject(node.attributes) ? node.attributes : {}
    const reasons: string[] = []
    const label = attributes.label
    const name = typeof attributes.name === 'string' ? attributes.name.trim() : ''

    if (key === undefined) {
      reasons.push(`Missing or invalid "key" ${this.describeKey(node.key)}: expected ${KEY_FORMS}.`)
    } else if (this.nodeIndexes.has(key)) {
      reasons.push(`Duplicate key ${quote(key)}: nodes[${this.nodeIndexes.get(key)}] has the same key.`)
    }
    if (typeof label !== 'string' || !isNodeLabel(label)) {
      reasons.push(`Invalid attribute "label" ${describe(label)}. Expected one of ${NODE_LABELS.join(', ')}.`)
    }
    if (name === '') {
      reasons.push(`Missing or invalid attribute "name" ${describe(attributes.name)}: every node needs a name.`)
    }
    const { properties, provenance } = this.readAttributes(attributes, NODE_ATTRIBUTES, reasons)

    if (reasons.length > 0 || key === undefined || typeof label !== 'string' || !isNodeLabel(label)) {
      if (key !== undefined && !this.nodeIndexes.has(key)) {
        this.rejectedNodeKeys.add(key)
      }
      this.collector.reject(line, `${where}: ${reasons.join(' ')}`)
      return
    }
    this.nodeIndexes.set(key, index)
    this.collector.nodes.push({ id: key, label, name, properties, provenance, line } satisfies NodeRecord)
  }

  readEdge(edge: unknown, index: number, line: number): void {
    const where = `edges[${index}]`
    if (!isObject(edge)) {
      this.collector.reject(line, `${where}: expected an object with "source", "target" and "attributes".`)
      return
    }

    const attributes = isObject(edge.attributes) ? edge.attributes : {}
    const givenKey = edge.key === undefined || edge.key === null ? undefined : readKey(edge.key)
    const source = readKey(edge.source)
    const target = readKey(edge.target)
    const type = attributes.type
    const reasons: string[] = []

    if (edge.key !== undefined && edge.key !== null && givenKey === undefined) {
      reasons.push(`Invalid "key" ${this.describeKey(edge.key)}: expected ${KEY_FORMS}.`)
    } else if (givenKey !== undefined && this.edgeIndexes.has(givenKey)) {
      reasons.push(`Duplicate key ${quote(givenKey)}: edges[${this.edgeIndexes.get(givenKey)}] has the same key.`)
    }
    for (const [end, value] of [['source', source], ['target', target]] as const) {
      const written = end === 'source' ? edge.source : edge.target
      if (value === undefined) {
        reasons.push(`Missing or invalid "${end}" ${this.describeKey(written)}: expected a node key, ${KEY_FORMS}.`)
      } else if (this.rejectedNodeKeys.has(value)) {
        reasons.push(`The ${end} ${quote(value)} is a node that was rejected.`)
      } else if (!this.nodeIndexes.has(value)) {
        reasons.push(`The ${end} ${quote(value)} is not the key of a node in this file.`)
      }
    }
    if (typeof type !== 'string' || !isRelationshipType(type)) {
      reasons.push(`Invalid attribute "type" ${describe(type)}. Expected one of ${RELATIONSHIP_TYPES.join(', ')}.`)
    }
    const { properties, provenance } = this.readAttributes(attributes, EDGE_ATTRIBUTES, reasons)

    if (
      reasons.length > 0 ||
      source === undefined ||
      target === undefined ||
      typeof type !== 'string' ||
      !isRelationshipType(type)
    ) {
      this.collector.reject(line, `${where}: ${reasons.join(' ')}`)
      return
    }

    // edgeIndexes contains every id handed out so far, so claiming givenKey cannot fail here.
    const id = givenKey ?? this.edgeIds.derive(`${source}-${type}->${target}`)
    if (givenKey !== undefined) {
      this.edgeIds.claim(givenKey)
    }
    this.edgeIndexes.set(id, index)
    // NOTE: graphology's undirected edges (options.type "undirected" or `undirected: true`) are
    // stored from source to target as written, and nothing records that the direction is void.
    this.collector.relationships.push({ id, type, source, target, properties, provenance, line } satisfies RelationshipRecord)
  }

  /** Writes a key for a message, as the file has it when JSON.parse rounded it. */
  private describeKey(value: unknown): string {
    return this.rounded.literal(value) ?? describe(value)
  }

  /**
   * Reads the attributes other than `reserved` into properties and provenance, adding a
   * reason for each one that cannot be read.
   */
  private readAttributes(
    attributes: JsonObject,
    reserved: ReadonlySet<string>,
    reasons: string[],
  ): { properties: Properties; provenance: Provenance } {
    const provenance = readProvenance(attributes, this.defaultSource, reasons)
    const properties: Properties = {}
    const currency = typeof attributes.currency === 'string' ? attributes.currency.trim() : undefined
    let hasMoney = false

    for (const { header, typed } of readFields(attributes, reserved, reasons)) {
      const value = attributes[header]
      const where = `attribute ${quote(header)}`
      collectValueError(reasons, () => {
        // moneyText rejects rounded numbers itself, asking for a decimal string.
        if (typed.type === 'money') {
          Object.assign(properties, moneyProperties(moneyText(value, where), typed.name, currency, where))
          hasMoney = true
          return
        }
        this.rounded.check(value, typed.name, where)
        const converted = convertJsonValue(value, typed, where)
        if (converted !== undefined) {
          properties[typed.name] = converted
        }
      })
    }

    if (attributes.currency !== undefined && attributes.currency !== null && currency === undefined) {
      reasons.push(`Invalid attribute "currency" ${describe(attributes.currency)}: expected a string such as "USD".`)
    } else if (!hasMoney && currency !== undefined && currency !== '') {
      properties.currency = currency
    }
    return { properties, provenance }
  }
}

/**
 * Returns the attributes that are properties, with their types. Adds a reason for an unknown
 * type, for a typed attribute with a reserved name, and for two attributes that write the
 * same property, as checkPropertyNames defines.
 */
function readFields(attributes: JsonObject, reserved: ReadonlySet<string>, reasons: string[]): PropertyField[] {
  const fields: PropertyField[] = []
  for (const [header, value] of Object.entries(attributes)) {
    if (reserved.has(header) || PROVENANCE_ATTRIBUTES.has(header) || header === 'currency' || value === null) {
      continue
    }
    collectValueError(reasons, () => {
      fields.push({ header, typed: parseTypedName(header) })
    })
  }
  collectValueError(reasons, () => {
    checkPropertyNames(fields, 'attribute', new Set([...reserved, ...PROVENANCE_ATTRIBUTES, 'currency']))
  })
  return fields
}

/** Runs `work`, adding the message of a ValueError that it throws to `reasons`. */
function collectValueError(reasons: string[], work: () => void): void {
  try {
    work()
  } catch (error) {
    if (!(error instanceof ValueError)) {
      throw error
    }
    reasons.push(error.message)
  }
}

function readProvenance(attributes: JsonObject, defaultSource: string, reasons: string[]): Provenance {
  const { source, ownerNcb, restrictedTo } = attributes
  const provenance: Provenance = { source: defaultSource, ownerNcb: null, restrictedTo: [] }

  if (typeof source === 'string' && source.trim() !== '') {
    provenance.source = source.trim()
  } else if (source !== undefined && source !== null && source !== '') {
    reasons.push(`Invalid attribute "source" ${describe(source)}: expected a string.`)
  }
  if (typeof ownerNcb === 'string' && ownerNcb.trim() !== '') {
    provenance.ownerNcb = ownerNcb.trim()
  } else if (ownerNcb !== undefined && ownerNcb !== null && ownerNcb !== '') {
    reasons.push(`Invalid attribute "ownerNcb" ${describe(ownerNcb)}: expected a string or null.`)
  }
  if (typeof restrictedTo === 'string') {
    provenance.restrictedTo = splitList(restrictedTo) ?? []
  } else if (Array.isArray(restrictedTo) && restrictedTo.every((item) => typeof item === 'string')) {
    provenance.restrictedTo = restrictedTo.map((item: string) => item.trim()).filter((item) => item !== '')
  } else if (restrictedTo !== undefined && restrictedTo !== null) {
    reasons.push(`Invalid attribute "restrictedTo" ${describe(restrictedTo)}: expected a list of strings.`)
  }
  for (const field of REVIEW_FIELDS) {
    const value = attributes[field]
    if (typeof value === 'string' && value.trim() !== '') {
      collectValueError(reasons, () => {
        provenance[field] = parseReviewDate(value, field)
      })
    } else if (value !== undefined && value !== null && value !== '') {
      reasons.push(`Invalid attribute "${field}" ${describe(value)}: expected an ISO date or instant as a string.`)
    }
  }
  reasons.push(...checkProvenance(provenance))
  return provenance
}

/** The forms a key may take, for messages. */
const KEY_FORMS = 'a string or a number (an integer beyond ±(2^53 - 1) must be a string)'

/** A JSON string, or a JSON number, which may be an integer literal. */
const STRING_OR_NUMBER = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g

/**
 * The integer literals of a JSON text beyond ±(2^53 - 1), which JSON.parse has rounded to
 * the nearest double, by that double. A number such as 1e20, written with a fraction or an
 * exponent, is a float and is not listed.
 */
class RoundedIntegers {
  private readonly literals = new Map<number, string>()

  constructor(text: string) {
    // 2^53 - 1 has 16 digits, so a text without a run of 16 digits has no such integer.
    if (!/\d{16}/.test(text)) {
      return
    }
    for (const [token] of text.matchAll(STRING_OR_NUMBER)) {
      if (token.startsWith('"') || /[.eE]/.test(token)) {
        continue
      }
      const value = Number(token)
      if (!Number.isSafeInteger(value) && !this.literals.has(value)) {
        this.literals.set(value, token)
      }
    }
  }

  /** Returns the text of an integer literal that JSON.parse rounded to `value`, if any. */
  literal(value: unknown): string | undefined {
    return typeof value === 'number' ? this.literals.get(value) : undefined
  }

  /**
   * Throws a ValueError when `value`, or an item of it, is an integer that JSON.parse
   * rounded. `name` is the property, for the suggested `name:int` attribute.
   */
  check(value: unknown, name: string, where: string): void {
    const items = Array.isArray(value) ? value : [value]
    for (const item of items) {
      const literal = this.literal(item)
      if (literal !== undefined) {
        throw new ValueError(
          `Integer ${literal} in ${where} is beyond ±(2^53 - 1), so JSON.parse rounded it to ${String(item)}. ` +
            `Give it as a string with an :int type, such as "${name}:int": "${literal}".`,
        )
      }
    }
  }
}

/** Converts one attribute value. Throws a ValueError when it does not fit the type. */
function convertJsonValue(value: unknown, typed: TypedName, where: string): Properties[string] | undefined {
  if (!typed.explicit && typed.type === 'string') {
    return keepJsonType(value, where)
  }
  if (typed.type === 'money') {
    throw new Error('money is converted by moneyProperties')
  }

  if (typeof value === 'string') {
    const text = value.trim()
    return text === '' ? undefined : convertText(text, typed.type, where)
  }
  switch (typed.type) {
    case 'string':
      if (typeof value === 'number' || typeof value === 'boolean') {
        return String(value)
      }
      break
    case 'int':
      if (typeof value === 'number') {
        if (!Number.isSafeInteger(value)) {
          throw new ValueError(
            `Invalid integer ${describe(value)} in ${where}. Expected an integer within ±(2^53 - 1), ` +
              'or a string such as "9007199254740993" for a larger one.',
          )
        }
        return parseInteger(String(value), where)
      }
      break
    case 'float':
      if (typeof value === 'number') {
        return value
      }
      break
    case 'boolean':
      if (typeof value === 'boolean') {
        return value
      }
      break
    case 'string[]':
      if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
        const items = value.map((item: string) => item.trim()).filter((item) => item !== '')
        return items.length > 0 ? items : undefined
      }
      break
    case 'date':
    case 'datetime':
      break
  }
  throw new ValueError(`Invalid value ${describe(value)} in ${where}: expected a ${typed.type}.`)
}

/** Returns an untyped attribute value as JSON has it, or throws for values no property can hold. */
function keepJsonType(value: unknown, where: string): Properties[string] | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') {
    return value
  }
  if (typeof value === 'number') {
    return value
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return undefined
    }
    if (value.every((item) => typeof item === 'string')) {
      return value as string[]
    }
    if (value.every((item) => typeof item === 'number')) {
      return value as number[]
    }
  }
  throw new ValueError(
    `Unsupported value ${describe(value)} in ${where}. ` +
      'Expected a string, number, boolean, or a list of only strings or only numbers.',
  )
}

function moneyText(value: unknown, where: string): string {
  if (typeof value === 'string') {
    return value.trim()
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    const text = String(value)
    const digits = text.replace(/e.*$/i, '').replace(/[^0-9]/g, '').replace(/^0+/, '')
    if (digits.length <= EXACT_DOUBLE_DIGITS) {
      return text
    }
  }
  throw new ValueError(
    `Invalid amount ${describe(value)} in ${where}. Expected a decimal string such as "1234.56", ` +
      `or a number with at most ${EXACT_DOUBLE_DIGITS} significant digits.`,
  )
}

/** Reads a node or edge key. An integer beyond ±(2^53 - 1) is no key, because JSON.parse rounded it. */
function readKey(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') {
    return value.trim()
  }
  if (typeof value === 'number' && Number.isFinite(value) && (Number.isSafeInteger(value) || !Number.isInteger(value))) {
    return String(value)
  }
  return undefined
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Writes a JSON value for a message, cut like quote(). */
function describe(value: unknown): string {
  if (value === undefined) {
    return '(absent)'
  }
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
