/**
 * Search over names and aliases across scripts. Two full-text indexes propose candidates.
 * The first contains the names as written, searched by escaped terms, each as a word, a prefix
 * and, from four letters on, with one typo, so "usoyn" still finds "Usoyan". The second holds
 * the skeleton keys of every word (see src/names/skeleton.ts), so "Khorkov" finds «Хорьков».
 * The name matcher then scores every candidate and records why it matched. Birth date and
 * nationality, when given, sharpen the ranking. The user's text never reaches Lucene as syntax.
 */
import type { Viewer } from '../data/database.js'
import type { EntityRepository, SearchCandidate } from '../data/repositories/entities.js'
import type { EntityRecord } from '../data/records.js'
import {
  allowedEdits,
  matchNames,
  MAX_QUERY_WORDS,
  normalizeText,
  prepareNames,
  prepareQuery,
  skeletonKeys,
  storedNamesOf,
  tokenize,
  type NameMatch,
} from '../names/index.js'

/** Lucene's query syntax characters, including the two-character operators' first letters. */
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g
const MAX_TERMS = MAX_QUERY_WORDS
/** Lucene's operators, dropped from a query with other terms, because users type them as logic. */
const OPERATOR_WORDS = new Set(['AND', 'OR', 'NOT', 'TO'])

/** Candidates read from each index per result asked for, within these bounds. */
const CANDIDATES_PER_RESULT = 5
const MIN_CANDIDATES = 100
const MAX_CANDIDATES = 500

/** Score factors for a birth date or nationality given with the query. */
const BIRTH_DATE_FACTOR = { same: 1, 'same-year': 0.9, unknown: 0.85, different: 0.7 } as const
const NATIONALITY_FACTOR = { shared: 1, unknown: 0.9, different: 0.8 } as const

export function escapeLuceneTerm(term: string): string {
  return term.replace(LUCENE_SPECIAL, (character) => `\\${character}`)
}

/**
 * Builds a Lucene query over the names index from free text, or returns null when the text
 * has no searchable letters or digits (a query of only punctuation finds nothing rather than
 * failing). With `exact`, each term must appear as a whole word.
 */
export function buildSearchQuery(text: string, exact = false): string | null {
  const terms = normalizeText(text)
    .split(/[\s\p{P}\p{S}]+/u)
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
  const words = terms.filter((term) => !OPERATOR_WORDS.has(term))
  const kept = (words.length > 0 ? words : terms).slice(0, MAX_TERMS)
  if (kept.length === 0) {
    return null
  }
  // Lower-cased terms can never be the operators AND, OR, NOT or TO, which Lucene reads
  // only in capitals; the analyzer lower-cases the index anyway.
  const clauses = kept.map((term) => {
    const lower = term.toLowerCase()
    const escaped = escapeLuceneTerm(lower)
    if (exact) {
      return escaped
    }
    const fuzzy = [...lower].length >= 4 ? ` OR ${escaped}~1` : ''
    return `(${escaped}^3 OR ${escaped}*^2${fuzzy})`
  })
  return clauses.join(' AND ')
}

/**
 * Builds a Lucene query over the skeleton-key index: any key of any word, each also with
 * the edits `allowedEdits` grants for its length unless `exact`. Null when the text has no
 * word.
 */
export function buildKeyQuery(text: string, exact = false): string | null {
  const clauses = new Set<string>()
  for (const word of tokenize(text).slice(0, MAX_TERMS)) {
    for (const key of skeletonKeys(word)) {
      const escaped = escapeLuceneTerm(key)
      const edits = exact ? 0 : allowedEdits(key.length)
      clauses.add(edits > 0 ? `${escaped}^2 OR ${escaped}~${edits}` : `${escaped}^2`)
    }
  }
  return clauses.size === 0 ? null : [...clauses].join(' OR ')
}

export interface SearchOptions {
  labels: string[]
  limit: number
  /** Only the same spelling or a romanisation standard, every query word matched. */
  exact?: boolean
  /** YYYY-MM-DD; ranks persons born that day (or year) higher. */
  birthDate?: string
  /** ISO 3166-1 alpha-2; ranks entities of that nationality (or country) higher. */
  nationality?: string
}

