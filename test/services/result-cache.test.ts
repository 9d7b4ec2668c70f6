/**
 * The result cache on its own: keys by graph version, visibility, passed expiries and
 * parameters, LRU eviction, and one read of the expiry instants per graph version. The graph
 * version and the instants are plain values here. test/api/summary-cache.test.ts runs the same
 * cache against Neo4j through the routes.
 */
import t from 'tap'

import type { Viewer } from '../../src/data/database.js'
import { createResultCache } from '../../src/services/result-cache.js'

const FR: Viewer = { ncb: 'FR', all: false, now: new Date(1_000) }
const DE: Viewer = { ncb: 'DE', all: false, now: new Date(1_000) }
const OPEN: Viewer = { ncb: null, all: false, now: new Date(1_000) }
const ADMIN: Viewer = { ncb: null, all: true, now: new Date(1_000) }

function fixture(options: { instants?: number[]; maxEntries?: number } = {}) {
  const state = { version: 1, instants: options.instants ?? [], instantReads: 0, computed: 0 }
  const cache = createResultCache({
    graphVersion: async () => state.version,
    expiryInstants: async () => {
      state.instantReads += 1
      return state.instants
    },
    maxEntries: options.maxEntries ?? 8,
  })
  const count = (key: unknown, viewer: Viewer) =>
    cache.cached(key, viewer, async () => {
      state.computed += 1
      return { computed: state.computed }
    })
  return { state, cache, count }
}

t.test('second identical call is cached', async (t) => {
  const { state, count } = fixture()

  const first = await count({ kind: 'stats', source: 'a' }, FR)
  const second = await count({ kind: 'stats', source: 'a' }, FR)

  t.equal(first.cached, false)
  t.equal(second.cached, true)
  t.same(second.value, { computed: 1 })
  t.equal(second.graphVersion, 1)
  t.equal(state.computed, 1)
})

t.test('parameters key separate entries', async (t) => {
  const { state, count } = fixture()

  await count({ kind: 'stats', source: 'a' }, FR)
  const other = await count({ kind: 'stats', source: 'b' }, FR)

  t.equal(other.cached, false)
  t.same(other.value, { computed: 2 })
  t.equal(state.computed, 2)
})

t.test('countries and admins have own entries', async (t) => {
  const { state, count } = fixture()

  const values = []
  for (const viewer of [FR, DE, OPEN, ADMIN]) {
    values.push((await count('overview', viewer)).value)
  }
  const again = await count('overview', DE)

  t.same(values, [{ computed: 1 }, { computed: 2 }, { computed: 3 }, { computed: 4 }])
  t.equal(again.cached, true)
  t.same(again.value, { computed: 2 })
  t.equal(state.computed, 4)
})

t.test('new graph version empties cache', async (t) => {
  const { state, count } = fixture()

  await count('stats', FR)
  state.version = 2
  const after = await count('stats', FR)

  t.equal(after.cached, false)
  t.equal(after.graphVersion, 2)
  t.same(after.value, { computed: 2 })
})

t.test('passed expiry changes key', async (t) => {
  const { state, cache } = fixture({ instants: [1_500, 9_000] })
  const seen: number[] = []
  const at = (millis: number) =>
    cache.cached('overview', { ncb: 'FR', all: false, now: new Date(millis) }, async (viewer) => {
      seen.push(viewer.now?.getTime() ?? -1)
      return seen.length
    })

  const before = await at(1_000)
  const stillBefore = await at(1_499)
  const atInstant = await at(1_500)
  const later = await at(8_999)

  t.equal(before.cached, false)
  t.equal(stillBefore.cached, true)
  t.equal(atInstant.cached, false, 'an instant equal to now has passed')
  t.equal(later.cached, true)
  t.same(seen, [1_000, 1_500], 'compute receives the instant the key was taken at')
  t.equal(state.instantReads, 1)
})

t.test('viewer without now is judged now', async (t) => {
  const { cache } = fixture()
  const before = Date.now()

  const result = await cache.cached('stats', { ncb: 'FR', all: false }, async (viewer) => viewer.now?.getTime() ?? -1)

  t.ok(result.value >= before, `compute saw ${result.value}, at least ${before}`)
  t.ok(result.value <= Date.now())
})

t.test('instants read once per graph version', async (t) => {
  const { state, count, cache } = fixture({ instants: [500] })

  await Promise.all([count('a', FR), count('b', FR), count('c', DE)])
  t.equal(state.instantReads, 1, 'concurrent misses share one read')

  state.version = 2
  state.instants = [500, 700]
  await count('a', FR)
  const passed = await cache.passedInstants(2, new Date(1_000))

  t.equal(state.instantReads, 2)
  t.same(passed, [500, 700])
})

t.test('failed instant read is retried', async (t) => {
  let calls = 0
  const cache = createResultCache({
    graphVersion: async () => 1,
    expiryInstants: async () => {
      calls += 1
      if (calls === 1) throw new Error('Neo4j unavailable')
      return [100]
    },
    maxEntries: 4,
  })

  await t.rejects(cache.cached('stats', FR, async () => 1), { message: 'Neo4j unavailable' })
  const retried = await cache.cached('stats', FR, async () => 2)

  t.equal(retried.value, 2)
  t.equal(calls, 2)
})

t.test('least recently used entry is evicted', async (t) => {
  const { state, count } = fixture({ maxEntries: 2 })

  await count('a', FR)
  await count('b', FR)
  await count('a', FR)
  await count('c', FR)
  const a = await count('a', FR)
  const b = await count('b', FR)

  t.equal(a.cached, true)
  t.equal(b.cached, false, 'b was the least recently used of a, b when c came in')
  t.equal(state.computed, 4)
})

t.test('errors are not cached', async (t) => {
  const { cache } = fixture()

  await t.rejects(cache.cached('geo', FR, async () => Promise.reject(new Error('timed out'))), { message: 'timed out' })
  const next = await cache.cached('geo', FR, async () => 'fresh')

  t.equal(next.cached, false)
  t.equal(next.value, 'fresh')
})

t.test('result of an older version stays out', async (t) => {
  const { state, cache } = fixture()
  let release: () => void = () => {}
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })

  const slow = cache.cached('stats', FR, async () => {
    await gate
    return 'old'
  })
  await new Promise((resolve) => setImmediate(resolve))
  state.version = 2
  const fresh = await cache.cached('stats', FR, async () => 'new')
  release()
  await slow
  const after = await cache.cached('stats', FR, async () => 'recomputed')

  t.equal(fresh.value, 'new')
  t.equal(after.cached, true)
  t.equal(after.value, 'new')
})
