import t from 'tap'

import { dayNumber, isoDay } from '../../src/money/duration.js'
import {
  detectPatterns,
  PATTERN_TYPES,
  type PatternHit,
  type PatternOptions,
  type PatternType,
  type Transfer,
} from '../../src/money/patterns/index.js'

const DEFAULTS: PatternOptions = { types: PATTERN_TYPES, windowDays: 30, minCount: 5 }

let nextId = 0

/** Builds a transfer of `amount` major units, dated `offset` days after 2024-03-01. */
function pay(from: string, to: string, offset: number, amount: number, currency = 'EUR'): Transfer {
  nextId += 1
  return {
    id: `t${String(nextId).padStart(4, '0')}`,
    from,
    to,
    date: isoDay(dayNumber('2024-03-01') + offset),
    amountMinor: BigInt(amount) * 100n,
    currency,
  }
}

function detect(transfers: Transfer[], options: Partial<PatternOptions> = {}): PatternHit[] {
  return detectPatterns(transfers, { ...DEFAULTS, ...options })
}

function ofType(hits: PatternHit[], type: PatternType): PatternHit[] {
  return hits.filter((hit) => hit.type === type)
}

function ids(transfers: Transfer[]): string[] {
  return transfers.map((transfer) => transfer.id).sort()
}

function roleOf(hit: PatternHit | undefined, account: string): string | undefined {
  return hit?.accounts.find((entry) => entry.id === account)?.role
}

t.test('fan-in within the window', async (t) => {
  const transfers = [1, 2, 3, 4, 5, 6].map((i) => pay(`p${i}`, 'hub', i - 1, 9_000 + i * 100))
  const hits = detect(transfers)

  t.same(hits.map((hit) => hit.type), ['fan-in'])
  const [hit] = hits
  t.same([...(hit?.transfers ?? [])].sort(), ids(transfers))
  t.equal(roleOf(hit, 'hub'), 'target')
  t.equal(roleOf(hit, 'p1'), 'source')
  t.same(hit?.total, [{ currency: 'EUR', amount: '56100.00' }])
  t.equal(hit?.first, '2024-03-01')
  t.equal(hit?.last, '2024-03-06')
  t.equal(hit?.days, 6)
  t.equal(hit?.reason, '6 accounts paid 9,350.00 EUR on average into hub within 6 days')
})

t.test('fan-in spread past the window is no hit', async (t) => {
  // Eight days apart, at most four of the six payments fall within any 30 days.
  const transfers = [0, 1, 2, 3, 4, 5].map((i) => pay(`p${i}`, 'hub', i * 8, 9_000))
  t.same(detect(transfers), [])
  t.equal(ofType(detect(transfers, { windowDays: 41 }), 'fan-in').length, 1, 'a 41-day window holds all six')
})

t.test('fan-in counts distinct payers', async (t) => {
  const transfers = [0, 1, 2, 3, 4, 5].map((i) => pay(i < 3 ? 'p1' : 'p2', 'hub', i, 9_000))
  t.same(detect(transfers), [])
  t.same(detect(transfers, { minCount: 2 }).map((hit) => hit.reason), [
    '2 accounts paid 9,000.00 EUR on average into hub in 6 transfers within 6 days',
  ])
})

t.test('fan-in keeps currencies apart', async (t) => {
  const transfers = [1, 2, 3, 4, 5, 6].map((i) => pay(`p${i}`, 'hub', 0, 1_000, i <= 3 ? 'EUR' : 'USD'))
  const [hit] = detect(transfers)
  t.same(hit?.total, [
    { currency: 'EUR', amount: '3000.00' },
    { currency: 'USD', amount: '3000.00' },
  ])
  t.equal(hit?.reason, '6 accounts paid 1,000.00 EUR and 1,000.00 USD on average into hub within 1 day')
})

t.test('fan-out and one recipient short', async (t) => {
  const five = [1, 2, 3, 4, 5].map((i) => pay('boss', `r${i}`, i, 4_000))
  const hits = detect(five)
  t.same(hits.map((hit) => hit.type), ['fan-out'])
  t.equal(roleOf(hits[0], 'boss'), 'source')
  t.equal(roleOf(hits[0], 'r5'), 'target')
  t.equal(hits[0]?.reason, 'boss paid 4,000.00 EUR on average to 5 accounts within 5 days')

  t.same(detect(five.slice(0, 4)), [], 'four recipients are below minCount')
})

