/**
 * FtM import and export. The OpenSanctions donations stream goes in through the import and
 * comes back out of GET /api/export/ftm with the same entities and payment totals per party.
 * Every exported entity passes the FtM model of @alephdata/followthemoney. Millennium's own
 * records are mapped by label and type, and hidden records stay out of the export.
 */
import { readFileSync } from 'node:fs'

import ftm from '@alephdata/followthemoney'
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { parseAmount, formatAmount } from '../../src/model/money.js'
import type { FtmEntity } from '../../src/model/ftm.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { dataFile, skipUnlessData } from '../helpers/data.js'

const model = new ftm.Model(ftm.defaultModel)
const SOURCE = 'ftm-donations-test'

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  // Records an earlier run left under the test's dataset, whatever their ids.
  await app.database.driver.executeQuery('MATCH (n:Entity {source: $source}) DETACH DELETE n', { source: SOURCE }, { database: app.config.neo4j.database })
})
t.teardown(() => app.close())

function parseLines(text: string): FtmEntity[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FtmEntity)
}

/** Returns the reasons @alephdata/followthemoney rejects an entity, or an empty list. */
function modelErrors(entity: FtmEntity, ids: Set<string>): string[] {
  const errors: string[] = []
  try {
    const parsed = model.getEntity(entity)
    for (const property of parsed.getProperties()) {
      if (property.type.name !== 'entity') {
        continue
      }
      for (const value of parsed.getProperty(property)) {
        const id = typeof value === 'string' ? value : value.id
        if (!ids.has(id)) {
          errors.push(`${entity.id}: ${property.name} names ${id}, which the export lacks`)
        }
      }
    }
  } catch (error) {
    errors.push(`${entity.id}: ${(error as Error).message}`)
  }
  return errors
}

/** Sums Payment amounts per party, role and currency, exactly, as decimal strings. */
function paymentTotals(entities: FtmEntity[]): Record<string, string> {
  const minor = new Map<string, bigint>()
  for (const entity of entities.filter((item) => item.schema === 'Payment')) {
    const amount = entity.properties.amountEur?.[0]
    if (amount === undefined) {
      continue
    }
    for (const role of ['payer', 'beneficiary']) {
      const key = `${role} ${entity.properties[role]?.[0]} EUR`
      minor.set(key, (minor.get(key) ?? 0n) + parseAmount(amount, 'EUR').minor)
    }
  }
  return Object.fromEntries([...minor].sort(([a], [b]) => a.localeCompare(b, 'en')).map(([key, value]) => [key, formatAmount(value, 'EUR')]))
}

function byId(entities: FtmEntity[]): Map<string, FtmEntity> {
  return new Map(entities.map((entity) => [entity.id, entity]))
}

/**
 * Reads the donations stream with every FtM id prefixed by "t-", in the entities and in the
 * references to them. FtM ids become node ids, so without the prefix this test would take
 * over the records of a development import of the same stream.
 */
function donationsText(): string {
  const text = readFileSync(dataFile('ftm-donations', 'donations.ijson'), 'utf8')
  const ids = new Set(parseLines(text).map((entity) => entity.id))
  return text.replace(/"([0-9a-f]{40})"/g, (quoted, id: string) => (ids.has(id) ? `"t-${id}"` : quoted))
}

t.test('donations round trip', { skip: skipUnlessData('ftm-donations', 'donations.ijson') }, async (t) => {
  const text = donationsText()
  const input = parseLines(text)
  t.ok(input.every((entity) => entity.id.startsWith('t-')), 'the test imports its own ids')

  const report = await app.services.imports.importText(text, { file: 'donations.ijson', source: SOURCE })
  t.equal(report.format, 'ftm', 'the .ijson extension selects the FtM reader')
  t.equal(report.rejectedCount, 0, JSON.stringify(report.rejected.slice(0, 3)))
  t.equal(report.nodes.created + report.nodes.updated + report.nodes.unchanged, 184, 'Person, Company, Organization, Address')
  // 290 payments and one LOCATED_IN for each addressEntity.
  const addressLinks = input.reduce((count, entity) => count + (entity.properties.addressEntity?.length ?? 0), 0)
  t.equal(report.relationships.created + report.relationships.updated + report.relationships.unchanged, 290 + addressLinks)

  const response = await app.inject({ url: `/api/export/ftm?source=${SOURCE}`, headers: bearer('investigator') })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /application\/x-ndjson/)
  const output = parseLines(response.body)
  t.equal(response.headers['x-entity-count'], String(output.length))
  t.equal(output.length, input.length, 'as many entities as the stream holds')

  const exported = byId(output)
  const differing = input.filter((entity) => {
    const back = exported.get(entity.id)
    return back?.schema !== entity.schema || JSON.stringify(back.properties) !== JSON.stringify(entity.properties)
  })
  t.same(differing.map((entity) => entity.id), [], 'every entity comes back with its id, schema and property values')
  t.same(paymentTotals(output), paymentTotals(input), 'payment totals per payer and beneficiary are exact')

  const ids = new Set(output.map((entity) => entity.id))
  const errors = output.flatMap((entity) => modelErrors(entity, ids))
  t.same(errors, [], 'every entity is valid under the FtM model')
})

