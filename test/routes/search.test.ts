/**
 * `GET /api/search` against the real full-text index: case, accents, Cyrillic, prefixes,
 * one typo, aliases, the type filter and the limit. Lucene syntax in the search text must
 * never reach the index as syntax. Other test files may add entities with similar names, so
 * checks look for this file's ids rather than at whole result lists.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'
import { importCsv, removeFixtures } from './requests.js'

const PREFIX = 't-search:'
const SOURCE = 't-search'

const ZAKHAR = 't-search:zakhar'
const ZAKHAR_CYRILLIC = 't-search:zakhar-cyrillic'
const JOSE = 't-search:jose'
const BRIGADE = 't-search:brigade'
const KALASHOVA = 't-search:kalashova'

/** Enough persons sharing a surname to fill more than the default limit of 20. */
const WITNESS_COUNT = 25
const WITNESS_ROWS = Array.from({ length: WITNESS_COUNT }, (_, index) => {
  const number = String(index + 1).padStart(2, '0')
  return `t-search:witness-${number},Person,Quorvath Witness ${number},`
})

const NODES = [
  'id,type,name,aliases:string[]',
  `${ZAKHAR},Person,Zakhar Kalashov,Shakro Molodoy|Шакро`,
  `${ZAKHAR_CYRILLIC},Person,Захар Калашов,`,
  `${JOSE},Person,José Müller,Pepe`,
  `${BRIGADE},Group,Kalashov Brigade,`,
  `${KALASHOVA},Person,Mila Kalashova,`,
  ...WITNESS_ROWS,
].join('\n')

interface SearchHit {
  id: string
  label: string
  name: string
  aliases: string[]
  score: number
}

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, PREFIX)
  await importCsv(app, 't-search-nodes.csv', `${NODES}\n`, SOURCE)
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await app.close()
})

async function search(query: Record<string, string>): Promise<{ status: number; results: SearchHit[] }> {
  const response = await app.inject({ url: '/api/search', query, headers: bearer('viewer') })
  const body = response.json<{ results?: SearchHit[] }>()
  return { status: response.statusCode, results: body.results ?? [] }
}

/** Returns the ids of this file's fixtures among the results, in result order. */
function fixtureIds(results: SearchHit[]): string[] {
  return results.map((hit) => hit.id).filter((id) => id.startsWith(PREFIX))
}

interface FindCase {
  description: string
  q: string
  finds: string[]
  misses?: string[]
}

const FIND_CASES: FindCase[] = [
  { description: 'exact name', q: 'Zakhar Kalashov', finds: [ZAKHAR], misses: [JOSE] },
  { description: 'upper case', q: 'KALASHOV', finds: [ZAKHAR, BRIGADE], misses: [JOSE] },
  { description: 'accents left out', q: 'jose muller', finds: [JOSE], misses: [ZAKHAR] },
  { description: 'accents written', q: 'JOSÉ MÜLLER', finds: [JOSE] },
  { description: 'decomposed accents (NFD)', q: 'Jose\u0301 Mu\u0308ller', finds: [JOSE] },
  { description: 'Cyrillic in lower case', q: 'калашов', finds: [ZAKHAR_CYRILLIC], misses: [JOSE] },
  { description: 'Cyrillic in upper case', q: 'ЗАХАР', finds: [ZAKHAR_CYRILLIC] },
  { description: 'prefix', q: 'Kalash', finds: [ZAKHAR, BRIGADE] },
  { description: 'Cyrillic prefix', q: 'Калаш', finds: [ZAKHAR_CYRILLIC] },
  { description: 'one letter missing', q: 'Kalashv', finds: [ZAKHAR, BRIGADE] },
  { description: 'one letter changed', q: 'Zakhor', finds: [ZAKHAR] },
  { description: 'Latin alias', q: 'shakro molodoy', finds: [ZAKHAR] },
  { description: 'Cyrillic alias', q: 'Шакро', finds: [ZAKHAR] },
  { description: 'short alias', q: 'pepe', finds: [JOSE] },
  { description: 'name and alias together', q: 'Zakhar Shakro', finds: [ZAKHAR] },
]

t.test('search finds the fixtures', async (t) => {
  for (const findCase of FIND_CASES) {
    const { status, results } = await search({ q: findCase.q, limit: '100' })
    const ids = fixtureIds(results)

    t.equal(status, 200, `${findCase.description}: 200`)
    for (const id of findCase.finds) {
      t.ok(ids.includes(id), `${findCase.description} (${JSON.stringify(findCase.q)}) finds ${id}`)
    }
    for (const id of findCase.misses ?? []) {
      t.notOk(ids.includes(id), `${findCase.description} (${JSON.stringify(findCase.q)}) does not find ${id}`)
    }
  }
})

t.test('search hit carries label, name and aliases', async (t) => {
  const { results } = await search({ q: 'Zakhar Kalashov', limit: '100' })

  const hit = results.find((result) => result.id === ZAKHAR)

  t.ok(hit, 'Zakhar Kalashov is found')
  t.equal(hit?.label, 'Person')
  t.equal(hit?.name, 'Zakhar Kalashov')
  t.same(hit?.aliases, ['Shakro Molodoy', 'Шакро'])
  t.ok((hit?.score ?? 0) > 0, 'score is positive')
})