t.test('fan-in bursts of one account split apart', async (t) => {
  const early = [1, 2, 3, 4, 5].map((i) => pay(`a${i}`, 'hub', i, 500))
  const late = [1, 2, 3, 4, 5, 6].map((i) => pay(`b${i}`, 'hub', 60 + i, 500))
  const hits = detect([...early, ...late])
  t.same(
    hits.map((hit) => [hit.first, hit.transfers.length]),
    [
      ['2024-03-02', 5],
      ['2024-05-01', 6],
    ],
  )
})

t.test('layering chain of four hops', async (t) => {
  const chain = [
    pay('fund', 's1', 0, 100_000),
    pay('s1', 's2', 1, 98_000),
    pay('s2', 's3', 1, 97_000),
    pay('s3', 'firm', 3, 95_000),
  ]
  const noise = [pay('s2', 'elsewhere', 2, 30_000), pay('x', 'fund', 0, 120_000)]
  const hits = detect([...chain, ...noise])

  t.same(hits.map((hit) => hit.type), ['layering'])
  const [hit] = hits
  t.same(hit?.transfers, chain.map((transfer) => transfer.id))
  t.same(hit?.accounts, [
    { id: 'fund', role: 'source' },
    { id: 's1', role: 'intermediate' },
    { id: 's2', role: 'intermediate' },
    { id: 's3', role: 'intermediate' },
    { id: 'firm', role: 'target' },
  ])
  t.same(hit?.total, [{ currency: 'EUR', amount: '100000.00' }], 'money passing several hops counts once')
  t.equal(
    hit?.reason,
    '100,000.00 EUR passed from fund through 3 accounts to firm in 4 hops within 4 days, ' +
      'each hop forwarding at least 90% of what arrived, and 95,000.00 EUR (95%) arrived',
  )
})

t.test('layering near misses are no hit', async (t) => {
  const keepsTooLittle = [pay('f', 'a', 0, 100_000), pay('a', 'b', 1, 85_000), pay('b', 'c', 2, 84_000)]
  t.same(detect(keepsTooLittle), [], 'the second hop forwards 85%')

  const grows = [pay('f', 'a', 0, 100_000), pay('a', 'b', 1, 101_000), pay('b', 'c', 2, 100_000)]
  t.same(detect(grows), [], 'a hop forwards more than arrived')

  const slow = [pay('f', 'a', 0, 100_000), pay('a', 'b', 8, 99_000), pay('b', 'c', 9, 98_000)]
  t.same(detect(slow), [], 'the second hop leaves 8 days later')

  const backwards = [pay('f', 'a', 5, 100_000), pay('a', 'b', 4, 99_000), pay('b', 'c', 6, 98_000)]
  t.same(detect(backwards), [], 'the second hop is dated before the first')

  const otherCurrency = [pay('f', 'a', 0, 100_000), pay('a', 'b', 1, 99_000, 'USD'), pay('b', 'c', 2, 98_000, 'USD')]
  t.same(detect(otherCurrency), [], 'the second hop is in another currency')

  const short = [pay('f', 'a', 0, 100_000), pay('a', 'b', 1, 99_000)]
  t.same(detect(short), [], 'two hops are too few')

  const long = [pay('f', 'a', 0, 100_000), pay('a', 'b', 6, 99_000), pay('b', 'c', 12, 98_000)]
  t.same(detect(long, { windowDays: 10 }), [], 'the chain spans 13 days, past a 10-day window')
  t.equal(detect(long, { windowDays: 13 }).length, 1)
})

t.test('layering branches give one hit each', async (t) => {
  const trunk = [pay('f', 'a', 0, 100_000), pay('a', 'b', 1, 99_000)]
  const left = pay('b', 'c', 2, 98_000)
  const right = pay('b', 'd', 2, 97_000)
  const hits = detect([...trunk, left, right])
  t.same(
    hits.map((hit) => hit.transfers),
    [
      [...trunk.map((transfer) => transfer.id), left.id],
      [...trunk.map((transfer) => transfer.id), right.id],
    ],
  )
})

