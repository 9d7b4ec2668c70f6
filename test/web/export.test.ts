/**
 * Exports of the network view, run in Node: each format is written from a small graph with
 * a hidden node and hostile text, parsed back with an independent reader, and compared.
 */
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom'
import { MultiDirectedGraph } from 'graphology'
import { parse as parseGexf } from 'graphology-gexf/node/index.js'
import t from 'tap'

import { buildExportGraph, exportFileName, type DrawnElement } from '../../web/src/export/export-graph.js'
import { toGexf } from '../../web/src/export/gexf.js'
import { escapeXml, toGraphml } from '../../web/src/export/graphml.js'
import { toJson } from '../../web/src/export/json.js'
import { createNetwork } from '../../web/src/network.js'

const HOSTILE = `<b>"Vor" & 'Sons'</b> Вячеслав Иваньков محمد`

function sampleNetwork() {
  const graph = createNetwork()
  graph.addNode('p:1', { label: 'Person', name: HOSTILE, x: 1.5, y: -2.25, aliases: ['Yaponchik', 'Япончик'], born: '1940-01-02' })
  graph.addNode('g:1', { label: 'Group', name: 'Solntsevskaya', x: 10, y: 20, members: 300, founded: '1988-01-01' })
  graph.addNode('a:1', { label: 'Account', name: 'Hidden account', x: 0, y: 0, balance: 2 ** 40 })
  graph.addEdgeWithKey('m:1', 'p:1', 'g:1', { type: 'MEMBER_OF', since: '1990-05-01', until: '1995-01-01', weight: 0.75 })
  graph.addEdgeWithKey('h:1', 'p:1', 'a:1', { type: 'HOLDS', since: '2001-01-01' })
  graph.addEdgeWithKey('k:1', 'g:1', 'p:1', { type: 'CONTROLS', verified: true })
  return graph
}

/** Returns what the renderer would report: the account hidden, the rest drawn in fixed colours. */
function drawn(hidden: string): { node: (key: string) => DrawnElement; edge: (key: string) => DrawnElement } {
  return {
    node: (key) => ({ hidden: key === hidden, color: key === 'p:1' ? '#e15759' : '#b07aa1', size: 6 }),
    edge: () => ({ hidden: false, color: '#b9bec7', size: 1 }),
  }
}

function exported() {
  const display = drawn('a:1')
  return buildExportGraph(sampleNetwork(), display.node, display.edge)
}

t.test('export graph keeps only drawn elements', async (t) => {
  const graph = exported()
  t.same(graph.nodes().sort(), ['g:1', 'p:1'], 'the hidden account is left out')
  t.same(graph.edges().sort(), ['k:1', 'm:1'], 'its relationship goes with it')
  t.equal(graph.getNodeAttribute('p:1', 'color'), '#e15759', 'colour as drawn')
  t.equal(graph.getNodeAttribute('p:1', 'x'), 1.5, 'x position')
  t.equal(graph.getNodeAttribute('p:1', 'y'), -2.25, 'y position')
})

t.test('GEXF parses back with attributes', async (t) => {
  const text = toGexf(exported())
  t.match(text, '<gexf version="1.3"', 'GEXF 1.3')
  const parsed = parseGexf(MultiDirectedGraph, text)

  t.equal(parsed.order, 2, 'two nodes')
  t.equal(parsed.size, 2, 'two relationships')
  const person = parsed.getNodeAttributes('p:1')
  t.equal(person.label, HOSTILE, 'hostile name as the GEXF label')
  t.equal(person.name, HOSTILE, 'hostile name as an attribute')
  t.equal(person.neo4jLabel, 'Person', 'Neo4j label')
  t.equal(person.aliases, JSON.stringify(['Yaponchik', 'Япончик']), 'array kept as JSON')
  t.equal(person.born, '1940-01-02', 'date kept')
  t.equal(person.x, 1.5, 'x position')
  t.equal(person.y, -2.25, 'y position')
  t.equal(person.size, 6, 'size')
  t.equal(person.color, '#e15759', 'colour')
  t.equal(parsed.getNodeAttribute('g:1', 'members'), 300, 'integer attribute')

  t.equal(parsed.source('m:1'), 'p:1', 'edge source')
  t.equal(parsed.target('m:1'), 'g:1', 'edge target')
  t.equal(parsed.getEdgeAttribute('m:1', 'type'), 'MEMBER_OF', 'relationship type')
  t.equal(parsed.getEdgeAttribute('m:1', 'since'), '1990-05-01', 'relationship date kept')
  t.equal(parsed.getEdgeAttribute('k:1', 'verified'), true, 'boolean attribute')
})

