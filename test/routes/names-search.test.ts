/**
 * `GET /api/search` across scripts. Each Cyrillic name is found by its romanisation under
 * every standard, with that standard named, and Latin names by their Cyrillic spelling. Also
 * covered: a shared surname ranks below, exact mode, birth date and nationality, restricted
 * records, hostile full-text input (always 200) and the idempotent name-key migration.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { CYRILLIC_STANDARDS, nameKeysOf, romanizeCyrillic } from '../../src/names/index.js'
import { migrateNameKeys } from '../../src/services/name-keys.js'
import type { SearchResult } from '../../src/services/search.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { importCsv, removeFixtures } from './requests.js'

const PREFIX = 't-names:'
const SOURCE = 't-names'

const KHORKOV = 't-names:khorkov'
const BROTHER = 't-names:brother'
const NAMESAKE = 't-names:namesake'
const HIDDEN = 't-names:hidden'
const TENGIZ = 't-names:tengiz'
const LEVAN = 't-names:levan'
const ARAM = 't-names:aram'
const UNKEYED = 't-names:unkeyed'

/** Cyrillic records and the ids the romanisation table searches for. */
const CYRILLIC_RECORDS: [string, string][] = [
  [KHORKOV, 'Хорьков Сергей Викторович'],
  ['t-names:shcherbakova', 'Щербакова Наталья'],
  ['t-names:zaytsev', 'Зайцев Юрий'],
  ['t-names:polishchuk', 'Поліщук Ярослав'],
  ['t-names:babrykovich', 'Бабрыковіч Ігар'],
]

const NODES = [
  'id,type,name,aliases:string[],nickname,birthDate:date,nationality:string[],ownerNcb,restrictedTo',
  `${KHORKOV},Person,Хорьков Сергей Викторович,Седой|Sedoy,Sedoy,1969-04-12,RU,,`,
  ...CYRILLIC_RECORDS.slice(1).map(([id, name]) => `${id},Person,${name},,,,,,`),
  `${BROTHER},Person,Хорьков Андрей,,,1972-01-01,RU,,`,
  `${NAMESAKE},Person,Sergei Khorkov,,,1980-05-05,LV,,`,
  `${TENGIZ},Person,Tengiz Khutsishvili,,,,GE,,`,
  `${LEVAN},Person,ლევან ბერიძე,,,,GE,,`,
  `${ARAM},Person,Արամ Հակոբյան,,,,AM,,`,
].join('\n')

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, PREFIX)
  await importCsv(app, 't-names-nodes.csv', `${NODES}\n`, SOURCE)
  // An editor imports for their own country only, so the restricted record is written directly.
  await app.database.driver.executeQuery(
    'MERGE (n:Entity:Person {id: $id}) SET n.name = $name, n.nameKeys = $keys, n.source = $source, n.ownerNcb = $owner, n.restrictedTo = [$owner]',
    { id: HIDDEN, name: 'Хорьков Сергей Петрович', keys: nameKeysOf(['Хорьков Сергей Петрович']), source: SOURCE, owner: 'RU' },
  )
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await app.close()
})

async function search(query: Record<string, string>, ncb: string | null = null) {
  const response = await app.inject({ url: '/api/search', query: { limit: '100', ...query }, headers: bearer('viewer', ncb) })
  const body = response.json<{ results?: SearchResult[] }>()
  return { status: response.statusCode, results: body.results ?? [] }
}

function hitOf(results: SearchResult[], id: string): SearchResult | undefined {
  return results.find((hit) => hit.id === id)
}

t.test('romanisations find Cyrillic names', async (t) => {
  for (const [id, name] of CYRILLIC_RECORDS) {
    for (const standard of CYRILLIC_STANDARDS) {
      const q = romanizeCyrillic(name, standard)
      const { status, results } = await search({ q })
      const hit = hitOf(results, id)

      t.equal(status, 200, `${q}: 200`)
      t.ok(hit, `${q} (${standard}) finds ${name}`)
      t.ok(hit?.match.standards.includes(standard), `${q}: ${standard} is named among ${hit?.match.standards.join(', ')}`)
      t.equal(hit?.match.distance, 0, `${q}: distance 0`)
      t.equal(hit?.match.name, name, `${q}: the matched name is ${name}`)
    }
  }
})

