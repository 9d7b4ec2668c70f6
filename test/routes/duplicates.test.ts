/**
 * `GET /api/duplicates` over the seeded demo network, loaded under its own namespace. The
 * planted pairs must be found with their reasons. A pair with a restricted side is listed
 * only for a country that may see both sides, and bad parameters are a 400.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { loadDemoNetwork } from '../../src/cli/loaders.js'
import { generateDemoNetwork } from '../../src/demo/generate.js'
import type { IsoDate, NodeRecord } from '../../src/model/records.js'
import type { DuplicatePair, DuplicateReport } from '../../src/services/duplicates.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { removeFixtures } from './requests.js'

const NAMESPACE = 't-dupes'
const DEMO = { seed: 42, size: 120, namespace: NAMESPACE }

let app: FastifyInstance
const nodesByName = new Map<string, NodeRecord>()
const allNodes: NodeRecord[] = []

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, `${NAMESPACE}:`)
  for (const batch of generateDemoNetwork(DEMO)) {
    for (const node of batch.nodes) {
      nodesByName.set(node.name, node)
      allNodes.push(node)
    }
  }
  const loaded = await loadDemoNetwork(app.services, DEMO)
  if (loaded.rejected > 0) throw new Error(`${loaded.rejected} demo records rejected`)
})

t.teardown(async () => {
  await removeFixtures(app, `${NAMESPACE}:`)
  await app.close()
})

async function duplicates(query: Record<string, string>, role: 'analyst' | 'admin' = 'admin', ncb: string | null = null) {
  const response = await app.inject({ url: '/api/duplicates', query: { source: NAMESPACE, ...query }, headers: bearer(role, ncb) })
  return { status: response.statusCode, body: response.json<DuplicateReport & { message?: string }>() }
}

function idOf(name: string): string {
  const node = nodesByName.get(name)
  if (node === undefined) throw new Error(`no demo node named ${name}`)
  return node.id
}

function pairOf(pairs: DuplicatePair[], first: string, second: string): DuplicatePair | undefined {
  return pairs.find((pair) => (pair.a.id === first && pair.b.id === second) || (pair.a.id === second && pair.b.id === first))
}

/**
 * Finds the planted copy of a thief, the first person after the clans' (number size + 1),
 * and its original: the thief born the same day whose aliases contain the copy's first alias.
 */
function plantedThief(): { copy: NodeRecord; original: NodeRecord } {
  const persons = allNodes.filter((node) => node.label === 'Person')
  const copy = persons.find((node) => node.id === `${NAMESPACE}:person:${DEMO.size + 1}`)
  if (copy === undefined) throw new Error('no planted thief')
  const born = (node: NodeRecord) => (node.properties.birthDate as IsoDate | undefined)?.iso
  const firstAlias = (copy.properties.aliases as string[])[0] ?? ''
  const original = persons.find(
    (node) => node.id !== copy.id && born(node) === born(copy) && (node.properties.aliases as string[]).includes(firstAlias),
  )
  if (original === undefined) throw new Error('no original of the planted thief')
  return { copy, original }
}

t.test('duplicates finds the planted thief', async (t) => {
  const { copy, original } = plantedThief()
  const { status, body } = await duplicates({ type: 'Person', minScore: '0.8', limit: '500' })

  t.equal(status, 200)
  t.match(copy.name, /^[А-яЁё ]+$/, `the copy ${copy.name} is in Cyrillic`)
  t.equal(copy.properties.status, 'thief-in-law')
  const pair = pairOf(body.pairs, copy.id, original.id)
  t.ok(pair, `${original.name} and ${copy.name} are a pair`)
  t.ok((pair?.score ?? 0) >= 0.9, `score ${pair?.score} is at least 0.9`)
  t.not(copy.provenance.ownerNcb, original.provenance.ownerNcb, 'two countries filed them')
  const kinds = pair?.reasons.map((reason) => reason.kind)
  t.same(kinds, ['name', 'birthDate', 'nationality', 'links'])
  const birth = pair?.reasons.find((reason) => reason.kind === 'birthDate')
  t.equal(birth?.kind === 'birthDate' ? birth.value : null, 'same')
  const links = pair?.reasons.find((reason) => reason.kind === 'links')
  t.ok(links?.kind === 'links' && links.shared >= 1, 'they share the clan')
  const nationality = pair?.reasons.find((reason) => reason.kind === 'nationality')
  t.ok(nationality?.kind === 'nationality' && nationality.shared.length >= 1, 'they share a nationality')
})

