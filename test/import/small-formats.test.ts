import t from 'tap'

import { readCaviar } from '../../src/import/readers/caviar.js'
import { parseGml, readGml } from '../../src/import/readers/gml.js'
import { detectFormat, readText } from '../../src/import/readers/index.js'
import { readKarate } from '../../src/import/readers/karate.js'
import { readMontagna } from '../../src/import/readers/montagna.js'

t.test('gml parser values', async (t) => {
  const entries = parseGml('# comment\ngraph [\n  directed 0\n  node [ id 1 label "A &amp; B" size 2.5 ]\n]\n')
  const graph = entries[0]
  t.equal(graph?.key, 'graph')
  t.equal(graph?.line, 2)
  const [directed, node] = Array.isArray(graph?.value) ? graph.value : []
  t.equal(directed?.value, 0)
  t.equal(node?.line, 4)
  t.same(node?.value, [
    { key: 'id', value: 1, line: 4 },
    { key: 'label', value: 'A & B', line: 4 },
    { key: 'size', value: 2.5, line: 4 },
  ])
})

t.test('gml reader records and rejections', async (t) => {
  const text = [
    'graph [',
    '  node [ id 0 label "Myriel" ]',
    '  node [ id 1 label "Napoleon" group 1 ]',
    '  node [ id 2 ]',
    '  node [ id 1 label "Again" ]',
    '  edge [ source 1 target 0 value 3 ]',
    '  edge [ source 1 target 0 value 2 ]',
    '  edge [ source 2 target 0 value 1 ]',
    ']',
  ].join('\n')
  const result = readGml(text, { file: 'data/lesmis.gml' })
  t.same(
    result.nodes.map((node) => [node.id, node.name]),
    [
      ['lesmis:0', 'Myriel'],
      ['lesmis:1', 'Napoleon'],
    ],
  )
  t.equal(result.nodes[1]?.properties.group, 1)
  t.same(
    result.relationships.map((relationship) => [relationship.id, relationship.properties.weight]),
    [
      ['lesmis:1->0', 3],
      ['lesmis:1->0#2', 2],
    ],
  )
  t.same(
    result.rejected.map((rejected) => rejected.line),
    [4, 5, 8],
  )
  t.match(result.rejected[0]?.reason, 'Missing "label"')
  t.match(result.rejected[1]?.reason, 'Duplicate node id "1": line 3 has the same id')
  t.match(result.rejected[2]?.reason, 'The source "2" is not the id of a node')
})

t.test('gml syntax errors', async (t) => {
  const unclosed = readGml('graph [\n  node [ id 0 label "A" ]\n', { file: 'x.gml' })
  t.match(unclosed.rejected[0]?.reason, 'never closed with "]"')
  t.equal(unclosed.rejected[0]?.line, 2)

  const badString = readGml('graph [\n  node [ id 0 label "A ]\n]\n', { file: 'x.gml' })
  t.match(badString.rejected[0]?.reason, 'A string is never closed')
  t.equal(badString.rejected[0]?.line, 2)
})

t.test('caviar matrix checks', async (t) => {
  const text = [
    '"players","1","2","3"',
    '"1",0,4,0',
    '"2",1,2,x',
    '"9",0,0,0',
    '"1",0,0,0',
  ].join('\r\n')
  const result = readCaviar(text, { file: 'phase4.csv' })
  t.same(
    result.nodes.map((node) => node.id),
    ['caviar:N1', 'caviar:N2', 'caviar:N3'],
  )
  t.same(
    result.relationships.map((relationship) => relationship.id),
    ['caviar-phase4:N1->N2', 'caviar-phase4:N2->N1'],
  )
  t.equal(result.relationships[0]?.properties.count, 4n)
  t.equal(result.relationships[0]?.properties.weight, 4)
  t.equal(result.relationships[0]?.properties.phase, 4n)
  t.equal(result.relationships[0]?.provenance.source, 'caviar-phase4')
  t.equal(result.nodes[0]?.provenance.source, 'caviar', 'people keep one source across phases')
  t.same(
    result.rejected.map((rejected) => rejected.line),
    [3, 3, 4, 5, 1],
  )
  t.match(result.rejected[0]?.reason, 'Non-zero diagonal cell "2" for player 2')
  t.match(result.rejected[1]?.reason, 'Invalid call count "x" in column 3 of player 2')
  t.match(result.rejected[2]?.reason, 'Unknown player "9"')
  t.match(result.rejected[3]?.reason, 'Duplicate row for player 1: line 2')
  t.match(result.rejected[4]?.reason, 'Player 3 has a column but no row')
})

t.test('caviar whole-network header forms', async (t) => {
  const plain = readCaviar('\uFEFF"",1,2\n1,0,3\n2,0,0\n', { file: 'morselli_caviar.csv' })
  const prefixed = readCaviar('"",N1,N2\nN1,0,3\nN2,0,0\n', { file: 'morselli_caviar.csv' })
  t.same(plain.relationships[0]?.id, 'caviar:N1->N2')
  t.same(prefixed.relationships[0]?.id, 'caviar:N1->N2')
  t.equal(plain.relationships[0]?.properties.phase, undefined)
  t.same(plain.rejected, [])
})

