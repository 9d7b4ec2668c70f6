/**
 * Scatter-gather and gather-scatter (AMLSim's `scatter_gather` and `gather_scatter`).
 *
 * Scatter-gather rule: one source account pays at least `SCATTER_GATHER_MIN_INTERMEDIATES`
 * distinct intermediate accounts within `windowDays`. Each of them forwards its part to one
 * target account other than the source as a pass-through hop (`hops.ts`): in the same
 * currency, 90% to 100% of the part, within `MAX_HOP_GAP_DAYS`.
 *
 * Gather-scatter rule: within `windowDays`, one hub account receives from at least
 * `minCount` distinct accounts and afterwards pays at least `minCount` distinct accounts:
 * every payment out is dated after every payment in. The gather side is every transfer into
 * the hub from the window's first day to a split day, and the scatter side every transfer out
 * after it. The window and split with the most counterparties on the weaker side win, and on
 * a tie the one with the most transfers.
 */
import { followers } from './hops.js'
import { between, distinctCount, type Ledger } from './ledger.js'
import { plural } from './fans.js'
import {
  SCATTER_GATHER_MIN_INTERMEDIATES,
  type AccountRole,
  type AmountDescriber,
  type DatedTransfer,
  type Detection,
  type PatternOptions,
} from './rules.js'

interface Leg {
  scatter: DatedTransfer
  gather: DatedTransfer
}

export function detectScatterGather(ledger: Ledger, options: PatternOptions): Detection[] {
  const groups = new Map<string, Leg[]>()
  for (const scatter of ledger.transfers) {
    for (const gather of followers(ledger, scatter)) {
      if (gather.to === scatter.from) {
        continue
      }
      const key = `${scatter.from}\n${gather.to}`
      const legs = groups.get(key)
      if (legs === undefined) {
        groups.set(key, [{ scatter, gather }])
      } else {
        legs.push({ scatter, gather })
      }
    }
  }

  const detections: Detection[] = []
  for (const legs of groups.values()) {
    let remaining = legs
    while (distinctCount(remaining.map((leg) => leg.scatter.to)) >= SCATTER_GATHER_MIN_INTERMEDIATES) {
      const best = densestLegs(remaining, options.windowDays)
      if (best.length === 0) {
        break
      }
      detections.push(scatterGatherDetection(best))
      const used = new Set(best)
      remaining = remaining.filter((leg) => !used.has(leg))
    }
  }
  return detections
}

/**
 * Returns the legs, within `windowDays` from the earliest scatter, through the most distinct
 * intermediates, or none when no window reaches the minimum. Windows start on each day with
 * a scatter, so a pair of accounts costs at most one pass over its legs per distinct day.
 */
function densestLegs(legs: readonly Leg[], windowDays: number): Leg[] {
  let best: Leg[] = []
  let bestCount = SCATTER_GATHER_MIN_INTERMEDIATES - 1
  for (const start of new Set(legs.map((leg) => leg.scatter.day))) {
    const inside = legs.filter((leg) => leg.scatter.day >= start && leg.gather.day - start < windowDays)
    const intermediates = distinctCount(inside.map((leg) => leg.scatter.to))
    if (intermediates > bestCount) {
      best = inside
      bestCount = intermediates
    }
  }
  return best
}

function scatterGatherDetection(legs: Leg[]): Detection {
  const first = legs[0] as Leg
  const source = first.scatter.from
  const target = first.gather.to
  const roles = new Map<string, AccountRole>([[source, 'source']])
  for (const leg of legs) {
    roles.set(leg.scatter.to, 'intermediate')
  }
  roles.set(target, 'target')
  const scattered = [...new Set(legs.map((leg) => leg.scatter))]
  const gathered = [...new Set(legs.map((leg) => leg.gather))]
  const transfers = [...scattered, ...gathered]
  const days = Math.max(...gathered.map((t) => t.day)) - Math.min(...scattered.map((t) => t.day)) + 1

  return {
    type: 'scatter-gather',
    roles,
    transfers,
    entering: scattered,
    explain: (describe: AmountDescriber) =>
      `${source} split ${describe(scattered)} over ${roles.size - 2} accounts, which passed ${describe(gathered)} ` +
      `on to ${target} within ${plural(days, 'day')}`,
  }
}

