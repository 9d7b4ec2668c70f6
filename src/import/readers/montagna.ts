/**
 * Reader for the Montagna operation data (Cavallaro et al., PLOS ONE 15(8) e0236476, 2020):
 * two whitespace-separated edge lists `source target weight` over the same people, one of
 * recorded meetings and one of intercepted phone calls. Both give Person nodes `montagna:<n>`.
 *
 * - Meetings have no direction, so each unordered pair becomes one MET relationship from the
 *   smaller id to the larger, `montagna-meetings:12->34`.
 * - Phone calls are directed: one CALLED relationship per ordered pair,
 *   `montagna-phonecalls:14->101`.
 *
 * Both carry `count` (bigint) and `weight` (float, the same number). Lines that land on the
 * same relationship have their weights added.
 *
 * NOTE: the meetings file lists 33 pairs in both orders, 24 of them with different weights.
 * Adding them assumes each line counts separate meetings, which the data's source does not say.
 */
import type { NodeRecord, ReadResult, RelationshipRecord } from '../../model/records.js'
import {
  fileStem,
  openDataProvenance,
  quote,
  ReadCollector,
  splitLines,
  UNSIGNED_INTEGER,
  type ReadOptions,
} from './common.js'

export type MontagnaKind = 'meetings' | 'phonecalls'

/** Provenance source of Montagna people, whichever file they are read from. */
export const MONTAGNA_SOURCE = 'montagna'

/** Returns which edge list a file name stands for, or null when it names neither. */
export function montagnaKind(file: string): MontagnaKind | null {
  const stem = fileStem(file).toLowerCase()
  if (stem.includes('meeting')) {
    return 'meetings'
  }
  if (stem.includes('phone') || stem.includes('call')) {
    return 'phonecalls'
  }
  return null
}

interface Tie {
  caller: string
  callee: string
  count: bigint
}

export function readMontagna(text: string, options: ReadOptions & { kind: MontagnaKind }): ReadResult {
  const collector = new ReadCollector(options.file)
  const source = options.source ?? `${MONTAGNA_SOURCE}-${options.kind}`
  const people = new Map<string, NodeRecord>()
  const ties = new Map<string, Tie>()

  for (const { number, text: line } of splitLines(text)) {
    const fields = line.trim().split(/\s+/)
    if (line.trim() === '' || (number === 1 && !UNSIGNED_INTEGER.test(fields[0] ?? ''))) {
      // A blank line, or a header such as "source target weight".
      continue
    }

    const reason = checkFields(fields)
    if (reason !== undefined) {
      collector.reject(number, reason)
      continue
    }
    const [from, to, weight] = fields.map((field) => String(BigInt(field))) as [string, string, string]
    const [start, end] = options.kind === 'meetings' && BigInt(from) > BigInt(to) ? [to, from] : [from, to]

    for (const person of [start, end]) {
      if (!people.has(person)) {
        people.set(person, personNode(person))
      }
    }
    const key = `${start}->${end}`
    const tie = ties.get(key)
    if (tie) {
      tie.count += BigInt(weight)
    } else {
      ties.set(key, { caller: start, callee: end, count: BigInt(weight) })
    }
  }

  collector.nodes.push(...people.values())
  for (const [key, tie] of ties) {
    collector.relationships.push({
      id: `${source}:${key}`,
      type: options.kind === 'meetings' ? 'MET' : 'CALLED',
      source: `montagna:${tie.caller}`,
      target: `montagna:${tie.callee}`,
      properties: { count: tie.count, weight: Number(tie.count) },
      provenance: openDataProvenance(source),
    } satisfies RelationshipRecord)
  }
  return collector.result()
}

function checkFields(fields: string[]): string | undefined {
  if (fields.length !== 3) {
    return `Expected 3 fields "source target weight" but found ${fields.length}: ${quote(fields.join(' '))}.`
  }
  const names = ['source', 'target', 'weight']
  for (const [index, field] of fields.entries()) {
    if (!UNSIGNED_INTEGER.test(field)) {
      return `Invalid ${names[index]} ${quote(field)}: expected a whole number.`
    }
  }
  if (BigInt(fields[0] ?? '') === BigInt(fields[1] ?? '')) {
    return `Self-loop on person ${quote(fields[0] ?? '')}: a person cannot meet or call themselves.`
  }
  if (BigInt(fields[2] ?? '') === 0n) {
    return 'Invalid weight "0": a listed tie needs at least one meeting or call.'
  }
  return undefined
}

function personNode(person: string): NodeRecord {
  return {
    id: `montagna:${person}`,
    label: 'Person',
    name: `Montagna person ${person}`,
    properties: {},
    provenance: openDataProvenance(MONTAGNA_SOURCE),
  }
}
