/**
 * Invented identities for the demo network. Given names and surnames are common ones of
 * each origin, combined at random, so a name may match a real person by chance but none is
 * taken from a real criminal. Each name has its Latin and Cyrillic spellings, the Georgian
 * script for Georgian names, and the other Latin transliterations found in police files.
 */
import type { Random } from './random.js'
import type { Place } from './places.js'

/** Countries the clans come from, as ISO 3166-1 alpha-2 codes. */
export const ORIGINS = ['GE', 'AM', 'AZ', 'RU', 'UA'] as const
export type Origin = (typeof ORIGINS)[number]

export type Gender = 'male' | 'female'

export interface Spelling {
  latin: string
  cyrillic: string
  georgian?: string
  /** Other Latin transliterations, e.g. "Akopyan" for "Hakobyan". */
  variants?: readonly string[]
}

interface NamePool {
  male: readonly Spelling[]
  female: readonly Spelling[]
  surnames: readonly Spelling[]
}

function spell(latin: string, cyrillic: string, ...variants: string[]): Spelling {
  return variants.length > 0 ? { latin, cyrillic, variants } : { latin, cyrillic }
}

function spellGeorgian(latin: string, cyrillic: string, georgian: string, ...variants: string[]): Spelling {
  return { ...spell(latin, cyrillic, ...variants), georgian }
}

