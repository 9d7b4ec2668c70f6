/**
 * Pass-through hops: a transfer `next` follows a transfer `previous` when it leaves the
 * account where `previous` arrived, in the same currency, on the same day or up to
 * `MAX_HOP_GAP_DAYS` later, and forwards from 90% to 100% of the amount.
 */
import { firstOnOrAfter, type Ledger } from './ledger.js'
import { forwardsMost, MAX_HOP_GAP_DAYS, type DatedTransfer } from './rules.js'

/** Returns the hops that may follow `previous`. */
export function followers(ledger: Ledger, previous: DatedTransfer): DatedTransfer[] {
  const outgoing = ledger.outgoing.get(previous.to)
  if (outgoing === undefined) {
    return []
  }
  const found: DatedTransfer[] = []
  for (let i = firstOnOrAfter(outgoing, previous.day); i < outgoing.length; i++) {
    const next = outgoing[i] as DatedTransfer
    if (next.day > previous.day + MAX_HOP_GAP_DAYS) {
      break
    }
    if (next.id !== previous.id && forwardsMost(previous, next)) {
      found.push(next)
    }
  }
  return found
}

/** Returns the hops that `next` may follow. */
export function predecessors(ledger: Ledger, next: DatedTransfer): DatedTransfer[] {
  const incoming = ledger.incoming.get(next.from)
  if (incoming === undefined) {
    return []
  }
  const found: DatedTransfer[] = []
  for (let i = firstOnOrAfter(incoming, next.day - MAX_HOP_GAP_DAYS); i < incoming.length; i++) {
    const previous = incoming[i] as DatedTransfer
    if (previous.day > next.day) {
      break
    }
    if (previous.id !== next.id && forwardsMost(previous, next)) {
      found.push(previous)
    }
  }
  return found
}
