/**
 * Typed property values for the CSV and graph JSON readers. A column or attribute name may
 * carry a type after a colon, such as `born:date`. Without one a value is a string, except
 * under the conventional names in CONVENTIONAL_TYPES. Every conversion either returns the value or
 * throws a ValueError whose message quotes the value, names where it was found and says what
 * was expected. `where` is that place as a phrase, such as `column "born:date"`.
 */
import { formatAmount, isCurrencyCode, MoneyError, parseAmount, type Money } from '../../model/money.js'
import { IsoDate, IsoDateTime, type Properties, type PropertyValue } from '../../model/records.js'
import { INT64_MAX, INT64_MIN, quote } from './common.js'
import { normalizeNumber, parseDate, type ValueFormat } from './formats.js'

export const VALUE_TYPES = ['string', 'int', 'float', 'boolean', 'date', 'datetime', 'string[]', 'money'] as const

export type ValueType = (typeof VALUE_TYPES)[number]

/**
 * Types of untyped columns with these names. An untyped `count` is a float, so write
 * `count:int` for an exact integer.
 */
export const CONVENTIONAL_TYPES: Readonly<Record<string, ValueType>> = {
  weight: 'float',
  share: 'float',
  count: 'float',
  amount: 'money',
}

/** Maximum UTF-16 code units of a name, alias or nickname that an import stores. */
export const MAX_NAME_VALUE_LENGTH = 1000

/** Properties that the name search and the duplicate finder read as names. */
const NAME_PROPERTIES = ['aliases', 'nickname', 'nicknames', 'klichka']

/**
 * Checks that a record's name and the values of its name properties are at most
 * MAX_NAME_VALUE_LENGTH long. Returns one reason for each value that is longer.
 */
export function checkNameLengths(name: string, properties: Properties): string[] {
  const reasons: string[] = []
  const check = (value: unknown, field: string): void => {
    if (typeof value === 'string' && value.length > MAX_NAME_VALUE_LENGTH) {
      reasons.push(
        `Invalid ${field}: ${value.length} characters long, starting ${quote(value.slice(0, 40))}. ` +
          `Expected at most ${MAX_NAME_VALUE_LENGTH} characters.`,
      )
    }
  }
  check(name, 'name')
  for (const property of NAME_PROPERTIES) {
    const value = properties[property]
    for (const item of Array.isArray(value) ? value : [value]) check(item, property)
  }
  return reasons
}
/**
 * Names of untyped CSV columns that are read as dates: the properties that the demo data
 * stores as dates and that money tracing, search and the FtM export read as dates. A CSV
 * cell is always text, so without this a date column would be stored as text. JSON and XML
 * readers keep an untyped string as text, because their files can declare a type.
 */
export const CSV_DATE_NAMES: ReadonlySet<string> = new Set([
  'date',
  'since',
  'until',
  'born',
  'birthDate',
  'incorporatedOn',
  'acquiredOn',
  'issuedAt',
])

/** The separator of `string[]` values and of the `restrictedTo` provenance list. */
export const LIST_SEPARATOR = '|'

export class ValueError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ValueError'
  }
}

export interface TypedName {
  /** The property name, without the type. */
  name: string
  type: ValueType
  /** Whether the type was written after the name rather than taken from a convention. */
  explicit: boolean
}

/** Splits `name:type`. Throws a ValueError for an unknown type or an empty name. */
export function parseTypedName(header: string): TypedName {
  const colon = header.lastIndexOf(':')
  if (colon === -1) {
    return { name: header, type: CONVENTIONAL_TYPES[header] ?? 'string', explicit: false }
  }

  const name = header.slice(0, colon).trim()
  const type = header.slice(colon + 1).trim()
  if (name === '') {
    throw new ValueError(`Invalid column ${quote(header)}: the name before the type is empty.`)
  }
  if (!isValueType(type)) {
    throw new ValueError(
      `Unknown type ${quote(type)} in column ${quote(header)}. Expected one of ${VALUE_TYPES.join(', ')}.`,
    )
  }
  return { name, type, explicit: true }
}

function isValueType(type: string): type is ValueType {
  return (VALUE_TYPES as readonly string[]).includes(type)
}

