/**
 * A word of a name prepared once for matching: its folded form, its Latin spellings under
 * each standard, its skeleton keys, and whether it is a patronymic.
 */
import { romanizeArmenian, romanizeGeorgian } from './caucasus.js'
import { cyrillicLanguage, cyrillicRomanizations, type CyrillicLanguage } from './cyrillic.js'
import { skeletonKeys } from './skeleton.js'
import { fold, scriptOf, tokenize, type Script } from './text.js'

/** Rules a match may come from: the same spelling, a romanisation standard, or a looser rule. */
export const MATCH_STANDARDS = ['exact', 'icao', 'bgn-pcgn', 'gost', 'scholarly', 'national', 'variant', 'fuzzy', 'prefix'] as const
export type MatchStandard = (typeof MATCH_STANDARDS)[number]

/** A Latin spelling of a non-Latin word under one standard. */
export interface Romanization {
  standard: MatchStandard
  /** Lower case, apostrophes and primes written as '. */
  text: string
  /** Folded: accents dropped, š as sh, apostrophes left out. */
  folded: string
}

export interface PreparedWord {
  original: string
  script: Script
  /** Lower case, apostrophes and primes written as '. */
  lower: string
  folded: string
  /** Latin spellings of a Cyrillic, Georgian or Armenian word; empty for a Latin one. */
  romanizations: Romanization[]
  keys: string[]
  patronymic: boolean
}

const PATRONYMIC_ENDINGS = /(ович|евич|ьич|ич|овна|евна|ична|ovich|evich|ovitch|evitch|ovych|ovna|evna|ichna|ivna)$/

/** Writes every apostrophe, prime and backtick as ', and lower-cases. */
export function normalizeApostrophes(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/['’ʼʹʺ″′`´"”“]/g, "'")
}

/** Prepares one word; `language` is the Cyrillic language of the whole name, if known. */
export function prepareWord(word: string, patronymic = false, language?: CyrillicLanguage): PreparedWord {
  const script = scriptOf(word)
  return {
    original: word,
    script,
    lower: normalizeApostrophes(word),
    folded: fold(word),
    romanizations: romanizationsOf(word, script, language),
    keys: skeletonKeys(word),
    patronymic,
  }
}

/**
 * Splits a name into prepared words. In a name of three words or more, a word after the
 * first with a patronymic ending (-ovich, -ovna, -ich ...) counts as the patronymic, which
 * a query may leave out. Surnames such as Babrykovich come first or stand in a two-word name.
 */
export function prepareName(text: string): PreparedWord[] {
  const words = tokenize(text)
  const language = cyrillicLanguage(words.join(' '))
  return words.map((word, index) => {
    const patronymic = words.length >= 3 && index > 0 && [...word].length > 5 && PATRONYMIC_ENDINGS.test(fold(word))
    return prepareWord(word, patronymic, language)
  })
}

function romanizationsOf(word: string, script: Script, language: CyrillicLanguage | undefined): Romanization[] {
  const spelled = (standard: MatchStandard, text: string): Romanization => ({
    standard,
    text: normalizeApostrophes(text),
    folded: fold(text),
  })
  switch (script) {
    case 'cyrillic':
      return cyrillicRomanizations(word, language).map(({ standard, text }) => spelled(standard, text))
    case 'georgian':
      return [spelled('national', romanizeGeorgian(word.toLowerCase()))]
    case 'armenian':
      return [spelled('bgn-pcgn', romanizeArmenian(word))]
    default:
      return []
  }
}
