/**
 * Arrest simulation: removal curves worked out by hand on a small network,
 * the Montagna meetings curve against networkx 3.6.1, and what falls apart
 * when a given list of nodes is removed.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import t from 'tap'

import type { EdgeList } from '../../src/analytics/compact.js'
import { disrupt, removeNodes, type DisruptionResult } from '../../src/analytics/index.js'
import { DATA_DIR, missingData } from './fixtures.js'

const MONTAGNA_MEETINGS = 'montagna/Montagna_meetings_edgelist.csv'

/**
 * Two triangles joined through d, a pendant h on g, and i alone:
 *
 *   a - c - d - e - g - h     (a, b, c and e, f, g are triangles)
 *    \ /         \ /
 *     b           f           i
 *
 * Raw betweenness: d 12 and e 12 (3 x 4 pairs each), c 10, g 6, others 0.
 * The largest component contains a to h: 8 nodes. c - d is listed twice.
 */
function twoTriangles(): EdgeList {
  const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']
  const pairs = [
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'a'],
    ['c', 'd'],
    ['d', 'c'],
    ['d', 'e'],
    ['e', 'f'],
    ['f', 'g'],
    ['g', 'e'],
    ['g', 'h'],
  ]

  return {
    keys,
    directed: false,
    sources: Int32Array.from(pairs, ([source]) => keys.indexOf(source as string)),
    targets: Int32Array.from(pairs, ([, target]) => keys.indexOf(target as string)),
    weights: null,
  }
}

function curveOf(result: DisruptionResult): { removed: string[]; largest: number }[] {
  return result.steps.map((step) => ({ removed: step.removed, largest: step.largestComponent }))
}

t.test('recomputed curve worked by hand', async (t) => {
  const result = disrupt(twoTriangles(), { measure: 'betweenness', strategy: 'recompute' })

  // d and e tie at 12: d goes first by key. Then g (2, between h and e, f),
  // then only zeros are left, taken by key until e - f is the last edge.
  t.equal(result.originalLargestComponent, 8)
  t.same(curveOf(result), [
    { removed: ['d'], largest: 4 },
    { removed: ['g'], largest: 3 },
    { removed: ['a'], largest: 2 },
    { removed: ['b'], largest: 2 },
    { removed: ['c'], largest: 2 },
    { removed: ['e'], largest: 1 },
  ])
  t.same(
    result.steps.map((step) => step.fraction),
    [0.5, 0.375, 0.25, 0.25, 0.25, 0.125],
    'fractions of the original largest component',
  )
  t.same(result.steps.map((step) => step.step), [1, 2, 3, 4, 5, 6], 'steps numbered from 1')

  // Normalised on 9 nodes: 12 x 2 / (8 x 7); then on 8 nodes: 2 x 2 / (7 x 6).
  t.ok(Math.abs((result.steps[0]?.scores[0] as number) - 24 / 56) <= 1e-12, 'score of d')
  t.ok(Math.abs((result.steps[1]?.scores[0] as number) - 4 / 42) <= 1e-12, 'score of g')
  t.same(result.steps[2]?.scores, [0], 'score of a')
})

t.test('static curve worked by hand', async (t) => {
  const result = disrupt(twoTriangles(), {
    measure: 'betweenness',
    strategy: 'static',
    measureOptions: { normalized: false },
  })

  // Ranked once: d 12, e 12, c 10, g 6, then zeros by key.
  t.same(curveOf(result), [
    { removed: ['d'], largest: 4 },
    { removed: ['e'], largest: 3 },
    { removed: ['c'], largest: 3 },
    { removed: ['g'], largest: 2 },
    { removed: ['a'], largest: 1 },
  ])
  t.same(
    result.steps.map((step) => step.scores),
    [[12], [12], [10], [6], [0]],
    'scores on the original graph',
  )
})

t.test('blocks and step limit', async (t) => {
  const blocks = disrupt(twoTriangles(), { measure: 'betweenness', strategy: 'recompute', blockSize: 2 })

  // d and e leave together; then g (1, on the path f - g - h) and a; then b and c.
  t.same(curveOf(blocks), [
    { removed: ['d', 'e'], largest: 3 },
    { removed: ['g', 'a'], largest: 2 },
    { removed: ['b', 'c'], largest: 1 },
  ])

  const staticBlocks = disrupt(twoTriangles(), { measure: 'betweenness', strategy: 'static', blockSize: 3 })

  t.same(curveOf(staticBlocks), [
    { removed: ['d', 'e', 'c'], largest: 3 },
    { removed: ['g', 'a', 'b'], largest: 1 },
  ])

  const limited = disrupt(twoTriangles(), { measure: 'betweenness', strategy: 'recompute', maxSteps: 2 })

  t.same(curveOf(limited), [
    { removed: ['d'], largest: 4 },
    { removed: ['g'], largest: 3 },
  ])
})