/**
 * Converts the text of one cell to `type`, reading numbers and dates as `format` declares.
 * Without `format` (JSON, XML) dates are ISO only, and the message does not ask for one.
 * Money needs the row's currency, so moneyProperties converts it instead. Returns undefined
 * for a `string[]` with no items.
 */
export function convertText(
  text: string,
  type: Exclude<ValueType, 'money'>,
  where: string,
  format?: ValueFormat,
): PropertyValue | undefined {
  switch (type) {
    case 'string':
      return text
    case 'int':
      return parseInteger(normalizeNumber(text, format?.locale, where), where)
    case 'float':
      return parseFloatValue(normalizeNumber(text, format?.locale, where), where)
    case 'boolean':
      return parseBoolean(text, where)
    case 'date':
      // A file that can declare formats (a CSV) learns of a missing declaration from parseDate.
      return format === undefined ? parseIsoDate(text, where) : parseDate(text, format.dateFormat, where)
    case 'datetime':
      return parseIsoDateTime(text, where)
    case 'string[]':
      return splitList(text)
  }
}

const INTEGER = /^[+-]?\d+$/

/** Parses a decimal integer into a bigint within Neo4j's 64-bit integer range. */
export function parseInteger(text: string, where: string): bigint {
  if (!INTEGER.test(text)) {
    throw new ValueError(`Invalid integer ${quote(text)} in ${where}. Expected digits such as 42 or -7.`)
  }
  const value = BigInt(text)
  if (value < INT64_MIN || value > INT64_MAX) {
    throw new ValueError(
      `Integer ${quote(text)} in ${where} is outside the 64-bit range that Neo4j stores, ` +
        `${INT64_MIN} to ${INT64_MAX}.`,
    )
  }
  return value
}

const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

export function parseFloatValue(text: string, where: string): number {
  const value = Number(text)
  if (!FLOAT.test(text) || !Number.isFinite(value)) {
    throw new ValueError(
      `Invalid number ${quote(text)} in ${where}. Expected a decimal number with a point, such as 2.5 or 1e-3.`,
    )
  }
  return value
}

function parseBoolean(text: string, where: string): boolean {
  const lower = text.toLowerCase()
  if (lower === 'true' || lower === 'false') {
    return lower === 'true'
  }
  throw new ValueError(`Invalid boolean ${quote(text)} in ${where}. Expected true or false.`)
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Parses `YYYY-MM-DD`, checking that the day exists in that month of that year. */
export function parseIsoDate(text: string, where: string): IsoDate {
  const match = ISO_DATE.exec(text)
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new ValueError(`Invalid date ${quote(text)} in ${where}. Expected a calendar date as YYYY-MM-DD.`)
  }
  return new IsoDate(text)
}

// The form that src/data/values.ts stores as a Neo4j datetime.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/

/** Parses ISO 8601 with an offset, such as `2024-03-01T10:00:00Z` or `2024-03-01T10:00+01:00`. */
export function parseIsoDateTime(text: string, where: string): IsoDateTime {
  const match = ISO_DATE_TIME.exec(text)
  const valid =
    match !== null &&
    isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) &&
    Number(match[4]) <= 23 &&
    Number(match[5]) <= 59 &&
    Number(match[6] ?? '0') <= 59 &&
    // Offsets run from -18:00 to +18:00 in java.time, which Neo4j uses.
    Number(match[8] ?? '0') * 60 + Number(match[9] ?? '0') <= 18 * 60 &&
    Number(match[9] ?? '0') <= 59
  if (!valid) {
    throw new ValueError(
      `Invalid date-time ${quote(text)} in ${where}. ` +
        'Expected ISO 8601 with an offset, such as 2024-03-01T10:00:00Z.',
    )
  }
  return new IsoDateTime(text)
}

/** The provenance fields with the instants at which a record is due for review and expires. */
export const REVIEW_FIELDS = ['reviewAt', 'expiresAt'] as const

const REVIEW_DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * Parses a `reviewAt` or `expiresAt` value: an ISO date (`2027-01-31`, read as midnight UTC at
 * its start) or an ISO instant with an offset (`2027-01-31T12:00:00Z`). Throws a ValueError
 * that names the field and quotes the value.
 */
