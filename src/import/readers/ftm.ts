/**
 * Reader for FollowTheMoney (FtM) entity streams: one JSON entity `{id, schema, properties}`
 * per line, as Aleph, OpenSanctions and `ftm` tools write them (`.ijson`, `.ndjson`).
 *
 * - A Thing (Person, Company, Address, ...) becomes a node `ftm:<id>` of the label that
 *   FTM_NODE_SCHEMAS gives. Its first name is the node's name and the others its aliases.
 *   nameProperty gives the property with the names. A node without a name is named by its FtM id.
 * - Ownership, Directorship, Membership, Payment, Family, Associate and Representation become
 *   relationships `ftm:<id>` from the first source entity to the first target entity.
 * - `addressEntity`, a Sanction's `entity` and an Event's `involved` and `organizer` also
 *   become relationships (LOCATED_IN, SUBJECT_OF), marked `ftmDerived`, with ids
 *   `ftm:<holder id>:<property>:<referenced id>`.
 *
 * Every record keeps `ftmId`, `ftmSchema` and all of its FtM properties as they were read, in
 * `ftmProperties` (JSON text), so that the export writes the same entity back. The properties
 * the model reads (amounts, dates, countries) are copied out of them as well.
 */
import {
  FTM_EDGE_SCHEMAS,
  FTM_NODE_SCHEMAS,
  FTM_REFERENCE_LINKS,
  ftmNodeId,
  nameProperty,
  type FtmEntity,
} from '../../model/ftm.js'
import { IsoDate, type Properties, type ReadResult } from '../../model/records.js'
import { fileStem, openDataProvenance, quote, ReadCollector, splitLines, type ReadOptions } from './common.js'
import { moneyProperties, parseIsoDate, ValueError } from './values.js'

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/

/** Payment amount properties in the order the reader prefers them, with their currency. */
const AMOUNT_PROPERTIES: readonly { name: string; currency: string | null }[] = [
  { name: 'amount', currency: null },
  { name: 'amountEur', currency: 'EUR' },
  { name: 'amountUsd', currency: 'USD' },
]

export function readFtm(text: string, options: ReadOptions): ReadResult {
  const collector = new ReadCollector(options.file)
  const source = options.source ?? fileStem(options.file)
  const seen = new Set<string>()

  for (const { number, text: line } of splitLines(text)) {
    if (line.trim() === '') {
      continue
    }
    const parsed = parseEntity(line)
    if (typeof parsed === 'string') {
      collector.reject(number, parsed)
      continue
    }
    if (seen.has(parsed.id)) {
      collector.reject(number, `Duplicate FtM id ${quote(parsed.id)}: an earlier line already holds this entity.`)
      continue
    }
    seen.add(parsed.id)

    const reason = addEntity(collector, parsed, number, source)
    if (reason !== undefined) {
      collector.reject(number, reason)
    }
  }
  return collector.result()
}

/** Parses one line into an FtM entity, or returns the reason it is not one. */
export function parseEntity(line: string): FtmEntity | string {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    return `Invalid JSON: ${(error as Error).message}. Expected one FtM entity {"id", "schema", "properties"} per line.`
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'Invalid FtM entity: expected a JSON object with "id", "schema" and "properties".'
  }
  const { id, schema, properties = {} } = value as Record<string, unknown>
  if (typeof id !== 'string' || id === '') {
    return `Invalid FtM entity: "id" is ${quote(JSON.stringify(id) ?? 'missing')}, expected a non-empty string.`
  }
  if (typeof schema !== 'string' || (!(schema in FTM_NODE_SCHEMAS) && !(schema in FTM_EDGE_SCHEMAS))) {
    const known = [...Object.keys(FTM_NODE_SCHEMAS), ...Object.keys(FTM_EDGE_SCHEMAS)].join(', ')
    return `Unsupported FtM schema ${quote(String(schema))} for id ${quote(id)}. Expected one of ${known}.`
  }
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    return `Invalid "properties" of FtM entity ${quote(id)}: expected an object of string lists.`
  }
  for (const [name, values] of Object.entries(properties)) {
    if (!Array.isArray(values) || !values.every((item) => typeof item === 'string')) {
      return `Invalid property ${quote(name)} of FtM entity ${quote(id)}: expected a list of strings.`
    }
  }
  return { id, schema, properties: properties as Record<string, string[]> }
}

function addEntity(collector: ReadCollector, entity: FtmEntity, line: number, source: string): string | undefined {
  try {
    return addValidEntity(collector, entity, line, source)
  } catch (error) {
    if (error instanceof ValueError) {
      return error.message
    }
    throw error
  }
}

/**
 * Returns the full date (YYYY-MM-DD) of an FtM date property, or undefined for a partial one
 * such as "1960". Throws a ValueError for a day that does not exist, such as 1980-02-30.
 */
function fullDate(entity: FtmEntity, name: string): IsoDate | undefined {
  const text = entity.properties[name]?.[0]
  if (text === undefined || !FULL_DATE.test(text)) {
    return undefined
  }
  return parseIsoDate(text, `property "${name}" of FtM entity ${quote(entity.id)}`)
}

