/**
 * Request budgets per key, by the generic cell rate algorithm (GCRA): a token bucket that
 * contains `limit` requests and refills evenly over `windowMs`, stored as one time per key.
 * A key may send `limit` requests at once, then one more every `windowMs / limit`.
 * State lives in the service's memory, so a restart or a second instance starts afresh.
 */
import type { RateBudget } from '../config/env.js'

export interface RateDecision {
  allowed: boolean
  limit: number
  /** Requests the key may still send at once. */
  remaining: number
  /** Seconds until the bucket is full again. */
  resetSeconds: number
  /** Seconds until the next request is allowed; 0 when this one was. */
  retryAfterSeconds: number
}

export interface RateLimiter {
  readonly budget: RateBudget
  /** Counts one request of `key` when the budget allows it, and returns the decision. */
  take(key: string): RateDecision
}

export function createRateLimiter(budget: RateBudget, options: { maxKeys?: number; now?: () => number } = {}): RateLimiter {
  const now = options.now ?? Date.now
  const maxKeys = options.maxKeys ?? 100_000
  const interval = budget.windowMs / budget.limit
  // The theoretical arrival time of each key's next request; a key whose time has passed has a full bucket.
  const arrivals = new Map<string, number>()

  function forgetFullBuckets(time: number): void {
    for (const [key, arrival] of arrivals) {
      if (arrival <= time) arrivals.delete(key)
    }
    // NOTE: past maxKeys busy keys the oldest are dropped, which refills their buckets early.
    for (const key of arrivals.keys()) {
      if (arrivals.size < maxKeys) break
      arrivals.delete(key)
    }
  }

  return {
    budget,

    take(key) {
      const time = now()
      const arrival = Math.max(arrivals.get(key) ?? time, time)
      const next = arrival + interval
      const allowedFrom = next - budget.windowMs
      // The tolerance absorbs rounding in the sums of `interval`, which need not be a whole number.
      if (allowedFrom - time > 1e-6) {
        return {
          allowed: false,
          limit: budget.limit,
          remaining: 0,
          resetSeconds: Math.ceil((arrival - time) / 1000),
          retryAfterSeconds: Math.max(1, Math.ceil((allowedFrom - time) / 1000)),
        }
      }

      if (!arrivals.has(key) && arrivals.size >= maxKeys) {
        forgetFullBuckets(time)
      }
      arrivals.delete(key)
      arrivals.set(key, next)
      return {
        allowed: true,
        limit: budget.limit,
        remaining: Math.floor((time - allowedFrom) / interval + 1e-9),
        resetSeconds: Math.ceil((next - time) / 1000),
        retryAfterSeconds: 0,
      }
    },
  }
}