t.test('montagna meetings fold both orders', async (t) => {
  const text = '5\t6\t1\n6\t5\t2\n7 8 3\n7\t7\t1\n9\tx\t1\n'
  const result = readMontagna(text, { file: 'Montagna_meetings_edgelist.csv', kind: 'meetings' })
  t.same(
    result.relationships.map((relationship) => [relationship.id, relationship.type, relationship.properties.count]),
    [
      ['montagna-meetings:5->6', 'MET', 3n],
      ['montagna-meetings:7->8', 'MET', 3n],
    ],
  )
  t.same(
    result.nodes.map((node) => node.id),
    ['montagna:5', 'montagna:6', 'montagna:7', 'montagna:8'],
  )
  t.same(
    result.rejected.map((rejected) => rejected.line),
    [4, 5],
  )
  t.match(result.rejected[0]?.reason, 'Self-loop on person "7"')
  t.match(result.rejected[1]?.reason, 'Invalid target "x"')
})

t.test('montagna phone calls keep direction', async (t) => {
  const result = readMontagna('19 18 6\n18 19 5\n', { file: 'Montagna_phonecalls_edgelist.csv', kind: 'phonecalls' })
  t.same(
    result.relationships.map((relationship) => [relationship.id, relationship.type, relationship.properties.weight]),
    [
      ['montagna-phonecalls:19->18', 'CALLED', 6],
      ['montagna-phonecalls:18->19', 'CALLED', 5],
    ],
  )
})

t.test('karate with clubs', async (t) => {
  const clubs = { file: 'karate_networkx_club.csv', text: 'node,club\n0,Mr. Hi\n1,Officer\nx,Officer\n' }
  const result = readKarate('0 1 4\n1 0 2\n0 2 1.5\n', { file: 'karate_networkx_weighted_edgelist.txt', clubs })
  t.same(
    result.nodes.map((node) => [node.id, node.properties.club]),
    [
      ['karate:0', 'Mr. Hi'],
      ['karate:1', 'Officer'],
      ['karate:2', undefined],
    ],
  )
  t.same(
    result.relationships.map((relationship) => [relationship.id, relationship.properties.weight]),
    [
      ['karate:0->1', 4],
      ['karate:0->2', 1.5],
    ],
  )
  t.same(
    result.rejected.map((rejected) => [rejected.file, rejected.line]),
    [
      ['karate_networkx_club.csv', 4],
      ['karate_networkx_weighted_edgelist.txt', 2],
    ],
  )
  t.match(result.rejected[1]?.reason, 'Duplicate tie between 0 and 1: line 1')
})

t.test('format detection', async (t) => {
  const cases = [
    { file: 'people.csv', text: 'id,type,name\n', expected: 'csv' },
    { file: 'links.txt', text: 'source;target;type\n', expected: 'csv' },
    { file: 'graph.json', text: '{"nodes": []}', expected: 'graph-json' },
    { file: 'export', text: '  {"nodes": []}', expected: 'graph-json' },
    { file: 'lesmis.gml', text: 'graph [', expected: 'gml' },
    { file: 'matrix.csv', text: '\uFEFF"",1,2\n', expected: 'caviar' },
    { file: 'phase2.csv', text: '"players","1","4"\n', expected: 'caviar' },
    { file: 'Montagna_meetings_edgelist.csv', text: '0\t1\t1\n', expected: 'montagna' },
    { file: 'karate_networkx_weighted_edgelist.txt', text: '0 1 4\n', expected: 'karate' },
    { file: 'edges.txt', text: '0 1 4\n', expected: null },
    { file: 'notes.csv', text: 'when,what\n', expected: null },
  ]
  for (const { file, text, expected } of cases) {
    t.equal(detectFormat(file, text), expected, file)
  }

  const fincenHeader =
    'id,icij_sar_id,filer_org_name_id,filer_org_name,begin_date,end_date,originator_bank_id,originator_bank,' +
    'originator_bank_country,originator_iso,beneficiary_bank_id,beneficiary_bank,beneficiary_bank_country,' +
    'beneficiary_iso,number_transactions,amount_transactions'
  t.equal(detectFormat('transactions.csv', `${fincenHeader}\n`), 'fincen')
})

t.test('unrecognised format rejects file', async (t) => {
  const result = readText('notes.csv', 'when,what\nmonday,call\n')
  t.equal(result.rejected.length, 1)
  t.equal(result.rejected[0]?.line, 1)
  t.match(result.rejected[0]?.reason, 'Unrecognised file format')
})

t.test('montagna file name without kind', async (t) => {
  const result = readText('montagna_edges.txt', '0 1 1\n')
  t.match(result.rejected[0]?.reason, 'Cannot tell Montagna meetings from phone calls')
})
