import t from 'tap'

import { IsoDate } from '../../src/model/records.js'
import { readGraphJson } from '../../src/import/readers/graph-json.js'

const GRAPH = `{
  "attributes": {"name": "case 17"},
  "options": {"type": "directed", "multi": true, "allowSelfLoops": false},
  "nodes": [
    {"key": "p1", "attributes": {"label": "Person", "name": "Ann", "born:date": "1970-01-31", "age": 54, "note": "1970-01-31"}},
    {"key": "c1", "attributes": {"label": "Company", "name": "Shell Ltd", "kind": "shell", "source": "registry", "ownerNcb": "FR", "restrictedTo": ["DE"]}},
    {"key": "p2",
     "attributes": {"label": "Pirate", "name": "Bob"}},
    {"key": "a1", "attributes": {"label": "Account", "name": "IBAN 1", "big:int": "9223372036854775807", "tags": ["x", "y"]}}
  ],
  "edges": [
    {"key": "t1", "source": "p1", "target": "c1", "attributes": {"type": "OWNS", "share": 0.5}},
    {"source": "c1", "target": "a1", "attributes": {"type": "TRANSFER", "amount": "1000000.10", "currency": "EUR"}},
    {"source": "c1", "target": "a1", "attributes": {"type": "TRANSFER", "amount": 250, "currency": "EUR"}},
    {"source": "p1", "target": "p2", "attributes": {"type": "MET"}},
    {"source": "p1", "target": "ghost", "attributes": {"type": "MET"}},
    {"key": "t1", "source": "p1", "target": "c1", "attributes": {"type": "OWNS"}}
  ]
}`

t.test('graph json nodes and typing', async (t) => {
  const result = readGraphJson(GRAPH, { file: 'case.json' })
  t.same(
    result.nodes.map((node) => node.id),
    ['p1', 'c1', 'a1'],
  )
  const ann = result.nodes[0]
  t.equal(ann?.label, 'Person')
  t.equal(ann?.name, 'Ann')
  t.same(ann?.properties.born, new IsoDate('1970-01-31'))
  t.equal(ann?.properties.age, 54, 'a JSON number stays a number')
  t.equal(ann?.properties.note, '1970-01-31', 'an untyped string is not guessed to be a date')
  t.same(ann?.provenance, { source: 'case', ownerNcb: null, restrictedTo: [] })
  t.same(result.nodes[1]?.provenance, { source: 'registry', ownerNcb: 'FR', restrictedTo: ['DE'] })
  t.equal(result.nodes[1]?.properties.source, undefined, 'provenance is not a property')
  t.equal(result.nodes[2]?.properties.big, 9223372036854775807n)
  t.same(result.nodes[2]?.properties.tags, ['x', 'y'])
})

t.test('graph json edges', async (t) => {
  const result = readGraphJson(GRAPH, { file: 'case.json' })
  t.same(
    result.relationships.map((relationship) => relationship.id),
    ['t1', 'c1-TRANSFER->a1', 'c1-TRANSFER->a1#2'],
  )
  t.equal(result.relationships[0]?.properties.share, 0.5)
  t.equal(result.relationships[1]?.properties.amount, '1000000.10')
  t.equal(result.relationships[1]?.properties.amountMinor, 100000010n)
  t.equal(result.relationships[2]?.properties.amount, '250.00')
  t.equal(result.relationships[2]?.properties.currency, 'EUR')
})

t.test('graph json rejections with lines', async (t) => {
  const result = readGraphJson(GRAPH, { file: 'case.json' })
  const byLine = new Map(result.rejected.map((rejected) => [rejected.line, rejected.reason]))
  t.equal(result.rejected.length, 4)
  t.match(byLine.get(7), /^nodes\[2\]: Invalid attribute "label" "Pirate"/)
  t.match(byLine.get(15), /^edges\[3\]: The target "p2" is a node that was rejected/)
  t.match(byLine.get(16), /^edges\[4\]: The target "ghost" is not the key of a node/)
  t.match(byLine.get(17), /^edges\[5\]: Duplicate key "t1": edges\[0\] has the same key/)
})

t.test('graph json value checks', async (t) => {
  const cases = [
    { attributes: '"age:int": 9007199254740993', expected: /Integer 9007199254740993 in attribute "age:int" is beyond ±\(2\^53 - 1\)/ },
    { attributes: '"born:date": "31/01/1970"', expected: /Invalid date "31\/01\/1970" in attribute "born:date"/ },
    { attributes: '"nested": {"a": 1}', expected: /Unsupported value \{"a":1\} in attribute "nested"/ },
    { attributes: '"amount": "5"', expected: /Amount "5" in attribute "amount" has no currency/ },
    { attributes: '"amount": 12345678901234567, "currency": "USD"', expected: /at most 15 significant digits/ },
    { attributes: '"weight": "heavy"', expected: /Invalid number "heavy" in attribute "weight"/ },
  ]
  for (const { attributes, expected } of cases) {
    const text = `{"nodes": [{"key": "p1", "attributes": {"label": "Person", "name": "Ann", ${attributes}}}]}`
    const result = readGraphJson(text, { file: 'case.json' })
    t.equal(result.nodes.length, 0, `${attributes}: node rejected`)
    t.match(result.rejected[0]?.reason, expected, `${attributes}: reason`)
  }
})

t.test('graph json integer hint on string', async (t) => {
  const text = '{"nodes": [{"key": 7, "attributes": {"label": "Person", "name": "Ann", "calls:int": "9007199254740993"}}]}'
  const node = readGraphJson(text, { file: 'case.json' }).nodes[0]
  t.equal(node?.id, '7')
  t.equal(node?.properties.calls, 9007199254740993n)
})

t.test('graph json syntax error line', async (t) => {
  const result = readGraphJson('{\n  "nodes": [\n    {"key": "p1",,}\n  ]\n}', { file: 'broken.json' })
  t.equal(result.rejected.length, 1)
  t.equal(result.rejected[0]?.line, 3)
  t.match(result.rejected[0]?.reason, /^Invalid JSON/)
})

t.test('graph json without nodes array', async (t) => {
  const result = readGraphJson('{"vertices": []}', { file: 'other.json' })
  t.match(result.rejected[0]?.reason, /expected an object with a "nodes" array/)
})

t.test('graph json read twice gives same ids', async (t) => {
  const first = readGraphJson(GRAPH, { file: 'case.json' })
  const second = readGraphJson(GRAPH, { file: 'case.json' })
  t.same(
    second.relationships.map((relationship) => relationship.id),
    first.relationships.map((relationship) => relationship.id),
  )
  t.same(second, first)
})
