/**
 * Script detection, case folding and tokenisation shared by the romanisers and the matcher.
 */

export type Script = 'latin' | 'cyrillic' | 'georgian' | 'armenian' | 'other'

/** Apostrophes and primes that romanisations write for soft and hard signs or ejectives. */
const APOSTROPHES = /['’ʼʹʺ″′`´"”“]/g

/** Latin letters whose diacritic marks a different sound, spelled out before accents are dropped. */
const SPELLED_OUT: Record<string, string> = {
  š: 'sh',
  č: 'ch',
  ž: 'zh',
  ş: 'sh',
  ç: 'ch',
  ə: 'e',
  ı: 'i',
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  ł: 'l',
  đ: 'd',
}

/** Maximum code points of one word that matching and keys read. The rest of a longer word is ignored. */
export const MAX_WORD_LENGTH = 64

/** Maximum UTF-16 code units of one name that tokenize reads. The rest of a longer name is ignored. */
export const MAX_NAME_LENGTH = 512

/** Zero-width spaces, joiners, the word joiner, the byte-order mark and the soft hyphen. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g

/** Marks that may sit inside a word: one or two apostrophes, primes, backticks or a closing ” quote. */
const WORD_MARKS = "['’ʼʹʺ″′`´”]"

/**
 * Normalises text before tokenising: NFKC, so full-width ＫＨＯＲＫＯＶ reads as KHORKOV, with
 * the invisible characters removed. The apostrophes and primes stay as written, because NFKC
 * would turn ´ into a space and ″ into two primes.
 */
export function normalizeText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/[^'’ʼʹʺ″′`´”]+/g, (piece) => piece.normalize('NFKC'))
}

export function scriptOf(word: string): Script {
  if (/\p{Script=Cyrillic}/u.test(word)) return 'cyrillic'
  if (/\p{Script=Georgian}/u.test(word)) return 'georgian'
  if (/\p{Script=Armenian}/u.test(word)) return 'armenian'
  if (/\p{Script=Latin}/u.test(word)) return 'latin'
  return 'other'
}

/**
 * Splits the first MAX_NAME_LENGTH code units of a name into lower-case words of at most
 * MAX_WORD_LENGTH code points, after normalizeText. One or two apostrophes or primes inside a
 * word stay, because BGN/PCGN writes the soft and hard signs ’ and ” and GOST writes them `
 * and ``. Other quotes, brackets, slashes and every other punctuation mark separate words.
 */
export function tokenize(text: string): string[] {
  const words: string[] = []
  const pattern = new RegExp(`[\\p{L}\\p{M}\\p{N}]+(?:${WORD_MARKS}{1,2}[\\p{L}\\p{M}\\p{N}]+)*`, 'gu')
  for (const match of normalizeText(text.slice(0, MAX_NAME_LENGTH)).toLowerCase().matchAll(pattern)) {
    words.push(truncateWord(match[0]))
  }
  return words
}

/** Keeps the first MAX_WORD_LENGTH code points of a word, so one long word costs bounded work. */
function truncateWord(word: string): string {
  if (word.length <= MAX_WORD_LENGTH) {
    return word
  }
  return [...word.slice(0, 2 * MAX_WORD_LENGTH)].slice(0, MAX_WORD_LENGTH).join('')
}

/** Drops apostrophes and primes, so "khor'kov" and "khorkov" compare equal. */
export function withoutApostrophes(word: string): string {
  return word.replace(APOSTROPHES, '')
}

/**
 * Folds a word for accent-insensitive comparison: lower case, apostrophes dropped, Latin
 * letters such as š and ş spelled out as sh, then the accents of the other Latin letters
 * removed (é to e, ü to u). Letters of other scripts stay as they are, so й and ё keep
 * their marks.
 */
export function fold(word: string): string {
  let folded = ''
  for (const character of withoutApostrophes(word.normalize('NFC').toLowerCase())) {
    const spelled = SPELLED_OUT[character]
    if (spelled !== undefined) {
      folded += spelled
    } else if (/\p{Script=Latin}/u.test(character)) {
      folded += character.normalize('NFD').replace(/\p{M}/gu, '')
    } else if (!/\p{M}/u.test(character)) {
      folded += character
    }
  }
  return folded
}