t.test('cycle back to the origin', async (t) => {
  const cycle = [pay('o', 'a', 0, 200_000), pay('a', 'b', 2, 199_000), pay('b', 'o', 4, 198_000)]
  const hits = detect(cycle)

  t.same(hits.map((hit) => hit.type), ['cycle'], 'the chain inside the cycle is not also reported as layering')
  t.same(hits[0]?.accounts, [
    { id: 'o', role: 'origin' },
    { id: 'a', role: 'intermediate' },
    { id: 'b', role: 'intermediate' },
  ])
  t.equal(
    hits[0]?.reason,
    '200,000.00 EUR left o and 198,000.00 EUR (99%) came back to it through 2 accounts in 3 hops within 5 days, ' +
      'each hop forwarding at least 90% of what arrived',
  )
  t.same(detect(cycle, { types: ['layering'] }), [], 'a cycle of 3 hops holds no simple chain of 3 hops')
})

t.test('cycle of four hops hides its chains', async (t) => {
  const cycle = [pay('o', 'a', 0, 200_000), pay('a', 'b', 1, 199_000), pay('b', 'c', 2, 198_000), pay('c', 'o', 3, 197_000)]
  t.same(detect(cycle).map((hit) => hit.type), ['cycle'])
  t.same(
    detect(cycle, { types: ['layering'] }).map((hit) => hit.accounts.map((entry) => entry.id).join(' ')),
    ['o a b c', 'a b c o'],
    'asked alone, both chains of 3 hops are layering',
  )
})

t.test('cycle near misses are no hit', async (t) => {
  const lossy = [pay('o', 'a', 0, 200_000), pay('a', 'b', 2, 199_000), pay('b', 'o', 4, 150_000)]
  t.same(ofType(detect(lossy), 'cycle'), [], 'the last hop forwards 75%')

  const twoHops = [pay('o', 'a', 0, 200_000), pay('a', 'o', 1, 199_000)]
  t.same(detect(twoHops), [], 'a round trip of two hops is too short')
})

t.test('scatter-gather through three accounts', async (t) => {
  const scatter = [pay('s', 'm1', 0, 10_000), pay('s', 'm2', 0, 20_000), pay('s', 'm3', 1, 30_000)]
  const gather = [pay('m1', 'g', 2, 9_900), pay('m2', 'g', 3, 19_500), pay('m3', 'g', 5, 29_000)]
  const hits = detect([...scatter, ...gather])

  t.same(hits.map((hit) => hit.type), ['scatter-gather'])
  t.same([...(hits[0]?.transfers ?? [])].sort(), ids([...scatter, ...gather]))
  t.equal(roleOf(hits[0], 's'), 'source')
  t.equal(roleOf(hits[0], 'm2'), 'intermediate')
  t.equal(roleOf(hits[0], 'g'), 'target')
  t.same(hits[0]?.total, [{ currency: 'EUR', amount: '60000.00' }])
  t.equal(hits[0]?.reason, 's split 60,000.00 EUR over 3 accounts, which passed 58,400.00 EUR on to g within 6 days')
})

t.test('scatter-gather near misses are no hit', async (t) => {
  const scatter = [pay('s', 'm1', 0, 10_000), pay('s', 'm2', 0, 20_000), pay('s', 'm3', 1, 30_000)]
  const twoTargets = [pay('m1', 'g', 2, 9_900), pay('m2', 'g', 3, 19_500), pay('m3', 'h', 5, 29_000)]
  t.same(detect([...scatter, ...twoTargets]), [], 'the parts reach two different targets')

  const skimmed = [pay('m1', 'g', 2, 9_900), pay('m2', 'g', 3, 19_500), pay('m3', 'g', 5, 20_000)]
  t.same(detect([...scatter, ...skimmed]), [], 'one intermediate keeps a third')
})

t.test('gather-scatter through one hub', async (t) => {
  const gather = [1, 2, 3, 4, 5].map((i) => pay(`p${i}`, 'hub', i % 2, 10_000))
  const scatter = [1, 2, 3, 4, 5].map((i) => pay('hub', `q${i}`, 3 + (i % 3), 9_800))
  const hits = detect([...gather, ...scatter])

  t.same(hits.map((hit) => hit.type), ['gather-scatter'], 'its fan-in and fan-out are not reported apart')
  t.same([...(hits[0]?.transfers ?? [])].sort(), ids([...gather, ...scatter]))
  t.equal(roleOf(hits[0], 'hub'), 'intermediate')
  t.equal(roleOf(hits[0], 'p1'), 'source')
  t.equal(roleOf(hits[0], 'q1'), 'target')
  t.same(hits[0]?.total, [{ currency: 'EUR', amount: '50000.00' }])
  t.equal(
    hits[0]?.reason,
    '5 accounts paid 50,000.00 EUR into hub, which then paid 49,000.00 EUR to 5 accounts, within 6 days',
  )
})

