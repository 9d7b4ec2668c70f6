/**
 * Layering and cycles: chains of pass-through hops, each following the one before as
 * `hops.ts` defines. A chain never visits an account twice and fits in `windowDays`.
 *
 * Layering rule: a chain of at least `LAYERING_MIN_HOPS` hops that no further hop extends
 * at either end (a maximal chain). Branches give one hit each.
 * Cycle rule (AMLSim's `cycle`): a chain of `CYCLE_MIN_HOPS` to `CYCLE_MAX_HOPS` hops whose
 * last hop returns to the account the first one left.
 */
import { plural } from './fans.js'
import { followers, predecessors } from './hops.js'
import type { Ledger } from './ledger.js'
import {
  CHAIN_MAX_HOPS,
  CHAIN_MAX_PATHS_PER_START,
  CYCLE_MAX_HOPS,
  CYCLE_MIN_HOPS,
  LAYERING_MIN_HOPS,
  type AccountRole,
  type AmountDescriber,
  type DatedTransfer,
  type Detection,
  type PatternOptions,
} from './rules.js'

interface ChainSearch {
  ledger: Ledger
  windowDays: number
  layering: Detection[] | null
  cycles: Detection[] | null
  seenCycles: Set<string>
}

export function detectChains(ledger: Ledger, options: PatternOptions): { layering: Detection[]; cycles: Detection[] } {
  const search: ChainSearch = {
    ledger,
    windowDays: options.windowDays,
    layering: options.types.includes('layering') ? [] : null,
    cycles: options.types.includes('cycle') ? [] : null,
    seenCycles: new Set(),
  }
  for (const first of ledger.transfers) {
    // Only transfers that some hop follows can start a chain of more than one hop.
    if (followers(ledger, first).length > 0) {
      followChains(search, first)
    }
  }
  return { layering: search.layering ?? [], cycles: search.cycles ?? [] }
}

/** Walks every chain that starts with `first`, depth first, and records the hits it ends in. */
function followChains(search: ChainSearch, first: DatedTransfer): void {
  const path: DatedTransfer[] = [first]
  const visited = new Set<string>([first.from, first.to])
  let paths = 0

  const walk = (): void => {
    if (paths >= CHAIN_MAX_PATHS_PER_START) {
      return
    }
    const last = path[path.length - 1] as DatedTransfer
    let extended = false
    if (path.length < CHAIN_MAX_HOPS) {
      for (const next of followers(search.ledger, last)) {
        if (next.day - first.day >= search.windowDays) {
          continue
        }
        if (next.to === first.from) {
          recordCycle(search, [...path, next])
          continue
        }
        if (visited.has(next.to)) {
          continue
        }
        extended = true
        path.push(next)
        visited.add(next.to)
        walk()
        visited.delete(next.to)
        path.pop()
      }
    }
    if (!extended) {
      paths += 1
      recordLayering(search, path)
    }
  }
  walk()
}

function recordCycle(search: ChainSearch, hops: DatedTransfer[]): void {
  if (search.cycles === null || hops.length < CYCLE_MIN_HOPS || hops.length > CYCLE_MAX_HOPS) {
    return
  }
  const key = hops
    .map((hop) => hop.id)
    .sort()
    .join('\n')
  if (search.seenCycles.has(key)) {
    return
  }
  search.seenCycles.add(key)
  search.cycles.push(chainDetection('cycle', hops))
}

function recordLayering(search: ChainSearch, hops: DatedTransfer[]): void {
  if (search.layering === null || hops.length < LAYERING_MIN_HOPS) {
    return
  }
  // A chain that an earlier hop could extend is part of a longer one, found from its start.
  const first = hops[0] as DatedTransfer
  const last = hops[hops.length - 1] as DatedTransfer
  const accounts = new Set(hops.map((hop) => hop.to))
  const extendable = predecessors(search.ledger, first).some(
    (previous) => !accounts.has(previous.from) && last.day - previous.day < search.windowDays,
  )
  if (!extendable) {
    search.layering.push(chainDetection('layering', [...hops]))
  }
}

function chainDetection(type: 'layering' | 'cycle', hops: DatedTransfer[]): Detection {
  const first = hops[0] as DatedTransfer
  const last = hops[hops.length - 1] as DatedTransfer
  const roles = new Map<string, AccountRole>()
  roles.set(first.from, type === 'cycle' ? 'origin' : 'source')
  for (const hop of hops.slice(0, -1)) {
    roles.set(hop.to, 'intermediate')
  }
  if (type === 'layering') {
    roles.set(last.to, 'target')
  }
  const days = last.day - first.day + 1
  const kept = Number((last.amountMinor * 1000n) / (first.amountMinor === 0n ? 1n : first.amountMinor)) / 10

  return {
    type,
    roles,
    transfers: hops,
    entering: [first],
    explain: (describe: AmountDescriber) =>
      type === 'cycle'
        ? `${describe([first])} left ${first.from} and ${describe([last])} (${kept}%) came back to it ` +
          `through ${hops.length - 1} accounts in ${hops.length} hops within ${plural(days, 'day')}, each hop forwarding at least 90% of what arrived`
        : `${describe([first])} passed from ${first.from} through ${hops.length - 1} accounts to ${last.to} ` +
          `in ${hops.length} hops within ${plural(days, 'day')}, each hop forwarding at least 90% of what arrived, ` +
          `and ${describe([last])} (${kept}%) arrived`,
  }
}
