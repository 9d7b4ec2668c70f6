/**
 * Candidate duplicates: pairs of visible records of one label that may be the same person
 * or company, filed twice, often by two countries under two spellings.
 *
 * Blocking: records meet only when one of their names shares two word keys (a given name
 * and a surname, in any order) or, for one-word names, the one key. Skeleton keys make
 * «Леван Беридзе» and "Levan Beridze" meet. Each pair is then scored from four kinds of
 * evidence, each with its reason:
 *
 * - name (weight 0.6): the name matcher's score of the better direction;
 * - birth date of a person, incorporation date of a company (0.2): the same day 1, the same
 *   year 0.6, unknown 0.4, different 0;
 * - nationality or country (0.1): shared 1, unknown 0.5, disjoint 0;
 * - shared links (0.1): 0.5 for one shared neighbour up to 1 for three, 0.3 when either
 *   record has no links, else 0.
 */
import type { Viewer } from '../data/database.js'
import type { DuplicateRepository, LinkedEntity } from '../data/repositories/duplicates.js'
import { matchNames, prepareNames, storedNamesOf, type NameMatch } from '../names/index.js'
import type { PreparedName } from '../names/match.js'
import { compareBirthDate, countryCodesOf } from './search.js'

export const DUPLICATE_TYPES = ['Person', 'Company'] as const
export type DuplicateType = (typeof DUPLICATE_TYPES)[number]

/** Maximum records of one label read; beyond it the response sets `truncated`. */
export const MAX_DUPLICATE_ENTITIES = 50_000
const MAX_LINKS = 500
/** A block this large is a common name pair; its pairs are left out rather than compared. */
const MAX_BLOCK_SIZE = 200
const KEYS_PER_WORD = 3
/** Pairs whose names score below this are not reported, whatever the other evidence. */
const MIN_NAME_SCORE = 0.6

const WEIGHTS = { name: 0.6, birthDate: 0.2, nationality: 0.1, links: 0.1 } as const
const BIRTH_SCORE = { same: 1, 'same-year': 0.6, unknown: 0.4, different: 0 } as const

/** The date property compared for each label: when a person was born or a company founded. */
const DATE_PROPERTY = { Person: 'birthDate', Company: 'incorporatedOn' } as const

export interface DuplicateSide {
  id: string
  label: string
  name: string
  ownerNcb: string | null
}

export type DuplicateReason =
  | { kind: 'name'; score: number; nameA: string; nameB: string; standard: NameMatch['standard']; distance: number; nameKind: NameMatch['nameKind'] }
  | { kind: 'birthDate' | 'incorporatedOn'; score: number; value: keyof typeof BIRTH_SCORE; a: string | null; b: string | null }
  | { kind: 'nationality'; score: number; shared: string[]; a: string[]; b: string[] }
  | { kind: 'links'; score: number; shared: number; examples: string[] }

export interface DuplicatePair {
  score: number
  a: DuplicateSide
  b: DuplicateSide
  reasons: DuplicateReason[]
}

export interface DuplicateQuery {
  type: DuplicateType
  /** The lowest pair score listed, from 0 to 1. */
  minScore: number
  limit: number
  /** Compares only the records of this dataset (`source` property). */
  source?: string
}

export interface DuplicateReport {
  type: DuplicateType
  minScore: number
  count: number
  /** Whether more records of the label exist than were read. */
  truncated: boolean
  pairs: DuplicatePair[]
}

interface Prepared {
  record: LinkedEntity
  names: PreparedName[]
}

export function createDuplicateService(repository: DuplicateRepository) {
  return {
    async find(query: DuplicateQuery, viewer: Viewer): Promise<DuplicateReport> {
      const { type, minScore, limit } = query
      const records = await repository.entities(type, query.source ?? null, MAX_DUPLICATE_ENTITIES + 1, MAX_LINKS, viewer)
      const truncated = records.length > MAX_DUPLICATE_ENTITIES
      const prepared = records.slice(0, MAX_DUPLICATE_ENTITIES).map((record) => ({
        record,
        names: prepareNames(storedNamesOf(record.entity.name, record.entity.properties)),
      }))

      const pairs: DuplicatePair[] = []
      for (const [first, second] of candidatePairs(prepared)) {
        const pair = scorePair(prepared[first] as Prepared, prepared[second] as Prepared, DATE_PROPERTY[type])
        if (pair !== null && pair.score >= minScore) {
          pairs.push(pair)
        }
      }
      pairs.sort((x, y) => y.score - x.score || x.a.id.localeCompare(y.a.id) || x.b.id.localeCompare(y.b.id))
      const listed = pairs.slice(0, limit)
      return { type, minScore, count: listed.length, truncated, pairs: listed }
    },
  }
}

export type DuplicateService = ReturnType<typeof createDuplicateService>

