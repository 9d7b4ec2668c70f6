/**
 * `POST /api/import` with bytes in legacy encodings, declared CSV formats, a column mapping
 * and GEXF, checked through the stored entities.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'
import { expectError, removeFixtures, type ImportReport } from './requests.js'

const PREFIX = 't-impfmt:'
const NAME = 'Вячеслав Иваньков'

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, PREFIX)
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await app.close()
})

function windows1251(text: string): Buffer {
  const decoder = new TextDecoder('windows-1251')
  const table = new Map<string, number>()
  for (let byte = 0; byte < 256; byte += 1) table.set(decoder.decode(new Uint8Array([byte])), byte)
  return Buffer.from([...text].map((character) => table.get(character) ?? 0x3f))
}

async function post(payload: Buffer | string, query: Record<string, string>, type = 'text/csv') {
  return app.inject({
    method: 'POST',
    url: '/api/import',
    query: { source: 't-impfmt', ...query },
    headers: { ...bearer('editor'), 'content-type': type },
    payload,
  })
}

async function nameOf(id: string): Promise<unknown> {
  const response = await app.inject({ url: `/api/entities/${encodeURIComponent(id)}`, headers: bearer('admin') })
  return response.statusCode === 200 ? response.json<{ name: string }>().name : response.statusCode
}

t.test('windows-1251 body detected', async (t) => {
  const response = await post(windows1251(`id;type;name;weight\n${PREFIX}ivankov;Person;${NAME};1,5\n`), { filename: 'cp1251.csv', locale: 'de' })
  t.equal(response.statusCode, 200)
  const report = response.json<ImportReport & { encoding: string }>()
  t.equal(report.encoding, 'windows-1251 (detected)')
  t.equal(report.nodes.created + report.nodes.updated + report.nodes.unchanged, 1)
  t.equal(await nameOf(`${PREFIX}ivankov`), NAME)
})

t.test('UTF-16 body with a byte-order mark', async (t) => {
  const response = await post(Buffer.from(`\uFEFFid\ttype\tname\n${PREFIX}utf16\tPerson\t${NAME}\n`, 'utf16le'), { filename: 'utf16.tsv' })
  t.equal(response.json<{ encoding: string }>().encoding, 'utf-16le (byte-order mark)')
  t.equal(await nameOf(`${PREFIX}utf16`), NAME)
})

t.test('declared date format and its row errors', async (t) => {
  const text = `id,type,name,born:date\n${PREFIX}d1,Person,Day First,31.12.1960\n${PREFIX}d2,Person,Bad Day,31.02.1960\n`
  const report = (await post(text, { filename: 'dates.csv', dateFormat: 'DD.MM.YYYY' })).json<ImportReport>()
  t.equal(report.rejected.length, 1)
  t.same(report.rejected[0], {
    file: 'dates.csv',
    line: 3,
    id: 't-impfmt:d2',
    reason: 'Invalid date "31.02.1960" in column "born:date": no such day in the calendar (read as DD.MM.YYYY).',
  })
  const undeclared = (await post(text, { filename: 'dates.csv' })).json<ImportReport>()
  t.equal(undeclared.rejected.length, 2, 'without a declaration both rows are ambiguous')
  t.match(undeclared.rejected[0]?.reason, /^Ambiguous date "31\.12\.1960"/)
})

t.test('column mapping through the route', async (t) => {
  const mapping = {
    nodes: [
      { ref: 'donor', idPrefix: `${PREFIX}donor`, label: 'Person', key: ['Donor'], name: 'Donor' },
      { ref: 'party', idPrefix: `${PREFIX}party`, label: 'Group', key: ['Party'], name: 'Party' },
    ],
    relationships: [
      { ref: 'gift', type: 'TRANSFER', source: 'donor', target: 'party', key: ['Donor', 'Party', 'Date'], currency: 'EUR',
        properties: { amount: { column: 'Betrag', type: 'money' }, date: { column: 'Date', type: 'date' } } },
    ],
  }
  const text = 'Party;Donor;Betrag;Date;Reported\n"CDU ";Anna;1.250,50;13.07.2005;15.07.2005\nCDU;Anna;1.250,50;13.07.2005;30.11.2005\nSPD;Bert;7,5E+03;01.02.2006;\n'
  const response = await post(text, { filename: 'gifts.csv', mapping: JSON.stringify(mapping), locale: 'de', dateFormat: 'DD.MM.YYYY' })
  t.equal(response.statusCode, 200)
  const report = response.json<ImportReport>()
  t.equal(report.format, 'csv')
  t.same(report.rejected, [
    { file: 'gifts.csv', line: 3, reason: 'Duplicate TRANSFER: line 3 has the same "Donor", "Party", "Date" as line 2 ("Anna, CDU, 13.07.2005").' },
  ])
  t.equal(report.relationships.created + report.relationships.updated + report.relationships.unchanged, 2)
  t.equal(await nameOf(`${PREFIX}party:CDU`), 'CDU', 'trimmed party name')

  const bad = await post(text, { filename: 'gifts.csv', mapping: '{"nodes": 1}' })
  const body = expectError(t, bad, 400, 'MLN_INVALID_PARAMETER')
  t.match(body.message, 'Invalid query parameter "mapping": Invalid column mapping at "nodes"')
  expectError(t, await post(text, { filename: 'gifts.csv', encoding: 'klingon' }), 400, 'MLN_INVALID_PARAMETER')
  expectError(t, await post(text, { filename: 'gifts.csv', locale: 'xx' }), 400, 'MLN_INVALID_PARAMETER')
})

t.test('GEXF body', async (t) => {
  const text = readFileSync(path.join(import.meta.dirname, '..', 'import', 'fixtures', 'gephi-network.gexf'), 'utf8')
    .replaceAll('id="1"', `id="${PREFIX}1"`).replaceAll('id="2"', `id="${PREFIX}2"`).replaceAll('id="3"', `id="${PREFIX}3"`).replaceAll('id="4"', `id="${PREFIX}4"`)
    .replaceAll('source="1"', `source="${PREFIX}1"`).replaceAll('source="2"', `source="${PREFIX}2"`)
    .replaceAll('target="2"', `target="${PREFIX}2"`).replaceAll('target="3"', `target="${PREFIX}3"`).replaceAll('target="4"', `target="${PREFIX}4"`)
  const response = await post(text, { filename: 'network.gexf' }, 'application/gexf+xml')
  t.equal(response.statusCode, 200)
  const report = response.json<ImportReport>()
  t.equal(report.format, 'gexf')
  t.equal(report.nodes.created + report.nodes.updated + report.nodes.unchanged, 3)
  t.equal(report.rejected.length, 2, 'the unknown label and its edge')
  t.equal(await nameOf(`${PREFIX}2`), 'Solntsevskaya bratva')
})