interface ParsedGraphml {
  keys: Map<string, { scope: string; name: string; type: string }>
  nodes: Map<string, Record<string, unknown>>
  edges: Map<string, { source: string; target: string; directed: string; attributes: Record<string, unknown> }>
}

/** Reads GraphML with a DOM-free XML parser, typing each value by its key's attr.type. */
function parseGraphml(text: string): ParsedGraphml {
  const document = new DOMParser().parseFromString(text, 'text/xml')
  const keys = new Map<string, { scope: string; name: string; type: string }>()
  for (const key of Array.from(document.getElementsByTagName('key'))) {
    keys.set(key.getAttribute('id') ?? '', {
      scope: key.getAttribute('for') ?? '',
      name: key.getAttribute('attr.name') ?? '',
      type: key.getAttribute('attr.type') ?? '',
    })
  }

  function attributesOf(element: XmlElement): Record<string, unknown> {
    const attributes: Record<string, unknown> = {}
    for (const data of Array.from(element.getElementsByTagName('data'))) {
      const key = keys.get(data.getAttribute('key') ?? '')
      if (key === undefined) throw new Error(`data refers to an undeclared key ${data.getAttribute('key')}`)
      const raw = data.textContent ?? ''
      if (key.type === 'string') attributes[key.name] = raw
      else if (key.type === 'boolean') attributes[key.name] = raw === 'true'
      else attributes[key.name] = Number(raw)
    }
    return attributes
  }

  const nodes = new Map<string, Record<string, unknown>>()
  for (const node of Array.from(document.getElementsByTagName('node'))) nodes.set(node.getAttribute('id') ?? '', attributesOf(node))
  const edges = new Map<string, { source: string; target: string; directed: string; attributes: Record<string, unknown> }>()
  for (const edge of Array.from(document.getElementsByTagName('edge'))) {
    edges.set(edge.getAttribute('id') ?? '', {
      source: edge.getAttribute('source') ?? '',
      target: edge.getAttribute('target') ?? '',
      directed: edge.getAttribute('directed') ?? '',
      attributes: attributesOf(edge),
    })
  }
  return { keys, nodes, edges }
}

t.test('GraphML parses back with typed keys', async (t) => {
  const parsed = parseGraphml(toGraphml(exported()))

  t.same([...parsed.nodes.keys()].sort(), ['g:1', 'p:1'], 'the drawn nodes')
  t.same([...parsed.edges.keys()].sort(), ['k:1', 'm:1'], 'the drawn relationships')

  const types = new Map([...parsed.keys.values()].map((key) => [`${key.scope}:${key.name}`, key.type]))
  t.equal(types.get('node:name'), 'string', 'name is a string')
  t.equal(types.get('node:x'), 'double', 'x is a double')
  t.equal(types.get('node:members'), 'int', 'a small integer is an int')
  t.equal(types.get('edge:weight'), 'double', 'weight is a double')
  t.equal(types.get('edge:verified'), 'boolean', 'verified is a boolean')
  t.equal(types.get('edge:since'), 'string', 'dates are strings')

  const person = parsed.nodes.get('p:1') ?? {}
  t.equal(person.name, HOSTILE, 'hostile name read back unchanged')
  t.equal(person.label, 'Person', 'Neo4j label')
  t.equal(person.born, '1940-01-02', 'date kept')
  t.equal(person.aliases, JSON.stringify(['Yaponchik', 'Япончик']), 'array kept as JSON')
  t.equal(person.x, 1.5, 'x position')
  t.equal(person.color, '#e15759', 'colour')
  t.equal(parsed.nodes.get('g:1')?.members, 300, 'integer value')

  const membership = parsed.edges.get('m:1')
  t.equal(membership?.source, 'p:1', 'edge source')
  t.equal(membership?.target, 'g:1', 'edge target')
  t.equal(membership?.directed, 'true', 'edge directed')
  t.equal(membership?.attributes.type, 'MEMBER_OF', 'relationship type')
  t.equal(membership?.attributes.until, '1995-01-01', 'relationship end date kept')
  t.equal(membership?.attributes.weight, 0.75, 'weight value')
})