t.test('other measures rank the nodes', async (t) => {
  // Degree counts c - d twice: c has 4, then d, e and g tie at 3 and d goes first.
  const degree = disrupt(twoTriangles(), { measure: 'degree', strategy: 'static', maxSteps: 2 })

  t.same(curveOf(degree), [
    { removed: ['c'], largest: 5 },
    { removed: ['d'], largest: 4 },
  ])

  const kcore = disrupt(twoTriangles(), { measure: 'kcore', strategy: 'recompute', maxSteps: 1 })

  // a to g all have core number 2, and a is the smallest key.
  t.same(curveOf(kcore), [{ removed: ['a'], largest: 7 }])
})

t.test('edgeless and empty graphs', async (t) => {
  const edgeless = (keys: string[]): EdgeList => ({
    keys,
    directed: false,
    sources: new Int32Array(),
    targets: new Int32Array(),
    weights: null,
  })

  t.same(disrupt(edgeless(['x', 'y']), { measure: 'degree', strategy: 'recompute' }), {
    originalLargestComponent: 1,
    steps: [],
  })
  t.same(disrupt(edgeless([]), { measure: 'pagerank', strategy: 'static' }), { originalLargestComponent: 0, steps: [] })
})

t.test('disruption options rejected', async (t) => {
  const edges = twoTriangles()

  const cases: [string, Parameters<typeof disrupt>[1], RegExp][] = [
    ['unknown strategy', { measure: 'degree', strategy: 'greedy' as never }, /strategy "greedy"/],
    ['unknown measure', { measure: 'katz' as never, strategy: 'static' }, /measure "katz"/],
    ['zero block', { measure: 'degree', strategy: 'static', blockSize: 0 }, /blockSize 0/],
    ['fractional steps', { measure: 'degree', strategy: 'static', maxSteps: 1.5 }, /maxSteps 1.5/],
    ['weighted kcore', { measure: 'kcore', strategy: 'static', weighted: true }, /kcore reads no weights/],
    [
      'recomputed personalization',
      { measure: 'pagerank', strategy: 'recompute', measureOptions: { personalization: [0] } },
      /static strategy only/,
    ],
    [
      'option of another measure',
      { measure: 'degree', strategy: 'static', measureOptions: { dampingFactor: 0.5 } },
      /dampingFactor does not apply to degree/,
    ],
  ]

  for (const [description, options, message] of cases) {
    t.throws(() => disrupt(edges, options), { code: 'ANALYTICS_INVALID_OPTION', message }, description)
  }
})

t.test('progress and cancellation', async (t) => {
  const reports: number[] = []

  disrupt(twoTriangles(), {
    measure: 'betweenness',
    strategy: 'recompute',
    onProgress: (done) => reports.push(done),
  })

  t.same(reports, [0, 1, 2, 3, 4, 5, 9], 'one report per step, then the planned total')

  let checks = 0

  t.throws(
    () =>
      disrupt(twoTriangles(), {
        measure: 'betweenness',
        strategy: 'recompute',
        shouldStop: () => ++checks > 3,
      }),
    { code: 'ANALYTICS_CANCELLED' },
  )
})

t.test('removed list splits the network', async (t) => {
  const bridge = removeNodes(twoTriangles(), ['d'])

  t.same(bridge.removed, ['d'])
  t.equal(bridge.originalLargestComponent, 8)
  t.equal(bridge.largestComponent, 4)
  t.equal(bridge.fraction, 0.5)
  t.same(bridge.components, [
    { id: 0, members: ['e', 'f', 'g', 'h'] },
    { id: 1, members: ['a', 'b', 'c'] },
    { id: 2, members: ['i'] },
  ])
  t.same(bridge.largestComponentPieces, [0, 1], 'the largest component fell in two')
  t.same(bridge.joined, [{ node: 'd', components: [0, 1] }], 'd linked both halves')

  const two = removeNodes(twoTriangles(), ['g', 'c', 'g'])

  t.same(two.removed, ['g', 'c'], 'each node once, in the order given')
  t.same(two.components, [
    { id: 0, members: ['d', 'e', 'f'] },
    { id: 1, members: ['a', 'b'] },
    { id: 2, members: ['h'] },
    { id: 3, members: ['i'] },
  ])
  t.same(two.largestComponentPieces, [0, 1, 2])
  t.same(two.joined, [
    { node: 'g', components: [0, 2] },
    { node: 'c', components: [0, 1] },
  ])

  const none = removeNodes(twoTriangles(), [])

  t.equal(none.largestComponent, 8, 'nothing removed')
  t.same(none.largestComponentPieces, [0])

  t.throws(() => removeNodes(twoTriangles(), ['z']), { code: 'ANALYTICS_NODE_NOT_FOUND', message: /"z"/ })
})