t.test('Cyrillic finds Latin names', async (t) => {
  const { results } = await search({ q: 'Тенгиз Хуцишвили' })
  const hit = hitOf(results, TENGIZ)

  t.ok(hit, 'Тенгиз Хуцишвили finds Tengiz Khutsishvili')
  t.equal(hit?.match.standard, 'icao')
  t.same(hit?.match.standards, ['icao', 'bgn-pcgn'])
  t.equal(hit?.match.queryVariant, 'tengiz khutsishvili')
})

t.test('Latin finds Georgian and Armenian', async (t) => {
  const levan = hitOf((await search({ q: 'Levan Beridze' })).results, LEVAN)
  const aram = hitOf((await search({ q: 'Aram Hakobyan' })).results, ARAM)
  const akopyan = hitOf((await search({ q: 'Aram Akopyan' })).results, ARAM)

  t.equal(levan?.match.standard, 'national')
  t.equal(aram?.match.standard, 'bgn-pcgn')
  t.ok(akopyan, 'the Russian form Akopyan finds Հակոբյան')
  t.ok(akopyan?.match.standard === 'variant' || akopyan?.match.standard === 'fuzzy', `Akopyan is a ${akopyan?.match.standard}`)
})

t.test('variants name the rule and the distance', async (t) => {
  const { results } = await search({ q: 'Sergey Horkov' })
  const hit = hitOf(results, KHORKOV)

  t.equal(hit?.match.standard, 'variant')
  t.equal(hit?.match.words[1]?.queryVariant, 'horkov', 'the skeleton key of Horkov')
  t.equal(hit?.match.words[1]?.storedVariant, 'khorkov', 'compared with the ICAO spelling')
  t.equal(hit?.match.distance, 1)
})

t.test('shared surname ranks below', async (t) => {
  const { results } = await search({ q: 'Sergei Khorkov', type: 'Person' })
  const ids = results.map((hit) => hit.id)

  t.ok(ids.includes(BROTHER), 'Хорьков Андрей is found')
  t.ok(ids.indexOf(KHORKOV) < ids.indexOf(BROTHER), 'Хорьков Сергей ranks above Хорьков Андрей')
  t.ok((hitOf(results, BROTHER)?.score ?? 1) < (hitOf(results, KHORKOV)?.score ?? 0), 'with a lower score')
})

t.test('exact spelling ranks first', async (t) => {
  const { results } = await search({ q: 'Sergei Khorkov', type: 'Person' })

  t.equal(results[0]?.id, NAMESAKE, 'the Latin namesake is spelled the same')
  t.equal(results[0]?.match.standard, 'exact')
  t.equal(results[1]?.id, KHORKOV)
})

t.test('birth date sharpens the ranking', async (t) => {
  const { results } = await search({ q: 'Sergei Khorkov', type: 'Person', birthDate: '1969-04-12' })

  t.equal(results[0]?.id, KHORKOV, 'born that day ranks first')
  t.equal(results[0]?.match.birthDate, 'same')
  t.equal(hitOf(results, NAMESAKE)?.match.birthDate, 'different')
})

t.test('nationality sharpens the ranking', async (t) => {
  const { results } = await search({ q: 'Sergei Khorkov', type: 'Person', nationality: 'RU' })

  t.equal(results[0]?.id, KHORKOV)
  t.equal(results[0]?.match.nationality, 'shared')
  t.equal(hitOf(results, NAMESAKE)?.match.nationality, 'different')
})

t.test('nickname and patronymic rank below', async (t) => {
  const nickname = hitOf((await search({ q: 'Sedoy' })).results, KHORKOV)
  const patronymic = hitOf((await search({ q: 'Viktorovich' })).results, KHORKOV)
  const full = hitOf((await search({ q: 'Sergey Khorkov' })).results, KHORKOV)

  t.equal(nickname?.match.nameKind, 'nickname')
  t.equal(patronymic?.match.nameKind, 'patronymic')
  t.equal(full?.match.nameKind, 'name')
  t.ok((nickname?.score ?? 1) < (full?.score ?? 0), `nickname ${nickname?.score} < full name ${full?.score}`)
  t.ok((patronymic?.score ?? 1) < (full?.score ?? 0), `patronymic ${patronymic?.score} < full name ${full?.score}`)
})