t.test('GraphML types large integers as long', async (t) => {
  const graph = sampleNetwork()
  const parsed = parseGraphml(toGraphml(buildExportGraph(graph, () => ({ hidden: false }), () => ({ hidden: false }))))
  const balance = [...parsed.keys.values()].find((key) => key.name === 'balance')
  t.equal(balance?.type, 'long', 'balance beyond 32 bits')
  t.equal(parsed.nodes.get('a:1')?.balance, 2 ** 40, 'value kept')
})

t.test('XML escaping of control characters', async (t) => {
  t.equal(escapeXml('a\u0001b'), 'a\ufffdb', 'a control character becomes U+FFFD')
  t.equal(escapeXml('x\ud800y'), 'x\ufffdy', 'a lone surrogate becomes U+FFFD')
  t.equal(escapeXml('😀'), '😀', 'a surrogate pair stays')
  t.equal(escapeXml(`<&>"'`), '&lt;&amp;&gt;&quot;&apos;', 'markup characters')
})

t.test('JSON is graphology serialised form', async (t) => {
  const parsed = MultiDirectedGraph.from(JSON.parse(toJson(exported())) as ReturnType<MultiDirectedGraph['export']>)
  t.equal(parsed.order, 2, 'two nodes')
  t.equal(parsed.size, 2, 'two relationships')
  t.equal(parsed.getNodeAttribute('p:1', 'name'), HOSTILE, 'hostile name')
  t.equal(parsed.getNodeAttribute('p:1', 'label'), 'Person', 'Neo4j label, as the import reads it')
  t.equal(parsed.getNodeAttribute('p:1', 'x'), 1.5, 'x position')
  t.equal(parsed.getNodeAttribute('g:1', 'color'), '#b07aa1', 'colour')
  t.equal(parsed.getEdgeAttribute('m:1', 'since'), '1990-05-01', 'date kept')
})

t.test('export file name', async (t) => {
  t.equal(exportFileName('gexf', new Date(2024, 4, 1, 9, 5)), 'millennium-2024-05-01-0905.gexf')
  t.equal(exportFileName('png', new Date(1999, 11, 31, 23, 59)), 'millennium-1999-12-31-2359.png')
})

t.test('GEXF with control characters parses', async (t) => {
  const graph = createNetwork()
  graph.addNode('c:1', { label: 'Person', name: 'Ctrl\u0001\u0008\u000b\u001f\ufffe\uffffName', note: 'a\u0002b', x: 0, y: 0 })
  graph.addNode('c:2', { label: 'Group', name: 'Plain', x: 1, y: 1 })
  graph.addEdgeWithKey('c:e', 'c:1', 'c:2', { type: 'MEMBER_OF' })
  const display = drawn('none')
  const text = toGexf(buildExportGraph(graph, display.node, display.edge))
  const document = new DOMParser({
    onError: (level, message) => {
      // xmldom warns about every U+FFFD, which is the replacement this test expects.
      if (level !== 'warning') t.fail(`xmldom ${level}: ${message}`)
    },
  }).parseFromString(text, 'text/xml')

  t.equal(document.getElementsByTagName('node').length, 2, 'two node elements')
  const parsed = parseGexf(MultiDirectedGraph, text)
  t.equal(parsed.getNodeAttribute('c:1', 'label'), 'Ctrl\ufffd\ufffd\ufffd\ufffd\ufffd\ufffdName', 'forbidden characters became U+FFFD')
  t.equal(parsed.getNodeAttribute('c:1', 'note'), 'a\ufffdb', 'in attributes too')
})
