/**
 * Runs the requested laundering-pattern detectors over plain transfers and writes out their
 * hits. Each typology's rule is stated in its own file: `fans.ts` (fan-in, fan-out),
 * `chains.ts` (layering, cycle), `flows.ts` (scatter-gather, gather-scatter) and `cores.ts`
 * (bipartite, stack).
 *
 * One structure often matches several typologies: the targets of a bipartite pattern are
 * each a fan-in, and the middle accounts of a stack are each a gather-scatter hub. A hit is
 * therefore reported once, as its most specific requested typology: a hit is dropped when
 * more than half of its transfers belong to one hit of a more specific type (`SPECIFICITY`).
 */
import { formatAmount } from '../../model/money.js'
import { isoDay } from '../duration.js'
import { detectChains } from './chains.js'
import { detectCores } from './cores.js'
import { detectFanIn, detectFanOut } from './fans.js'
import { detectGatherScatter, detectScatterGather } from './flows.js'
import { buildLedger, byDayThenId } from './ledger.js'
import {
  PATTERN_TYPES,
  type AccountRole,
  type AmountDescriber,
  type DatedTransfer,
  type Detection,
  type PatternOptions,
  type PatternType,
  type Transfer,
} from './rules.js'

export { PATTERN_TYPES, type PatternOptions, type PatternType, type Transfer } from './rules.js'

/**
 * Specificity rank of each typology. Fans are parts of every composite typology, and a layering
 * chain can be part of a cycle. A gather-scatter hub, a bipartite pattern and a
 * scatter-gather through three accounts can each be part of a stack.
 */
const SPECIFICITY: Record<PatternType, number> = {
  'fan-in': 0,
  'fan-out': 0,
  layering: 1,
  'gather-scatter': 1,
  bipartite: 1,
  cycle: 2,
  'scatter-gather': 2,
  stack: 3,
}

export interface PatternHit {
  type: PatternType
  accounts: { id: string; role: AccountRole }[]
  /** Transfer ids by date, then id. */
  transfers: string[]
  /** Sum of the transfers by which money entered the pattern, per currency. */
  total: { currency: string; amount: string }[]
  first: string
  last: string
  /** Calendar days from the first to the last transfer, both included. */
  days: number
  reason: string
}

/** Finds the hits of `options.types`, ordered by first date, typology and first transfer id. */
export function detectPatterns(transfers: readonly Transfer[], options: PatternOptions): PatternHit[] {
  const ledger = buildLedger(transfers)
  const requested = new Set(options.types)
  const detections: Detection[] = []

  if (requested.has('fan-in')) {
    detections.push(...detectFanIn(ledger, options))
  }
  if (requested.has('fan-out')) {
    detections.push(...detectFanOut(ledger, options))
  }
  if (requested.has('layering') || requested.has('cycle')) {
    const { layering, cycles } = detectChains(ledger, options)
    detections.push(...layering, ...cycles)
  }
  if (requested.has('scatter-gather')) {
    detections.push(...detectScatterGather(ledger, options))
  }
  if (requested.has('gather-scatter')) {
    detections.push(...detectGatherScatter(ledger, options))
  }
  if (requested.has('bipartite') || requested.has('stack')) {
    const { bipartite, stack } = detectCores(ledger, options)
    detections.push(...bipartite, ...stack)
  }

  return keepMostSpecific(detections).map(writeHit).sort(compareHits)
}

function keepMostSpecific(detections: Detection[]): Detection[] {
  const owners = new Map<string, Detection[]>()
  for (const detection of detections) {
    for (const transfer of detection.transfers) {
      const list = owners.get(transfer.id)
      if (list === undefined) {
        owners.set(transfer.id, [detection])
      } else {
        list.push(detection)
      }
    }
  }
  return detections.filter((detection) => {
    const shared = new Map<Detection, number>()
    for (const transfer of detection.transfers) {
      for (const other of owners.get(transfer.id) ?? []) {
        if (SPECIFICITY[other.type] > SPECIFICITY[detection.type]) {
          shared.set(other, (shared.get(other) ?? 0) + 1)
        }
      }
    }
    return ![...shared.values()].some((count) => count * 2 > detection.transfers.length)
  })
}

function writeHit(detection: Detection): PatternHit {
  const transfers = [...new Set(detection.transfers)].sort(byDayThenId)
  const first = transfers[0] as DatedTransfer
  const last = transfers[transfers.length - 1] as DatedTransfer
  return {
    type: detection.type,
    accounts: [...detection.roles].map(([id, role]) => ({ id, role })),
    transfers: transfers.map((t) => t.id),
    total: totals(detection.entering).map(([currency, minor]) => ({ currency, amount: formatAmount(minor, currency) })),
    first: isoDay(first.day),
    last: isoDay(last.day),
    days: last.day - first.day + 1,
    reason: detection.explain(describeAmounts),
  }
}

function compareHits(a: PatternHit, b: PatternHit): number {
  if (a.first !== b.first) {
    return a.first < b.first ? -1 : 1
  }
  if (a.type !== b.type) {
    return PATTERN_TYPES.indexOf(a.type) - PATTERN_TYPES.indexOf(b.type)
  }
  const [aId = '', bId = ''] = [a.transfers[0], b.transfers[0]]
  if (aId === bId) {
    return 0
  }
  return aId < bId ? -1 : 1
}

/** Sums amounts per currency, currencies in alphabetical order, with the number of transfers. */
function totals(transfers: readonly DatedTransfer[]): [string, bigint, number][] {
  const sums = new Map<string, [bigint, number]>()
  for (const transfer of new Set(transfers)) {
    const [sum, count] = sums.get(transfer.currency) ?? [0n, 0]
    sums.set(transfer.currency, [sum + transfer.amountMinor, count + 1])
  }
  return [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, [sum, count]]) => [currency, sum, count])
}

/**
 * Writes the total of `transfers` per currency for a sentence, such as "9,420.00 EUR and
 * 310.00 USD". With `average`, each total is divided by its number of transfers, rounded half up.
 */
const describeAmounts: AmountDescriber = (transfers, average = false) => {
  const parts = totals(transfers).map(([currency, minor, count]) => {
    const scaled = average ? (minor * 2n + BigInt(count)) / (2n * BigInt(count)) : minor
    return `${groupThousands(formatAmount(scaled, currency))} ${currency}`
  })
  return parts.length <= 1 ? (parts[0] ?? 'nothing') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}

function groupThousands(amount: string): string {
  const [whole = '', fraction] = amount.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return fraction === undefined ? grouped : `${grouped}.${fraction}`
}
