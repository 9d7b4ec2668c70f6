/**
 * The pure parts of a merge: who may merge two records, the audience of the result, the
 * merged properties with the source of every value, and the fingerprint that tells whether a
 * record changed since its merge. docs/merge.md describes the rules for callers.
 */
import { createHash } from 'node:crypto'

import neo4j from 'neo4j-driver'

import { toPlain, type PlainValue } from '../data/values.js'
import { nameKeysOf, storedNamesOf } from '../names/index.js'

/** A record's provenance as the access rule reads it. */
export interface Audience {
  ownerNcb: string | null
  restrictedTo: string[]
}

/** Properties that describe a record's origin and audience rather than the person or company. */
const PROVENANCE_KEYS = new Set(['id', 'source', 'ownerNcb', 'restrictedTo', 'expiresAt'])

/** Properties the merge itself maintains. */
const MERGE_KEYS = new Set(['aliases', 'mergedIds', 'valueSources'])

export type MergeRefusal =
  | { status: 403; message: string }
  | { status: 409; message: string }

/** Returns whether the access rule shows a record to everyone, which is when `restrictedTo` is empty. */
function isOpen(audience: Audience): boolean {
  return audience.restrictedTo.length === 0
}

/** Returns the countries that can see a restricted record: its owner and those it lists. */
function countries(audience: Audience): Set<string> {
  const seen = new Set(audience.restrictedTo)
  if (audience.ownerNcb !== null) {
    seen.add(audience.ownerNcb)
  }
  return seen
}

/**
 * Checks that the caller may change both records, as an import would: a non-admin caller
 * changes only records with no owner or owned by the caller's country. Returns the refusal,
 * or null.
 */
export function checkWriteAccess(
  records: { id: string; audience: Audience }[],
  caller: { ncb: string | null; admin: boolean },
  action = 'merge it',
): MergeRefusal | null {
  if (caller.admin) {
    return null
  }
  for (const { id, audience } of records) {
    if (audience.ownerNcb !== null && audience.ownerNcb !== caller.ncb) {
      return {
        status: 403,
        message: `Record "${id}" is owned by ${audience.ownerNcb}: only its editors or an admin may ${action}.`,
      }
    }
  }
  return null
}

/**
 * Returns the audience of the merged record, so that no country sees data it did not see
 * before. Records with the same rule keep it. Otherwise only an admin may merge them, and the
 * result is seen by the countries that saw both (an open record is seen by all). Refuses
 * when no country saw both. A non-admin's merge leaves an open kept record's owner as it was.
 */
export function mergedAudience(keep: Audience, merged: Audience, admin: boolean): Audience | MergeRefusal {
  const keepCountries = [...countries(keep)].sort()
  const mergedCountries = [...countries(merged)].sort()
  const same = isOpen(keep) === isOpen(merged) && (isOpen(keep) || keepCountries.join() === mergedCountries.join())
  if (same) {
    // As in an import, only an admin may give an open record an owner.
    const owner = isOpen(keep) && !admin ? keep.ownerNcb : (keep.ownerNcb ?? merged.ownerNcb)
    return { ownerNcb: owner, restrictedTo: [...keep.restrictedTo] }
  }
  if (!admin) {
    return {
      status: 409,
      message:
        'The records have different audiences (ownerNcb and restrictedTo): only an admin may merge them, ' +
        'and the result is then seen only by the countries that saw both.',
    }
  }
  if (isOpen(keep) || isOpen(merged)) {
    const restricted = isOpen(keep) ? merged : keep
    return { ownerNcb: restricted.ownerNcb, restrictedTo: [...restricted.restrictedTo] }
  }

  const shared = keepCountries.filter((country) => mergedCountries.includes(country))
  if (shared.length === 0) {
    return { status: 409, message: 'No country sees both records, so the merged record would be hidden from every country.' }
  }
  const owner = [keep.ownerNcb, merged.ownerNcb].find((country) => country !== null && shared.includes(country)) ?? null
  // The list contains every country of the audience, the owner too, so it is never empty.
  return { ownerNcb: owner, restrictedTo: shared }
}

/** One property value of a merged record with the record, dataset and country it came from. */
export interface ValueSource {
  property: string
  value: PlainValue
  record: string
  source: string | null
  ownerNcb: string | null
}

