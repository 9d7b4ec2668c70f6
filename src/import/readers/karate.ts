/**
 * Reader for Zachary's karate club (Zachary 1977) as networkx 3.6.1 exports it: a
 * space-separated weighted edge list `source target weight` over members 0..33 (Zachary's 1..34), and a companion CSV
 * `node,club` with the faction each member joined ("Mr. Hi" or "Officer").
 *
 * Members become Person nodes `karate:<n>` with a `club` property. Each tie becomes one
 * ASSOCIATE_OF relationship `karate:<a>-><b>` from the smaller id to the larger, with a float
 * `weight`. The ties have no direction, so a pair listed twice, in either order, is rejected.
 */
import { parseCsv } from '../csv-parse.js'
import type { NodeRecord, ReadResult } from '../../model/records.js'
import {
  openDataProvenance,
  quote,
  ReadCollector,
  splitLines,
  UNSIGNED_INTEGER,
  type ReadOptions,
} from './common.js'
import { parseFloatValue, ValueError } from './values.js'

export const KARATE_SOURCE = 'karate'

/** The companion file of the edge list in the networkx export. */
export const KARATE_CLUBS_FILE = 'karate_networkx_club.csv'

export interface KarateOptions extends ReadOptions {
  /** The `node,club` CSV, if there is one. */
  clubs?: { file: string; text: string }
}

export function readKarate(text: string, options: KarateOptions): ReadResult {
  const source = options.source ?? KARATE_SOURCE
  const collector = new ReadCollector(options.file)
  const members = new Map<string, NodeRecord>()
  const member = (id: string): NodeRecord => {
    let node = members.get(id)
    if (!node) {
      node = {
        id: `karate:${id}`,
        label: 'Person',
        name: `Karate member ${id}`,
        properties: {},
        provenance: openDataProvenance(source),
      }
      members.set(id, node)
    }
    return node
  }

  if (options.clubs) {
    readClubs(options.clubs, member, collector)
  }

  const pairLines = new Map<string, number>()
  for (const { number, text: line } of splitLines(text)) {
    const fields = line.trim().split(/\s+/)
    if (line.trim() === '') {
      continue
    }

    const reason = checkTie(fields)
    if (reason !== undefined) {
      collector.reject(number, reason)
      continue
    }
    const [first, second] = [String(BigInt(fields[0] ?? '')), String(BigInt(fields[1] ?? ''))]
    const [start, end] = BigInt(first) < BigInt(second) ? [first, second] : [second, first]
    const key = `${start}->${end}`
    if (pairLines.has(key)) {
      collector.reject(number, `Duplicate tie between ${start} and ${end}: line ${pairLines.get(key)} lists the same pair.`)
      continue
    }
    pairLines.set(key, number)

    collector.relationships.push({
      id: `karate:${key}`,
      type: 'ASSOCIATE_OF',
      source: member(start).id,
      target: member(end).id,
      properties: { weight: parseFloatValue(fields[2] ?? '', 'column 3') },
      provenance: openDataProvenance(source),
    })
  }

  collector.nodes.push(...members.values())
  return collector.result()
}

function checkTie(fields: string[]): string | undefined {
  if (fields.length !== 3) {
    return `Expected 3 fields "source target weight" but found ${fields.length}: ${quote(fields.join(' '))}.`
  }
  const [first = '', second = '', weight = ''] = fields
  if (!UNSIGNED_INTEGER.test(first) || !UNSIGNED_INTEGER.test(second)) {
    return `Invalid member ids ${quote(`${first} ${second}`)}: expected whole numbers.`
  }
  if (BigInt(first) === BigInt(second)) {
    return `Self-loop on member ${quote(first)}: a member cannot be tied to themselves.`
  }
  try {
    parseFloatValue(weight, 'column 3')
  } catch (error) {
    if (error instanceof ValueError) {
      return error.message
    }
    throw error
  }
  return undefined
}

function readClubs(
  clubs: { file: string; text: string },
  member: (id: string) => NodeRecord,
  collector: ReadCollector,
): void {
  const [header, ...rows] = parseCsv(clubs.text).records
  const columns = header?.fields.map((field) => field.trim()) ?? []
  const nodeColumn = columns.indexOf('node')
  const clubColumn = columns.indexOf('club')
  if (nodeColumn === -1 || clubColumn === -1) {
    collector.rejected.push({
      file: clubs.file,
      line: header?.line ?? 1,
      reason: `Invalid header ${quote(columns.join(','))}: expected the columns node,club.`,
    })
    return
  }

  for (const row of rows) {
    const id = (row.fields[nodeColumn] ?? '').trim()
    const club = (row.fields[clubColumn] ?? '').trim()
    let reason: string | undefined
    if (row.problem) {
      reason = `Invalid CSV at value ${quote(row.problem.value)}: ${row.problem.message}.`
    } else if (!UNSIGNED_INTEGER.test(id)) {
      reason = `Invalid member id ${quote(id)} in column "node": expected a whole number.`
    } else if (club === '') {
      reason = 'Missing value in column "club".'
    }
    if (reason !== undefined) {
      collector.rejected.push({ file: clubs.file, line: row.line, reason })
      continue
    }
    member(String(BigInt(id))).properties.club = club
  }
}
