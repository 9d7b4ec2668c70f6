/**
 * Scores how well a query matches the names of one entity, and records why. Each query word is
 * compared with each stored word: the same spelling (`exact`), a romanisation standard that
 * turns one into the other (`icao`, `bgn-pcgn`, `gost`, `scholarly`, `national`), equal
 * skeleton keys (`variant`), an edit distance within `allowedEdits` (`fuzzy`), or the start
 * of the stored word (`prefix`). Words may match in different stored names, but the name
 * with the best words decides the kind (name, alias, nickname, patronymic) and the coverage:
 * "Volkov" matches "Sergey Volkov" on half of its words, so it ranks below "Oleg Volkov"
 * when the query is "Oleg Volkov".
 */
import { allowedEdits, editDistance } from './distance.js'
import { prepareName, prepareWord, type MatchStandard, type PreparedWord, type Romanization } from './words.js'
import { cyrillicLanguage } from './cyrillic.js'
import { tokenize } from './text.js'

export type NameKind = 'name' | 'alias' | 'nickname' | 'patronymic'

/** A stored name and what kind of name it is. Nicknames ("klichka") are weak aliases. */
export interface StoredName {
  text: string
  kind: Exclude<NameKind, 'patronymic'>
}

export interface PreparedName extends StoredName {
  words: PreparedWord[]
}

export interface WordMatch {
  query: string
  stored: string
  /** The stored name the word belongs to. */
  name: string
  standard: MatchStandard
  /** Every standard that spells the stored word as the query does. */
  standards: MatchStandard[]
  queryVariant: string
  storedVariant: string
  distance: number
  similarity: number
  patronymic: boolean
}

export interface NameMatch {
  name: string
  nameKind: NameKind
  standard: MatchStandard
  standards: MatchStandard[]
  queryVariant: string
  storedVariant: string
  distance: number
  words: WordMatch[]
  /** From 0 to 1, before birth date and nationality are weighed. */
  score: number
}

export interface MatchOptions {
  /** Only the same spelling or a romanisation standard; no variants, typos or prefixes. */
  exact: boolean
}

/** Most words of a query that count; the rest are ignored. */
export const MAX_QUERY_WORDS = 8

const KIND_WEIGHT: Record<NameKind, number> = { name: 1, alias: 0.95, nickname: 0.75, patronymic: 0.6 }

/** A word found in another stored name than the best one counts a little less. */
const OTHER_NAME_WEIGHT = 0.9

const STANDARD_ORDER: MatchStandard[] = ['exact', 'icao', 'bgn-pcgn', 'gost', 'scholarly', 'national', 'variant', 'fuzzy', 'prefix']
const ROMANIZATION_STANDARDS = new Set<MatchStandard>(['icao', 'bgn-pcgn', 'gost', 'scholarly', 'national'])

export function prepareQuery(text: string): PreparedWord[] {
  const words = tokenize(text).slice(0, MAX_QUERY_WORDS)
  const language = cyrillicLanguage(words.join(' '))
  return words.map((word) => prepareWord(word, false, language))
}

export function prepareNames(names: StoredName[]): PreparedName[] {
  return names.map((name) => ({ ...name, words: prepareName(name.text) }))
}

/** Compares one query word with one stored word; null when they do not match. */
export function matchWord(query: PreparedWord, stored: PreparedWord, options: MatchOptions): Omit<WordMatch, 'name'> | null {
  const base = { query: query.original, stored: stored.original, patronymic: stored.patronymic }
  if (query.script === stored.script && query.folded === stored.folded) {
    return { ...base, standard: 'exact', standards: ['exact'], queryVariant: query.folded, storedVariant: stored.folded, distance: 0, similarity: 1 }
  }
  const romanized = romanizationMatch(query, stored)
  if (romanized !== null) {
    return { ...base, ...romanized, distance: 0, similarity: 0.99 }
  }
  if (options.exact) {
    return null
  }
  const candidates = [variantMatch(query, stored), fuzzyMatch(query, stored), prefixMatch(query, stored)]
  let best: Omit<WordMatch, 'name' | keyof typeof base> | null = null
  for (const candidate of candidates) {
    if (candidate !== null && (best === null || candidate.similarity > best.similarity)) {
      best = candidate
    }
  }
  return best === null ? null : { ...base, ...best }
}

