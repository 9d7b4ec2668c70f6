/**
 * Pieces every reader shares: the options it takes, provenance for open data, a collector for
 * records and rejected rows, the checks that every record passes, and line splitting that
 * matches what an editor shows.
 */
import {
  OPEN_DATA,
  type NodeRecord,
  type Properties,
  type Provenance,
  type ReadResult,
  type RelationshipRecord,
} from '../../model/records.js'
import type { CsvDelimiter } from '../csv-parse.js'
import type { ValueFormat } from './formats.js'
import { checkNameLengths } from './values.js'

export interface ReadOptions {
  /** The file name, used in rejected rows and, by some readers, to tell variants apart. */
  file: string
  /** Provenance source for records that do not name one. Defaults to the file name's stem. */
  source?: string
  /** The declarations of a CSV file: its delimiter, number locale and date format. */
  csv?: CsvDeclarations
}

/** Declarations for a CSV file. Each one left out keeps the reader's default. */
export interface CsvDeclarations extends ValueFormat {
  /** Detected from the header line when absent. */
  delimiter?: CsvDelimiter
}

export function openDataProvenance(source: string): Provenance {
  return { source, ...OPEN_DATA, restrictedTo: [...OPEN_DATA.restrictedTo] }
}

/**
 * Collects the output of one read, so readers can add records and rejections as they go.
 * `result()` checks every record with checkRecord, so no reader can hand on a bad country
 * code or an integer that Neo4j cannot store.
 */
export class ReadCollector {
  readonly nodes: NodeRecord[] = []
  readonly relationships: RelationshipRecord[] = []
  readonly rejected: ReadResult['rejected'] = []

  constructor(readonly file: string) {}

  reject(line: number, reason: string, id?: string): void {
    this.rejected.push({ file: this.file, line, ...(id === undefined ? {} : { id }), reason })
  }

  /** Returns the records that pass checkRecord and the rejected rows, with those that fail it at the end. */
  result(): ReadResult {
    const rejected = [...this.rejected]
    const keep = (record: NodeRecord | RelationshipRecord): boolean => {
      const reasons = checkRecord(record)
      if (reasons.length > 0) {
        // NOTE: Readers of known datasets may leave `line` unset. Their records are open data
        // with small integers, so this fallback to line 1 should never reach a report.
        rejected.push({ file: this.file, line: record.line ?? 1, id: record.id, reason: reasons.join(' ') })
      }
      return reasons.length === 0
    }
    const nodes = this.nodes.filter(keep)
    const relationships = this.relationships.filter(keep)
    return { nodes, relationships, rejected }
  }
}

/** An ISO 3166-1 alpha-2 country code in upper case, as in `ownerNcb` and `restrictedTo`. */
export const COUNTRY_CODE = /^[A-Z]{2}$/

/** The range of Neo4j's 64-bit integers. */
export const INT64_MIN = -(2n ** 63n)
export const INT64_MAX = 2n ** 63n - 1n

/**
 * Checks the provenance of one record: `ownerNcb` and each `restrictedTo` entry must be
 * country codes. Returns one reason for each bad value, naming the field and quoting the value.
 */
export function checkProvenance(provenance: Provenance): string[] {
  const reasons: string[] = []
  const expected = 'Expected an ISO 3166-1 alpha-2 country code in upper case, such as FR.'
  if (provenance.ownerNcb !== null && !COUNTRY_CODE.test(provenance.ownerNcb)) {
    reasons.push(`Invalid ownerNcb ${quote(provenance.ownerNcb)}. ${expected}`)
  }
  for (const country of provenance.restrictedTo) {
    if (!COUNTRY_CODE.test(country)) {
      reasons.push(`Invalid restrictedTo entry ${quote(country)}. ${expected}`)
    }
  }
  return reasons
}

/**
 * Checks a record as every reader must hand it on: valid country codes in its provenance,
 * every bigint property within Neo4j's 64-bit range, and names of a bounded length. Returns the reasons to reject it.
 */
