/**
 * Money moved between two entities over time: straight from one to the other, and through
 * intermediaries as attributed by a forward trail from each side. Both directions are
 * reported, each as totals and as a series of calendar periods.
 */
import type { Viewer } from '../data/database.js'
import type { MoneyRepository } from '../data/repositories/money.js'
import { notFound } from '../errors.js'
import { formatAmount } from '../model/money.js'
import { periodOf, type Interval } from '../money/periods.js'
import type { RateTable } from '../money/rates.js'
import type { Transfer } from '../money/trail.js'
import { ATTRIBUTION_RULE, mostCommonCurrency, type MoneyService } from './money.js'

export interface FlowQuery {
  from: string
  to: string
  since: string | null
  until: string | null
  interval: Interval
  maxHops: number
  currency: string | null
  /** Nodes with more transfers than this to follow are hubs where the trails stop. */
  hubSize: number | null
}

interface Tally {
  minor: bigint
  transfers: number
  firstDate: string | null
  lastDate: string | null
}

export interface FlowSummary {
  amount: string | null
  transfers: number
  firstDate: string | null
  lastDate: string | null
}

export interface FlowDirection {
  from: string
  to: string
  /** Transfers straight from one side's nodes to the other's, totalled per recorded currency. */
  directByCurrency: { currency: string; amount: string; transfers: number }[]
  direct: FlowSummary
  /** Money that reached the other side through at least one intermediary, attributed pro rata. */
  indirect: FlowSummary
  series: { period: string; direct: string; directTransfers: number; indirect: string; indirectTransfers: number }[]
  /**
   * Number of direct transfers that no rate converts into the reporting currency. They are
   * left out of the amounts.
   */
  unconverted: number
  truncated: boolean
}

export interface FlowResult {
  currency: string | null
  interval: Interval
  rule: typeof ATTRIBUTION_RULE
  directions: FlowDirection[]
}

/** Maximum direct transfers read per direction. */
const MAX_DIRECT = 20_000
/** Maximum transfers in each side's trail. */
const MAX_TRAIL = 10_000

