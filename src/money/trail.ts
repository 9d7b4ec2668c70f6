/**
 * Time-ordered money trails. From a set of start nodes, the trail follows transfers in one
 * direction, level by level, up to `maxHops` from the start. Each hop is dated no earlier
 * than the hop before it. Walking back against the money (`direction: 'in'`), each hop is
 * dated no later than the hop after it. When `maxGap` is set, two consecutive hops are at
 * most that far apart.
 *
 * The walk requests transfers from its caller by date range, one batch per level. For each
 * node it records which days it has already requested, so a node reached again on another
 * day costs only the days not yet covered. Every transfer is fetched at most once, at the
 * smallest hop count that makes it usable.
 */
import { addDuration, dayNumber, isoDay, type CalendarDuration } from './duration.js'

export type Direction = 'out' | 'in'

export interface Transfer {
  id: string
  from: string
  to: string
  /** `YYYY-MM-DD`. */
  date: string
  amountMinor: bigint
  currency: string
}

export interface TrailTransfer extends Transfer {
  /** 1 for a transfer of a start node, 2 for the next hop, and so on. */
  hop: number
}

/** Request for the transfers of `node` dated from `from` to `to`, both included. Null means unbounded. */
export interface RangeRequest {
  node: string
  from: string | null
  to: string | null
}

export interface TrailOptions {
  starts: readonly string[]
  direction: Direction
  maxHops: number
  since: string | null
  until: string | null
  maxGap: CalendarDuration | null
  /** Maximum number of transfers. A level that would pass it is left out, and `truncated` is true. */
  maxTransfers: number
  /** Returns false for a fetched transfer to leave out, for example one below a minimum amount. */
  accept?: (transfer: Transfer) => boolean
  /** Nodes where money stops: the trail enters them but does not continue from them. */
  sinks?: readonly string[]
  /**
   * A node other than a start with more than this many transfers to follow is a hub: money
   * entering it mixes with too much else to follow, so the trail stops there. Null follows all.
   */
  hubSize?: number | null
}

/**
 * Fetches the transfers leaving (`out`) or entering (`in`) each requested node in its date
 * range, at most `limit` of them, ordered by date then id.
 */
export type FetchTransfers = (
  requests: RangeRequest[],
  direction: Direction,
  options: { limit: number; most: number | null },
) => Promise<FetchedTransfers>

/** Transfers of a level, and the nodes left out as hubs because they have more than `most`. */
export interface FetchedTransfers {
  transfers: Transfer[]
  hubs: string[]
}

export interface Trail {
  transfers: TrailTransfer[]
  /** The hop count at which each node other than a start was first reached. */
  levels: Map<string, number>
  /** Number of transfers fetched but rejected by `accept`. */
  excluded: number
  /** Number of transfers between two start nodes, which neither start nor continue a trail. */
  internal: number
  /**
   * True when the next level would have passed `maxTransfers`. That level is left out whole,
   * so the trail contains every hop up to `completeHops`.
   */
  truncated: boolean
  completeHops: number
  /** Nodes the trail reached but never followed out of, at the hop limit, the transfer limit or a hub. */
  frontier: Set<string>
  /** Nodes left unfollowed because they had more than `hubSize` transfers to follow. */
  hubs: Set<string>
}

const OPEN = Number.POSITIVE_INFINITY

/** Days already requested for a node, as sorted disjoint [from, to] intervals of day numbers. */
type Coverage = [number, number][]

