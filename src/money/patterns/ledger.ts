/**
 * The transfers of one scan, indexed for the detectors: all of them by date, and each
 * account's incoming and outgoing transfers by date. Self-transfers and amounts of zero or
 * less are left out, because no typology moves money that way.
 */
import { dayNumber } from '../duration.js'
import type { DatedTransfer, Transfer } from './rules.js'

export interface Ledger {
  /** Every transfer, by day and then id. */
  transfers: DatedTransfer[]
  incoming: Map<string, DatedTransfer[]>
  outgoing: Map<string, DatedTransfer[]>
}

export function buildLedger(transfers: readonly Transfer[]): Ledger {
  const dayOf = new Map<string, number>()
  const byDay = new Map<number, DatedTransfer[]>()
  for (const transfer of transfers) {
    if (transfer.from === transfer.to || transfer.amountMinor <= 0n) {
      continue
    }
    let day = dayOf.get(transfer.date)
    if (day === undefined) {
      day = dayNumber(transfer.date)
      dayOf.set(transfer.date, day)
    }
    const { id, from, to, date, amountMinor, currency } = transfer
    appendTo(byDay, day, { id, from, to, date, amountMinor, currency, day })
  }
  // Sorting each day apart is much faster than one sort of a million transfers.
  const dated: DatedTransfer[] = []
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    const transfersOfDay = byDay.get(day) as DatedTransfer[]
    transfersOfDay.sort(byDayThenId)
    for (const transfer of transfersOfDay) {
      dated.push(transfer)
    }
  }

  const incoming = new Map<string, DatedTransfer[]>()
  const outgoing = new Map<string, DatedTransfer[]>()
  for (const transfer of dated) {
    appendTo(incoming, transfer.to, transfer)
    appendTo(outgoing, transfer.from, transfer)
  }
  return { transfers: dated, incoming, outgoing }
}

export function byDayThenId(a: DatedTransfer, b: DatedTransfer): number {
  if (a.day !== b.day) {
    return a.day - b.day
  }
  if (a.id === b.id) {
    return 0
  }
  return a.id < b.id ? -1 : 1
}

function appendTo<K>(index: Map<K, DatedTransfer[]>, key: K, transfer: DatedTransfer): void {
  const list = index.get(key)
  if (list === undefined) {
    index.set(key, [transfer])
  } else {
    list.push(transfer)
  }
}

/** Returns the index of the first transfer of a by-day list dated on or after `day`. */
export function firstOnOrAfter(list: readonly DatedTransfer[], day: number): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((list[middle] as DatedTransfer).day < day) {
      low = middle + 1
    } else {
      high = middle
    }
  }
  return low
}

/** Returns the transfers of a by-day list dated from `fromDay` to `toDay`, both included. */
export function between(list: readonly DatedTransfer[], fromDay: number, toDay: number): DatedTransfer[] {
  const start = firstOnOrAfter(list, fromDay)
  const end = firstOnOrAfter(list, toDay + 1)
  return list.slice(start, end)
}

/** Number of calendar days from the first to the last transfer, both included. */
export function spanDays(transfers: readonly DatedTransfer[]): number {
  let first = Infinity
  let last = -Infinity
  for (const transfer of transfers) {
    first = Math.min(first, transfer.day)
    last = Math.max(last, transfer.day)
  }
  return transfers.length === 0 ? 0 : last - first + 1
}

export function distinctCount(values: Iterable<string>): number {
  return new Set(values).size
}
