/**
 * Romanisation of Russian, Ukrainian and Belarusian Cyrillic under four standards, each
 * written from its published table:
 *
 * - `icao`: ICAO Doc 9303, Machine Readable Travel Documents, Part 3 (7th edition, 2015),
 *   the table of Cyrillic characters used in passports. It writes й as i, ю as iu, я as ia,
 *   ъ as ie and leaves ь out. Belarusian г is h and ё is io, and Ukrainian и is y.
 * - `bgn-pcgn`: the BGN/PCGN systems for Russian (1947), Ukrainian (2019, the Ukrainian
 *   national system of 2010) and Belarusian (1979). Ye, yu, ya and their kin are written at
 *   the start of a word (and, in Russian and Belarusian, after a vowel or a sign), ie, iu, ia
 *   elsewhere in Ukrainian; the soft sign is ’ and the hard sign ” in Russian.
 * - `gost`: GOST 7.79-2000, system B (ISO 9:1995 with ASCII letters): х as x, щ as shh, ц as
 *   c before e, i, y, j and cz elsewhere, ы as y`, э as e`, ь as ` and ъ as ``.
 * - `scholarly`: the scientific (linguistic) transliteration of Slavists: ж ž, ч č, ш š,
 *   щ šč, х x, ц c, й j, ю ju, я ja, ь ′, ъ ″, э è, ё ë.
 */

export const CYRILLIC_STANDARDS = ['icao', 'bgn-pcgn', 'gost', 'scholarly'] as const
export type CyrillicStandard = (typeof CYRILLIC_STANDARDS)[number]

export type CyrillicLanguage = 'ru' | 'uk' | 'be'

/** Letters every table writes the same way. */
const COMMON: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', д: 'd', з: 'z', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
}

type Table = Record<string, string>

const ICAO: Table = {
  г: 'g', ґ: 'g', е: 'e', ё: 'e', є: 'ie', ж: 'zh', и: 'i', і: 'i', ї: 'i', й: 'i', ў: 'u',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu',
  я: 'ia', "'": '', '’': '', 'ʼ': '',
}

const GOST: Table = {
  г: 'g', ґ: 'g`', е: 'e', ё: 'yo', є: 'ye', ж: 'zh', и: 'i', і: 'i', ї: 'yi', й: 'j',
  ў: 'u`', х: 'x', ц: 'cz', ч: 'ch', ш: 'sh', щ: 'shh', ъ: '``', ы: 'y`', ь: '`', э: 'e`',
  ю: 'yu', я: 'ya', "'": "''", '’': "''", 'ʼ': "''",
}

const SCHOLARLY: Table = {
  г: 'g', ґ: 'g', е: 'e', ё: 'ë', є: 'je', ж: 'ž', и: 'i', і: 'i', ї: 'ji', й: 'j', ў: 'ŭ',
  х: 'x', ц: 'c', ч: 'č', ш: 'š', щ: 'šč', ъ: '″', ы: 'y', ь: '′', э: 'è', ю: 'ju', я: 'ja',
  "'": 'ʼ', '’': 'ʼ', 'ʼ': 'ʼ',
}

/** BGN/PCGN letters that do not depend on position; the rest are in `bgnLetter`. */
const BGN: Table = {
  г: 'g', ґ: 'g', ж: 'zh', и: 'i', і: 'i', й: 'y', ў: 'w', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ъ: '”', ы: 'y', ь: '’', э: 'e', "'": '', '’': '', 'ʼ': '',
}

const VOWELS = new Set([...'аеёиоуыэюяіїєў'])
const SIGNS = new Set(['ь', 'ъ', 'й', "'", '’', 'ʼ'])

/**
 * Guesses the language of a Cyrillic word from letters that only one of the three uses:
 * і with ї, є or ґ (or the apostrophe) is Ukrainian, ў or і elsewhere is Belarusian.
 */
export function cyrillicLanguage(word: string): CyrillicLanguage {
  if (/[їєґ]/.test(word)) return 'uk'
  if (/[ў]/.test(word)) return 'be'
  if (/і/.test(word)) return /[ыэё]/.test(word) ? 'be' : 'uk'
  return 'ru'
}

