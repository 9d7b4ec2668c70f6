/**
 * `GET /api/money/patterns` over the seeded demo network, loaded under its own namespace:
 * every planted pattern of every typology must be found (recall 1.0), and the precision of
 * each typology is reported and held above a floor.
 *
 * A planted pattern is found when one hit of its typology contains all of its transfers.
 * A hit is correct when it contains all transfers of some planted pattern of its typology.
 */
import t from 'tap'

import { loadDemoNetwork } from '../../src/cli/loaders.js'
import { generateDemoNetwork, PLANTED_PATTERNS } from '../../src/demo/generate.js'
import { dayNumber, isoDay } from '../../src/money/duration.js'
import type { PatternHit } from '../../src/money/patterns/index.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { removeFixtures } from './requests.js'

const NAMESPACE = 't-patterns'
const DEMO = { seed: 7, size: 600, namespace: NAMESPACE }

/** The demo's transfers run from 2019-01-01 to 2025-12-31. */
const FIRST_DAY = dayNumber('2019-01-01')
const LAST_DAY = dayNumber('2025-12-31')

/**
 * Scans of 366 days (the cap) that start every 183 days. A hit counts only from a scan
 * where it lies more than one window (30 days) inside both ends, or touches the demo's own
 * first or last day. Every day is that far inside some scan, so no pattern is seen only cut.
 */
const SCAN_DAYS = 366
const SCAN_STEP = 183
const WINDOW_DAYS = 30

/**
 * Minimum precision per typology. Everyday transfers of the demo are random, and a false hit
 * of a chain or flow typology needs several of them to match in amount and date, so those
 * stay at 0.9. Fan-in is lower: every clan's members pay into the obshak's accounts all
 * year, and several such contributions within 30 days are a true fan-in, just not a
 * planted one.
 */
const PRECISION_FLOOR: Record<string, number> = { 'fan-in': 0.25 }
const DEFAULT_FLOOR = 0.9

interface Planted {
  pattern: string
  transfers: string[]
}

/** Reads the planted patterns from the generator, and the accounts that obshak funds hold. */
function groundTruth(): { planted: Map<string, Planted>; fundAccounts: Set<string> } {
  const planted = new Map<string, Planted>()
  const funds = new Set<string>()
  const fundAccounts = new Set<string>()
  for (const batch of generateDemoNetwork(DEMO)) {
    for (const node of batch.nodes) {
      if (node.label === 'Fund') {
        funds.add(node.id)
      }
    }
    for (const relationship of batch.relationships) {
      if (relationship.type === 'HOLDS' && funds.has(relationship.source)) {
        fundAccounts.add(relationship.target)
      }
      const { pattern, patternId } = relationship.properties
      if (relationship.type !== 'TRANSFER' || typeof patternId !== 'string') {
        continue
      }
      const entry = planted.get(patternId) ?? { pattern: String(pattern), transfers: [] }
      entry.transfers.push(relationship.id)
      planted.set(patternId, entry)
    }
  }
  return { planted, fundAccounts }
}

t.test('demo patterns all found', async (t) => {
  const app = await buildTestApp()
  t.teardown(async () => {
    await removeFixtures(app, `${NAMESPACE}:`)
    await app.close()
  })
  await removeFixtures(app, `${NAMESPACE}:`)
  const loaded = await loadDemoNetwork(app.services, DEMO)
  t.equal(loaded.rejected, 0, `${loaded.relationships} demo relationships loaded`)

  const hits = new Map<string, PatternHit>()
  for (let start = FIRST_DAY; start <= LAST_DAY; start += SCAN_STEP) {
    const end = start + SCAN_DAYS - 1
    const response = await app.inject({
      url: '/api/money/patterns',
      query: { since: isoDay(start), until: isoDay(end), source: NAMESPACE, limit: '1000' },
      headers: bearer('admin'),
    })
    t.equal(response.statusCode, 200, `scan from ${isoDay(start)}`)
    const body = response.json<{ hits: PatternHit[]; truncated: boolean; windowDays: number }>()
    t.equal(body.truncated, false, `scan from ${isoDay(start)} returns every hit`)
    t.equal(body.windowDays, WINDOW_DAYS)

    const lowest = start === FIRST_DAY ? -Infinity : start + WINDOW_DAYS
    const highest = end >= LAST_DAY ? Infinity : end - WINDOW_DAYS
    for (const hit of body.hits) {
      if (dayNumber(hit.first) > lowest && dayNumber(hit.last) < highest) {
        hits.set(`${hit.type} ${hit.transfers.join(' ')}`, hit)
      }
    }
  }

  const { planted, fundAccounts } = groundTruth()
  for (const pattern of PLANTED_PATTERNS) {
    const instances = [...planted].filter(([, entry]) => entry.pattern === pattern)
    const ofType = [...hits.values()].filter((hit) => hit.type === pattern)
    const covers = (hit: PatternHit, entry: Planted) => entry.transfers.every((id) => hit.transfers.includes(id))

    const missed = instances.filter(([, entry]) => !ofType.some((hit) => covers(hit, entry))).map(([id]) => id)
    t.ok(instances.length >= 6, `${pattern}: ${instances.length} planted`)
    t.same(missed, [], `${pattern}: every planted pattern found`)

    const correct = ofType.filter((hit) => instances.some(([, entry]) => covers(hit, entry))).length
    const precision = ofType.length === 0 ? 0 : correct / ofType.length
    const floor = PRECISION_FLOOR[pattern] ?? DEFAULT_FLOOR
    t.comment(`${pattern}: recall ${instances.length - missed.length}/${instances.length}, precision ${correct}/${ofType.length} = ${precision.toFixed(2)}`)
    t.ok(precision >= floor, `${pattern}: precision ${precision.toFixed(2)} is at least ${floor}`)
    if (pattern === 'fan-in') {
      const unplanted = ofType.filter((hit) => !instances.some(([, entry]) => covers(hit, entry)))
      const targets = unplanted.flatMap((hit) => hit.accounts.filter((entry) => entry.role === 'target').map((entry) => entry.id))
      t.same(
        targets.filter((account) => !fundAccounts.has(account)),
        [],
        'every unplanted fan-in is paid into an obshak account',
      )
    }
  }
})