const POOLS: Record<Origin, NamePool> = {
  GE: {
    male: [
      spellGeorgian('Giorgi', 'Гиорги', 'გიორგი', 'Georgi'),
      spellGeorgian('Davit', 'Давит', 'დავით', 'David'),
      spellGeorgian('Levan', 'Леван', 'ლევან'),
      spellGeorgian('Zurab', 'Зураб', 'ზურაბ'),
      spellGeorgian('Shalva', 'Шалва', 'შალვა', 'Schalwa'),
      spellGeorgian('Tengiz', 'Тенгиз', 'თენგიზ'),
      spellGeorgian('Merab', 'Мераб', 'მერაბ'),
      spellGeorgian('Revaz', 'Реваз', 'რევაზ', 'Rezo'),
      spellGeorgian('Nodar', 'Нодар', 'ნოდარ'),
      spellGeorgian('Irakli', 'Ираклий', 'ირაკლი', 'Irakliy'),
      spellGeorgian('Vakhtang', 'Вахтанг', 'ვახტანგ', 'Wachtang'),
      spellGeorgian('Badri', 'Бадри', 'ბადრი'),
      spellGeorgian('Otar', 'Отар', 'ოთარ'),
      spellGeorgian('Gocha', 'Гоча', 'გოჩა'),
    ],
    female: [
      spellGeorgian('Nino', 'Нино', 'ნინო'),
      spellGeorgian('Tamar', 'Тамар', 'თამარ', 'Tamara'),
      spellGeorgian('Ketevan', 'Кетеван', 'ქეთევან'),
      spellGeorgian('Maia', 'Майя', 'მაია', 'Maya'),
      spellGeorgian('Natia', 'Натия', 'ნათია'),
    ],
    surnames: [
      spellGeorgian('Beridze', 'Беридзе', 'ბერიძე'),
      spellGeorgian('Kapanadze', 'Капанадзе', 'კაპანაძე'),
      spellGeorgian('Gelashvili', 'Гелашвили', 'გელაშვილი'),
      spellGeorgian('Lomidze', 'Ломидзе', 'ლომიძე'),
      spellGeorgian('Tsiklauri', 'Циклаури', 'წიკლაური', 'Ziklauri'),
      spellGeorgian('Nozadze', 'Нозадзе', 'ნოზაძე'),
      spellGeorgian('Chkheidze', 'Чхеидзе', 'ჩხეიძე', 'Tchkheidze'),
      spellGeorgian('Abashidze', 'Абашидзе', 'აბაშიძე'),
      spellGeorgian('Dolidze', 'Долидзе', 'დოლიძე'),
      spellGeorgian('Khutsishvili', 'Хуцишвили', 'ხუციშვილი', 'Chuzischwili'),
      spellGeorgian('Bakradze', 'Бакрадзе', 'ბაქრაძე'),
      spellGeorgian('Tabatadze', 'Табатадзе', 'ტაბატაძე'),
      spellGeorgian('Jorbenadze', 'Джорбенадзе', 'ჯორბენაძე', 'Dzhorbenadze'),
      spellGeorgian('Gogoladze', 'Гоголадзе', 'გოგოლაძე'),
    ],
  },
  AM: {
    male: [
      spell('Armen', 'Армен'),
      spell('Aram', 'Арам'),
      spell('Hovhannes', 'Ованес', 'Ovanes', 'Hovannes'),
      spell('Tigran', 'Тигран'),
      spell('Karen', 'Карен'),
      spell('Gevorg', 'Геворг', 'Gevork'),
      spell('Vardan', 'Вардан'),
      spell('Ashot', 'Ашот'),
      spell('Samvel', 'Самвел'),
      spell('Hayk', 'Айк', 'Haik', 'Ayk'),
      spell('Suren', 'Сурен'),
    ],
    female: [
      spell('Anahit', 'Анаит', 'Anait'),
      spell('Lusine', 'Лусине'),
      spell('Gayane', 'Гаяне'),
      spell('Mariam', 'Мариам'),
    ],
    surnames: [
      spell('Petrosyan', 'Петросян', 'Petrossian'),
      spell('Hakobyan', 'Акопян', 'Akopyan', 'Hakobian'),
      spell('Grigoryan', 'Григорян', 'Grigorian'),
      spell('Sargsyan', 'Саркисян', 'Sarkisyan', 'Sarkissian'),
      spell('Avetisyan', 'Аветисян'),
      spell('Karapetyan', 'Карапетян', 'Karapetian'),
      spell('Mkrtchyan', 'Мкртчян', 'Mkrtchian'),
      spell('Ghazaryan', 'Казарян', 'Kazaryan'),
      spell('Galstyan', 'Галстян'),
      spell('Manukyan', 'Манукян'),
      spell('Harutyunyan', 'Арутюнян', 'Arutyunyan'),
    ],
  },
  AZ: {
    male: [
      spell('Elchin', 'Эльчин', 'Elçin'),
      spell('Rashad', 'Рашад', 'Rəşad'),
      spell('Vugar', 'Вугар', 'Vüqar'),
      spell('Farid', 'Фарид', 'Fərid'),
      spell('Anar', 'Анар'),
      spell('Tural', 'Турал'),
      spell('Namig', 'Намиг', 'Namiq'),
      spell('Rovshan', 'Ровшан', 'Rövşən'),
      spell('Kamran', 'Камран'),
    ],
    female: [
      spell('Leyla', 'Лейла'),
      spell('Aynur', 'Айнур'),
      spell('Gunel', 'Гюнель', 'Günel'),
    ],
    surnames: [
      spell('Mammadov', 'Мамедов', 'Mamedov', 'Məmmədov'),
      spell('Huseynov', 'Гусейнов', 'Guseynov', 'Hüseynov'),
      spell('Hasanov', 'Гасанов', 'Gasanov', 'Həsənov'),
      spell('Guliyev', 'Гулиев', 'Guliev', 'Quliyev'),
      spell('Ismayilov', 'Исмаилов', 'Ismailov'),
      spell('Abbasov', 'Аббасов'),
      spell('Jafarov', 'Джафаров', 'Dzhafarov', 'Cəfərov'),
      spell('Babayev', 'Бабаев', 'Babaev'),
      spell('Rzayev', 'Рзаев', 'Rzaev'),
    ],
  },
  RU: {
    male: [
      spell('Sergey', 'Сергей', 'Sergei'),
      spell('Aleksandr', 'Александр', 'Alexander', 'Alexandre'),
      spell('Dmitriy', 'Дмитрий', 'Dmitri', 'Dmitry'),
      spell('Andrey', 'Андрей', 'Andrei'),
      spell('Vladimir', 'Владимир', 'Wladimir'),
      spell('Nikolay', 'Николай', 'Nikolai'),
      spell('Oleg', 'Олег'),
      spell('Yuriy', 'Юрий', 'Yuri', 'Juri'),
      spell('Vyacheslav', 'Вячеслав', 'Viacheslav'),
      spell('Gennadiy', 'Геннадий', 'Gennady'),
      spell('Konstantin', 'Константин'),
      spell('Mikhail', 'Михаил', 'Michail'),
    ],
    female: [
      spell('Olga', 'Ольга'),
      spell('Natalya', 'Наталья', 'Natalia'),
      spell('Irina', 'Ирина'),
      spell('Svetlana', 'Светлана'),
      spell('Yelena', 'Елена', 'Elena'),
    ],
    surnames: [
      spell('Volkov', 'Волков', 'Wolkow'),
      spell('Sokolov', 'Соколов'),
      spell('Morozov', 'Морозов'),
      spell('Kuznetsov', 'Кузнецов', 'Kuznetzov'),
      spell('Lebedev', 'Лебедев'),
      spell('Belov', 'Белов'),
      spell('Orlov', 'Орлов'),
      spell('Zaytsev', 'Зайцев', 'Zaitsev'),
      spell('Gusev', 'Гусев'),
      spell('Tarasov', 'Тарасов'),
      spell('Shcherbakov', 'Щербаков', 'Scherbakov'),
      spell('Kiselyov', 'Киселёв', 'Kiselev'),
      spell('Gromov', 'Громов'),
    ],
  },
  UA: {
    male: [
      spell('Oleksandr', 'Олександр', 'Aleksandr'),
      spell('Andriy', 'Андрій', 'Andrii', 'Andrey'),
      spell('Volodymyr', 'Володимир', 'Vladimir'),
      spell('Taras', 'Тарас'),
      spell('Bohdan', 'Богдан', 'Bogdan'),
      spell('Serhiy', 'Сергій', 'Serhii', 'Sergey'),
      spell('Vasyl', 'Василь', 'Vasiliy'),
      spell('Mykola', 'Микола', 'Nikolay'),
    ],
    female: [
      spell('Oksana', 'Оксана'),
      spell('Olena', 'Олена', 'Elena'),
      spell('Iryna', 'Ірина', 'Irina'),
    ],
    surnames: [
      spell('Kovalenko', 'Коваленко'),
      spell('Bondarenko', 'Бондаренко'),
      spell('Tkachenko', 'Ткаченко'),
      spell('Kravchuk', 'Кравчук'),
      spell('Oliynyk', 'Олійник', 'Oleinik'),
      spell('Shevchuk', 'Шевчук'),
      spell('Polishchuk', 'Поліщук', 'Polischuk'),
      spell('Lysenko', 'Лисенко', 'Lisenko'),
      spell('Marchenko', 'Марченко'),
    ],
  },
}

