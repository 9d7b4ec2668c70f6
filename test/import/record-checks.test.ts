/**
 * The checks that every reader applies to the records it hands on: country codes in the
 * provenance, integers and money within Neo4j's 64-bit range, money companions that no other
 * column or attribute may write, and integers that JSON.parse has rounded.
 */
import t from 'tap'

import { ReadCollector } from '../../src/import/readers/common.js'
import { readCsv } from '../../src/import/readers/csv.js'
import { readGraphJson } from '../../src/import/readers/graph-json.js'
import { checkPropertyNames, parseTypedName } from '../../src/import/readers/values.js'
import type { ReadResult } from '../../src/model/records.js'

/** Reads one graph JSON node with these extra attributes. */
function readJsonNode(attributes: string): ReadResult {
  const text = `{"nodes": [{"key": "p1", "attributes": {"label": "Person", "name": "Ann", ${attributes}}}]}`
  return readGraphJson(text, { file: 'case.json' })
}

/** Reads one CSV node row under this header suffix and these extra cells. */
function readCsvNode(columns: string, cells: string): ReadResult {
  return readCsv(`id,type,name,${columns}\np1,Person,Ann,${cells}\n`, { file: 'people.csv' })
}

const BAD_COUNTRIES = [
  { description: 'lower-case owner', csv: ['ownerNcb', 'fr'], json: '"ownerNcb": "fr"', expected: /Invalid ownerNcb "fr"/ },
  { description: 'three-letter owner', csv: ['ownerNcb', 'FRA'], json: '"ownerNcb": "FRA"', expected: /Invalid ownerNcb "FRA"/ },
  { description: 'country name owner', csv: ['ownerNcb', 'France'], json: '"ownerNcb": "France"', expected: /Invalid ownerNcb "France"/ },
  {
    description: 'lower-case restriction',
    csv: ['restrictedTo', 'DE|it'],
    json: '"restrictedTo": ["DE", "it"]',
    expected: /Invalid restrictedTo entry "it"/,
  },
  {
    description: 'numeric restriction',
    csv: ['restrictedTo', '276'],
    json: '"restrictedTo": "276"',
    expected: /Invalid restrictedTo entry "276"/,
  },
]

t.test('bad country codes reject the row', async (t) => {
  for (const { description, csv, json, expected } of BAD_COUNTRIES) {
    const [column = '', cell = ''] = csv
    const fromCsv = readCsvNode(column, cell)
    const fromJson = readJsonNode(json)

    t.equal(fromCsv.nodes.length, 0, `${description}: CSV row rejected`)
    t.equal(fromCsv.rejected[0]?.line, 2, `${description}: CSV line`)
    t.match(fromCsv.rejected[0]?.reason, expected, `${description}: CSV reason`)
    t.match(fromCsv.rejected[0]?.reason, 'ISO 3166-1 alpha-2', `${description}: CSV reason says what is expected`)
    t.equal(fromJson.nodes.length, 0, `${description}: JSON node rejected`)
    t.match(fromJson.rejected[0]?.reason, expected, `${description}: JSON reason`)
  }
})

t.test('good country codes pass', async (t) => {
  const fromCsv = readCsvNode('ownerNcb,restrictedTo', 'FR,DE|IT')
  const fromJson = readJsonNode('"ownerNcb": "FR", "restrictedTo": ["DE", "IT"]')

  t.same(fromCsv.rejected, [])
  t.same(fromCsv.nodes[0]?.provenance.restrictedTo, ['DE', 'IT'])
  t.same(fromJson.rejected, [])
  t.equal(fromJson.nodes[0]?.provenance.ownerNcb, 'FR')
})

t.test('bad country in graph json rejects its edges', async (t) => {
  const text = `{
  "nodes": [
    {"key": "p1", "attributes": {"label": "Person", "name": "Ann", "ownerNcb": "xx"}},
    {"key": "p2", "attributes": {"label": "Person", "name": "Bob"}}
  ],
  "edges": [{"source": "p1", "target": "p2", "attributes": {"type": "MET"}}]
}`
  const result = readGraphJson(text, { file: 'case.json' })

  t.same(result.relationships, [], 'no edge to the rejected node')
  t.match(result.rejected[1]?.reason, 'The source "p1" is a node that was rejected')
})

