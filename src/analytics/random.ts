/**
 * Seedable pseudo-random source for the algorithms that need one (Louvain,
 * label propagation), so that a seed reproduces a result.
 *
 * [Reference]:
 * Tommy Ettinger, Mulberry32: a generator with one 32-bit state word, a Weyl
 * sequence and a MurmurHash3-style mix, 2017 (public domain).
 */
import { AnalyticsError } from './errors.js'

/** A function returning a float in [0, 1), like `Math.random`. */
export type RandomSource = () => number

export function createRandom(seed: number): RandomSource {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/random: invalid seed ${String(seed)}, expected an integer from 0 to 4294967295`,
    )
  }

  let state = seed

  return () => {
    state = (state + 0x6d2b79f5) | 0

    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed

    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

/** Returns an integer in [0, bound). */
export function randomIndex(random: RandomSource, bound: number): number {
  return Math.floor(random() * bound)
}

/** Shuffles `items`, an array or a typed array, in place (Fisher-Yates) and returns it. */
export function shuffle<T, Items extends { length: number; [index: number]: T }>(items: Items, random: RandomSource): Items {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1)
    const item = items[i] as T

    items[i] = items[j] as T
    items[j] = item
  }

  return items
}