/** Index pairs (lower first) of records that share a blocking key. */
function candidatePairs(prepared: Prepared[]): [number, number][] {
  const blocks = new Map<string, number[]>()
  prepared.forEach((item, index) => {
    for (const key of blockingKeys(item.names)) {
      const block = blocks.get(key) ?? []
      block.push(index)
      blocks.set(key, block)
    }
  })
  const seen = new Set<string>()
  const pairs: [number, number][] = []
  for (const members of blocks.values()) {
    if (members.length < 2 || members.length > MAX_BLOCK_SIZE) continue
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const first = Math.min(members[i] as number, members[j] as number)
        const second = Math.max(members[i] as number, members[j] as number)
        const key = `${first}:${second}`
        if (first === second || seen.has(key)) continue
        seen.add(key)
        pairs.push([first, second])
      }
    }
  }
  return pairs
}

function blockingKeys(names: PreparedName[]): Set<string> {
  const keys = new Set<string>()
  for (const name of names) {
    if (name.kind === 'nickname') continue
    const words = name.words.filter((word) => !word.patronymic && word.keys.length > 0)
    if (words.length === 1) {
      for (const key of (words[0]?.keys ?? []).slice(0, KEYS_PER_WORD)) keys.add(key)
    }
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j < words.length; j++) {
        for (const left of (words[i]?.keys ?? []).slice(0, KEYS_PER_WORD)) {
          for (const right of (words[j]?.keys ?? []).slice(0, KEYS_PER_WORD)) {
            keys.add(left < right ? `${left}|${right}` : `${right}|${left}`)
          }
        }
      }
    }
  }
  return keys
}

/** Finds the best match of one record's names, each taken as a query, against the other's. */
function bestNameMatch(query: Prepared, stored: Prepared): { match: NameMatch; queryName: string } | null {
  let best: { match: NameMatch; queryName: string } | null = null
  for (const name of query.names) {
    if (name.kind === 'nickname') continue
    const match = matchNames(name.words, stored.names, { exact: false })
    if (match !== null && (best === null || match.score > best.match.score)) {
      best = { match, queryName: name.text }
    }
  }
  return best
}

function scorePair(a: Prepared, b: Prepared, dateProperty: 'birthDate' | 'incorporatedOn'): DuplicatePair | null {
  const forward = bestNameMatch(a, b)
  const backward = bestNameMatch(b, a)
  const useForward = forward !== null && (backward === null || forward.match.score >= backward.match.score)
  const best = useForward ? forward : backward
  if (best === null || best.match.score < MIN_NAME_SCORE) {
    return null
  }
  const nameA = useForward ? best.queryName : best.match.name
  const nameB = useForward ? best.match.name : best.queryName
  const entityA = a.record.entity
  const entityB = b.record.entity

  const birthA = dateOf(entityA.properties[dateProperty])
  const birthB = dateOf(entityB.properties[dateProperty])
  const birthValue = birthA === null ? 'unknown' : compareBirthDate(birthA, birthB)

  const countriesA = countryCodesOf(entityA.properties)
  const countriesB = countryCodesOf(entityB.properties)
  const sharedCountries = countriesA.filter((code) => countriesB.includes(code))
  let nationalityScore = sharedCountries.length > 0 ? 1 : 0
  if (countriesA.length === 0 || countriesB.length === 0) {
    nationalityScore = 0.5
  }

  const linkedB = new Set(b.record.linked)
  const sharedLinks = a.record.linked.filter((id) => linkedB.has(id))
  const noLinks = a.record.linked.length === 0 || b.record.linked.length === 0
  const linkScore = sharedLinks.length > 0 ? 0.5 + 0.5 * Math.min(1, (sharedLinks.length - 1) / 2) : noLinks ? 0.3 : 0

  const reasons: DuplicateReason[] = [
    { kind: 'name', score: best.match.score, nameA, nameB, standard: best.match.standard, distance: best.match.distance, nameKind: best.match.nameKind },
    { kind: dateProperty, score: BIRTH_SCORE[birthValue], value: birthValue, a: birthA, b: birthB },
    { kind: 'nationality', score: nationalityScore, shared: sharedCountries, a: countriesA, b: countriesB },
    { kind: 'links', score: linkScore, shared: sharedLinks.length, examples: sharedLinks.slice(0, 5) },
  ]
  const score =
    WEIGHTS.name * best.match.score +
    WEIGHTS.birthDate * BIRTH_SCORE[birthValue] +
    WEIGHTS.nationality * nationalityScore +
    WEIGHTS.links * linkScore
  return { score: Math.round(score * 10_000) / 10_000, a: sideOf(entityA), b: sideOf(entityB), reasons }
}

function dateOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

function sideOf(entity: LinkedEntity['entity']): DuplicateSide {
  return { id: entity.id, label: entity.label, name: entity.name, ownerNcb: entity.provenance.ownerNcb }
}
