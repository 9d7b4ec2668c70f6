/**
 * Full-text search over names and aliases. The user's text never reaches Lucene as syntax:
 * every term is escaped, then searched as a prefix and, from four letters on, with an edit
 * distance of one, so "usoyn" still finds "Usoyan".
 */
import type { Viewer } from '../data/database.js'
import type { EntityRepository, SearchHit } from '../data/repositories/entities.js'

/** Lucene's query syntax characters, including the two-character operators' first letters. */
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g
const MAX_TERMS = 8
/** Lucene's operators, dropped from a query with other terms, because users type them as logic. */
const OPERATOR_WORDS = new Set(['AND', 'OR', 'NOT', 'TO'])

export function escapeLuceneTerm(term: string): string {
  return term.replace(LUCENE_SPECIAL, (character) => `\\${character}`)
}

/**
 * Builds a Lucene query from free text, or returns null when the text has no searchable
 * letters or digits (a query of only punctuation finds nothing rather than failing).
 */
export function buildSearchQuery(text: string): string | null {
  const terms = text
    .normalize('NFC')
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
    const fuzzy = [...lower].length >= 4 ? ` OR ${escaped}~1` : ''
    return `(${escaped}^3 OR ${escaped}*^2${fuzzy})`
  })
  return clauses.join(' AND ')
}

export function createSearchService(entities: EntityRepository) {
  return {
    async search(text: string, labels: string[], limit: number, viewer: Viewer): Promise<SearchHit[]> {
      const query = buildSearchQuery(text)
      if (query === null) {
        return []
      }
      return entities.search(query, labels, limit, viewer)
    },
  }
}