t.test('stored amounts sum like the stream', { skip: skipUnlessData('ftm-donations', 'donations.ijson') }, async (t) => {
  const input = parseLines(donationsText())
  const expected = paymentTotals(input)
  const session = app.database.driver.session()
  try {
    const sums = await session.run(
      `MATCH (payer:Entity)-[r:TRANSFER]->(beneficiary:Entity) WHERE r.source = $source
       UNWIND [['payer', payer.ftmId], ['beneficiary', beneficiary.ftmId]] AS party
       RETURN party[0] + ' ' + party[1] + ' ' + r.currency AS key, sum(r.amountMinor) AS minor`,
      { source: SOURCE },
    )
    const stored = Object.fromEntries(
      sums.records
        .map((record) => [record.get('key') as string, formatAmount(BigInt(String(record.get('minor'))), 'EUR')] as const)
        .sort(([a], [b]) => a.localeCompare(b, 'en')),
    )
    t.same(stored, expected, 'amountMinor sums per party in Neo4j equal the stream')
  } finally {
    await session.close()
  }
})

const NODES = [
  'id,type,name,aliases:string[],birthDate:date,nationality,kind,colour,status,issuedBy,issuedAt:date,dataSource,ownerNcb,restrictedTo,gender,nickname',
  't-ftm:p,Person,Zurab Tsereteli,Зураб Церетели,1961-04-02,GE,,,,,,t-ftm,,,male,Zura',
  't-ftm:c,Company,Black Sea Trading,,,,,,,,,t-ftm,,,,',
  't-ftm:a,Account,GE29NB0000000101904917,,,,,,,,,t-ftm,,,,',
  't-ftm:n,Notice,Red notice 2021/1,,,,notice,red,active,GE,2021-03-04,t-ftm,,,,',
  't-ftm:l,Location,Tbilisi,,,,,,,,,t-ftm,,,,',
  't-ftm:secret,Person,Hidden Person,,,,,,,,,t-ftm,FR,FR,,',
].join('\n')

const EDGES = [
  'id,source,target,type,share,amount,currency,date:date,dataSource,ownerNcb,restrictedTo',
  't-ftm:o,t-ftm:p,t-ftm:c,OWNS,0.57,,,,t-ftm,,',
  't-ftm:h,t-ftm:c,t-ftm:a,HOLDS,,,,,t-ftm,,',
  't-ftm:t,t-ftm:p,t-ftm:c,TRANSFER,,1250.50,USD,2020-01-02,t-ftm,,',
  't-ftm:s,t-ftm:p,t-ftm:n,SUBJECT_OF,,,,,t-ftm,,',
  't-ftm:li,t-ftm:p,t-ftm:l,LOCATED_IN,,,,,t-ftm,,',
  't-ftm:x,t-ftm:secret,t-ftm:p,ASSOCIATE_OF,,,,,t-ftm,,',
].join('\n')

