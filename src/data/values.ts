/**
 * Conversion between Neo4j values and plain JSON, in one place. The rule:
 * - a Neo4j integer becomes a JSON number when it lies within ±(2^53 - 1), and a decimal
 *   string otherwise, so no value is ever rounded and no `{low, high}` object escapes;
 * - a float stays a number (NaN and infinities become strings: "NaN", "Infinity");
 * - `date` becomes `YYYY-MM-DD`, `datetime` ISO 8601 with its stored offset or zone,
 *   `localdatetime`, `time` and `duration` their ISO 8601 text: never shifted to the
 *   server's time zone;
 * - money amounts are stored as exact decimal strings and pass through unchanged;
 * - lists and maps are converted element by element; a point becomes `{srid, x, y, z?}`.
 */
import neo4j, { type Integer } from 'neo4j-driver'

import { IsoDate, IsoDateTime, type PropertyValue } from '../model/records.js'

export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue }

export function toPlain(value: unknown): PlainValue {
  if (value === null || value === undefined) {
    return null
  }
  if (neo4j.isInt(value)) {
    return integerToPlain(value as Integer)
  }
  if (typeof value === 'bigint') {
    return bigintToPlain(value)
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : String(value)
  }
  if (typeof value === 'string' || typeof value === 'boolean') {
    return value
  }
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return (value as { toString(): string }).toString()
  }
  if (neo4j.isPoint(value)) {
    const point = value as { srid: unknown; x: number; y: number; z?: number }
    const plain: Record<string, PlainValue> = { srid: toPlain(point.srid), x: point.x, y: point.y }
    if (point.z !== undefined) {
      plain.z = point.z
    }
    return plain
  }
  if (Array.isArray(value)) {
    return value.map(toPlain)
  }
  if (typeof value === 'object') {
    const plain: Record<string, PlainValue> = {}
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      plain[key] = toPlain(item)
    }
    return plain
  }
  return String(value)
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

function integerToPlain(value: Integer): number | string {
  return value.inSafeRange() ? value.toNumber() : value.toString()
}

function bigintToPlain(value: bigint): number | string {
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value.toString()
}

/**
 * Converts a stored property map to plain JSON. A money column `x` is stored with a
 * companion `xMinor` of exact minor units for Cypher sums. The companion stays out of the
 * API's records because `x` already carries the exact amount.
 */
export function propertiesToPlain(properties: Record<string, unknown>): Record<string, PlainValue> {
  const plain: Record<string, PlainValue> = {}
  for (const [key, value] of Object.entries(properties)) {
    if (!isMinorUnitsCompanion(key, properties)) {
      plain[key] = toPlain(value)
    }
  }
  return plain
}

function isMinorUnitsCompanion(key: string, properties: Record<string, unknown>): boolean {
  return key.endsWith('Minor') && typeof properties[key.slice(0, -'Minor'.length)] === 'string'
}

/** Converts a record's property value to what the driver stores. */
export function toNeo4j(value: PropertyValue): unknown {
  if (typeof value === 'bigint') {
    return neo4j.int(value.toString())
  }
  if (value instanceof IsoDate) {
    return isoDateToNeo4j(value.iso)
  }
  if (value instanceof IsoDateTime) {
    return isoDateTimeToNeo4j(value.iso)
  }
  return value
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/

export function isoDateToNeo4j(iso: string): InstanceType<typeof neo4j.types.Date> {
  const match = ISO_DATE.exec(iso)
  if (!match) {
    throw new RangeError(`Invalid date "${iso}": expected YYYY-MM-DD`)
  }
  const [, year, month, day] = match.map(Number) as [number, number, number, number]
  return new neo4j.types.Date(year, month, day)
}

export function isoDateTimeToNeo4j(iso: string): InstanceType<typeof neo4j.types.DateTime> {
  const match = ISO_DATE_TIME.exec(iso)
  if (!match) {
    throw new RangeError(`Invalid date-time "${iso}": expected ISO 8601 with an offset, such as 2024-03-01T10:00:00Z`)
  }
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone = 'Z'] = match
  const nanoseconds = Number(fraction.padEnd(9, '0'))
  const offsetSeconds =
    zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60)
  return new neo4j.types.DateTime(
    Number(year),
    Number(month),
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    nanoseconds,
    offsetSeconds,
  )
}
