/**
 * The skeleton keys and the name matcher, without a database. Spelling variants share a key
 * and each romanisation names its standard. A shared surname alone ranks below a full name,
 * and so do nicknames and patronymics. Exact mode turns variants and typos off.
 */
import t from 'tap'

import { editDistance, matchNames, nameKeysOf, prepareNames, prepareQuery, skeletonKeys, storedNamesOf, type StoredName } from '../../src/names/index.js'

/** Spellings found in police files that must share a skeleton key. */
const VARIANTS: [string, string[]][] = [
  ['Хорьков', ['Khorkov', "Khor'kov", 'Horkov', 'Xorkov', 'Chorkov']],
  ['Щербаков', ['Shcherbakov', 'Scherbakov', 'Shherbakov', 'Ščerbakov']],
  ['Юрий', ['Yuriy', 'Yuri', 'Iurii', 'Jurij', 'Yurii', 'Juri']],
  ['Дмитрий', ['Dmitriy', 'Dmitry', 'Dmitrii', 'Dmitrij', 'Dmitri']],
  ['Белый', ['Belyy', 'Bely', 'Belyi', 'Belyj', 'Belii']],
  ['Киселёв', ['Kiselev', 'Kiselyov', 'Kiseljov', 'Kiselëv']],
  ['Наталья', ['Natalya', 'Natalia', "Natal'ya", 'Natal`ja']],
  ['Зайцев', ['Zaytsev', 'Zaitsev', 'Zajcev', 'Zaitzev']],
  ['Джафаров', ['Dzhafarov', 'Jafarov', 'Djafarov']],
  ['Жуков', ['Zhukov', 'Žukov']],
  ['Волков', ['Volkov', 'Wolkow']],
  ['Петросян', ['Petrosyan', 'Petrossian', 'Petrosian']],
  ['Гасанов', ['Hasanov', 'Gasanov']],
  ['Богдан', ['Bohdan', 'Bogdan']],
  ['Ярослав', ['Yaroslav', 'Iaroslav', 'Jaroslav']],
  ['ლევან', ['Levan']],
  ['ხუციშვილი', ['Khutsishvili', 'Chuzischwili'.replace('z', 'ts')]],
]

t.test('variants share a skeleton key', async (t) => {
  for (const [original, spellings] of VARIANTS) {
    const keys = skeletonKeys(original)
    for (const spelling of spellings) {
      t.ok(skeletonKeys(spelling).some((key) => keys.includes(key)), `${spelling} shares a key with ${original} (${keys.join(', ')})`)
    }
  }
})

t.test('different names keep different keys', async (t) => {
  const pairs = [['Волков', 'Орлов'], ['Иванов', 'Иваньков'], ['Sergey', 'Sokolov'], ['Чернов', 'Хернов']]
  for (const [left, right] of pairs) {
    const leftKeys = skeletonKeys(left as string)
    t.notOk(skeletonKeys(right as string).some((key) => leftKeys.includes(key)), `${left} and ${right}`)
  }
})

t.test('edit distance counts a transposition once', async (t) => {
  t.equal(editDistance('kalashov', 'kalsahov'), 1)
  t.equal(editDistance('kalashov', 'klaashvo'), 2)
  t.equal(editDistance('kalashov', 'kalahsov'), 1)
  t.equal(editDistance('usoyan', 'usoyn'), 1)
  t.equal(editDistance('', 'abc'), 3)
  t.equal(editDistance('volkov', 'orlov', 1), 2, 'stops past the limit')
})

function match(query: string, names: StoredName[], exact = false) {
  return matchNames(prepareQuery(query), prepareNames(names), { exact })
}

const KHORKOV: StoredName[] = [{ text: 'Хорьков Сергей Викторович', kind: 'name' }]

t.test('each standard is named', async (t) => {
  const cases: [string, string][] = [
    ['Sergei Khorkov', 'icao'],
    ["Sergey Khor'kov", 'bgn-pcgn'],
    ['Sergej Xor`kov', 'gost'],
    ['Хорьков Сергей', 'exact'],
    ['Serhei Horkov', 'variant'],
    ['Sergey Khorkob', 'fuzzy'],
    ['Khork', 'prefix'],
  ]
  for (const [query, standard] of cases) {
    t.equal(match(query, KHORKOV)?.standard, standard, `${query}: ${standard}`)
  }
})

