import t from 'tap'
import {
  CLANS_PER_FUND,
  generateDemoNetwork,
  MINIMUM_SIZE,
  PLANTED_DUPLICATES,
  PLANTED_PATTERNS,
  summariseDemoNetwork,
} from '../../src/demo/generate.js'
import { collectNetwork, hashStream } from './fixtures/network.js'

t.test('same seed gives identical stream', async (t) => {
  const first = hashStream({ seed: 42, size: 300 })
  const second = hashStream({ seed: 42, size: 300 })
  t.match(first, /^[0-9a-f]{64}$/)
  t.equal(second, first)
})

t.test('different seed gives different stream', async (t) => {
  const first = hashStream({ seed: 42, size: 300 })
  const other = hashStream({ seed: 43, size: 300 })
  t.not(other, first)
})

t.test('batch size does not change the records', async (t) => {
  const small = collectNetwork({ seed: 5, size: 300, batchSize: 700 })
  const large = collectNetwork({ seed: 5, size: 300, batchSize: 50_000 })
  t.same(
    small.nodes.map((node) => node.id),
    large.nodes.map((node) => node.id),
  )
  t.same(
    small.relationships.map((relationship) => relationship.id),
    large.relationships.map((relationship) => relationship.id),
  )
  t.equal(large.batchSizes.length, 1)
})

t.test('batches hold batchSize records except the last', async (t) => {
  const { batchSizes } = collectNetwork({ seed: 5, size: 300, batchSize: 1_000 })
  const last = batchSizes.pop()
  t.ok(batchSizes.length >= 2, `expected several batches, got ${batchSizes.length + 1}`)
  t.same(
    batchSizes.filter((size) => size !== 1_000),
    [],
  )
  t.ok(last !== undefined && last > 0 && last <= 1_000, `last batch has ${last} records`)
})

t.test('counts at default size', async (t) => {
  const summary = summariseDemoNetwork({ seed: 1 })
  t.equal(summary.nodes.Person, 300 + PLANTED_DUPLICATES.persons)
  t.equal(summary.nodes.Group, 3)
  t.equal(summary.nodes.Fund, 1)
  const operations = summary.relationships.OPERATES_IN
  t.ok(operations >= 9 && operations <= 15, `each clan operates in 3-5 places, got ${operations} in all`)
  for (const pattern of PLANTED_PATTERNS) {
    t.ok(summary.patterns[pattern] >= 3, `${pattern}: ${summary.patterns[pattern]} planted`)
  }
})

t.test('counts scale with size', async (t) => {
  const small = summariseDemoNetwork({ seed: 1, size: 300 })
  const large = summariseDemoNetwork({ seed: 1, size: 3_000 })
  t.equal(large.nodes.Person, 3_000 + PLANTED_DUPLICATES.persons)
  t.equal(large.nodes.Group, 30)
  t.equal(large.nodes.Fund, 30 / CLANS_PER_FUND)
  t.equal(large.nodes.Location, small.nodes.Location, 'places are a fixed list')

  for (const label of ['Company', 'Account', 'Asset', 'Notice'] as const) {
    const ratio = large.nodes[label] / small.nodes[label]
    t.ok(ratio > 7 && ratio < 13, `${label}: ${small.nodes[label]} → ${large.nodes[label]}`)
  }
  for (const type of ['MEMBER_OF', 'ASSOCIATE_OF', 'OWNS', 'HOLDS', 'TRANSFER', 'SUBJECT_OF'] as const) {
    const ratio = large.relationships[type] / small.relationships[type]
    t.ok(ratio > 7 && ratio < 13, `${type}: ${small.relationships[type]} → ${large.relationships[type]}`)
  }
  for (const pattern of PLANTED_PATTERNS) {
    t.ok(large.patterns[pattern] >= 30, `${pattern}: ${large.patterns[pattern]} planted`)
  }
})

t.test('smallest size has three clans', async (t) => {
  const summary = summariseDemoNetwork({ seed: 3, size: MINIMUM_SIZE })
  t.equal(summary.nodes.Person, MINIMUM_SIZE + PLANTED_DUPLICATES.persons)
  t.equal(summary.nodes.Group, 3)
  for (const pattern of PLANTED_PATTERNS) {
    t.ok(summary.patterns[pattern] >= 3, `${pattern}: ${summary.patterns[pattern]} planted`)
  }
})

t.test('invalid options throw at call', async (t) => {
  t.throws(() => generateDemoNetwork({ seed: 1.5 }), RangeError)
  t.throws(() => generateDemoNetwork({ seed: 1, size: MINIMUM_SIZE - 1 }), {
    name: 'RangeError',
    message: /Invalid demo size 29/,
  })
  t.throws(() => generateDemoNetwork({ seed: 1, size: 300, batchSize: 0 }), {
    message: /Invalid demo batch size 0/,
  })
})