/**
 * Romanises one word or a whole name, keeping spaces and other characters as they are. The
 * language, unless given, is guessed from the whole text, because one word (Ігар) may not tell.
 */
export function romanizeCyrillic(text: string, standard: CyrillicStandard, language?: CyrillicLanguage): string {
  return text
    .normalize('NFC')
    .split(/(\s+)/)
    .map((part) => (/\s/.test(part) ? part : romanizeWord(part, standard, language ?? cyrillicLanguage(text.toLowerCase()))))
    .join('')
}

function romanizeWord(word: string, standard: CyrillicStandard, language: CyrillicLanguage): string {
  const letters = [...word]
  let output = ''
  for (let index = 0; index < letters.length; index++) {
    const original = letters[index] as string
    const lower = original.toLowerCase()
    const previous = letters[index - 1]?.toLowerCase()
    const next = letters[index + 1]?.toLowerCase()
    const latin = romanizeLetter(lower, previous, next, standard, language)
    if (latin === undefined) {
      output += original
    } else if (original !== lower && latin.length > 0) {
      // Title case for a capital (Щ to Shch), upper case when the next letter is a capital too.
      const nextIsCapital = next !== undefined && letters[index + 1] !== next
      output += nextIsCapital ? latin.toUpperCase() : latin[0]?.toUpperCase() + latin.slice(1)
    } else {
      output += latin
    }
  }
  return output
}

function romanizeLetter(
  letter: string,
  previous: string | undefined,
  next: string | undefined,
  standard: CyrillicStandard,
  language: CyrillicLanguage,
): string | undefined {
  const common = COMMON[letter]
  if (common !== undefined) {
    return common
  }
  switch (standard) {
    case 'icao':
      if (letter === 'г' && language === 'be') return 'h'
      if (letter === 'и' && language === 'uk') return 'y'
      if (letter === 'ё' && language === 'be') return 'io'
      return ICAO[letter]
    case 'gost':
      if (letter === 'ц') return next !== undefined && /[еиыйіэєї]/.test(next) ? 'c' : 'cz'
      if (letter === 'и' && language === 'uk') return 'y`'
      return GOST[letter]
    case 'scholarly':
      if (letter === 'г' && language !== 'ru') return 'h'
      if (letter === 'и' && language === 'uk') return 'y'
      return SCHOLARLY[letter]
    case 'bgn-pcgn':
      return bgnLetter(letter, previous, language)
  }
}

/** BGN/PCGN, where е, ё, є, ї, й, ю and я depend on what comes before them. */
function bgnLetter(letter: string, previous: string | undefined, language: CyrillicLanguage): string | undefined {
  const initial = previous === undefined
  const afterVowelOrSign = previous !== undefined && (VOWELS.has(previous) || SIGNS.has(previous))
  if (language === 'uk') {
    // The 2010 national system: y-forms only at the start of a word.
    const ukrainian: Table = { г: 'h', и: 'y', є: initial ? 'ye' : 'ie', ї: initial ? 'yi' : 'i', й: initial ? 'y' : 'i', ю: initial ? 'yu' : 'iu', я: initial ? 'ya' : 'ia', е: 'e', ь: '' }
    if (letter === 'г' && previous === 'з') return 'gh'
    return ukrainian[letter] ?? BGN[letter]
  }
  // NOTE: the Belarusian ie, io, iu, ia after consonants follow the 1979 table as read here, unchecked against a passport sample.
  const yForm = initial || afterVowelOrSign
  const belarusian = language === 'be'
  const positional: Table = {
    е: yForm ? 'ye' : belarusian ? 'ie' : 'e',
    ё: yForm ? 'yë' : belarusian ? 'io' : 'ë',
    ю: yForm || language === 'ru' ? 'yu' : 'iu',
    я: yForm || language === 'ru' ? 'ya' : 'ia',
  }
  if (language === 'be' && letter === 'г') return 'h'
  return positional[letter] ?? BGN[letter]
}

/** Romanisations of a Cyrillic word under every standard, in lower case. */
export function cyrillicRomanizations(word: string, language = cyrillicLanguage(word.toLowerCase())): { standard: CyrillicStandard; text: string }[] {
  return CYRILLIC_STANDARDS.map((standard) => ({ standard, text: romanizeWord(word.toLowerCase(), standard, language) }))
}

