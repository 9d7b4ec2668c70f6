/**
 * Names that would make search and the duplicate finder slow, and dates of companies. An
 * import rejects a name of two million letters with a row error. A search still finds a record
 * stored before that check, with bounded work, because the matcher reads 64 letters of a word.
 * Duplicate companies are compared by `incorporatedOn` as persons are by `birthDate`.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { nameKeysOf } from '../../src/names/index.js'
import type { DuplicateReport } from '../../src/services/duplicates.js'
import type { SearchResult } from '../../src/services/search.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { importCsv, removeFixtures, type ImportReport } from './requests.js'

const PREFIX = 't-long:'
const SOURCE = 't-long'
const STORED = 't-long:stored'
const LONG_NAME = 'A'.repeat(2_000_000)

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, PREFIX)
  // A record stored before imports checked the length of names is written directly.
  await app.database.driver.executeQuery(
    'MERGE (n:Entity:Person {id: $id}) SET n.name = $name, n.nameKeys = $keys, n.source = $source, n.ownerNcb = null, n.restrictedTo = []',
    { id: STORED, name: LONG_NAME, keys: nameKeysOf([LONG_NAME]), source: SOURCE },
    { database: app.config.neo4j.database },
  )
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await app.close()
})

t.test('CSV import rejects a long name', async (t) => {
  const report = await importCsv(app, 't-long.csv', `id,type,name\nt-long:csv,Person,${LONG_NAME}\n`, SOURCE)

  t.equal(report.nodes.created, 0)
  t.equal(report.rejected.length, 1)
  t.match(report.rejected[0]?.reason, /Invalid name: 2000000 characters long, starting "A{40}"\. Expected at most 1000 characters\./)
})

t.test('FtM import rejects a long alias', async (t) => {
  const line = JSON.stringify({ id: 't-long:ftm', schema: 'Person', properties: { name: ['Oleg Volkov', LONG_NAME] } })
  const response = await app.inject({
    method: 'POST',
    url: '/api/import',
    query: { filename: 'big.ijson', source: SOURCE },
    headers: { ...bearer('editor'), 'content-type': 'application/x-ndjson' },
    payload: `${line}\n`,
  })
  const report = response.json<ImportReport>()

  t.equal(response.statusCode, 200)
  t.equal(report.nodes.created, 0)
  t.equal(report.rejected.length, 1)
  t.match(report.rejected[0]?.reason, /Invalid aliases: 2000000 characters long/)
})

t.test('search reads 64 letters of a long word', async (t) => {
  const response = await app.inject({ url: '/api/search', query: { q: 'A'.repeat(64), limit: '50' }, headers: bearer('viewer') })
  const results = response.json<SearchResult[] | { results: SearchResult[] }>()
  const list = Array.isArray(results) ? results : results.results
  const stored = list.find((result) => result.id === STORED)

  t.equal(response.statusCode, 200)
  t.equal(stored?.match.standard, 'exact')
  t.equal(stored?.match.words.length, 1)
  t.equal(stored?.match.words[0]?.stored.length, 64, 'the matcher compared 64 letters, not two million')
  t.equal(stored?.match.storedVariant.length, 64)
})

t.test('companies compare incorporation dates', async (t) => {
  const nodes = [
    'id,type,name,incorporatedOn:date,jurisdiction',
    't-long:co1,Company,Kavkaz Stroy Invest,2004-06-21,GE',
    't-long:co2,Company,Kavkaz Stroi Invest,2004-06-21,GE',
  ].join('\n')
  await importCsv(app, 't-long-companies.csv', `${nodes}\n`, SOURCE)

  const response = await app.inject({
    url: '/api/duplicates',
    query: { type: 'Company', source: SOURCE, minScore: '0' },
    headers: bearer('admin'),
  })
  const report = response.json<DuplicateReport>()
  const pair = report.pairs.find((found) => [found.a.id, found.b.id].sort().join() === 't-long:co1,t-long:co2')
  const date = pair?.reasons[1]

  t.equal(response.statusCode, 200)
  t.same(pair?.reasons.map((reason) => reason.kind), ['name', 'incorporatedOn', 'nationality', 'links'])
  t.equal(date?.kind === 'incorporatedOn' ? date.value : null, 'same')
  t.equal(date?.kind === 'incorporatedOn' ? date.a : null, '2004-06-21')
  t.equal(date?.score, 1)
})