t.test('Millennium records mapped to FtM', async (t) => {
  const nodes = await app.services.imports.importText(NODES, { file: 'ftm-nodes.csv', format: 'csv' })
  const edges = await app.services.imports.importText(EDGES, { file: 'ftm-edges.csv', format: 'csv' })
  t.same([...nodes.rejected, ...edges.rejected], [])

  const response = await app.inject({ url: '/api/export/ftm?source=t-ftm', headers: bearer('investigator', 'DE') })
  t.equal(response.statusCode, 200)
  const output = byId(parseLines(response.body))
  t.notOk(output.has('t-ftm:secret'), 'a record hidden from the caller is not exported')
  t.notOk(output.has('t-ftm:x'), 'nor a relationship to it')
  t.equal(output.size, 8, '5 nodes (the notice as a Sanction), the ownership, the holding and the payment')

  t.same(output.get('t-ftm:p'), {
    id: 't-ftm:p',
    schema: 'Person',
    properties: {
      name: ['Zurab Tsereteli'],
      alias: ['Зураб Церетели'],
      weakAlias: ['Zura'],
      birthDate: ['1961-04-02'],
      gender: ['male'],
      nationality: ['ge'],
      addressEntity: ['t-ftm:l'],
    },
  })
  t.equal(output.get('t-ftm:a')?.schema, 'BankAccount')
  t.same(output.get('t-ftm:n'), {
    id: 't-ftm:n',
    schema: 'Sanction',
    properties: {
      summary: ['Red notice 2021/1'],
      authority: ['INTERPOL'],
      program: ['red notice'],
      listingDate: ['2021-03-04'],
      status: ['active'],
      entity: ['t-ftm:p'],
    },
  })
  t.same(output.get('t-ftm:o')?.properties, { percentage: ['57'], owner: ['t-ftm:p'], asset: ['t-ftm:c'] }, 'not 56.99999999999999')
  t.same(output.get('t-ftm:t'), {
    id: 't-ftm:t',
    schema: 'Payment',
    properties: { amount: ['1250.50'], currency: ['USD'], date: ['2020-01-02'], payer: ['t-ftm:p'], beneficiary: ['t-ftm:c'] },
  })

  const ids = new Set(output.keys())
  t.same([...output.values()].flatMap((entity) => modelErrors(entity, ids)), [], 'valid under the FtM model')
})

t.test('POST exports a graph payload', async (t) => {
  const graph = { nodes: [{ key: 't-ftm:p' }, { key: 't-ftm:c' }, { key: 't-ftm:secret' }], edges: [] }
  const response = await app.inject({ method: 'POST', url: '/api/export/ftm', headers: bearer('analyst', 'DE'), payload: { graph } })
  t.equal(response.statusCode, 200)
  const ids = parseLines(response.body).map((entity) => entity.id).sort()
  t.same(ids, ['t-ftm:c', 't-ftm:o', 't-ftm:p', 't-ftm:t'], 'the two visible nodes and the links between them')

  const byIds = await app.inject({ method: 'POST', url: '/api/export/ftm', headers: bearer('analyst'), payload: { ids: ['t-ftm:n'] } })
  t.same(parseLines(byIds.body).map((entity) => entity.id), ['t-ftm:n'])
})

t.test('export rejects bad requests', async (t) => {
  const both = await app.inject({ method: 'POST', url: '/api/export/ftm', headers: bearer('analyst'), payload: { ids: ['a'], graph: { nodes: [] } } })
  t.equal(both.statusCode, 400)
  const unknown = await app.inject({ method: 'POST', url: '/api/export/ftm', headers: bearer('analyst'), payload: { ids: ['a'], extra: 1 } })
  t.equal(unknown.statusCode, 400)
  t.match(unknown.json().message, /extra/)
  const viewer = await app.inject({ url: '/api/export/ftm', headers: bearer('viewer') })
  t.equal(viewer.statusCode, 403)
  const badSource = await app.inject({ url: '/api/export/ftm?source=a%20b', headers: bearer('investigator') })
  t.equal(badSource.statusCode, 400)
})

const STREAM = [
  '{"id": "t-ftm-p1", "schema": "Person", "properties": {"name": ["Vasily Ivanov"]}}',
  '{"id": "t-ftm-p2", "schema": "Person", "properties": {"name": ["Vasilii Ivanov"], "birthDate": ["1960"]}}',
  '{"id": "t-ftm-o1", "schema": "Organization", "properties": {"name": ["Solntsevo"]}}',
  '{"id": "t-ftm-pay", "schema": "Payment", "properties": {"payer": ["t-ftm-p2"], "beneficiary": ["t-ftm-o1"], "amount": ["10.5"], "currency": ["usd"]}}',
  '{"id": "t-ftm-s", "schema": "Sanction", "properties": {"entity": ["t-ftm-p2", "t-ftm-p1"], "program": ["test"]}}',
].join('\n')

