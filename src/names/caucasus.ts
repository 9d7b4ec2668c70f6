/**
 * Romanisation of Georgian and Armenian names.
 *
 * - Georgian: the national system of 2002 (Georgian State Department of Geodesy and
 *   Cartography), which BGN/PCGN adopted in 2009. Ejective consonants carry an apostrophe
 *   (k', p', t', ts', ch', q'), which passports and most police files leave out, so both
 *   forms are produced.
 * - Armenian: BGN/PCGN 1981 for Eastern Armenian. ե is ye and ո is vo at the start of a
 *   word, ու is u, և is yev (ev inside a word), and aspirated consonants carry ’.
 */

const GEORGIAN: Record<string, string> = {
  ა: 'a', ბ: 'b', გ: 'g', დ: 'd', ე: 'e', ვ: 'v', ზ: 'z', თ: 't', ი: 'i', კ: "k'", ლ: 'l',
  მ: 'm', ნ: 'n', ო: 'o', პ: "p'", ჟ: 'zh', რ: 'r', ს: 's', ტ: "t'", უ: 'u', ფ: 'p', ქ: 'k',
  ღ: 'gh', ყ: "q'", შ: 'sh', ჩ: 'ch', ც: 'ts', ძ: 'dz', წ: "ts'", ჭ: "ch'", ხ: 'kh', ჯ: 'j',
  ჰ: 'h',
}

const ARMENIAN: Record<string, string> = {
  ա: 'a', բ: 'b', գ: 'g', դ: 'd', ե: 'e', զ: 'z', է: 'e', ը: 'y', թ: 't’', ժ: 'zh', ի: 'i',
  լ: 'l', խ: 'kh', ծ: 'ts', կ: 'k', հ: 'h', ձ: 'dz', ղ: 'gh', ճ: 'ch', մ: 'm', յ: 'y', ն: 'n',
  շ: 'sh', ո: 'o', չ: 'ch’', պ: 'p', ջ: 'j', ռ: 'r', ս: 's', վ: 'v', տ: 't', ր: 'r', ց: 'ts’',
  փ: 'p’', ք: 'k’', օ: 'o', ֆ: 'f',
}

/** Romanises a Georgian word under the national system, with the ejectives' apostrophes. */
export function romanizeGeorgian(word: string): string {
  return [...word].map((letter) => GEORGIAN[letter] ?? letter).join('')
}

/** Romanises an Eastern Armenian word under BGN/PCGN, in lower case. */
export function romanizeArmenian(word: string): string {
  const letters = [...word.toLowerCase()]
  let output = ''
  for (let index = 0; index < letters.length; index++) {
    const letter = letters[index] as string
    const initial = index === 0
    if (letter === 'ո' && letters[index + 1] === 'ւ') {
      output += 'u'
      index += 1
    } else if (letter === 'և') {
      output += initial ? 'yev' : 'ev'
    } else if (letter === 'ե' && initial) {
      output += 'ye'
    } else if (letter === 'ո' && initial) {
      output += 'vo'
    } else {
      output += ARMENIAN[letter] ?? letter
    }
  }
  return output
}