export function parseReviewDate(text: string, field: string): IsoDateTime {
  const trimmed = text.trim()
  const where = `field "${field}"`
  try {
    if (REVIEW_DAY.test(trimmed)) {
      return new IsoDateTime(`${parseIsoDate(trimmed, where).iso}T00:00:00Z`)
    }
    return parseIsoDateTime(trimmed, where)
  } catch (error) {
    if (!(error instanceof ValueError)) {
      throw error
    }
    throw new ValueError(
      `Invalid ${field} ${quote(text)}: expected an ISO date such as 2027-01-31 ` +
        'or an instant with an offset such as 2027-01-31T12:00:00Z.',
    )
  }
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) {
    return false
  }
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  return day <= (lengths[month - 1] ?? 0)
}

/** Splits a `|`-separated list, trimming items and dropping empty ones. */
export function splitList(text: string): string[] | undefined {
  const items = text
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => item !== '')
  return items.length > 0 ? items : undefined
}

/** Returns the name of the property that stores the minor units of the money property `name`. */
export function minorUnitsName(name: string): string {
  return `${name}Minor`
}

/** One column or attribute of a file, as written and as parsed by parseTypedName. */
export interface PropertyField {
  header: string
  typed: TypedName
}

/**
 * Checks the property names that the fields of one row or file write. Throws a ValueError
 * when a field names one of `reserved` (names the reader takes as something else than a
 * property), or when two fields write the same property. A money field writes its
 * minor-units companion too, so `amount` and `amountMinor` cannot both be given.
 */
export function checkPropertyNames(
  fields: PropertyField[],
  noun: 'column' | 'attribute',
  reserved: ReadonlySet<string> = new Set(),
): void {
  const writers = new Map<string, string>()
  const claim = (property: string, header: string): void => {
    const earlier = writers.get(property)
    if (earlier !== undefined) {
      const nouns = noun === 'column' ? 'Columns' : 'Attributes'
      throw new ValueError(`${nouns} ${quote(earlier)} and ${quote(header)} both write ${quote(property)}.`)
    }
    writers.set(property, header)
  }

  for (const { header, typed } of fields) {
    if (reserved.has(typed.name)) {
      throw new ValueError(
        `Invalid ${noun} ${quote(header)}: ${quote(typed.name)} is read by the importer, not stored ` +
          'as a property, so it cannot take a type.',
      )
    }
    claim(typed.name, header)
    if (typed.type === 'money') {
      claim(minorUnitsName(typed.name), header)
    }
  }
}

/**
 * Returns the properties of a money value: `name` as the canonical decimal string,
 * `${name}Minor` as a bigint of minor units, and `currency`. Throws a ValueError when the
 * currency is missing or unknown, or when the amount is not an exact decimal in that currency
 * (a fraction of a cent in USD, for example). It throws too when the minor units do not fit
 * in Neo4j's 64-bit integers.
 */
export function moneyProperties(
  text: string,
  name: string,
  currency: string | undefined,
  where: string,
  format: ValueFormat = {},
): Properties {
  if (currency === undefined) {
    throw new ValueError(
      `Amount ${quote(text)} in ${where} has no currency. Expected a currency with an ISO 4217 code such as USD.`,
    )
  }
  if (!isCurrencyCode(currency)) {
    throw new ValueError(
      `Invalid currency ${quote(currency)} for the amount ${quote(text)} in ${where}. Expected an ISO 4217 code such as USD.`,
    )
  }
  let money: Money
  try {
    money = parseAmount(normalizeNumber(text, format.locale, where), currency)
  } catch (error) {
    if (error instanceof MoneyError) {
      throw new ValueError(`${error.message} (${where}).`)
    }
    throw error
  }

  if (money.minor < INT64_MIN || money.minor > INT64_MAX) {
    throw new ValueError(
      `Amount ${quote(text)} in ${where} is outside the range that Neo4j stores in ${currency}: ` +
        `${formatAmount(INT64_MIN, currency)} to ${formatAmount(INT64_MAX, currency)}, ` +
        'the minor units of a 64-bit integer.',
    )
  }
  return {
    [name]: formatAmount(money.minor, money.currency),
    [minorUnitsName(name)]: money.minor,
    currency: money.currency,
  }
}
