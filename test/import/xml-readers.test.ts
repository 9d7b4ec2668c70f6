/**
 * GEXF and GraphML readers on files as Gephi writes them (crafted by hand after Gephi 0.10's
 * output): labels and types mapped through the allow-list, typed attributes, spells as
 * dates, and every element that cannot be read reported with its line.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import t from 'tap'

import { splitGexfList } from '../../src/import/readers/gexf.js'
import { detectFormat, readText } from '../../src/import/readers/index.js'
import { IsoDate } from '../../src/model/records.js'

const FIXTURES = path.join(import.meta.dirname, 'fixtures')
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8')

t.test('Gephi GEXF imports', async (t) => {
  const text = fixture('gephi-network.gexf')
  t.equal(detectFormat('upload', text), 'gexf', 'detected from the content')
  const result = readText('gephi-network.gexf', text)

  t.same(result.nodes.map((node) => [node.id, node.label, node.name]), [
    ['1', 'Person', 'Вячеслав Иваньков'],
    ['2', 'Group', 'Solntsevskaya bratva'],
    ['3', 'Company', 'Brighton Fuel Ltd'],
  ])
  const ivankov = result.nodes[0]?.properties ?? {}
  t.same(ivankov.aliases, ['Yaponchik', 'Япончик'], 'GEXF 1.3 list with a quoted item')
  t.equal(ivankov['Modularity Class'], 0n, 'integer attribute')
  t.equal(ivankov['Betweenness Centrality'], 0.0001, 'Java double text')
  t.equal(ivankov.verified, true, 'boolean attribute')
  t.notOk('Type' in ivankov, 'the label attribute is not stored again')
  t.equal(result.nodes[1]?.properties.verified, false, 'attribute default')
  t.same(result.nodes[2]?.properties.since, new IsoDate('1991-01-01'), 'node spell start')
  t.same(result.nodes[2]?.properties.until, new IsoDate('1996-06-30'), 'node spell end')

  t.same(result.relationships.map((edge) => [edge.id, edge.type, edge.source, edge.target]), [
    ['0', 'MEMBER_OF', '1', '2'],
    ['1', 'CONTROLS', '1', '3'],
    ['2', 'ASSOCIATE_OF', '2', '3'],
  ])
  const membership = result.relationships[0]?.properties ?? {}
  t.equal(membership.weight, 2, 'edge weight')
  t.same(membership.since, new IsoDate('1982-01-01'), 'spell start as since')
  t.same(membership.until, new IsoDate('1995-06-08'), 'spell end as until')
  t.notOk('until' in (result.relationships[1]?.properties ?? {}), 'open spell has no end')
  t.equal(result.relationships[2]?.properties.calls, 12n, 'long attribute')

  t.same(result.rejected.map((row) => [row.line, row.reason]), [
    [56, 'Node "4": Unknown node label "vessel" in attribute "Type". Expected one of Person, Group, Company, Fund, Account, Asset, Notice, Location.'],
    [81, 'Edge "3": The target "4" is a node that was rejected.'],
  ])
})

t.test('Gephi GraphML imports', async (t) => {
  const result = readText('gephi-network.graphml', fixture('gephi-network.graphml'))

  t.same(result.nodes.map((node) => [node.id, node.label, node.name]), [
    ['1', 'Person', 'Вячеслав Иваньков'],
    ['2', 'Group', 'Solntsevskaya bratva'],
    ['3', 'Company', 'Brighton Fuel Ltd'],
  ])
  t.same(result.nodes[0]?.properties, { nationality: 'RU', born: '1940-01-02' }, 'drawing data left out, an untyped date stays text')
  t.same(result.relationships.map((edge) => [edge.id, edge.type]), [['0', 'MEMBER_OF'], ['1', 'ASSOCIATE_OF']], 'Edge Label as type')
  t.equal(result.relationships[1]?.properties.calls, 12n)
  t.same(result.rejected, [
    { file: 'gephi-network.graphml', line: 44, reason: 'Edge "2": The target "9" is not the id of a node in this file.' },
  ])
})

t.test('XML that cannot be read', async (t) => {
  const broken = readText('broken.gexf', '<?xml version="1.0"?>\n<gexf>\n<graph>\n<nodes>\n</graph>\n</gexf>\n')
  t.equal(broken.rejected.length, 1)
  t.equal(broken.rejected[0]?.line, 4, 'line of the element left open')
  t.match(broken.rejected[0]?.reason, /^Invalid XML: /)

  const wrongRoot = readText('other.graphml', '<graphml><notagraph/></graphml>')
  t.equal(wrongRoot.rejected[0]?.reason, 'Invalid GraphML: expected a <graphml> root element with a <graph>.')

  const entity = readText('entity.graphml', '<?xml version="1.0"?>\n<!DOCTYPE graphml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<graphml><graph><node id="a"><data key="k">&x;</data></node></graph></graphml>')
  t.notMatch(JSON.stringify(entity), 'root:', 'no external entity is read')

  const hyper = readText('hyper.graphml', '<graphml>\n<graph>\n<node id="a"/>\n<hyperedge><endpoint node="a"/></hyperedge>\n</graph>\n</graphml>')
  t.same(hyper.rejected, [{ file: 'hyper.graphml', line: 4, reason: 'A hyperedge was not read: the graph stores relationships between two nodes only.' }])

  const numeric = readText('numeric.gexf', '<gexf><graph timeformat="double"><nodes><node id="a" label="A" start="1.0"/></nodes></graph></gexf>')
  t.equal(numeric.nodes.length, 1, 'the node is read')
  t.match(numeric.rejected[0]?.reason, 'timeformat is "double"', 'undated spans reported')
})

t.test('GEXF list forms', async (t) => {
  t.same(splitGexfList('[a, "b, c", \'d\']'), ['a', 'b, c', 'd'])
  t.same(splitGexfList('a|b|c'), ['a', 'b', 'c'], 'GEXF 1.2 form')
  t.same(splitGexfList('[]'), [])
})