/** Epithets used as nicknames ("klichka"), Latin transliteration and Cyrillic. */
const EPITHETS: readonly (readonly [string, string])[] = [
  ['Sedoy', 'Седой'],
  ['Bely', 'Белый'],
  ['Cherny', 'Чёрный'],
  ['Ryzhy', 'Рыжий'],
  ['Khromoy', 'Хромой'],
  ['Kosoy', 'Косой'],
  ['Tikhy', 'Тихий'],
  ['Dikiy', 'Дикий'],
  ['Doktor', 'Доктор'],
  ['Professor', 'Профессор'],
  ['Monakh', 'Монах'],
  ['Grek', 'Грек'],
  ['Kuznets', 'Кузнец'],
  ['Medved', 'Медведь'],
  ['Lis', 'Лис'],
  ['Bukhgalter', 'Бухгалтер'],
  ['Kapitan', 'Капитан'],
  ['Shakhmatist', 'Шахматист'],
  ['Bokser', 'Боксёр'],
  ['Bars', 'Барс'],
  ['Gvozd', 'Гвоздь'],
  ['Kupets', 'Купец'],
]

export interface Identity {
  name: string
  givenName: Spelling
  /** The family's surname in its masculine form, which relatives of either gender inherit. */
  familySurname: Spelling
  /** The nickname in Latin letters, or null when the person has none on file. */
  nickname: string | null
  /** Other spellings, the nickname in both scripts and any false identity. */
  aliases: string[]
}

