/**
 * Pro-rata attribution: how much of the money in a trail came from where, and where it went.
 *
 * The rule. Every node keeps a balance of the money seen entering it and, inside that
 * balance, how much came from each origin. Events are processed in date order. Within one
 * day, money entering from outside the trail comes first, then the trail's transfers in hop
 * order, then money leaving outside the trail.
 *
 * A transfer out of a node carries the mix of what entered the node before it. Of an amount
 * x sent from a balance B that contains c from an origin, x × c / B is taken from that
 * origin. When a node sends more than it was seen to receive, the excess is money from
 * outside the data, and the whole traced part leaves with the transfer.
 *
 * Walking forward from a start (`direction: 'out'`), the only origin followed is the start,
 * and everything a start sends is the start's. Walking back from a target (`direction:
 * 'in'`), each node is the origin of the money that entered the trail at it: its own funds,
 * money from outside the trail, or money from before the trail's first hop.
 *
 * Amounts are integers in minor units of one currency. Shares round down, and what rounding
 * leaves stays with the sender, so every minor unit is accounted for exactly once.
 */
import type { Direction } from './trail.js'

/** A transfer of the trail, its amount already in the reporting currency. */
export interface FlowTransfer {
  id: string
  from: string
  to: string
  date: string
  hop: number
  minor: bigint
}

/** Money entering or leaving a node outside the trail on one day, in the reporting currency. */
export interface OutsideFlow {
  node: string
  date: string
  direction: 'in' | 'out'
  minor: bigint
}

export interface Attribution {
  /** Amount the start sent (`out`) or the target received (`in`) through the trail. */
  total: bigint
  /** Per node, forward only: traced money still there at the end. */
  retained: Map<string, bigint>
  /** Per node, forward only: traced money carried off by transfers the trail did not follow. */
  carriedOff: Map<string, bigint>
  /** Forward only: traced money that came back to a start node. */
  returned: bigint
  /** Per origin, backward only: the part of what reached the target that came from it. */
  origins: Map<string, bigint>
  /** Forward only: the traced part each trail transfer carried. */
  carried: Map<string, bigint>
}

/** Origin key of the start's money when walking forward. */
const START = '\u0000start'

type Mix = Map<string, bigint>

interface Holding {
  balance: bigint
  mix: Mix
}

interface Event {
  date: string
  rank: number
  order: number
  transfer?: FlowTransfer
  outside?: OutsideFlow
}

/** Attributes the trail's money to its origins and endpoints with the pro-rata rule above. */
export function attribute(
  direction: Direction,
  starts: ReadonlySet<string>,
  transfers: readonly FlowTransfer[],
  outside: readonly OutsideFlow[],
): Attribution {
  const result: Attribution = {
    total: 0n,
    retained: new Map(),
    carriedOff: new Map(),
    returned: 0n,
    origins: new Map(),
    carried: new Map(),
  }
  const holdings = new Map<string, Holding>()
  const holding = (node: string): Holding => {
    let found = holdings.get(node)
    if (found === undefined) {
      found = { balance: 0n, mix: new Map() }
      holdings.set(node, found)
    }
    return found
  }
  // Walking back, the target's transfers are hop 1 and the earliest hops have the highest
  // numbers, so hop order within a day runs from the highest down.
  const hopRank = (hop: number): number => (direction === 'out' ? hop : -hop)

  const events: Event[] = []
  for (const flow of outside) {
    if (starts.has(flow.node) && direction === 'out') {
      continue
    }
    // Outside money entering sorts before every hop of the day, outside money leaving after.
    const rank = flow.direction === 'in' ? -1e9 : 1e9
    events.push({ date: flow.date, rank, order: events.length, outside: flow })
  }
  for (const transfer of transfers) {
    events.push({ date: transfer.date, rank: hopRank(transfer.hop), order: events.length, transfer })
  }
  events.sort(compareEvents)

  for (const event of events) {
    if (event.outside !== undefined) {
      const { node, minor } = event.outside
      const account = holding(node)
      if (event.outside.direction === 'in') {
        account.balance += minor
      } else {
        const taken = take(account, minor)
        const traced = taken.get(START) ?? 0n
        if (traced > 0n) {
          add(result.carriedOff, node, traced)
        }
      }
      continue
    }
    const transfer = event.transfer!
    let mix: Mix
    if (direction === 'out' && starts.has(transfer.from)) {
      mix = new Map([[START, transfer.minor]])
      result.total += transfer.minor
    } else {
      mix = take(holding(transfer.from), transfer.minor)
      if (direction === 'in') {
        const known = sum(mix)
        if (known < transfer.minor) {
          add(mix, transfer.from, transfer.minor - known)
        }
      }
    }
    if (direction === 'out') {
      result.carried.set(transfer.id, mix.get(START) ?? 0n)
    }
    if (starts.has(transfer.to)) {
      if (direction === 'out') {
        result.returned += mix.get(START) ?? 0n
      } else {
        result.total += transfer.minor
        for (const [origin, minor] of mix) {
          add(result.origins, origin, minor)
        }
      }
      continue
    }
    const receiver = holding(transfer.to)
    receiver.balance += transfer.minor
    for (const [origin, minor] of mix) {
      add(receiver.mix, origin, minor)
    }
  }

  if (direction === 'out') {
    for (const [node, account] of holdings) {
      const traced = account.mix.get(START) ?? 0n
      if (traced > 0n) {
        result.retained.set(node, traced)
      }
    }
  }
  return result
}

/**
 * Takes `amount` from a holding and returns the mix it carries. With D = max(balance, sum of
 * the parts), an amount of at least D takes the whole mix and empties the holding. A smaller
 * amount takes amount × part / D from each origin, rounded down, and the holding keeps the rest.
 */
function take(account: Holding, amount: bigint): Mix {
  const parts = sum(account.mix)
  let denominator = account.balance
  if (parts > denominator) {
    denominator = parts
  }
  const taken: Mix = new Map()
  if (amount >= denominator) {
    for (const [origin, minor] of account.mix) {
      taken.set(origin, minor)
    }
    account.mix.clear()
    account.balance = 0n
    return taken
  }
  for (const [origin, minor] of account.mix) {
    const share = (amount * minor) / denominator
    if (share > 0n) {
      taken.set(origin, share)
      const left = minor - share
      if (left > 0n) {
        account.mix.set(origin, left)
      } else {
        account.mix.delete(origin)
      }
    }
  }
  account.balance = denominator - amount
  return taken
}

/** Orders events by date, then by rank within the day, then in the order they were added. */
function compareEvents(a: Event, b: Event): number {
  if (a.date !== b.date) {
    return a.date < b.date ? -1 : 1
  }
  return a.rank - b.rank || a.order - b.order
}

function sum(mix: Mix): bigint {
  let total = 0n
  for (const minor of mix.values()) {
    total += minor
  }
  return total
}

function add(map: Map<string, bigint>, key: string, minor: bigint): void {
  map.set(key, (map.get(key) ?? 0n) + minor)
}