export function checkRecord(record: NodeRecord | RelationshipRecord): string[] {
  const names = 'name' in record ? checkNameLengths(record.name, record.properties) : []
  return [...checkProvenance(record.provenance), ...checkIntegerRange(record.properties), ...checkShare(record), ...names]
}

/** Relationship types whose `share` is a part of the owned capital. */
const SHARE_TYPES = new Set(['OWNS', 'CONTROLS'])

/**
 * Checks that the `share` of an ownership or control relationship is a number from 0 to 1,
 * because ultimate-ownership shares multiply along chains and a share of 1.5 or -0.2 has no
 * meaning there.
 */
function checkShare(record: NodeRecord | RelationshipRecord): string[] {
  if (!('type' in record) || !SHARE_TYPES.has(record.type) || !('share' in record.properties)) {
    return []
  }
  const share = record.properties.share
  if (typeof share === 'number' && share >= 0 && share <= 1) {
    return []
  }
  const shown = typeof share === 'bigint' ? share.toString() : JSON.stringify(share) ?? String(share)
  return [`Invalid share ${quote(shown)} on ${record.type}: expected a number from 0 to 1, the part of the capital held.`]
}

function checkIntegerRange(properties: Properties): string[] {
  const reasons: string[] = []
  for (const [name, value] of Object.entries(properties)) {
    if (typeof value === 'bigint' && (value < INT64_MIN || value > INT64_MAX)) {
      reasons.push(
        `Integer ${quote(value.toString())} in property ${quote(name)} is outside the 64-bit range ` +
          `that Neo4j stores, ${INT64_MIN} to ${INT64_MAX}.`,
      )
    }
  }
  return reasons
}

/** Returns a result that rejects the whole file, for input that no reader can make sense of. */
export function rejectFile(file: string, line: number, reason: string): ReadResult {
  return { nodes: [], relationships: [], rejected: [{ file, line, reason }] }
}

export interface TextLine {
  /** 1-based physical line number. */
  number: number
  text: string
}

/** Splits text into physical lines (LF, CRLF or CR), dropping a leading byte-order mark. */
export function splitLines(text: string): TextLine[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const lines = body.split(/\r\n|\n|\r/)
  if (lines.length > 0 && lines[lines.length - 1] === '') {
    lines.pop()
  }
  return lines.map((line, index) => ({ number: index + 1, text: line }))
}

/** Returns the file name without its folders and its last extension. */
export function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(0, dot) : base
}

/** Quotes a value for a message, cut to 60 characters so one bad cell cannot flood a report. */
export function quote(value: string): string {
  const cut = value.length > 60 ? `${value.slice(0, 57)}...` : value
  return JSON.stringify(cut)
}

/**
 * Hands out relationship ids made from the relationship's ends, so the same file gives the
 * same ids on every read. The first relationship with a given base id gets it as is. The n-th
 * repetition in the same file gets `#n` appended: `a-CALLED->b`, `a-CALLED->b#2`, ... An id
 * that the file already claimed explicitly is skipped over the same way.
 */
export class RelationshipIds {
  private readonly used = new Set<string>()
  /** The next repetition number to try for each base id. */
  private readonly nextRepetition = new Map<string, number>()

  /** Claims an id given in the file. Returns false when the file already used it. */
  claim(id: string): boolean {
    if (this.used.has(id)) {
      return false
    }
    this.used.add(id)
    return true
  }

  /** Returns a fresh id derived from `base`. */
  derive(base: string): string {
    let id = base
    let repetition = this.nextRepetition.get(base) ?? 2
    while (this.used.has(id)) {
      id = `${base}#${repetition}`
      repetition += 1
    }
    this.nextRepetition.set(base, repetition)
    this.used.add(id)
    return id
  }
}

/** A non-negative decimal integer as written in edge lists and matrices: `0`, `12`, `007`. */
export const UNSIGNED_INTEGER = /^\d+$/