t.test('import route reads ndjson', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/import?filename=stream.ndjson&source=t-ftm-http',
    headers: { ...bearer('editor'), 'content-type': 'application/x-ndjson' },
    payload: STREAM,
  })
  t.equal(response.statusCode, 200, response.body)
  t.equal(response.json().format, 'ftm')
  t.equal(response.json().rejectedCount, 0)
  t.equal(response.json().nodes.created + response.json().nodes.updated + response.json().nodes.unchanged, 4)
})

t.test('export after a merge', async (t) => {
  const merged = await app.inject({
    method: 'POST',
    url: '/api/entities/merge',
    headers: bearer('editor'),
    payload: { keep: 'ftm:t-ftm-p1', merge: 'ftm:t-ftm-p2' },
  })
  t.equal(merged.statusCode, 200, merged.body)

  const response = await app.inject({ url: '/api/export/ftm?source=t-ftm-http', headers: bearer('investigator') })
  const output = byId(parseLines(response.body))
  t.equal(output.size, 4, 'the merged person is no longer exported')
  t.same(output.get('t-ftm-p1')?.properties.name, ['Vasily Ivanov'])
  t.same(output.get('t-ftm-p1')?.properties.alias, ['Vasilii Ivanov'], 'the merged name is an alias')
  t.same(output.get('t-ftm-pay')?.properties.payer, ['t-ftm-p1'], 'the payment names the kept payer')
  t.same(output.get('t-ftm-pay')?.properties.currency, ['usd'], 'values stay as the stream wrote them')
  t.same(output.get('t-ftm-s')?.properties.entity, ['t-ftm-p1'], 'the sanction names the kept person once')
  const ids = new Set(output.keys())
  t.same([...output.values()].flatMap((entity) => modelErrors(entity, ids)), [], 'no reference to the merged person')

  const undone = await app.inject({ method: 'POST', url: `/api/entities/merge/${merged.json().merge.id}/undo`, headers: bearer('editor') })
  t.equal(undone.statusCode, 200)
  const after = byId(parseLines((await app.inject({ url: '/api/export/ftm?source=t-ftm-http', headers: bearer('investigator') })).body))
  t.same(after.get('t-ftm-pay')?.properties.payer, ['t-ftm-p2'], 'the undo gives the payment its payer back')
  t.same(after.get('t-ftm-p1')?.properties.name, ['Vasily Ivanov'])
  t.same(after.get('t-ftm-s')?.properties.entity, ['t-ftm-p2', 't-ftm-p1'])
})

t.test('dataset export after a merge into another dataset', async (t) => {
  const imported = await app.services.imports.importText('id,type,name,dataSource\nt-ftm-csv:k,Person,Vasilii Ivanoff,t-ftm-csv', {
    file: 'other.csv',
    format: 'csv',
  })
  t.equal(imported.rejectedCount, 0)
  const before = byId(parseLines((await app.inject({ url: '/api/export/ftm?source=t-ftm-http', headers: bearer('investigator') })).body))
  const merged = await app.inject({
    method: 'POST',
    url: '/api/entities/merge',
    headers: bearer('editor'),
    payload: { keep: 't-ftm-csv:k', merge: 'ftm:t-ftm-p2' },
  })
  t.equal(merged.statusCode, 200, merged.body)

  const response = await app.inject({ url: '/api/export/ftm?source=t-ftm-http', headers: bearer('investigator') })
  const output = byId(parseLines(response.body))
  t.same([...output.keys()].sort(), [...before.keys()].sort(), 'the merged person and its payment stay in the dataset export')
  t.same(output.get('t-ftm-p2')?.properties.name, ['Vasilii Ivanov'], 'under its FtM id and name')
  t.same(output.get('t-ftm-p2')?.properties.alias, ['Vasilii Ivanoff'], 'with the kept record name as an alias')
  t.same(output.get('t-ftm-pay')?.properties.amount, ['10.5'])
  t.same(output.get('t-ftm-pay')?.properties.payer, ['t-ftm-p2'])

  const undone = await app.inject({ method: 'POST', url: `/api/entities/merge/${merged.json().merge.id}/undo`, headers: bearer('editor') })
  t.equal(undone.statusCode, 200, undone.body)
})