/**
 * Reads the meetings as an undirected edge list. Repeated and reversed pairs
 * stay, and the compact graph merges them.
 */
function loadMeetings(): EdgeList {
  const keys: string[] = []
  const indexOf = new Map<string, number>()
  const sources: number[] = []
  const targets: number[] = []
  const number = (key: string): number => {
    let index = indexOf.get(key)

    if (index === undefined) {
      index = keys.length
      indexOf.set(key, index)
      keys.push(key)
    }

    return index
  }

  for (const line of readFileSync(path.join(DATA_DIR, MONTAGNA_MEETINGS), 'utf8').split('\n')) {
    if (line.trim() === '') continue

    const [source, target] = line.trim().split(/\s+/)

    sources.push(number(source as string))
    targets.push(number(target as string))
  }

  return { keys, directed: false, sources: Int32Array.from(sources), targets: Int32Array.from(targets), weights: null }
}

/**
 * From test/analytics/fixtures/disruption_montagna.py (networkx 3.6.1,
 * `betweenness_centrality(G)` recomputed after each `G.remove_node`, the
 * same tie rule): every removal until no edge is left. Ties first occur at
 * step 19; from step 32 on every score is 0 and nodes go by key.
 */
const MONTAGNA_REMOVED = [
  '18', '25', '29', '22', '68', '47', '27', '51', '48', '45', '12', '11', '89', '19', '43', '85', '39', '36',
  '70', '76', '23', '79', '5', '6', '33', '34', '50', '52', '61', '63', '93', '0', '1', '10', '100', '13', '14',
  '15', '16', '17', '2', '20', '21', '24', '26', '28', '3', '30', '31', '32', '35', '37', '38', '4', '40', '41',
  '42', '44', '46', '49', '53', '54', '55', '56', '57', '58', '59', '60', '62', '64', '65', '66', '67', '69', '7',
  '71', '72', '73', '74', '75', '77', '78', '8', '80', '81', '82', '83', '84', '86', '87', '88', '9', '90', '91',
]

const MONTAGNA_LARGEST = [
  88, 68, 66, 46, 39, 38, 36, 24, 23, 19, 17, 15, 10, 8, 8, 8, 8, 8, 8, 8, 8, 8, 7, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
  5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 1,
]

const MONTAGNA_FIRST_SCORES = [
  0.37318795502447816, 0.3534578044782125, 0.2073275667689722, 0.21316580756013745, 0.07187339585365901,
  0.053770063456513625, 0.05629800307219665, 0.068470469066542, 0.023351648351648352, 0.0301994301994302,
]

t.test('montagna curve matches networkx', { skip: missingData(MONTAGNA_MEETINGS) }, async (t) => {
  const edges = loadMeetings()

  t.equal(edges.keys.length, 101, 'node count')

  const firstTen = disrupt(edges, { measure: 'betweenness', strategy: 'recompute', maxSteps: 10 })

  t.equal(firstTen.originalLargestComponent, 92, 'original largest component')
  t.same(firstTen.steps.map((step) => step.removed[0]), MONTAGNA_REMOVED.slice(0, 10), 'first ten removed')
  t.same(firstTen.steps.map((step) => step.largestComponent), MONTAGNA_LARGEST.slice(0, 10), 'first ten sizes')

  firstTen.steps.forEach((step, i) => {
    const expected = MONTAGNA_FIRST_SCORES[i] as number

    t.ok(Math.abs((step.scores[0] as number) - expected) <= 1e-9, `step ${i + 1}: score ${step.scores[0]}`)
    t.equal(step.fraction, (MONTAGNA_LARGEST[i] as number) / 92, `step ${i + 1}: fraction`)
  })

  const full = disrupt(edges, { measure: 'betweenness', strategy: 'recompute' })

  t.same(full.steps.map((step) => step.removed[0]), MONTAGNA_REMOVED, 'every removal')
  t.same(full.steps.map((step) => step.largestComponent), MONTAGNA_LARGEST, 'every size')
})
