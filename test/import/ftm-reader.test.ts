/**
 * The FtM reader on a small stream: nodes, relationships and derived links, the values the
 * model reads, and one rejected line for each kind of bad entity.
 */
import t from 'tap'

import { detectFormat, readFtm } from '../../src/import/readers/index.js'
import { IsoDate } from '../../src/model/records.js'

const LINES = [
  '{"id": "p1", "schema": "Person", "properties": {"name": ["Ivan Petrov", "Иван Петров"], "birthDate": ["1970-05-06"], "nationality": ["ru"], "addressEntity": ["ad1"]}}',
  '{"id": "ad1", "schema": "Address", "properties": {"full": ["Lenina 1, Moscow"], "city": ["Moscow"], "country": ["ru"]}}',
  '{"id": "c1", "schema": "Company", "properties": {"name": ["Volga Holding"], "jurisdiction": ["cy"]}}',
  '{"id": "pay1", "schema": "Payment", "properties": {"payer": ["p1"], "beneficiary": ["c1"], "amountEur": ["1234.5"], "date": ["2010-02-03"]}}',
  '{"id": "own1", "schema": "Ownership", "properties": {"owner": ["p1"], "asset": ["c1"], "percentage": ["75"]}}',
  '{"id": "s1", "schema": "Sanction", "properties": {"entity": ["p1"], "authority": ["OFAC"], "program": ["RUSSIA-EO14024"], "listingDate": ["2022-03-15"]}}',
  '{"id": "fam1", "schema": "Family", "properties": {"person": ["p1"], "relative": ["p1"], "relationship": ["brother"]}}',
  '',
  'not json',
  '{"id": "v1", "schema": "Vessel", "properties": {}}',
  '{"id": "pay2", "schema": "Payment", "properties": {"payer": ["p1"]}}',
  '{"id": "p1", "schema": "Person", "properties": {}}',
  '{"id": "x", "schema": "Person", "properties": {"name": "not a list"}}',
  '{"id": "feb30", "schema": "Person", "properties": {"name": ["Oleg Fevralev"], "birthDate": ["1980-02-30"]}}',
  '{"id": "pay3", "schema": "Payment", "properties": {"payer": ["p1"], "beneficiary": ["c1"], "date": ["2011-13-01"]}}',
].join('\n')

const result = readFtm(LINES, { file: 'sample.ijson' })

t.test('nodes with FtM ids and model values', async (t) => {
  t.same(result.nodes.map((node) => [node.id, node.label, node.name]), [
    ['ftm:p1', 'Person', 'Ivan Petrov'],
    ['ftm:ad1', 'Location', 'Lenina 1, Moscow'],
    ['ftm:c1', 'Company', 'Volga Holding'],
    ['ftm:s1', 'Notice', 's1'],
  ])
  const person = result.nodes[0]
  t.same(person?.properties.aliases, ['Иван Петров'])
  t.same(person?.properties.birthDate, new IsoDate('1970-05-06'), 'the property search, duplicates and export read')
  t.equal(person?.properties.born, undefined)
  t.equal(person?.properties.nationality, 'RU')
  t.equal(person?.properties.ftmId, 'p1')
  t.equal(person?.properties.ftmSchema, 'Person')
  t.equal(result.nodes[2]?.properties.country, 'CY', 'jurisdiction stands in for country')
  t.same(result.nodes[3]?.properties.issuedAt, new IsoDate('2022-03-15'))
  t.equal(person?.provenance.source, 'sample')
})

t.test('relationships and derived links', async (t) => {
  const byId = new Map(result.relationships.map((relationship) => [relationship.id, relationship]))
  const payment = byId.get('ftm:pay1')
  t.equal(payment?.type, 'TRANSFER')
  t.equal(payment?.source, 'ftm:p1')
  t.equal(payment?.target, 'ftm:c1')
  t.equal(payment?.properties.amount, '1234.50', 'amountEur becomes exact EUR money')
  t.equal(payment?.properties.currency, 'EUR')
  t.equal(payment?.properties.amountMinor, 123450n)
  t.same(payment?.properties.date, new IsoDate('2010-02-03'))
  t.equal(byId.get('ftm:own1')?.properties.share, 0.75)
  t.equal(byId.get('ftm:fam1')?.type, 'ASSOCIATE_OF')
  t.equal(byId.get('ftm:fam1')?.properties.kind, 'family')
  t.equal(byId.get('ftm:fam1')?.properties.relation, 'brother')

  const located = byId.get('ftm:p1:addressEntity:ad1')
  t.equal(located?.type, 'LOCATED_IN')
  t.equal(located?.source, 'ftm:p1')
  t.equal(located?.target, 'ftm:ad1')
  t.equal(located?.properties.ftmDerived, true)
  const subject = byId.get('ftm:s1:entity:p1')
  t.equal(subject?.type, 'SUBJECT_OF')
  t.equal(subject?.source, 'ftm:p1', 'the sanctioned entity is the subject of the sanction')
  t.equal(result.relationships.length, 5)
})

t.test('bad lines rejected with their line', async (t) => {
  t.same(result.rejected.map((row) => row.line), [9, 10, 11, 12, 13, 14, 15])
  t.match(result.rejected[0]?.reason, /^Invalid JSON/)
  t.match(result.rejected[1]?.reason, /Unsupported FtM schema "Vessel"/)
  t.match(result.rejected[2]?.reason, /lacks "payer" or "beneficiary"/)
  t.match(result.rejected[3]?.reason, /Duplicate FtM id "p1"/)
  t.match(result.rejected[4]?.reason, /property "name" .* expected a list of strings/)
  t.equal(result.rejected[5]?.reason, 'Invalid date "1980-02-30" in property "birthDate" of FtM entity "feb30". Expected a calendar date as YYYY-MM-DD.')
  t.equal(result.rejected[6]?.reason, 'Invalid date "2011-13-01" in property "date" of FtM entity "pay3". Expected a calendar date as YYYY-MM-DD.')
})

t.test('format detection', async (t) => {
  t.equal(detectFormat('donations.ijson', '{}'), 'ftm')
  t.equal(detectFormat('upload', LINES), 'ftm', 'a first line with schema and properties')
  t.equal(detectFormat('graph.json', '{"nodes": [], "edges": []}'), 'graph-json')
})