/** Returns the value sources of a record: those of earlier merges, else its own properties. */
function valueSourcesOf(properties: Record<string, unknown>): ValueSource[] {
  if (typeof properties.valueSources === 'string') {
    return JSON.parse(properties.valueSources) as ValueSource[]
  }
  const id = String(properties.id)
  const source = typeof properties.source === 'string' ? properties.source : null
  const ownerNcb = typeof properties.ownerNcb === 'string' ? properties.ownerNcb : null
  return Object.entries(properties)
    .filter(([key]) => !PROVENANCE_KEYS.has(key) && !MERGE_KEYS.has(key) && !key.endsWith('Minor'))
    .sort(byKey)
    .map(([property, value]) => ({ property, value: toPlain(value), record: id, source, ownerNcb }))
    .concat(aliasSources(properties, id, source, ownerNcb))
}

function aliasSources(properties: Record<string, unknown>, record: string, source: string | null, ownerNcb: string | null): ValueSource[] {
  const aliases = Array.isArray(properties.aliases) ? properties.aliases.map(String) : []
  return aliases.map((alias) => ({ property: 'aliases', value: alias, record, source, ownerNcb }))
}

/**
 * Builds the kept record's properties after the merge, from the stored (driver) values of
 * both records. The kept record's values win. A property only the merged record has is
 * copied, with its minor-units companion. The merged record's name and aliases become
 * aliases, its id joins `mergedIds`, and `valueSources` (JSON text) lists every value of both
 * records with its source.
 */
export function mergeProperties(
  keep: Record<string, unknown>,
  merged: Record<string, unknown>,
  audience: Audience,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...keep }
  for (const [key, value] of Object.entries(merged)) {
    if (PROVENANCE_KEYS.has(key) || MERGE_KEYS.has(key) || key === 'name' || key in keep) {
      continue
    }
    result[key] = value
  }

  const keepName = String(keep.name ?? keep.id)
  const names = [...texts(keep.aliases), String(merged.name ?? merged.id), ...texts(merged.aliases)]
  result.aliases = [...new Set(names)].filter((name) => name !== keepName)
  result.mergedIds = [...texts(keep.mergedIds), String(merged.id), ...texts(merged.mergedIds)]
  // The merged names become aliases, so the search index must know them under every spelling.
  result.nameKeys = nameKeysOf(storedNamesOf(keepName, result).map((stored) => stored.text))
  result.valueSources = JSON.stringify([...valueSourcesOf(keep), ...valueSourcesOf(merged)])
  result.ownerNcb = audience.ownerNcb
  result.restrictedTo = audience.restrictedTo

  const expiry = earliest(keep.expiresAt, merged.expiresAt)
  if (expiry !== undefined) {
    result.expiresAt = expiry
  }
  return result
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : []
}

/** Returns the earlier of two stored datetimes, or the one that is set. */
function earliest(first: unknown, second: unknown): unknown {
  if (first === undefined || first === null) {
    return second ?? undefined
  }
  if (second === undefined || second === null) {
    return first
  }
  return Date.parse(String(first)) <= Date.parse(String(second)) ? first : second
}

/** A record as merge/state returns it. */
export interface RecordState {
  labels: string[]
  properties: Record<string, unknown>
  relationships: { type: string; start: string; end: string; properties: Record<string, unknown> }[]
}

/**
 * Hashes a record's labels, properties and relationships (type, ends, properties) with their
 * value types, so an integer 1 and a float 1.0, or a date and its text, hash differently.
 */
export function fingerprint(state: RecordState): string {
  const relationships = state.relationships.map((relationship) => canonical(relationship)).sort()
  const text = canonical({ labels: [...state.labels].sort(), properties: state.properties, relationships })
  return createHash('sha256').update(text).digest('hex')
}

function canonical(value: unknown): string {
  if (value === null || value === undefined) {
    return 'null'
  }
  if (neo4j.isInt(value)) {
    return `int:${String(value)}`
  }
  if (typeof value === 'number') {
    return `float:${String(value)}`
  }
  if (typeof value === 'string' || typeof value === 'boolean') {
    return `${typeof value}:${JSON.stringify(value)}`
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`
  }
  if (typeof value === 'object' && value.constructor !== Object) {
    return `${value.constructor.name}:${String(value)}`
  }
  const entries = Object.entries(value as Record<string, unknown>).sort(byKey)
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`
}

/** Orders entries by key in code-unit order, which does not depend on the locale. */
function byKey([a]: [string, unknown], [b]: [string, unknown]): number {
  if (a === b) {
    return 0
  }
  return a < b ? -1 : 1
}
