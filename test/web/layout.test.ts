/**
 * The viewer's layout and date helpers, run in Node: seeded positions that do not depend on
 * the payload's order, pinned nodes, money mode's columns after an expansion, and date ranges.
 */
import t from 'tap'

import { isDatedInside } from '../../web/src/dates.js'
import { layoutFromScratch, seededPoint } from '../../web/src/layout.js'
import { createNetwork, mergePayload, type NetworkGraph } from '../../web/src/network.js'
import { layoutTrail, placeInColumns } from '../../web/src/trail-layout.js'

const NONE = { pinned: new Set<string>(), hidden: new Set<string>() }

/** Builds a ring of people, merged as the viewer merges an API payload listing them in `order`. */
function ring(order: string[]): NetworkGraph {
  const sorted = [...order].sort()
  const graph = createNetwork()
  mergePayload(graph, {
    attributes: {},
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    nodes: order.map((key) => ({ key, attributes: { label: 'Person', name: key } })),
    edges: sorted.map((key, index) => {
      const next = sorted[(index + 1) % sorted.length] ?? key
      return { key: `${key}->${next}`, source: key, target: next, attributes: { type: 'KNOWS' } }
    }),
  })
  return graph
}

t.test('seeded point depends on the key', async (t) => {
  const point = seededPoint('p:1', 10)
  t.same(seededPoint('p:1', 10), point, 'same key, same point')
  t.not(seededPoint('p:2', 10).x, point.x, 'another key, another point')
  t.ok(Math.hypot(point.x, point.y) <= 10, 'inside the disc')
})

t.test('layout ignores payload order', async (t) => {
  const keys = Array.from({ length: 40 }, (_, index) => `n:${String(index).padStart(2, '0')}`)
  const forward = ring(keys)
  const backward = ring([...keys].reverse())
  t.equal(layoutFromScratch(forward, NONE), false, 'a small graph is laid out at once')
  layoutFromScratch(backward, NONE)

  let largest = 0
  for (const key of keys) {
    const a = forward.getNodeAttributes(key)
    const b = backward.getNodeAttributes(key)
    largest = Math.max(largest, Math.hypot(a.x - b.x, a.y - b.y))
  }
  t.equal(largest, 0, 'same positions')
})

t.test('pinned node keeps its place', async (t) => {
  const graph = ring(['a', 'b', 'c', 'd', 'e'])
  graph.mergeNodeAttributes('c', { x: 123.5, y: -7 })
  layoutFromScratch(graph, { pinned: new Set(['c']), hidden: new Set() })
  t.equal(graph.getNodeAttribute('c', 'x'), 123.5, 'x unchanged')
  t.equal(graph.getNodeAttribute('c', 'y'), -7, 'y unchanged')
  t.not(graph.getNodeAttribute('a', 'x'), 0, 'others were placed')
})

t.test('large graph waits for the worker', async (t) => {
  const keys = Array.from({ length: 16_000 }, (_, index) => `n:${index}`)
  const graph = ring(keys)
  t.equal(layoutFromScratch(graph, NONE), true, 'too large to lay out synchronously')
  t.same(
    { x: graph.getNodeAttribute('n:7', 'x'), y: graph.getNodeAttribute('n:7', 'y') },
    seededPoint('n:7', 10 * Math.sqrt(16_000)),
    'nodes wait at their seeded start',
  )
})

t.test('expansion keeps the trail columns', async (t) => {
  const graph = createNetwork()
  for (const [key, hop] of [['a', 0], ['b', 1], ['c', 2]] as const) graph.addNode(key, { label: 'Account', hop, x: 0, y: 0 })
  graph.addEdgeWithKey('ab', 'a', 'b', { type: 'TRANSFER' })
  graph.addEdgeWithKey('bc', 'b', 'c', { type: 'TRANSFER' })
  layoutTrail(graph, 'out', 'a')
  const before = graph.mapNodes((key, attributes) => `${key}:${attributes.x},${attributes.y}`)

  graph.addNode('d', { label: 'Account', x: 0, y: 0 })
  graph.addEdgeWithKey('bd', 'b', 'd', { type: 'TRANSFER' })
  graph.addNode('e', { label: 'Person', x: 0, y: 0 })
  graph.addEdgeWithKey('ea', 'e', 'a', { type: 'HOLDS' })
  placeInColumns(graph, ['d', 'e'], 'b', 'out')

  t.same(
    graph.filterNodes((key) => key <= 'c').map((key) => `${key}:${graph.getNodeAttribute(key, 'x')},${graph.getNodeAttribute(key, 'y')}`),
    before,
    'the trail did not move',
  )
  t.equal(graph.getNodeAttribute('d', 'x'), graph.getNodeAttribute('c', 'x'), 'payee of b joins the column after b')
  t.ok(graph.getNodeAttribute('d', 'y') > graph.getNodeAttribute('c', 'y'), 'below the node already there')
  t.equal(graph.getNodeAttribute('e', 'x'), graph.getNodeAttribute('a', 'x') - 100, 'holder of a goes one column before it')
})

t.test('dated records against a range', async (t) => {
  const range = { since: '2020-01-01', until: '2020-12-31' }
  const cases: [string, Record<string, unknown>, boolean][] = [
    ['undated', { type: 'KNOWS' }, true],
    ['date inside', { date: '2020-06-01' }, true],
    ['date on the last day', { date: '2020-12-31' }, true],
    ['date after', { date: '2021-01-01' }, false],
    ['date-time inside, with offset', { date: '2020-12-31T23:30:00-05:00' }, true],
    ['span overlapping the start', { since: '2019-05-01', until: '2020-02-01' }, true],
    ['span before', { since: '2018-01-01', until: '2019-12-31' }, false],
    ['open span from before', { since: '2010-01-01' }, true],
    ['open span from after', { since: '2021-01-01' }, false],
    ['span ending before', { until: '2019-01-01' }, false],
    ['notice issued inside', { issuedAt: '2020-03-04' }, true],
    ['notice issued before', { issuedAt: '2019-03-04' }, false],
    ['unreadable date is undated', { date: 'soon' }, true],
  ]
  for (const [name, attributes, inside] of cases) t.equal(isDatedInside(attributes, range), inside, name)
  t.equal(isDatedInside({ date: '1900-01-01' }, null), true, 'no range shows everything')
})