/** Builds the trail level by level, calling `fetch` once per level. */
export async function followTrail(options: TrailOptions, fetch: FetchTransfers): Promise<Trail> {
  const starts = new Set(options.starts)
  const window: [number, number] = [
    options.since === null ? -OPEN : dayNumber(options.since),
    options.until === null ? OPEN : dayNumber(options.until),
  ]
  const coverage = new Map<string, Coverage>()
  const levels = new Map<string, number>()
  const transfers: TrailTransfer[] = []
  const accept = options.accept ?? (() => true)
  const sinks = new Set(options.sinks ?? [])
  let excluded = 0
  let internal = 0
  let truncated = false
  let completeHops = 0
  const frontier = new Set<string>()
  const hubs = new Set<string>()

  let pending = new Map<string, [number, number][]>()
  for (const start of starts) {
    pending.set(start, [window])
  }

  for (let hop = 1; hop <= options.maxHops && pending.size > 0; hop++) {
    const requests: RangeRequest[] = []
    const firstVisits: string[] = []
    for (const [node, ranges] of pending) {
      if (!coverage.has(node)) {
        firstVisits.push(node)
      }
      const covered = coverage.get(node) ?? []
      for (const range of ranges) {
        for (const [from, to] of subtract(range, covered)) {
          requests.push({ node, from: from === -OPEN ? null : isoDay(from), to: to === OPEN ? null : isoDay(to) })
        }
        addInterval(covered, range)
      }
      coverage.set(node, covered)
    }
    pending = new Map()
    if (requests.length === 0) {
      break
    }
    const room = options.maxTransfers - transfers.length
    // The starts are what the caller asked about, so only later nodes can be hubs.
    const most = hop === 1 ? null : (options.hubSize ?? null)
    const { transfers: fetched, hubs: found } = await fetch(requests, options.direction, { limit: room + 1, most })
    if (fetched.length > room) {
      truncated = true
      firstVisits.forEach((node) => frontier.add(node))
      break
    }
    completeHops = hop
    const firstVisited = new Set(firstVisits)
    for (const hub of found) {
      hubs.add(hub)
      if (firstVisited.has(hub)) {
        frontier.add(hub)
      }
    }
    for (const transfer of fetched) {
      const near = options.direction === 'out' ? transfer.from : transfer.to
      const far = options.direction === 'out' ? transfer.to : transfer.from
      if (starts.has(near) && starts.has(far)) {
        internal += 1
        continue
      }
      if (!accept(transfer)) {
        excluded += 1
        continue
      }
      transfers.push({ ...transfer, hop })
      if (starts.has(far) || sinks.has(far)) {
        continue
      }
      if (!levels.has(far)) {
        levels.set(far, hop)
      }
      const next = nextRange(transfer.date, options, window)
      if (next !== null) {
        const list = pending.get(far)
        if (list === undefined) {
          pending.set(far, [next])
        } else {
          list.push(next)
        }
      }
    }
  }
  for (const node of pending.keys()) {
    if (!coverage.has(node)) {
      frontier.add(node)
    }
  }
  return { transfers, levels, excluded, internal, truncated, completeHops, frontier, hubs }
}

/**
 * Returns the days in which the next hop may fall after a transfer on `date` (before it when
 * walking back), within the query window, or null when no day is left.
 */
function nextRange(date: string, options: TrailOptions, window: [number, number]): [number, number] | null {
  const day = dayNumber(date)
  let range: [number, number]
  if (options.direction === 'out') {
    const last = options.maxGap === null ? OPEN : dayNumber(addDuration(date, options.maxGap))
    range = [day, last]
  } else {
    const first = options.maxGap === null ? -OPEN : dayNumber(addDuration(date, negate(options.maxGap)))
    range = [first, day]
  }
  const from = Math.max(range[0], window[0])
  const to = Math.min(range[1], window[1])
  return from <= to ? [from, to] : null
}

function negate(duration: CalendarDuration): CalendarDuration {
  return {
    text: `-${duration.text}`,
    years: -duration.years,
    months: -duration.months,
    weeks: -duration.weeks,
    days: -duration.days,
  }
}

/** Returns the parts of `range` outside the sorted disjoint intervals `covered`. */
export function subtract(range: [number, number], covered: Coverage): [number, number][] {
  const parts: [number, number][] = []
  let from = range[0]
  for (const [start, end] of covered) {
    if (end < from) {
      continue
    }
    if (start > range[1]) {
      break
    }
    if (start > from) {
      parts.push([from, start - 1])
    }
    from = Math.max(from, end + 1)
    if (from > range[1] || from === OPEN) {
      return parts
    }
  }
  if (from <= range[1]) {
    parts.push([from, range[1]])
  }
  return parts
}

/** Adds a range to sorted disjoint intervals, merging neighbours that touch or overlap. */
export function addInterval(covered: Coverage, range: [number, number]): void {
  covered.push([range[0], range[1]])
  covered.sort((a, b) => a[0] - b[0])
  let write = 0
  for (let read = 1; read < covered.length; read++) {
    const current = covered[write]!
    const next = covered[read]!
    if (next[0] <= current[1] + 1) {
      current[1] = Math.max(current[1], next[1])
    } else {
      write += 1
      covered[write] = next
    }
  }
  covered.length = write + 1
}