t.test('exact word ranks above a longer word', async (t) => {
  const { results } = await search({ q: 'Kalashov', type: 'Person', limit: '100' })

  // The Cyrillic Калашов is Kalashov under ICAO, a romanisation ranked just below the same spelling.
  t.same(fixtureIds(results), [ZAKHAR, ZAKHAR_CYRILLIC, KALASHOVA])
})

t.test('search scores are in descending order', async (t) => {
  const { results } = await search({ q: 'kalashov', limit: '100' })

  const scores = results.map((hit) => hit.score)

  t.same(scores, [...scores].sort((a, b) => b - a))
})

t.test('type filter keeps one label', async (t) => {
  const groups = await search({ q: 'kalashov', type: 'Group', limit: '100' })
  const persons = await search({ q: 'kalashov', type: 'Person', limit: '100' })
  const both = await search({ q: 'kalashov', type: 'Group,Person', limit: '100' })

  t.ok(groups.results.every((hit) => hit.label === 'Group'), 'type=Group returns groups only')
  t.same(fixtureIds(groups.results), [BRIGADE])
  t.ok(persons.results.every((hit) => hit.label === 'Person'), 'type=Person returns persons only')
  t.same(fixtureIds(persons.results).sort(), [KALASHOVA, ZAKHAR, ZAKHAR_CYRILLIC].sort())
  t.same(fixtureIds(both.results).sort(), [BRIGADE, KALASHOVA, ZAKHAR, ZAKHAR_CYRILLIC].sort())
})

t.test('type filter without a match is empty', async (t) => {
  const { status, results } = await search({ q: 'Zakhar Kalashov', type: 'Notice', limit: '100' })

  t.equal(status, 200)
  t.same(fixtureIds(results), [])
})

t.test('limit caps the number of results', async (t) => {
  const first = await search({ q: 'Quorvath', limit: '1' })
  const firstSeven = await search({ q: 'Quorvath', limit: '7' })
  const upToHundred = await search({ q: 'Quorvath', limit: '100' })

  t.equal(first.results.length, 1)
  t.equal(firstSeven.results.length, 7)
  t.equal(fixtureIds(upToHundred.results).length, WITNESS_COUNT, `all ${WITNESS_COUNT} witnesses with limit=100`)
})

t.test('limit defaults to 20', async (t) => {
  const { results } = await search({ q: 'Quorvath' })

  t.equal(results.length, 20)
})

const LUCENE_SYNTAX = ['"', '/', '~', '-', '(', ')', '[', ']', '{', '}', '*', '?', '\\', ':', '^', '+', '!', '&&', '||', 'AND', 'OR', 'NOT', 'TO', '*:*', 'name:*', '"unterminated', 'a~2', '[a TO z]', '/.*/', '\\\\']

t.test('Lucene syntax characters return 200', async (t) => {
  for (const q of LUCENE_SYNTAX) {
    const response = await app.inject({ url: '/api/search', query: { q }, headers: bearer('viewer') })

    t.equal(response.statusCode, 200, `${JSON.stringify(q)}: 200`)
    t.type(response.json<{ results?: unknown }>().results, Array, `${JSON.stringify(q)}: results is a list`)
  }
})

t.test('Lucene syntax around a name', async (t) => {
  const wrapped = ['"Kalashov"', 'Kalashov*', 'Kalashov~', '(Kalashov)', '+Kalashov', '-Kalashov', 'Kalashov OR', 'AND Kalashov', 'Kalashov && Zakhar', '/Kalashov/', 'Kalashov\\']

  for (const q of wrapped) {
    const { status, results } = await search({ q, limit: '100' })

    t.equal(status, 200, `${JSON.stringify(q)}: 200`)
    t.ok(fixtureIds(results).includes(ZAKHAR), `${JSON.stringify(q)} finds ${ZAKHAR}`)
  }
})

t.test('operator words are searched as words', async (t) => {
  const { status, results } = await search({ q: 'Zakhar OR Pepe', limit: '100' })

  t.equal(status, 200)
  t.same(fixtureIds(results), [], 'OR is a required word, not an operator')
})

t.test('operator words are plain words', async (t) => {
  for (const word of ['AND', 'OR', 'NOT', 'TO']) {
    const response = await app.inject({ url: `/api/search?q=${word}&limit=100`, headers: bearer('viewer') })
    t.equal(response.statusCode, 200, `${word} answers 200`)
    const results = response.json().results as { name: string; aliases: string[] }[]
    const unrelated = results.filter(({ name, aliases }) => {
      const tokens = [name, ...aliases].join(' ').toLowerCase().split(/[^\p{L}\p{N}]+/u)
      return !tokens.some((token) => token.startsWith(word.toLowerCase()))
    })
    t.same(unrelated, [], `${word} matches only names with a word starting "${word.toLowerCase()}"`)
  }
})