t.test('duplicates finds the planted person pair', async (t) => {
  const { body } = await duplicates({ type: 'Person', minScore: '0.7', limit: '500' })

  const pair = pairOf(body.pairs, idOf('Gennadiy Kiselyov'), idOf('Геннадий Киселёв'))

  t.ok(pair, 'Gennadiy Kiselyov and Геннадий Киселёв are a pair')
  const name = pair?.reasons.find((reason) => reason.kind === 'name')
  t.ok(name?.kind === 'name' && name.score >= 0.8, `name score ${name?.score}`)
  t.ok(name?.kind === 'name' && ['icao', 'bgn-pcgn', 'gost', 'scholarly', 'variant', 'exact'].includes(name.standard), `standard ${name?.kind === 'name' ? name.standard : ''}`)
  t.ok((pair?.score ?? 0) >= 0.8, `pair score ${pair?.score}`)
})

t.test('duplicates finds the planted company pair', async (t) => {
  const { status, body } = await duplicates({ type: 'Company', minScore: '0.6', limit: '500' })

  t.equal(status, 200)
  const pair = pairOf(body.pairs, idOf('Kavkaz Stroy'), idOf('Кавказ Строй'))
  t.ok(pair, 'Kavkaz Stroy and Кавказ Строй are a pair')
  t.ok(body.pairs.every((found) => found.a.label === 'Company' && found.b.label === 'Company'), 'companies only')
})

t.test('restricted side hides the pair', async (t) => {
  const latin = idOf('Aram Sarkisyan')
  const cyrillic = idOf('Арам Саркисян')

  const other = await duplicates({ type: 'Person', minScore: '0.6', limit: '500' }, 'analyst', 'DE')
  const owner = await duplicates({ type: 'Person', minScore: '0.6', limit: '500' }, 'analyst', 'AM')

  t.equal(other.status, 200)
  t.notOk(pairOf(other.body.pairs, latin, cyrillic), 'DE does not see the pair')
  t.notOk(
    other.body.pairs.some((pair) => pair.a.id === latin || pair.b.id === latin),
    'DE sees no pair with the restricted record',
  )
  t.ok(pairOf(owner.body.pairs, latin, cyrillic), 'AM sees the pair')
})

t.test('minScore and limit narrow the list', async (t) => {
  const all = await duplicates({ type: 'Person', minScore: '0', limit: '500' })
  const high = await duplicates({ type: 'Person', minScore: '0.9', limit: '500' })
  const one = await duplicates({ type: 'Person', minScore: '0', limit: '1' })

  t.ok(high.body.pairs.every((pair) => pair.score >= 0.9), 'every pair reaches minScore')
  t.ok(high.body.count <= all.body.count, `${high.body.count} of ${all.body.count} pairs reach 0.9`)
  t.equal(one.body.count, 1)
  t.equal(one.body.pairs[0]?.score, all.body.pairs[0]?.score, 'the best pair comes first')
})

t.test('duplicates rejects bad parameters', async (t) => {
  const cases: [Record<string, string>, string][] = [
    [{ type: 'Account' }, 'type'],
    [{ minScore: '1.5' }, 'minScore'],
    [{ limit: '0' }, 'limit'],
    [{ colour: 'red' }, 'colour'],
  ]
  for (const [query, field] of cases) {
    const { status, body } = await duplicates(query)
    t.equal(status, 400, `${JSON.stringify(query)}: 400`)
    t.match(body.message, field, `${JSON.stringify(query)}: the message names ${field}`)
  }
})

t.test('duplicates needs the analyst role', async (t) => {
  const response = await app.inject({ url: '/api/duplicates', headers: bearer('viewer') })

  t.equal(response.statusCode, 403)
})