export interface SearchResult {
  id: string
  label: string
  name: string
  aliases: string[]
  /** From 0 to 1: how well the names match, weighed by birth date and nationality when given. */
  score: number
  match: NameMatch & {
    birthDate?: keyof typeof BIRTH_DATE_FACTOR
    nationality?: keyof typeof NATIONALITY_FACTOR
  }
}

export function createSearchService(entities: EntityRepository) {
  return {
    async search(text: string, options: SearchOptions, viewer: Viewer): Promise<SearchResult[]> {
      const exact = options.exact ?? false
      const query = prepareQuery(text)
      const nameQuery = buildSearchQuery(text, exact)
      const keyQuery = buildKeyQuery(text, exact)
      if (query.length === 0) {
        return []
      }

      const candidateLimit = Math.min(MAX_CANDIDATES, Math.max(MIN_CANDIDATES, options.limit * CANDIDATES_PER_RESULT))
      const found: SearchCandidate[] = []
      if (nameQuery !== null) {
        found.push(...(await entities.candidates('names', nameQuery, options.labels, candidateLimit, viewer)))
      }
      if (keyQuery !== null) {
        found.push(...(await entities.candidates('keys', keyQuery, options.labels, candidateLimit, viewer)))
      }

      const results = new Map<string, SearchResult>()
      for (const { entity } of found) {
        if (results.has(entity.id)) continue
        const result = scoreEntity(entity, query, options)
        if (result !== null) results.set(entity.id, result)
      }
      return [...results.values()]
        .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
        .slice(0, options.limit)
    },
  }
}

function scoreEntity(entity: EntityRecord, query: ReturnType<typeof prepareQuery>, options: SearchOptions): SearchResult | null {
  const names = prepareNames(storedNamesOf(entity.name, entity.properties))
  const match = matchNames(query, names, { exact: options.exact ?? false })
  if (match === null) {
    return null
  }
  let score = match.score
  const reasons: Pick<SearchResult['match'], 'birthDate' | 'nationality'> = {}
  if (options.birthDate !== undefined) {
    reasons.birthDate = compareBirthDate(options.birthDate, entity.properties.birthDate)
    score *= BIRTH_DATE_FACTOR[reasons.birthDate]
  }
  if (options.nationality !== undefined) {
    reasons.nationality = compareNationality(options.nationality, entity.properties)
    score *= NATIONALITY_FACTOR[reasons.nationality]
  }
  const aliases = entity.properties.aliases
  return {
    id: entity.id,
    label: entity.label,
    name: entity.name,
    aliases: Array.isArray(aliases) ? aliases.map(String) : [],
    score: Math.round(score * 10_000) / 10_000,
    match: { ...match, ...reasons },
  }
}

export function compareBirthDate(wanted: string, stored: unknown): keyof typeof BIRTH_DATE_FACTOR {
  if (typeof stored !== 'string' || stored.length < 4) {
    return 'unknown'
  }
  if (stored.slice(0, 10) === wanted) {
    return 'same'
  }
  return stored.slice(0, 4) === wanted.slice(0, 4) ? 'same-year' : 'different'
}

/** Compares with `nationality`, else `country` or `jurisdiction`, each a code or a list. */
export function compareNationality(wanted: string, properties: Record<string, unknown>): keyof typeof NATIONALITY_FACTOR {
  const codes = countryCodesOf(properties)
  if (codes.length === 0) {
    return 'unknown'
  }
  return codes.includes(wanted.toUpperCase()) ? 'shared' : 'different'
}

export function countryCodesOf(properties: Record<string, unknown>): string[] {
  for (const key of ['nationality', 'country', 'jurisdiction']) {
    const value = properties[key]
    const codes = (Array.isArray(value) ? value : [value]).filter((code): code is string => typeof code === 'string' && code.length > 0)
    if (codes.length > 0) {
      return codes.map((code) => code.toUpperCase())
    }
  }
  return []
}