t.test('exact mode', async (t) => {
  const standard = await search({ q: 'Sergei Khorkov', exact: 'true' })
  const variant = await search({ q: 'Sergei Horkov', exact: 'true' })
  const typo = await search({ q: 'Sergei Khorkob', exact: 'true' })
  const fuzzy = await search({ q: 'Sergei Khorkob' })

  t.equal(hitOf(standard.results, KHORKOV)?.match.standard, 'icao', 'a standard still matches')
  t.notOk(hitOf(variant.results, KHORKOV), 'a variant does not')
  t.notOk(hitOf(typo.results, KHORKOV), 'a typo does not')
  t.equal(hitOf(fuzzy.results, KHORKOV)?.match.standard, 'fuzzy', 'the typo matches without exact')
  t.equal(hitOf(fuzzy.results, KHORKOV)?.match.distance, 1)
})

t.test('restricted record stays hidden', async (t) => {
  const other = await search({ q: 'Sergei Khorkov' }, 'DE')
  const owner = await search({ q: 'Sergei Khorkov' }, 'RU')

  t.notOk(hitOf(other.results, HIDDEN), 'DE does not see it')
  t.ok(hitOf(owner.results, HIDDEN), 'RU sees it')
  t.equal(hitOf(owner.results, HIDDEN)?.match.standard, 'icao')
})

const HOSTILE = ['"Хорьков"', 'Khorkov~', 'Khorkov~2', 'Khor/kov', '/Khorkov/', '[Khorkov]', '{Khorkov}', '(Khorkov', 'Khorkov-Sergei', '-Khorkov', 'Khorkov"', "Khor'kov'", '~', '"', '\\', '\\"', '[* TO *]', 'name:Хорьков', 'nameKeys:horkov', 'Хорьков^10', 'Хорьков && ||', '«Хорьков»', '<Хорьков>', '%', '؟']

t.test('hostile full text returns 200', async (t) => {
  for (const q of HOSTILE) {
    for (const exact of ['false', 'true']) {
      const { status, results } = await search({ q, exact })
      t.equal(status, 200, `${JSON.stringify(q)} exact=${exact}: 200`)
      t.type(results, Array, `${JSON.stringify(q)} exact=${exact}: a list`)
    }
  }
  const quoted = await search({ q: '"Хорьков"' })
  t.ok(hitOf(quoted.results, KHORKOV), 'quotes around a name still find it')
})

t.test('search rejects bad parameters', async (t) => {
  const cases: [Record<string, string>, string][] = [
    [{ q: 'x', exact: 'yes' }, 'exact'],
    [{ q: 'x', birthDate: '12.04.1969' }, 'birthDate'],
    [{ q: 'x', nationality: 'Russia' }, 'nationality'],
  ]
  for (const [query, field] of cases) {
    const response = await app.inject({ url: '/api/search', query, headers: bearer('viewer') })
    t.equal(response.statusCode, 400, `${JSON.stringify(query)}: 400`)
    t.match(response.json<{ message: string }>().message, field, `the message names ${field}`)
  }
})

t.test('migration stores missing keys once', async (t) => {
  await app.database.driver.executeQuery(
    "MERGE (n:Entity:Person {id: $id}) SET n.name = 'Гоголадзе Отар', n.source = $source, n.restrictedTo = []",
    { id: UNKEYED, source: SOURCE },
  )
  const before = await search({ q: 'Otar Gogoladze' })

  const first = await migrateNameKeys(app.database)
  const second = await migrateNameKeys(app.database)
  const after = await search({ q: 'Otar Gogoladze' })

  t.notOk(hitOf(before.results, UNKEYED), 'without keys the Latin query misses it')
  t.ok(first.updated >= 1, `the first run updates ${first.updated}`)
  t.equal(second.updated, 0, 'the second run updates nothing')
  t.equal(second.read, first.read, 'both runs read every entity')
  t.equal(hitOf(after.results, UNKEYED)?.match.standard, 'icao', 'with keys the Latin query finds it')
})