t.test('collector checks records of any reader', async (t) => {
  const collector = new ReadCollector('any.txt')
  const provenance = { source: 'any', ownerNcb: 'fr', restrictedTo: [] }
  collector.nodes.push({ id: 'a', label: 'Person', name: 'A', properties: {}, provenance, line: 4 })
  collector.nodes.push({ id: 'b', label: 'Person', name: 'B', properties: { big: 2n ** 63n }, provenance: { ...provenance, ownerNcb: null }, line: 5 })
  collector.nodes.push({ id: 'c', label: 'Person', name: 'C', properties: { big: 2n ** 63n - 1n }, provenance: { ...provenance, ownerNcb: null }, line: 6 })

  const result = collector.result()

  t.same(result.nodes.map((node) => node.id), ['c'])
  t.same(result.rejected.map((rejected) => rejected.line), [4, 5])
  t.match(result.rejected[0]?.reason, 'Invalid ownerNcb "fr"')
  t.match(result.rejected[1]?.reason, /Integer "9223372036854775808" in property "big" is outside the 64-bit range/)
  t.same(collector.result(), result, 'result can be taken twice')
})

t.test('money beyond int64 is rejected', async (t) => {
  const cases = [
    { description: 'CSV above the maximum', result: () => readCsvNode('amount,currency', '92233720368547758.08,CHF'), where: 'column "amount"' },
    { description: 'CSV below the minimum', result: () => readCsvNode('amount,currency', '-92233720368547758.09,CHF'), where: 'column "amount"' },
    { description: 'CSV with an exponent', result: () => readCsvNode('fee:money,currency', '1E30,EUR'), where: 'column "fee:money"' },
    { description: 'JSON above the maximum', result: () => readJsonNode('"amount": "92233720368547758.08", "currency": "CHF"'), where: 'attribute "amount"' },
  ]
  for (const { description, result, where } of cases) {
    const read = result()

    t.equal(read.nodes.length, 0, `${description}: rejected`)
    t.match(read.rejected[0]?.reason, where, `${description}: names the field`)
    t.match(read.rejected[0]?.reason, 'is outside the range that Neo4j stores', `${description}: says why`)
  }
  const limit = readCsvNode('amount,currency', '92233720368547758.08,CHF').rejected[0]?.reason
  t.match(limit, '"92233720368547758.08"', 'quotes the value')
  t.match(limit, '-92233720368547758.08 to 92233720368547758.07', 'gives the limits in the currency')
})

t.test('money at the int64 limits is kept', async (t) => {
  const highest = readCsvNode('amount,currency', '92233720368547758.07,CHF')
  const lowest = readCsvNode('amount,currency', '-92233720368547758.08,CHF')

  t.equal(highest.nodes[0]?.properties.amountMinor, 2n ** 63n - 1n)
  t.equal(lowest.nodes[0]?.properties.amountMinor, -(2n ** 63n))
})

t.test('int beyond int64 names the limits', async (t) => {
  const fromCsv = readCsvNode('big:int', '9223372036854775808')
  const fromJson = readJsonNode('"big:int": "-9223372036854775809"')

  t.match(fromCsv.rejected[0]?.reason, /Integer "9223372036854775808" in column "big:int" is outside the 64-bit range/)
  t.match(fromCsv.rejected[0]?.reason, '-9223372036854775808 to 9223372036854775807')
  t.match(fromJson.rejected[0]?.reason, /Integer "-9223372036854775809" in attribute "big:int" is outside the 64-bit range/)
})

t.test('graph json money companions are reserved', async (t) => {
  const cases = [
    { attributes: '"amount": "5", "currency": "EUR", "amountMinor": 7', expected: /Attributes "amount" and "amountMinor" both write "amountMinor"/ },
    { attributes: '"amountMinor:int": "7", "amount": "5", "currency": "EUR"', expected: /Attributes "amountMinor:int" and "amount" both write "amountMinor"/ },
    { attributes: '"fee:money": "5", "currency": "EUR", "feeMinor:int": "500"', expected: /Attributes "fee:money" and "feeMinor:int" both write "feeMinor"/ },
    { attributes: '"age": 5, "age:int": "5"', expected: /Attributes "age" and "age:int" both write "age"/ },
    { attributes: '"currency:string": "EUR"', expected: /Invalid attribute "currency:string": "currency" is read by the importer/ },
    { attributes: '"ownerNcb:string": "FR"', expected: /Invalid attribute "ownerNcb:string"/ },
  ]
  for (const { attributes, expected } of cases) {
    const result = readJsonNode(attributes)

    t.equal(result.nodes.length, 0, `${attributes}: node rejected`)
    t.match(result.rejected[0]?.reason, expected, `${attributes}: reason`)
  }
})