t.test('every standard that fits is listed', async (t) => {
  // GOST and the scholarly system both write сергей as sergej and ь as a prime or backtick.
  t.same(match('Sergej Xor`kov', KHORKOV)?.standards, ['gost', 'scholarly'])
  t.same(match("Khor'kov", KHORKOV)?.standards, ['bgn-pcgn'])
  t.same(match('Shcherbakov', [{ text: 'Щербаков', kind: 'name' }])?.standards, ['icao', 'bgn-pcgn'])
})

t.test('hit explains each word', async (t) => {
  const found = match('Khorkov Sergei', KHORKOV)

  t.equal(found?.name, 'Хорьков Сергей Викторович')
  t.equal(found?.nameKind, 'name')
  t.equal(found?.distance, 0)
  t.equal(found?.queryVariant, 'khorkov sergei')
  t.same(found?.words.map((word) => word.stored), ['хорьков', 'сергей'])
  t.ok(Math.abs((found?.score ?? 0) - 0.99) < 1e-6, `score ${found?.score}`)
})

t.test('Cyrillic query finds a Latin name', async (t) => {
  const found = match('Щербаков Олег', [{ text: 'Oleg Shcherbakov', kind: 'name' }])

  t.equal(found?.standard, 'icao')
  t.same(found?.standards, ['icao', 'bgn-pcgn'])
})

t.test('shared surname ranks below', async (t) => {
  const full = match('Oleg Volkov', [{ text: 'Олег Волков', kind: 'name' }])
  const surname = match('Oleg Volkov', [{ text: 'Сергей Волков', kind: 'name' }])

  t.ok(full !== null && surname !== null, 'both match')
  t.ok((full?.score ?? 0) > (surname?.score ?? 1), `${full?.score} > ${surname?.score}`)
  t.ok((surname?.score ?? 1) < 0.6, `surname only scores ${surname?.score}`)
})

t.test('exact mode drops variants and typos', async (t) => {
  t.equal(match('Sergei Khorkov', KHORKOV, true)?.standard, 'icao')
  t.equal(match('Sergei Horkov', KHORKOV, true), null, 'a variant does not match')
  t.equal(match('Sergei Khorkob', KHORKOV, true), null, 'a typo does not match')
  t.equal(match('Khork', KHORKOV, true), null, 'a prefix does not match')
  t.equal(match('Sergei Ivanov', KHORKOV, true), null, 'every word must match')
})

t.test('half the words must match', async (t) => {
  t.equal(match('Zakhar OR Pepe', [{ text: 'Zakhar Kalashov', kind: 'name' }]), null)
  t.not(match('Zakhar Pepe', [{ text: 'Zakhar Kalashov', kind: 'name' }]), null)
})

t.test('patronymic ranks below and may be left out', async (t) => {
  const withoutPatronymic = match('Sergei Khorkov', KHORKOV)
  const patronymicOnly = match('Viktorovich', KHORKOV)

  t.equal(withoutPatronymic?.nameKind, 'name')
  t.ok(Math.abs((withoutPatronymic?.score ?? 0) - 0.99) < 1e-6, 'the patronymic is not needed for a full score')
  t.equal(patronymicOnly?.nameKind, 'patronymic')
  t.ok((patronymicOnly?.score ?? 1) < 0.6, `patronymic alone scores ${patronymicOnly?.score}`)
})

t.test('nickname ranks below a name', async (t) => {
  const names = storedNamesOf('Otar Gogoladze', { nickname: 'Sedoy', aliases: ['Седой', 'Отар Гоголадзе'] })
  const nickname = match('Sedoy', names)
  const name = match('Gogoladze', names)

  t.same(
    names.map((stored) => stored.kind),
    ['name', 'nickname', 'alias', 'nickname'],
    'Седой is the nickname Sedoy in Cyrillic',
  )
  t.equal(nickname?.nameKind, 'nickname')
  t.ok((nickname?.score ?? 1) < (name?.score ?? 0), `nickname ${nickname?.score} < name ${name?.score}`)
})

t.test('name keys cover names and aliases', async (t) => {
  const keys = nameKeysOf(['Захар Калашов', 'Shakro Molodoy'])

  t.same(keys, ['zahar', 'kalashov', 'shakro', 'molodoi'])
})