export function createFlowService(repository: MoneyRepository, money: MoneyService, rates: RateTable) {
  /**
   * Tallies one direction per period: direct transfers converted at their date, and the traced
   * part of each trail transfer of hop 2 or more that reaches the other side.
   */
  async function direction(
    query: FlowQuery,
    from: { id: string; nodes: string[] },
    to: { id: string; nodes: string[] },
    viewer: Viewer,
  ): Promise<{ direction: Omit<FlowDirection, 'direct' | 'indirect' | 'series'>; tallies: Tallies; currency: string | null }> {
    // One row past the cap shows whether the cap cut anything off.
    const direct = await repository.directTransfers(from.nodes, to.nodes, query, MAX_DIRECT + 1, viewer)
    const directTruncated = direct.length > MAX_DIRECT
    if (directTruncated) {
      direct.length = MAX_DIRECT
    }

    const analysis = await money.analyse(
      {
        from: from.id,
        direction: 'out',
        maxHops: query.maxHops,
        since: query.since,
        until: query.until,
        minAmount: null,
        maxGap: null,
        currency: query.currency ?? mostCommonCurrency(direct),
        holders: false,
        paths: 0,
        maxTransfers: MAX_TRAIL,
        sinks: to.nodes,
        hubSize: query.hubSize,
      },
      viewer,
    )

    const currency = analysis.currency
    const targets = new Set(to.nodes)
    const tallies: Tallies = { direct: new Map(), indirect: new Map() }
    let unconverted = 0
    const byCurrency = new Map<string, { minor: bigint; transfers: number }>()
    for (const transfer of direct) {
      const recorded = byCurrency.get(transfer.currency) ?? { minor: 0n, transfers: 0 }
      recorded.minor += transfer.amountMinor
      recorded.transfers += 1
      byCurrency.set(transfer.currency, recorded)
      const converted = currency === null ? null : rates.convert(transfer.amountMinor, transfer.currency, currency, transfer.date)
      if (converted === null) {
        unconverted += 1
      } else {
        count(tallies.direct, periodOf(transfer.date, query.interval), transfer.date, converted.minor)
      }
    }

    for (const transfer of analysis.trail.transfers) {
      if (transfer.hop < 2 || !targets.has(transfer.to)) {
        continue
      }
      const carried = analysis.attribution.carried.get(transfer.id)
      if (carried !== undefined && carried > 0n) {
        count(tallies.indirect, periodOf(transfer.date, query.interval), transfer.date, carried)
      }
    }

    return {
      direction: {
        from: from.id,
        to: to.id,
        directByCurrency: [...byCurrency]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([code, recorded]) => ({ currency: code, amount: formatAmount(recorded.minor, code), transfers: recorded.transfers })),
        unconverted,
        truncated: analysis.trail.truncated || directTruncated,
      },
      tallies,
      currency,
    }
  }

  return {
    /** Reports the money moved both ways between two entities. Throws 404 when either is not found. */
    async flows(query: FlowQuery, viewer: Viewer): Promise<FlowResult> {
      const [fromStart, toStart] = await Promise.all([
        repository.starts(query.from, viewer),
        repository.starts(query.to, viewer),
      ])
      if (fromStart === null) {
        throw notFound('Entity', query.from)
      }
      if (toStart === null) {
        throw notFound('Entity', query.to)
      }
      const forward = await direction(query, fromStart, toStart, viewer)
      // The first direction fixes the reporting currency, so both directions use the same one.
      const currency = forward.currency
      const backward = await direction({ ...query, currency }, toStart, fromStart, viewer)
      const format = (minor: bigint): string => (currency === null ? minor.toString() : formatAmount(minor, currency))
      return {
        currency,
        interval: query.interval,
        rule: ATTRIBUTION_RULE,
        directions: [forward, backward].map(({ direction: side, tallies }) => ({
          ...side,
          direct: summary(tallies.direct, currency, format),
          indirect: summary(tallies.indirect, currency, format),
          series: series(tallies, format),
        })),
      }
    },
  }
}

export type FlowService = ReturnType<typeof createFlowService>

interface Tallies {
  direct: Map<string, Tally>
  indirect: Map<string, Tally>
}

/** Adds one transfer of `minor` on `date` to the tally of `period`. */
function count(tallies: Map<string, Tally>, period: string, date: string, minor: bigint): void {
  const tally = tallies.get(period) ?? { minor: 0n, transfers: 0, firstDate: null, lastDate: null }
  tally.minor += minor
  tally.transfers += 1
  if (tally.firstDate === null || date < tally.firstDate) {
    tally.firstDate = date
  }
  if (tally.lastDate === null || date > tally.lastDate) {
    tally.lastDate = date
  }
  tallies.set(period, tally)
}

function summary(tallies: Map<string, Tally>, currency: string | null, format: (minor: bigint) => string): FlowSummary {
  let minor = 0n
  let transfers = 0
  let firstDate: string | null = null
  let lastDate: string | null = null
  for (const tally of tallies.values()) {
    minor += tally.minor
    transfers += tally.transfers
    if (tally.firstDate !== null && (firstDate === null || tally.firstDate < firstDate)) {
      firstDate = tally.firstDate
    }
    if (tally.lastDate !== null && (lastDate === null || tally.lastDate > lastDate)) {
      lastDate = tally.lastDate
    }
  }
  return { amount: currency === null ? null : format(minor), transfers, firstDate, lastDate }
}

function series(tallies: Tallies, format: (minor: bigint) => string): FlowDirection['series'] {
  const periods = [...new Set([...tallies.direct.keys(), ...tallies.indirect.keys()])].sort()
  return periods.map((period) => {
    const direct = tallies.direct.get(period)
    const indirect = tallies.indirect.get(period)
    return {
      period,
      direct: format(direct?.minor ?? 0n),
      directTransfers: direct?.transfers ?? 0,
      indirect: format(indirect?.minor ?? 0n),
      indirectTransfers: indirect?.transfers ?? 0,
    }
  })
}

