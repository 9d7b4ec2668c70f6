/**
 * Round trips: money that leaves an entity and comes back to it within `maxLength` hops, each
 * hop dated no earlier than the one before. Every hop's amount is within `tolerance` of the
 * first hop's, so at most that share is lost to fees on the way, or added. A cycle keeps one
 * currency, so a conversion on the way breaks it.
 *
 * The search starts one seed per transfer leaving the entity and grows all seeds together,
 * one level per hop. Each level sends one request per node and currency, covering the union
 * of the amount bands and dates of the seeds that reached the node. Each seed then keeps only
 * the transfers in its own band. Cycles are read from each seed's transfers depth-first.
 */
import type { Transfer } from './trail.js'

export interface CycleRequest {
  node: string
  currency: string
  from: string
  low: bigint
  high: bigint
}

/**
 * Fetches the transfers leaving each requested node in its currency, from its date, within
 * its amount band.
 */
export type FetchBand = (requests: CycleRequest[], until: string | null, limit: number) => Promise<Transfer[]>

export interface CycleOptions {
  starts: readonly string[]
  maxLength: number
  since: string | null
  until: string | null
  /** Maximum relative difference between a hop's amount and the first hop's, 0 to 1. */
  tolerance: number
  limit: number
  /** Maximum number of transfers to read. Past it the search stops and reports `truncated: true`. */
  maxTransfers: number
}

export interface Cycle {
  nodes: string[]
  transfers: Transfer[]
  firstDate: string
  lastDate: string
}

export interface CycleSearch {
  cycles: Cycle[]
  /** Number of transfers leaving the entity, each a possible first hop. */
  seeds: number
  truncated: boolean
}

interface Seed {
  first: Transfer
  low: bigint
  high: bigint
  /** Earliest date the seed's money reached each node. */
  reached: Map<string, string>
  /** The seed's transfers by the node they leave. */
  edges: Map<string, Transfer[]>
}

/** Maximum steps of the depth-first walk that reads cycles. Past it the search reports `truncated: true`. */
const MAX_WALK_STEPS = 200_000

/** Tolerances are applied in millionths, so bands stay exact integers. */
const PARTS = 1_000_000n

/**
 * Finds round trips through `options.starts`, largest first hop first, then earliest, then
 * shortest. `fetchFirst` returns the transfers leaving the starts within the date window.
 */
export async function findCycles(
  options: CycleOptions,
  fetchFirst: (limit: number) => Promise<Transfer[]>,
  fetchBand: FetchBand,
): Promise<CycleSearch> {
  const starts = new Set(options.starts)
  const tolerance = BigInt(Math.round(options.tolerance * Number(PARTS)))
  let budget = options.maxTransfers
  let truncated = false

  const firsts = await fetchFirst(budget + 1)
  if (firsts.length > budget) {
    firsts.length = budget
    truncated = true
  }
  budget -= firsts.length
  const seeds: Seed[] = []
  for (const first of firsts) {
    if (starts.has(first.to)) {
      continue
    }
    const spread = (first.amountMinor * tolerance) / PARTS
    const seed: Seed = {
      first,
      low: first.amountMinor - spread,
      high: first.amountMinor + spread,
      reached: new Map([[first.to, first.date]]),
      edges: new Map(),
    }
    seeds.push(seed)
  }

  // Seeds whose money newly reached a node at the last level, by node.
  let frontier = new Map<string, Seed[]>()
  for (const seed of seeds) {
    addTo(frontier, seed.first.to, seed)
  }
  for (let hop = 2; hop <= options.maxLength && frontier.size > 0 && !truncated; hop++) {
    const requests: CycleRequest[] = []
    for (const [node, present] of frontier) {
      const byCurrency = new Map<string, CycleRequest>()
      for (const seed of present) {
        const from = seed.reached.get(node) as string
        const known = byCurrency.get(seed.first.currency)
        if (known === undefined) {
          byCurrency.set(seed.first.currency, { node, currency: seed.first.currency, from, low: seed.low, high: seed.high })
        } else {
          known.from = from < known.from ? from : known.from
          known.low = seed.low < known.low ? seed.low : known.low
          known.high = seed.high > known.high ? seed.high : known.high
        }
      }
      requests.push(...byCurrency.values())
    }
    const fetched = await fetchBand(requests, options.until, budget + 1)
    if (fetched.length > budget) {
      fetched.length = budget
      truncated = true
    }
    budget -= fetched.length

    const next = new Map<string, Seed[]>()
    for (const transfer of fetched) {
      for (const seed of frontier.get(transfer.from) ?? []) {
        const arrived = seed.reached.get(transfer.from) as string
        if (
          transfer.currency !== seed.first.currency ||
          transfer.amountMinor < seed.low ||
          transfer.amountMinor > seed.high ||
          transfer.date < arrived
        ) {
          continue
        }
        addTo(seed.edges, transfer.from, transfer)
        if (starts.has(transfer.to)) {
          continue
        }
        const known = seed.reached.get(transfer.to)
        if (known === undefined || transfer.date < known) {
          seed.reached.set(transfer.to, transfer.date)
          if (hop < options.maxLength) {
            addTo(next, transfer.to, seed)
          }
        }
      }
    }
    frontier = next
  }

  const cycles: Cycle[] = []
  const walk = { steps: 0 }
  for (const seed of seeds) {
    collectCycles(seed, starts, options.maxLength, cycles, walk)
    if (walk.steps > MAX_WALK_STEPS) {
      truncated = true
      break
    }
  }
  cycles.sort(
    (a, b) =>
      compare(b.transfers[0]!.amountMinor, a.transfers[0]!.amountMinor) ||
      compare(a.firstDate, b.firstDate) ||
      a.transfers.length - b.transfers.length,
  )
  return { cycles: cycles.slice(0, options.limit), seeds: seeds.length, truncated }
}

/**
 * Walks a seed's transfers depth-first and appends to `cycles` every time-ordered return to
 * a start that visits no node twice. Counts steps in `counter`, shared across seeds.
 */
function collectCycles(
  seed: Seed,
  starts: ReadonlySet<string>,
  maxLength: number,
  cycles: Cycle[],
  counter: { steps: number },
): void {
  const path: Transfer[] = [seed.first]
  const visited = new Set<string>([seed.first.from, seed.first.to])
  const walk = (node: string, date: string): void => {
    for (const transfer of seed.edges.get(node) ?? []) {
      if (transfer.date < date || ++counter.steps > MAX_WALK_STEPS) {
        continue
      }
      if (starts.has(transfer.to)) {
        if (path.length + 1 > maxLength) {
          continue
        }
        const transfers = [...path, transfer]
        cycles.push({
          nodes: [...transfers.map((hop) => hop.from), transfer.to],
          transfers,
          firstDate: transfers[0]!.date,
          lastDate: transfer.date,
        })
        continue
      }
      if (visited.has(transfer.to) || path.length + 1 >= maxLength) {
        continue
      }
      visited.add(transfer.to)
      path.push(transfer)
      walk(transfer.to, transfer.date)
      path.pop()
      visited.delete(transfer.to)
    }
  }
  walk(seed.first.to, seed.first.date)
}

function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list === undefined) {
    map.set(key, [value])
  } else {
    list.push(value)
  }
}

function compare<T extends bigint | string>(a: T, b: T): number {
  if (a < b) {
    return -1
  }
  return a > b ? 1 : 0
}