t.test('graph json minor units without money', async (t) => {
  const result = readJsonNode('"countMinor": 7')

  t.same(result.rejected, [])
  t.equal(result.nodes[0]?.properties.countMinor, 7)
})

t.test('property names rule is shared', async (t) => {
  const fields = ['amount', 'amountMinor:int'].map((header) => ({ header, typed: parseTypedName(header) }))

  t.throws(() => checkPropertyNames(fields, 'column'), /Columns "amount" and "amountMinor:int" both write "amountMinor"/)
  t.doesNotThrow(() => checkPropertyNames(fields.slice(0, 1), 'column'))
})

t.test('graph json rejects rounded integers', async (t) => {
  const cases = [
    { description: 'untyped', attributes: '"calls": 9007199254740993', literal: '9007199254740993', hint: '"calls:int": "9007199254740993"' },
    { description: 'typed int', attributes: '"calls:int": 9007199254740993', literal: '9007199254740993', hint: '"calls:int": "9007199254740993"' },
    { description: 'typed float', attributes: '"calls:float": -9007199254740993', literal: '-9007199254740993', hint: '"calls:int": "-9007199254740993"' },
    { description: 'typed string', attributes: '"calls:string": 12345678901234567890', literal: '12345678901234567890', hint: '"calls:int"' },
    { description: 'in a list', attributes: '"calls": [1, 9007199254740993]', literal: '9007199254740993', hint: '"calls:int"' },
    { description: 'exactly 2^53', attributes: '"calls": 9007199254740992', literal: '9007199254740992', hint: '"calls:int"' },
  ]
  for (const { description, attributes, literal, hint } of cases) {
    const result = readJsonNode(attributes)
    const reason = result.rejected[0]?.reason

    t.equal(result.nodes.length, 0, `${description}: rejected`)
    t.match(reason, `Integer ${literal} in attribute`, `${description}: quotes the number as written`)
    t.match(reason, 'beyond ±(2^53 - 1)', `${description}: says why`)
    t.match(reason, hint, `${description}: suggests a string with :int`)
  }
})

t.test('graph json keeps safe and float numbers', async (t) => {
  const result = readJsonNode('"calls": 9007199254740991, "low": -9007199254740991, "far": 1e20, "ratio": 12345678901234567.5, "note": "9007199254740993"')
  const properties = result.nodes[0]?.properties

  t.same(result.rejected, [])
  t.equal(properties?.calls, 9007199254740991)
  t.equal(properties?.low, -9007199254740991)
  t.equal(properties?.far, 1e20, 'a number with an exponent is a float')
  t.equal(properties?.ratio, 12345678901234567.5, 'a number with a fraction is a float')
  t.equal(properties?.note, '9007199254740993', 'digits in a string are not a number')
})

t.test('graph json rejects rounded keys', async (t) => {
  const text = `{
  "nodes": [
    {"key": 9007199254740993, "attributes": {"label": "Person", "name": "Ann"}},
    {"key": 12, "attributes": {"label": "Person", "name": "Bob"}}
  ],
  "edges": [{"source": 12, "target": 9007199254740993, "attributes": {"type": "MET"}}]
}`
  const result = readGraphJson(text, { file: 'case.json' })

  t.same(result.nodes.map((node) => node.id), ['12'])
  t.same(result.relationships, [])
  t.match(result.rejected[0]?.reason, /^nodes\[0\]: Missing or invalid "key" 9007199254740993: .*must be a string/)
  t.match(result.rejected[1]?.reason, /^edges\[0\]: Missing or invalid "target" 9007199254740993/)
})

t.test('ownership shares outside 0 to 1 are rejected', async (t) => {
  const edges = (share: string) =>
    readCsv(`source,target,type,share\nc1,c2,OWNS,${share}\nc1,c2,CONTROLS,${share}\n`, { file: 'owners.csv' })
  for (const share of ['1.5', '-0.2']) {
    const result = edges(share)
    t.equal(result.relationships.length, 0, `share ${share} is not stored`)
    t.equal(result.rejected.length, 2, `share ${share} is rejected on both rows`)
    t.match(result.rejected[0]?.reason, new RegExp(`Invalid share "${share}" on OWNS: expected a number from 0 to 1`))
  }
  const fine = edges('0.25')
  t.equal(fine.relationships.length, 2, 'a share of 0.25 is kept')
  t.equal(fine.rejected.length, 0)
  const blank = readCsv('source,target,type,share\nc1,c2,OWNS,\n', { file: 'owners.csv' })
  t.equal(blank.relationships.length, 1, 'a missing share stays allowed and counts as unknown')
})