t.test('gather-scatter paying out first is no hit', async (t) => {
  const scatter = [1, 2, 3, 4, 5].map((i) => pay('hub', `q${i}`, 0, 9_800))
  const gather = [1, 2, 3, 4, 5].map((i) => pay(`p${i}`, 'hub', 3, 10_000))
  t.same(ofType(detect([...scatter, ...gather]), 'gather-scatter'), [])
})

function complete(sources: string[], targets: string[], offset: number, amount: number): Transfer[] {
  return sources.flatMap((source, i) => targets.map((target, j) => pay(source, target, offset + ((i + j) % 4), amount)))
}

const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`)

t.test('bipartite of five by five', async (t) => {
  const transfers = complete(names('p', 5), names('c', 5), 0, 3_000)
  const hits = detect(transfers)

  t.same(hits.map((hit) => hit.type), ['bipartite'], 'its fans are not reported apart')
  t.equal(hits[0]?.transfers.length, 25)
  t.same(
    hits[0]?.accounts.filter((entry) => entry.role === 'source').map((entry) => entry.id).sort(),
    names('p', 5),
  )
  t.equal(hits[0]?.reason, '5 accounts paid 75,000.00 EUR to 5 accounts in 25 transfers within 4 days')
})

t.test('bipartite one payee short is no hit', async (t) => {
  const transfers = complete(names('p', 5), names('c', 4), 0, 3_000)
  t.same(ofType(detect(transfers), 'bipartite'), [])
})

t.test('stack of three layers', async (t) => {
  const first = complete(names('p', 5), names('m', 5), 0, 3_000)
  const second = complete(names('m', 5), names('c', 5), 5, 2_900)
  const hits = detect([...first, ...second])

  t.same(hits.map((hit) => hit.type), ['stack'], 'its bipartite layers and hubs are not reported apart')
  t.equal(hits[0]?.transfers.length, 50)
  t.equal(roleOf(hits[0], 'p1'), 'source')
  t.equal(roleOf(hits[0], 'm3'), 'intermediate')
  t.equal(roleOf(hits[0], 'c5'), 'target')
  t.same(hits[0]?.total, [{ currency: 'EUR', amount: '75000.00' }], 'the total is what entered the middle layer')
  t.equal(
    hits[0]?.reason,
    '5 accounts paid 75,000.00 EUR into a middle layer of 5 accounts, which paid 72,500.00 EUR on to 5 accounts, ' +
      'in 50 transfers within 9 days',
  )
})

t.test('stack with a thin middle is no hit', async (t) => {
  const first = complete(names('p', 5), names('m', 4), 0, 3_000)
  const second = complete(names('m', 4), names('c', 5), 5, 2_900)
  t.same(ofType(detect([...first, ...second]), 'stack'), [])
})

t.test('types narrow the detectors', async (t) => {
  const fan = [1, 2, 3, 4, 5].map((i) => pay(`p${i}`, 'hub', i, 900))
  t.same(detect(fan, { types: ['fan-out', 'cycle'] }), [])
  t.equal(detect(fan, { types: ['fan-in'] }).length, 1)
})

t.test('results ignore the time zone', async (t) => {
  const transfers = [
    ...[1, 2, 3, 4, 5].map((i) => pay(`p${i}`, 'hub', 0, 9_000)),
    pay('f', 'a', 0, 100_000),
    pay('a', 'b', 1, 99_000),
    pay('b', 'c', 2, 98_000),
  ]
  const original = process.env.TZ
  const results: string[] = []
  for (const zone of ['UTC', 'Pacific/Kiritimati', 'America/Adak']) {
    process.env.TZ = zone
    results.push(JSON.stringify(detect(transfers)))
  }
  process.env.TZ = original
  t.equal(results[1], results[0], 'UTC+14 gives the same hits')
  t.equal(results[2], results[0], 'UTC-10 gives the same hits')
  t.match(results[0], /"first":"2024-03-01"/)
})
