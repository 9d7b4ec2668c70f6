/**
 * Counts failed sign-in attempts per key (a username or a client address) over a sliding
 * window. A key with `limit` failures inside the window is blocked until the oldest of them
 * leaves it. Counts live in the service's memory, so a restart or a second instance starts
 * from zero.
 */

export interface AttemptLimiterOptions {
  limit: number
  windowMs: number
  /** Keys tracked at once; past this the key idle longest is dropped. */
  maxKeys: number
  now?: () => number
}

export interface AttemptLimiter {
  /** Returns the seconds until `key` may try again, or 0 when it may try now. */
  retryAfterSeconds(key: string): number
  /** Records an attempt against `key` before the password is checked. */
  record(key: string): void
  /** Removes the latest attempt recorded against `key`, once it proved to be right. */
  forgive(key: string): void
  /** Clears every attempt of `key`. */
  clear(key: string): void
}

export function createAttemptLimiter(options: AttemptLimiterOptions): AttemptLimiter {
  const now = options.now ?? Date.now
  // Insertion order is recency: a key is deleted and set again on each attempt.
  const attempts = new Map<string, number[]>()

  function recent(key: string): number[] {
    const since = now() - options.windowMs
    const times = (attempts.get(key) ?? []).filter((time) => time > since)
    if (times.length === 0) attempts.delete(key)
    return times
  }

  return {
    retryAfterSeconds(key) {
      const times = recent(key)
      if (times.length < options.limit) return 0
      const oldest = times[times.length - options.limit] ?? now()
      return Math.max(1, Math.ceil((oldest + options.windowMs - now()) / 1000))
    },

    record(key) {
      const times = recent(key)
      times.push(now())
      // Only the latest `limit` attempts decide whether the key is blocked.
      attempts.delete(key)
      attempts.set(key, times.slice(-options.limit))

      if (attempts.size > options.maxKeys) {
        const idlest = attempts.keys().next().value
        if (idlest !== undefined) attempts.delete(idlest)
      }
    },

    forgive(key) {
      const times = attempts.get(key)
      times?.pop()
      if (times?.length === 0) attempts.delete(key)
    },

    clear(key) {
      attempts.delete(key)
    },
  }
}