/** Lists the Latin spellings of a word: its own when Latin, else its romanisations. */
function latinForms(word: PreparedWord): { text: string; standard: MatchStandard }[] {
  if (word.script === 'latin') {
    return [{ text: word.folded, standard: 'exact' }]
  }
  return word.romanizations.map((form) => ({ text: form.folded, standard: form.standard }))
}

function romanizationMatch(query: PreparedWord, stored: PreparedWord) {
  let latin: PreparedWord
  let other: PreparedWord
  if (query.script === 'latin' && stored.romanizations.length > 0) {
    latin = query
    other = stored
  } else if (stored.script === 'latin' && query.romanizations.length > 0) {
    latin = stored
    other = query
  } else {
    return null
  }
  // The written form first (with its apostrophes and accents), then the folded one, so that
  // "Khor'kov" names BGN/PCGN alone while "Khorkov" names ICAO.
  let matching: Romanization[] = other.romanizations.filter((form) => form.text === latin.lower)
  if (matching.length === 0) {
    matching = other.romanizations.filter((form) => form.folded === latin.folded)
  }
  if (matching.length === 0) {
    return null
  }
  const standards = [...new Set(matching.map((form) => form.standard))]
  const first = matching[0] as Romanization
  const queryVariant = query === latin ? query.folded : first.folded
  const storedVariant = stored === latin ? stored.folded : first.folded
  return { standard: standards[0] as MatchStandard, standards, queryVariant, storedVariant }
}

/** Finds the closest pair of Latin spellings of the two words, by edit distance. */
function closestForms(query: PreparedWord, stored: PreparedWord) {
  let best = { queryText: query.folded, storedText: stored.folded, distance: editDistance(query.folded, stored.folded) }
  for (const queryForm of latinForms(query)) {
    for (const storedForm of latinForms(stored)) {
      const distance = editDistance(queryForm.text, storedForm.text, best.distance)
      if (distance < best.distance) {
        best = { queryText: queryForm.text, storedText: storedForm.text, distance }
      }
    }
  }
  return best
}

function variantMatch(query: PreparedWord, stored: PreparedWord) {
  const shared = query.keys.find((key) => stored.keys.includes(key))
  if (shared === undefined) {
    return null
  }
  const closest = closestForms(query, stored)
  return {
    standard: 'variant' as const,
    standards: ['variant' as const],
    // The distance is measured between these two spellings, not between the shared keys.
    queryVariant: closest.queryText,
    storedVariant: closest.storedText,
    distance: closest.distance,
    similarity: Math.max(0.8, 0.93 - 0.02 * closest.distance),
  }
}

function fuzzyMatch(query: PreparedWord, stored: PreparedWord) {
  const allowed = allowedEdits([...query.folded].length)
  if (allowed === 0) {
    return null
  }
  const closest = closestForms(query, stored)
  let distance = closest.distance
  let queryVariant = closest.queryText
  let storedVariant = closest.storedText
  if (distance > allowed) {
    // Skeleton keys forgive the spelling variants on top of the typo.
    for (const queryKey of query.keys) {
      for (const storedKey of stored.keys) {
        const keyDistance = editDistance(queryKey, storedKey, allowed)
        if (keyDistance < distance) {
          distance = keyDistance
          queryVariant = queryKey
          storedVariant = storedKey
        }
      }
    }
  }
  if (distance > allowed) {
    return null
  }
  const length = Math.max([...queryVariant].length, [...storedVariant].length, 1)
  return {
    standard: 'fuzzy' as const,
    standards: ['fuzzy' as const],
    queryVariant,
    storedVariant,
    distance,
    similarity: 0.85 * (1 - distance / length),
  }
}

function prefixMatch(query: PreparedWord, stored: PreparedWord) {
  // Across scripts only a Latin query of three letters or more is read as a prefix.
  let storedTexts: string[] = []
  if (query.script === stored.script) {
    storedTexts = [stored.folded]
  } else if (query.script === 'latin' && [...query.folded].length >= 3) {
    storedTexts = latinForms(stored).map((form) => form.text)
  }
  const match = storedTexts.find((text) => text.startsWith(query.folded) && text !== query.folded)
  if (match === undefined) {
    return null
  }
  const queryLength = [...query.folded].length
  const storedLength = [...match].length
  return {
    standard: 'prefix' as const,
    standards: ['prefix' as const],
    queryVariant: query.folded,
    storedVariant: match,
    distance: storedLength - queryLength,
    similarity: 0.5 + (0.4 * queryLength) / storedLength,
  }
}

