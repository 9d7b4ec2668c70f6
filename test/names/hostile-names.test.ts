/**
 * The name matcher on names from police files and hostile imports. They contain a word of two
 * million letters, thousands of aliases, the BGN/PCGN and GOST hard signs, or full-width and
 * zero-width characters. Each "why matched" distance is the distance between the variants shown.
 */
import t from 'tap'

import {
  editDistance,
  matchNames,
  MAX_STORED_NAMES,
  MAX_WORD_LENGTH,
  prepareNames,
  prepareQuery,
  skeletonKeys,
  storedNamesOf,
  tokenize,
  type StoredName,
} from '../../src/names/index.js'

function match(query: string, names: StoredName[]) {
  return matchNames(prepareQuery(query), prepareNames(names), { exact: false })
}

const LONG_NAME = 'A'.repeat(2_000_000)

t.test('long word is cut to the word limit', async (t) => {
  const [name] = prepareNames(storedNamesOf(LONG_NAME, {}))

  t.equal(MAX_WORD_LENGTH, 64)
  t.equal(name?.words.length, 1)
  t.equal(name?.words[0]?.original.length, 64)
  t.equal(name?.words[0]?.folded.length, 64)
  t.same(name?.words[0]?.keys, ['a'])
})

t.test('long name is read up to its limit', async (t) => {
  const words = tokenize('Ab '.repeat(100_000))

  t.equal(words.length, 171, 'the first 512 characters hold 171 words')
  t.equal(words[0], 'ab')
})

t.test('query of 64 A matches long word', async (t) => {
  const found = match('A'.repeat(64), [{ text: LONG_NAME, kind: 'name' }])

  t.equal(found?.standard, 'exact')
  t.equal(found?.distance, 0)
  t.equal(found?.words[0]?.stored.length, 64)
})

t.test('thousands of aliases count up to the limit', async (t) => {
  const aliases = Array.from({ length: 5000 }, (_, index) => `Alias ${index}`)
  const names = storedNamesOf('Oleg Volkov', { aliases, nicknames: aliases })

  t.equal(MAX_STORED_NAMES, 64)
  t.equal(names.length, 64)
  t.equal(names[0]?.text, 'Oleg Volkov')
  t.equal(names[63]?.text, 'Alias 62')
})

const PODYACHEV: StoredName[] = [{ text: 'Анатолий Подъячев', kind: 'name' }]

t.test('hard sign stays inside a word', async (t) => {
  t.same(tokenize('Pod”yachev'), ['pod”yachev'])
  t.same(tokenize('Pod``yachev'), ['pod``yachev'])
  t.same(tokenize('“Sedoy” Petrov'), ['sedoy', 'petrov'])
})

t.test('BGN/PCGN hard sign matches', async (t) => {
  const found = match('Anatoliy Pod”yachev', PODYACHEV)

  t.equal(found?.standard, 'bgn-pcgn')
  t.equal(found?.distance, 0)
  t.equal(found?.words[1]?.stored, 'подъячев')
  t.equal(match('Pod”yachev', PODYACHEV)?.standard, 'bgn-pcgn')
})

t.test('GOST hard sign matches', async (t) => {
  const found = match('Anatolij Pod``yachev', PODYACHEV)

  t.equal(found?.standard, 'gost')
  t.same(found?.standards, ['gost'])
  t.equal(found?.distance, 0)
})

t.test('variant distance fits variants shown', async (t) => {
  const found = match('Alexei Horkov', [{ text: 'Алексей Хорьков', kind: 'name' }])
  const alexei = found?.words.find((word) => word.query === 'alexei')

  t.equal(alexei?.standard, 'variant')
  t.equal(alexei?.queryVariant, 'alexei')
  t.equal(alexei?.storedVariant, 'aleksei')
  t.equal(alexei?.distance, 2)
  for (const word of found?.words ?? []) {
    t.equal(editDistance(word.queryVariant, word.storedVariant), word.distance, `${word.query}: ${word.queryVariant} to ${word.storedVariant}`)
  }
})

t.test('full-width letters read as Latin', async (t) => {
  const found = match('ＫＨＯＲＫＯＶ', [{ text: 'Хорьков', kind: 'name' }])

  t.same(tokenize('ＫＨＯＲＫＯＶ'), ['khorkov'])
  t.equal(found?.standard, 'icao')
  t.equal(found?.distance, 0)
})

t.test('zero-width characters are dropped', async (t) => {
  const found = match('Khor\u200bkov', [{ text: 'Хорьков', kind: 'name' }])

  t.same(tokenize('Khor\u200bkov Ol\u00adeg\ufeff'), ['khorkov', 'oleg'])
  t.equal(found?.standard, 'icao')
  t.equal(found?.distance, 0)
  t.same(skeletonKeys(tokenize('Khor\u2060kov')[0] ?? ''), skeletonKeys('khorkov'))
})

t.test('acute and double prime stay marks', async (t) => {
  t.same(tokenize('Khor´kov'), ['khor´kov'])
  t.same(tokenize('Pod″jačev'), ['pod″jačev'])
})