export function detectGatherScatter(ledger: Ledger, options: PatternOptions): Detection[] {
  const detections: Detection[] = []
  for (const [hub, allIncoming] of ledger.incoming) {
    let incoming = allIncoming
    let outgoing = ledger.outgoing.get(hub) ?? []
    for (;;) {
      if (
        distinctCount(incoming.map((t) => t.from)) < options.minCount ||
        distinctCount(outgoing.map((t) => t.to)) < options.minCount
      ) {
        break
      }
      const best = bestSplit(incoming, outgoing, options)
      if (best === null) {
        break
      }
      detections.push(gatherScatterDetection(hub, best.gathered, best.scattered))
      const used = new Set([...best.gathered, ...best.scattered])
      incoming = incoming.filter((t) => !used.has(t))
      outgoing = outgoing.filter((t) => !used.has(t))
    }
  }
  return detections
}

interface Split {
  gathered: DatedTransfer[]
  scattered: DatedTransfer[]
  /** Distinct counterparties on the weaker side. */
  score: number
  /** Transfers on both sides. */
  size: number
}

/**
 * Tries each window that starts on a day with a payment in, and each split day inside it,
 * keeping the split whose weaker side has the most distinct counterparties, then the one
 * with the most transfers, then the earliest. Returns null when no split reaches
 * `minCount` on both sides.
 */
function bestSplit(
  incoming: readonly DatedTransfer[],
  outgoing: readonly DatedTransfer[],
  options: PatternOptions,
): Split | null {
  let best: Split | null = null
  const startDays = [...new Set(incoming.map((t) => t.day))]
  for (const startDay of startDays) {
    const endDay = startDay + options.windowDays - 1
    const gatherable = between(incoming, startDay, endDay)
    const scatterable = between(outgoing, startDay, endDay)
    if (scatterable.length < options.minCount) {
      continue
    }
    // Distinct payers up to each gather position, and distinct payees from each scatter position on.
    const payers = runningDistinct(gatherable, (t) => t.from)
    const payees = runningDistinct([...scatterable].reverse(), (t) => t.to).reverse()

    let scatterStart = 0
    for (let g = 0; g < gatherable.length; g++) {
      const splitDay = (gatherable[g] as DatedTransfer).day
      if (g + 1 < gatherable.length && (gatherable[g + 1] as DatedTransfer).day === splitDay) {
        continue
      }
      while (scatterStart < scatterable.length && (scatterable[scatterStart] as DatedTransfer).day <= splitDay) {
        scatterStart += 1
      }
      if (scatterStart === scatterable.length) {
        break
      }
      const score = Math.min(payers[g] as number, payees[scatterStart] as number)
      const size = g + 1 + scatterable.length - scatterStart
      if (score >= options.minCount && (best === null || score > best.score || (score === best.score && size > best.size))) {
        best = { gathered: gatherable.slice(0, g + 1), scattered: scatterable.slice(scatterStart), score, size }
      }
    }
  }
  return best
}

function runningDistinct(transfers: readonly DatedTransfer[], keyOf: (t: DatedTransfer) => string): number[] {
  const seen = new Set<string>()
  return transfers.map((transfer) => {
    seen.add(keyOf(transfer))
    return seen.size
  })
}

function gatherScatterDetection(hub: string, gathered: DatedTransfer[], scattered: DatedTransfer[]): Detection {
  const roles = new Map<string, AccountRole>()
  for (const transfer of gathered) {
    roles.set(transfer.from, 'source')
  }
  for (const transfer of scattered) {
    if (!roles.has(transfer.to)) {
      roles.set(transfer.to, 'target')
    }
  }
  roles.set(hub, 'intermediate')
  const payers = distinctCount(gathered.map((t) => t.from))
  const payees = distinctCount(scattered.map((t) => t.to))
  const days = (scattered[scattered.length - 1] as DatedTransfer).day - (gathered[0] as DatedTransfer).day + 1

  return {
    type: 'gather-scatter',
    roles,
    transfers: [...gathered, ...scattered],
    entering: gathered,
    explain: (describe: AmountDescriber) =>
      `${payers} accounts paid ${describe(gathered)} into ${hub}, which then paid ${describe(scattered)} ` +
      `to ${payees} accounts, within ${plural(days, 'day')}`,
  }
}
