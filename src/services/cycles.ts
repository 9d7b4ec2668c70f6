/**
 * Round-tripping: money that leaves an entity (or one of its accounts) and comes back to it
 * in time order, keeping its amount within a tolerance at every hop.
 */
import type { Viewer } from '../data/database.js'
import type { MoneyRepository } from '../data/repositories/money.js'
import { notFound } from '../errors.js'
import type { SerializedGraph } from '../model/graph-payload.js'
import { formatAmount } from '../model/money.js'
import { findCycles } from '../money/cycles.js'
import { dayNumber } from '../money/duration.js'

export interface CycleQuery {
  through: string
  maxLength: number
  since: string | null
  until: string | null
  tolerance: number
  limit: number
}

export interface CycleResult {
  through: string
  tolerance: number
  cycles: {
    nodes: string[]
    transfers: string[]
    hops: number
    currency: string
    sent: string
    returned: string
    /** Returned amount divided by sent amount, rounded down to six decimals. */
    returnedShare: number
    firstDate: string
    lastDate: string
    days: number
  }[]
  /** Number of transfers leaving the entity, each a possible first hop. */
  seeds: number
  graph: SerializedGraph
  truncated: boolean
}

/** Maximum transfers the cycle search reads for one request. Past it the result reports `truncated: true`. */
export const MAX_CYCLE_TRANSFERS = 50_000

export function createCycleService(repository: MoneyRepository) {
  return {
    /** Finds round trips through an entity and its accounts. Throws 404 when the entity is not found. */
    async cycles(query: CycleQuery, viewer: Viewer): Promise<CycleResult> {
      const start = await repository.starts(query.through, viewer)
      if (start === null) {
        throw notFound('Entity', query.through)
      }
      const search = await findCycles(
        {
          starts: start.nodes,
          maxLength: query.maxLength,
          since: query.since,
          until: query.until,
          tolerance: query.tolerance,
          limit: query.limit,
          maxTransfers: MAX_CYCLE_TRANSFERS,
        },
        async (limit) => {
          const requests = start.nodes.map((node) => ({ node, from: query.since, to: query.until }))
          const fetched = await repository.transfers(requests, 'out', { limit, most: null }, viewer)
          return fetched.transfers
        },
        (requests, until, limit) => repository.bandTransfers(requests, until, limit, viewer),
      )
      const nodeIds = new Set<string>()
      const transferIds = new Set<string>()
      for (const cycle of search.cycles) {
        cycle.nodes.forEach((node) => nodeIds.add(node))
        cycle.transfers.forEach((transfer) => transferIds.add(transfer.id))
      }
      const records = await repository.trailRecords([...nodeIds], [...transferIds], viewer)
      return {
        through: query.through,
        tolerance: query.tolerance,
        cycles: search.cycles.map((cycle) => {
          const first = cycle.transfers[0]!
          const last = cycle.transfers[cycle.transfers.length - 1]!
          return {
            nodes: cycle.nodes,
            transfers: cycle.transfers.map((transfer) => transfer.id),
            hops: cycle.transfers.length,
            currency: first.currency,
            sent: formatAmount(first.amountMinor, first.currency),
            returned: formatAmount(last.amountMinor, last.currency),
            returnedShare: Number((last.amountMinor * 1_000_000n) / first.amountMinor) / 1_000_000,
            firstDate: cycle.firstDate,
            lastDate: cycle.lastDate,
            days: dayNumber(cycle.lastDate) - dayNumber(cycle.firstDate),
          }
        }),
        seeds: search.seeds,
        graph: records.graph,
        truncated: search.truncated,
      }
    },
  }
}
