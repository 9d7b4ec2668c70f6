/**
 * Fan-in and fan-out (AMLSim's `fan_in` and `fan_out`; smurfing when the payments are small).
 *
 * Rule: an account receives transfers from at least `minCount` distinct accounts (fan-in),
 * or pays at least `minCount` distinct accounts (fan-out), within `windowDays` calendar
 * days. Each account's transfers are searched densest window first: the window with the
 * most distinct counterparties becomes a hit and its transfers leave the search, then the
 * next densest, until no window reaches `minCount`. So hits of one account never share
 * transfers, and a burst is not cut in two by a window that starts too early.
 */
import { distinctCount, type Ledger } from './ledger.js'
import type { AmountDescriber, DatedTransfer, Detection, PatternOptions } from './rules.js'

export function detectFanIn(ledger: Ledger, options: PatternOptions): Detection[] {
  return detectFans(ledger.incoming, 'fan-in', options)
}

export function detectFanOut(ledger: Ledger, options: PatternOptions): Detection[] {
  return detectFans(ledger.outgoing, 'fan-out', options)
}

function detectFans(index: Map<string, DatedTransfer[]>, type: 'fan-in' | 'fan-out', options: PatternOptions): Detection[] {
  const counterpartyOf = type === 'fan-in' ? (t: DatedTransfer) => t.from : (t: DatedTransfer) => t.to
  const detections: Detection[] = []

  for (const [account, transfers] of index) {
    if (distinctCount(transfers.map(counterpartyOf)) < options.minCount) {
      continue
    }
    let remaining = transfers
    for (;;) {
      const densest = densestWindow(remaining, counterpartyOf, options.windowDays)
      if (densest === null || densest.counterparties < options.minCount) {
        break
      }
      const chosen = remaining.slice(densest.start, densest.end)
      detections.push(fanDetection(type, account, chosen, counterpartyOf))
      remaining = [...remaining.slice(0, densest.start), ...remaining.slice(densest.end)]
    }
  }
  return detections
}

interface Window {
  start: number
  end: number
  counterparties: number
}

/**
 * Finds the run of a by-day list that fits in `windowDays` and has the most distinct
 * counterparties, the earliest on a tie, and extends it to every transfer that fits.
 * Two pointers keep it linear in the list.
 */
export function densestWindow(
  transfers: readonly DatedTransfer[],
  keyOf: (transfer: DatedTransfer) => string,
  windowDays: number,
): Window | null {
  const counts = new Map<string, number>()
  let best: Window | null = null
  let start = 0

  for (let end = 0; end < transfers.length; end++) {
    const entering = transfers[end] as DatedTransfer
    counts.set(keyOf(entering), (counts.get(keyOf(entering)) ?? 0) + 1)
    while (entering.day - (transfers[start] as DatedTransfer).day >= windowDays) {
      const leaving = keyOf(transfers[start] as DatedTransfer)
      const left = (counts.get(leaving) ?? 1) - 1
      if (left === 0) {
        counts.delete(leaving)
      } else {
        counts.set(leaving, left)
      }
      start += 1
    }
    if (best === null || counts.size > best.counterparties) {
      best = { start, end: end + 1, counterparties: counts.size }
    }
  }
  // Later transfers that still fit only repeat counterparties, or the window would not be the densest.
  while (best !== null && best.end < transfers.length) {
    const next = transfers[best.end] as DatedTransfer
    if (next.day - (transfers[best.start] as DatedTransfer).day >= windowDays) {
      break
    }
    best.end += 1
  }
  return best
}

function fanDetection(
  type: 'fan-in' | 'fan-out',
  account: string,
  transfers: DatedTransfer[],
  counterpartyOf: (transfer: DatedTransfer) => string,
): Detection {
  const roles = new Map<string, 'source' | 'target'>()
  roles.set(account, type === 'fan-in' ? 'target' : 'source')
  for (const transfer of transfers) {
    roles.set(counterpartyOf(transfer), type === 'fan-in' ? 'source' : 'target')
  }
  const counterparties = roles.size - 1
  const days = (transfers[transfers.length - 1] as DatedTransfer).day - (transfers[0] as DatedTransfer).day + 1

  return {
    type,
    roles,
    transfers,
    entering: transfers,
    explain: (describe: AmountDescriber) => {
      const payments = transfers.length === counterparties ? '' : ` in ${transfers.length} transfers`
      const average = describe(transfers, true)
      return type === 'fan-in'
        ? `${counterparties} accounts paid ${average} on average into ${account}${payments} within ${plural(days, 'day')}`
        : `${account} paid ${average} on average to ${counterparties} accounts${payments} within ${plural(days, 'day')}`
    },
  }
}

export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`
}
