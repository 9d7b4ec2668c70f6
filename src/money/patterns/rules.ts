/**
 * Shared shapes and thresholds of the laundering-pattern detectors. The typologies follow
 * the AMLSim generator and the synthetic data sets of Altman et al., "Realistic synthetic
 * financial transactions for anti-money laundering models" (NeurIPS 2023): fan-in,
 * fan-out, cycle, scatter-gather, gather-scatter, bipartite, stack, plus layering (a chain
 * of pass-through hops). Each detector's file states its rule in terms of these constants.
 */
import type { Transfer } from '../trail.js'

export const PATTERN_TYPES = [
  'fan-in',
  'fan-out',
  'cycle',
  'scatter-gather',
  'gather-scatter',
  'bipartite',
  'stack',
  'layering',
] as const

export type PatternType = (typeof PATTERN_TYPES)[number]

// The detectors read transfers as trails do: a `YYYY-MM-DD` date and minor units of `currency`.
export type { Transfer }

/** A transfer with its date as a day number (days since 1970-01-01, UTC). */
export interface DatedTransfer extends Transfer {
  day: number
}

export type AccountRole = 'source' | 'target' | 'intermediate' | 'origin'

export interface PatternOptions {
  types: readonly PatternType[]
  /** Calendar days within which all transfers of one hit fall (1 means the same day). */
  windowDays: number
  /** Minimum number of distinct counterparties on a side of fan-in, fan-out, gather-scatter, bipartite and stack. */
  minCount: number
}

/** A hit before it is written out: its accounts, transfers and the ones whose sum is its total. */
export interface Detection {
  type: PatternType
  roles: Map<string, AccountRole>
  transfers: DatedTransfer[]
  /** The transfers by which money entered the pattern, so money passing several hops counts once. */
  entering: DatedTransfer[]
  /** Writes the `reason` sentence; `describe` formats amounts such as "9,420.00 EUR". */
  explain(describe: AmountDescriber): string
}

/** Writes the sum of `transfers` per currency, or with `average` the mean amount per currency. */
export type AmountDescriber = (transfers: readonly DatedTransfer[], average?: boolean) => string

/**
 * A pass-through hop forwards at least this share of what arrived, in basis points
 * (9,000 is 90%), and never more than arrived. Layering, cycle and scatter-gather use it.
 */
export const MIN_FORWARDED_BASIS_POINTS = 9_000n

/** A pass-through hop leaves the intermediate at most this many days after the money came in. */
export const MAX_HOP_GAP_DAYS = 7

/** Layering: the fewest hops of a chain (fund → shell → shell → company is 3). */
export const LAYERING_MIN_HOPS = 3

/** Cycle: the fewest and most hops of a round trip back to the origin account. */
export const CYCLE_MIN_HOPS = 3
export const CYCLE_MAX_HOPS = 10

/** Chains longer than this are cut, so a dense run of matching hops cannot stall a scan. */
export const CHAIN_MAX_HOPS = 20

/** Most chains followed from one starting transfer; later branches are not explored. */
export const CHAIN_MAX_PATHS_PER_START = 200

/** Scatter-gather: the fewest distinct intermediate accounts between the source and the target. */
export const SCATTER_GATHER_MIN_INTERMEDIATES = 3

/** Returns true when `next` forwards between 90% and 100% of `previous` in the same currency. */
export function forwardsMost(previous: Transfer, next: Transfer): boolean {
  return (
    previous.currency === next.currency &&
    next.amountMinor <= previous.amountMinor &&
    next.amountMinor * 10_000n >= previous.amountMinor * MIN_FORWARDED_BASIS_POINTS
  )
}
