/**
 * Skeleton keys: a coarse Latin spelling of a word under which the usual transliteration
 * variants become equal, so a Latin query finds a Cyrillic, Georgian or Armenian name and
 * the reverse. The variants merged are the ones police files mix:
 *
 * - ё and е (yo, io, e), the soft and hard signs written (’ ” `) or dropped;
 * - й as i, y or j, and the endings -ий and -ый as -iy, -y, -ii, -yi or -ij;
 * - х as kh, h or x; ж as zh, j or ž; ц as ts, c, cz or tz; щ as shch, sch, shh or šč;
 *   ч as ch, tch, tsch or č; дж as dzh, dj or j;
 * - ю as yu, iu or ju, я as ya, ia or ja, and е written ye or ie after a vowel;
 * - w as v (Wolkow), ou as u (Oussoyan), ph as f, and double letters as one.
 *
 * Ambiguous Latin spellings give several keys. They are ch (ч, or the German х), x (х or ks),
 * h (х, г, or silent as in Hakobyan and Akopyan), q (к or г) and an initial j (дж or й). A
 * Cyrillic word is first romanised with unambiguous digraphs, so it gives one key.
 */
import { romanizeArmenian, romanizeGeorgian } from './caucasus.js'
import { fold, scriptOf, withoutApostrophes } from './text.js'

/** Most keys kept for one word; later combinations of ambiguous letters are dropped. */
export const MAX_KEYS_PER_WORD = 16

/** Cyrillic letters in the Latin spelling the rules below read without ambiguity. */
const CYRILLIC_REFERENCE: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'yo', є: 'ye', ж: 'zh', з: 'z',
  и: 'i', і: 'i', ї: 'yi', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'tch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
}

/**
 * Latin letter groups and what each may stand for, longest first. The first reading is
 * the one a Cyrillic word's reference spelling means.
 */
const LATIN_RULES: [string, readonly string[]][] = [
  ['shch', ['sh']],
  ['tsch', ['ch']],
  ['dzh', ['j']],
  ['sch', ['sh']],
  ['shh', ['sh']],
  ['tch', ['ch']],
  ['sh', ['sh']],
  ['zh', ['zh']],
  ['kh', ['h']],
  ['dj', ['j']],
  ['ch', ['ch', 'h']],
  ['ts', ['c']],
  ['tz', ['c']],
  ['cz', ['c']],
  ['ck', ['k']],
  ['ph', ['f']],
  ['ou', ['u']],
  ['x', ['h', 'ks']],
  ['w', ['v']],
  ['y', ['i']],
  ['q', ['k', 'g']],
  ['h', ['h', 'g', '']],
]

/** Returns the skeleton keys of one word of any script, at most MAX_KEYS_PER_WORD. */
export function skeletonKeys(word: string): string[] {
  const script = scriptOf(word)
  switch (script) {
    case 'cyrillic':
      return latinKeys(cyrillicReference(word.toLowerCase()), false)
    case 'georgian':
      return latinKeys(withoutApostrophes(romanizeGeorgian(word)), true)
    case 'armenian':
      return latinKeys(withoutApostrophes(romanizeArmenian(word)), true)
    default:
      return latinKeys(fold(word), true)
  }
}

function cyrillicReference(word: string): string {
  return [...withoutApostrophes(word)]
    .map((letter) => CYRILLIC_REFERENCE[letter] ?? letter)
    .join('')
}

/** Reads a folded Latin word by the rules, with every reading when `ambiguous` is set. */
function latinKeys(word: string, ambiguous: boolean): string[] {
  let keys = ['']
  let index = 0
  while (index < word.length) {
    const rest = word.slice(index)
    const rule = LATIN_RULES.find(([group]) => rest.startsWith(group))
    let readings: readonly string[]
    let length: number
    if (rule !== undefined) {
      readings = rule[1]
      length = rule[0].length
    } else if (rest.startsWith('j')) {
      readings = index === 0 ? ['j', 'i'] : ['i']
      length = 1
    } else {
      readings = [rest[0] as string]
      length = 1
    }
    const used = ambiguous ? readings : readings.slice(0, 1)
    keys = keys.flatMap((key) => used.map((reading) => key + reading)).slice(0, MAX_KEYS_PER_WORD)
    index += length
  }
  return [...new Set(keys.map(finishKey).filter((key) => key.length > 0))]
}

/** Merges the vowel variants and double letters left after the letter rules. */
function finishKey(key: string): string {
  return key
    .replace(/(^|[aeiou])ie/g, '$1e')
    .replace(/io/g, 'e')
    .replace(/(.)\1+/g, '$1')
}
