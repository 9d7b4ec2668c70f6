/**
 * Romanisation tables checked against names spelled by hand from the published tables:
 * ICAO Doc 9303 (2015), BGN/PCGN, GOST 7.79-2000 system B and the scholarly system, with
 * Ukrainian and Belarusian letters, the Georgian national system and Armenian BGN/PCGN.
 */
import t from 'tap'

import { CYRILLIC_STANDARDS, cyrillicLanguage, romanizeArmenian, romanizeCyrillic, romanizeGeorgian, type CyrillicStandard } from '../../src/names/index.js'

interface Case {
  cyrillic: string
  expected: Record<CyrillicStandard, string>
}

const CASES: Case[] = [
  { cyrillic: 'Хорьков', expected: { icao: 'Khorkov', 'bgn-pcgn': 'Khor’kov', gost: 'Xor`kov', scholarly: 'Xor′kov' } },
  { cyrillic: 'Щербаков', expected: { icao: 'Shcherbakov', 'bgn-pcgn': 'Shcherbakov', gost: 'Shherbakov', scholarly: 'Ščerbakov' } },
  { cyrillic: 'Юрий', expected: { icao: 'Iurii', 'bgn-pcgn': 'Yuriy', gost: 'Yurij', scholarly: 'Jurij' } },
  { cyrillic: 'Киселёв', expected: { icao: 'Kiselev', 'bgn-pcgn': 'Kiselëv', gost: 'Kiselyov', scholarly: 'Kiselëv' } },
  { cyrillic: 'Наталья', expected: { icao: 'Natalia', 'bgn-pcgn': 'Natal’ya', gost: 'Natal`ya', scholarly: 'Natal′ja' } },
  { cyrillic: 'Зайцев', expected: { icao: 'Zaitsev', 'bgn-pcgn': 'Zaytsev', gost: 'Zajcev', scholarly: 'Zajcev' } },
  { cyrillic: 'Цой', expected: { icao: 'Tsoi', 'bgn-pcgn': 'Tsoy', gost: 'Czoj', scholarly: 'Coj' } },
  { cyrillic: 'Жуков', expected: { icao: 'Zhukov', 'bgn-pcgn': 'Zhukov', gost: 'Zhukov', scholarly: 'Žukov' } },
  { cyrillic: 'Подъячев', expected: { icao: 'Podieiachev', 'bgn-pcgn': 'Pod”yachev', gost: 'Pod``yachev', scholarly: 'Pod″jačev' } },
  { cyrillic: 'Белый', expected: { icao: 'Belyi', 'bgn-pcgn': 'Belyy', gost: 'Bely`j', scholarly: 'Belyj' } },
  { cyrillic: 'Елена', expected: { icao: 'Elena', 'bgn-pcgn': 'Yelena', gost: 'Elena', scholarly: 'Elena' } },
  { cyrillic: 'Эдуард', expected: { icao: 'Eduard', 'bgn-pcgn': 'Eduard', gost: 'E`duard', scholarly: 'Èduard' } },
  { cyrillic: 'Джафаров', expected: { icao: 'Dzhafarov', 'bgn-pcgn': 'Dzhafarov', gost: 'Dzhafarov', scholarly: 'Džafarov' } },
  // Ukrainian: и is y, г is h under BGN/PCGN and scholarly, є and ї depend on position.
  { cyrillic: 'Олійник', expected: { icao: 'Oliinyk', 'bgn-pcgn': 'Oliinyk', gost: 'Olijny`k', scholarly: 'Olijnyk' } },
  { cyrillic: 'Григорій', expected: { icao: 'Grygorii', 'bgn-pcgn': 'Hryhorii', gost: 'Gry`gorij', scholarly: 'Hryhorij' } },
  { cyrillic: 'Євген', expected: { icao: 'Ievgen', 'bgn-pcgn': 'Yevhen', gost: 'Yevgen', scholarly: 'Jevhen' } },
  { cyrillic: 'Ярослав Поліщук', expected: { icao: 'Iaroslav Polishchuk', 'bgn-pcgn': 'Yaroslav Polishchuk', gost: 'Yaroslav Polishhuk', scholarly: 'Jaroslav Poliščuk' } },
  // Belarusian: г is h under ICAO too, ў is u or w.
  { cyrillic: 'Ігар Бабрыковіч', expected: { icao: 'Ihar Babrykovich', 'bgn-pcgn': 'Ihar Babrykovich', gost: 'Igar Babry`kovich', scholarly: 'Ihar Babrykovič' } },
]

t.test('Cyrillic names under each standard', async (t) => {
  for (const { cyrillic, expected } of CASES) {
    for (const standard of CYRILLIC_STANDARDS) {
      t.equal(romanizeCyrillic(cyrillic, standard), expected[standard], `${cyrillic} under ${standard}`)
    }
  }
})

t.test('language from distinctive letters', async (t) => {
  t.equal(cyrillicLanguage('сергей волков'), 'ru')
  t.equal(cyrillicLanguage('андрій'), 'uk')
  t.equal(cyrillicLanguage('євген'), 'uk')
  t.equal(cyrillicLanguage('ігар бабрыковіч'), 'be')
  t.equal(cyrillicLanguage('мікалай ўладзімір'), 'be')
})

t.test('upper case stays upper case', async (t) => {
  t.equal(romanizeCyrillic('ЩЕРБАКОВ', 'icao'), 'SHCHERBAKOV')
  t.equal(romanizeCyrillic('Щербаков', 'icao'), 'Shcherbakov')
})

t.test('Georgian national system', async (t) => {
  t.equal(romanizeGeorgian('ლევან ბერიძე'), 'levan beridze')
  t.equal(romanizeGeorgian('წიკლაური'), "ts'ik'lauri")
  t.equal(romanizeGeorgian('ხუციშვილი'), 'khutsishvili')
  t.equal(romanizeGeorgian('ჭავჭავაძე'), "ch'avch'avadze")
})

t.test('Armenian BGN/PCGN', async (t) => {
  t.equal(romanizeArmenian('հակոբյան'), 'hakobyan')
  t.equal(romanizeArmenian('երևան'), 'yerevan')
  t.equal(romanizeArmenian('ոսկան'), 'voskan')
  t.equal(romanizeArmenian('պետրոսյան'), 'petrosyan')
  t.equal(romanizeArmenian('թումանյան'), 't’umanyan')
})