function addValidEntity(collector: ReadCollector, entity: FtmEntity, line: number, source: string): string | undefined {
  const kept: Properties = {
    ftmId: entity.id,
    ftmSchema: entity.schema,
    ftmProperties: JSON.stringify(entity.properties),
  }
  const edge = FTM_EDGE_SCHEMAS[entity.schema]
  if (edge !== undefined) {
    const start = entity.properties[edge.sourceProperty]?.[0]
    const end = entity.properties[edge.targetProperty]?.[0]
    if (start === undefined || end === undefined) {
      return `FtM ${entity.schema} ${quote(entity.id)} lacks "${edge.sourceProperty}" or "${edge.targetProperty}": a relationship needs both ends.`
    }
    collector.relationships.push({
      id: ftmNodeId(entity.id),
      type: edge.type,
      source: ftmNodeId(start),
      target: ftmNodeId(end),
      properties: { ...kept, ...edgeProperties(entity) },
      provenance: openDataProvenance(source),
      line,
    })
    return undefined
  }

  const label = FTM_NODE_SCHEMAS[entity.schema]
  if (label === undefined) {
    return undefined
  }
  const names = entity.properties[nameProperty(entity.schema)] ?? []
  const [name = entity.id, ...aliases] = names
  collector.nodes.push({
    id: ftmNodeId(entity.id),
    label,
    name,
    properties: { ...kept, ...nodeProperties(entity), ...(aliases.length > 0 ? { aliases } : {}) },
    provenance: openDataProvenance(source),
    line,
  })
  addReferenceLinks(collector, entity, line, source)
  return undefined
}

/** Copies the node properties the model reads: the first value of each. */
function nodeProperties(entity: FtmEntity): Properties {
  const properties: Properties = {}
  const first = (name: string) => entity.properties[name]?.[0]
  const country = first('country') ?? first('jurisdiction')
  if (country !== undefined) {
    properties.country = country.toUpperCase()
  }
  const nationality = first('nationality') ?? first('citizenship')
  if (nationality !== undefined) {
    properties.nationality = nationality.toUpperCase()
  }
  const birthDate = fullDate(entity, 'birthDate')
  if (birthDate !== undefined) {
    properties.birthDate = birthDate
  }
  const city = first('city')
  if (city !== undefined) {
    properties.city = city
  }
  if (entity.schema === 'Sanction' || entity.schema === 'Event') {
    const name = ['listingDate', 'startDate', 'date'].find((property) => first(property) !== undefined)
    const issued = name === undefined ? undefined : fullDate(entity, name)
    if (issued !== undefined) {
      properties.issuedAt = issued
    }
  }
  return properties
}

/**
 * Copies the relationship properties the model reads: the amount as exact money, the date,
 * and an ownership percentage as a share from 0 to 1.
 */
function edgeProperties(entity: FtmEntity): Properties {
  const properties: Properties = {}
  const first = (name: string) => entity.properties[name]?.[0]
  const date = fullDate(entity, first('date') !== undefined ? 'date' : 'startDate')
  if (date !== undefined) {
    properties.date = date
  }
  for (const { name, currency } of AMOUNT_PROPERTIES) {
    const amount = first(name)
    if (amount === undefined) {
      continue
    }
    try {
      Object.assign(properties, moneyProperties(amount, 'amount', currency ?? first('currency')?.toUpperCase(), `property "${name}"`))
      break
    } catch (error) {
      if (!(error instanceof ValueError)) {
        throw error
      }
      // NOTE: an amount without a known currency, or finer than its minor unit, stays in
      // ftmProperties only, so money trails and totals do not count it.
    }
  }
  const percentage = first('percentage')
  if (entity.schema === 'Ownership' && percentage !== undefined) {
    const share = Number(percentage.replace('%', '').trim()) / 100
    if (Number.isFinite(share) && share >= 0 && share <= 1) {
      properties.share = share
    }
  }
  const relationship = first('relationship')
  if (relationship !== undefined) {
    properties.relation = relationship
  }
  if (entity.schema !== 'Associate' && FTM_EDGE_SCHEMAS[entity.schema]?.type === 'ASSOCIATE_OF') {
    properties.kind = entity.schema.toLowerCase()
  }
  return properties
}

function addReferenceLinks(collector: ReadCollector, entity: FtmEntity, line: number, source: string): void {
  const links = { ...FTM_REFERENCE_LINKS['*'], ...FTM_REFERENCE_LINKS[entity.schema] }
  for (const [property, link] of Object.entries(links)) {
    for (const referenced of entity.properties[property] ?? []) {
      const holder = ftmNodeId(entity.id)
      const other = ftmNodeId(referenced)
      collector.relationships.push({
        id: `ftm:${entity.id}:${property}:${referenced}`,
        type: link.type,
        source: link.from === 'holder' ? holder : other,
        target: link.from === 'holder' ? other : holder,
        properties: { ftmDerived: true, ftmProperty: property },
        provenance: openDataProvenance(source),
        line,
      })
    }
  }
}

/** Returns whether a file looks like an FtM stream: its first line is an object with "schema" and "properties". */
export function looksLikeFtm(firstLine: string): boolean {
  if (!/^\s*\{/.test(firstLine)) {
    return false
  }
  const entity = (() => {
    try {
      return JSON.parse(firstLine) as unknown
    } catch {
      return null
    }
  })()
  return typeof entity === 'object' && entity !== null && 'schema' in entity && 'properties' in entity
}