export interface IdentityOptions {
  origin: Origin
  gender: Gender
  birthYear: number
  withNickname: boolean
  withFalseIdentity: boolean
  /** The clan's home city, whose adjective may become part of a nickname. */
  home: Place
  /** Family surname (masculine form) to use instead of a random one, e.g. for relatives. */
  surname?: Spelling
}

/** Draws a name with its spellings, transliterations and, if requested, a nickname. */
export function drawIdentity(random: Random, options: IdentityOptions): Identity {
  const pool = POOLS[options.origin]
  const givenName = random.pick(options.gender === 'male' ? pool.male : pool.female)
  const familySurname = options.surname ?? random.pick(pool.surnames)
  const surname = options.gender === 'male' ? familySurname : feminineSurname(familySurname)
  const name = `${givenName.latin} ${surname.latin}`
  const aliases = [`${givenName.cyrillic} ${surname.cyrillic}`]

  if (givenName.georgian !== undefined && surname.georgian !== undefined) {
    aliases.push(`${givenName.georgian} ${surname.georgian}`)
  }
  for (const variant of givenName.variants ?? []) {
    aliases.push(`${variant} ${surname.latin}`)
  }
  for (const variant of surname.variants ?? []) {
    aliases.push(`${givenName.latin} ${variant}`)
  }
  if (random.chance(0.3)) {
    aliases.push(`${surname.latin.toUpperCase()} ${givenName.latin}`)
  }

  let nickname: string | null = null
  if (options.withNickname && options.gender === 'male') {
    const [latin, cyrillic] = drawNickname(random, givenName, options)
    nickname = latin
    aliases.push(latin, cyrillic)
  }
  if (options.withFalseIdentity) {
    const falseGiven = random.pick(options.gender === 'male' ? pool.male : pool.female)
    const otherSurname = random.pick(pool.surnames.filter((other) => other.latin !== familySurname.latin))
    const falseSurname = options.gender === 'male' ? otherSurname : feminineSurname(otherSurname)
    aliases.push(`${falseGiven.latin} ${falseSurname.latin}`)
  }
  const uniqueAliases = [...new Set(aliases)].filter((alias) => alias !== name)
  return { name, givenName, familySurname, nickname, aliases: uniqueAliases }
}

function drawNickname(
  random: Random,
  givenName: Spelling,
  options: IdentityOptions,
): readonly [string, string] {
  const [epithet, epithetCyrillic] = random.pick(EPITHETS)
  const adjective = options.home.adjective
  const forms: (readonly [readonly [string, string], number])[] = [
    [[epithet, epithetCyrillic], 4],
    [[`${givenName.latin} ${epithet}`, `${givenName.cyrillic} ${epithetCyrillic}`], 4],
  ]
  if (adjective !== undefined) {
    forms.push([[`${givenName.latin} ${adjective.latin}`, `${givenName.cyrillic} ${adjective.cyrillic}`], 2])
  }
  // "Ded" (grandfather) is only given to older men.
  if (options.birthYear < 1965) {
    forms.push([[`Ded ${givenName.latin}`, `Дед ${givenName.cyrillic}`], 2])
  }
  return random.pickWeighted(forms)
}

/** Returns the feminine form of Russian-style surnames ending in -ov, -ev, -yov or -in. */
function feminineSurname(surname: Spelling): Spelling {
  const latin = /(ov|ev|in)$/.test(surname.latin) ? `${surname.latin}a` : surname.latin
  const cyrillic = /(ов|ев|ёв|ин)$/.test(surname.cyrillic) ? `${surname.cyrillic}а` : surname.cyrillic
  const variants = surname.variants?.map((variant) =>
    /(ov|ev|ow|in)$/.test(variant) ? `${variant}a` : variant,
  )
  return variants === undefined ? { ...surname, latin, cyrillic } : { ...surname, latin, cyrillic, variants }
}

/** Picks a family surname (masculine form) of `origin`. */
export function pickSurname(random: Random, origin: Origin): Spelling {
  return random.pick(POOLS[origin].surnames)
}