/**
 * Matches a prepared query against an entity's prepared names. Returns null unless at least
 * half the query's words match (every word in exact mode).
 */
export function matchNames(query: PreparedWord[], names: PreparedName[], options: MatchOptions): NameMatch | null {
  if (query.length === 0 || names.length === 0) {
    return null
  }
  const perName = names.map((name) => bestWords(query, name, options))
  let bestIndex = 0
  let bestValue = -1
  perName.forEach((words, index) => {
    const kind = names[index]?.kind ?? 'alias'
    const value = words.reduce((sum, word) => sum + (word?.similarity ?? 0), 0) * KIND_WEIGHT[kind]
    if (value > bestValue) {
      bestValue = value
      bestIndex = index
    }
  })

  const primary = names[bestIndex] as PreparedName
  const words: (WordMatch | null)[] = (perName[bestIndex] as (WordMatch | null)[]).slice()
  query.forEach((_, position) => {
    if (words[position] !== null) return
    for (const [index, other] of perName.entries()) {
      const candidate = other[position]
      if (index === bestIndex || candidate === null || candidate === undefined) continue
      const weighted = { ...candidate, similarity: candidate.similarity * OTHER_NAME_WEIGHT }
      if ((words[position]?.similarity ?? 0) < weighted.similarity) words[position] = weighted
    }
  })

  const matched = words.filter((word): word is WordMatch => word !== null)
  const required = options.exact ? query.length : Math.ceil(query.length / 2)
  if (matched.length < required || matched.length === 0) {
    return null
  }

  const inPrimary = matched.filter((word) => word.name === primary.text)
  const fullWords = primary.words.filter((word) => !word.patronymic)
  const coveredWords = new Set(inPrimary.filter((word) => !word.patronymic).map((word) => word.stored))
  const coverage = fullWords.length === 0 ? 1 : Math.min(1, coveredWords.size / fullWords.length)
  const onlyPatronymic = inPrimary.length > 0 && inPrimary.every((word) => word.patronymic)
  const nameKind: NameKind = onlyPatronymic ? 'patronymic' : primary.kind
  const similarity = matched.reduce((sum, word) => sum + word.similarity, 0) / query.length
  const score = similarity * (0.7 + 0.3 * coverage) * KIND_WEIGHT[nameKind]

  return { name: primary.text, nameKind, ...summarise(matched), words: matched, score: round(score) }
}

/** For each query word, its best match among the words of one stored name. */
function bestWords(query: PreparedWord[], name: PreparedName, options: MatchOptions): (WordMatch | null)[] {
  return query.map((queryWord) => {
    let best: WordMatch | null = null
    for (const storedWord of name.words) {
      const match = matchWord(queryWord, storedWord, options)
      if (match !== null && (best === null || match.similarity > best.similarity || (match.similarity === best.similarity && match.distance < best.distance))) {
        best = { ...match, name: name.text }
      }
    }
    return best
  })
}

/** Picks the hit's standard: the one every word shares, else the loosest word's. */
function summarise(words: WordMatch[]) {
  const distance = words.reduce((sum, word) => sum + word.distance, 0)
  const queryVariant = words.map((word) => word.queryVariant).join(' ')
  const storedVariant = words.map((word) => word.storedVariant).join(' ')
  const romanized = words.filter((word) => ROMANIZATION_STANDARDS.has(word.standard))
  const loosest = words.reduce((worst, word) => (STANDARD_ORDER.indexOf(word.standard) > STANDARD_ORDER.indexOf(worst) ? word.standard : worst), 'exact' as MatchStandard)
  if (romanized.length > 0 && !words.some((word) => STANDARD_ORDER.indexOf(word.standard) > STANDARD_ORDER.indexOf('national'))) {
    const common = STANDARD_ORDER.filter((standard) => romanized.every((word) => word.standards.includes(standard)))
    const standards = common.length > 0 ? common : [...new Set(romanized.flatMap((word) => word.standards))]
    return { standard: standards[0] as MatchStandard, standards, queryVariant, storedVariant, distance }
  }
  return { standard: loosest, standards: [loosest], queryVariant, storedVariant, distance }
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000
}
