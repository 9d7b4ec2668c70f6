/**
 * A bounded cache of read results that stay true until the graph changes or a record expires.
 * An entry's key is the request's parameters, the caller's visibility (`ncb`, `all`), the graph
 * version and the number of `expiresAt` instants that have passed. Every write transaction
 * raises the graph version, which empties the cache. A record that expires raises the count, so
 * a result computed before then is no longer found. Entries are evicted least recently used first.
 */
import type { Viewer } from '../data/database.js'

export interface ResultCacheOptions {
  /** The graph version, which every write transaction raises. */
  graphVersion: () => Promise<number>
  /** Every distinct `expiresAt` instant stored, in milliseconds since the epoch, which the cache reads once per graph version. */
  expiryInstants: () => Promise<number[]>
  /** Entries kept before the least recently used one is evicted. */
  maxEntries: number
}

export interface CachedResult<T> {
  value: T
  cached: boolean
  graphVersion: number
}

export function createResultCache(options: ResultCacheOptions) {
  const entries = new Map<string, unknown>()
  let entriesVersion = -1
  let instants: { version: number; list: Promise<number[]> } = { version: -1, list: Promise.resolve([]) }

  /** Lists the `expiresAt` instants that have passed at `now`, read once per graph version. */
  async function passedInstants(version: number, now: Date): Promise<number[]> {
    if (instants.version !== version) {
      // The promise is stored, so concurrent requests after a write share one read.
      const list = options.expiryInstants()
      instants = { version, list }
      list.catch(() => {
        if (instants.list === list) {
          instants = { version: -1, list: Promise.resolve([]) }
        }
      })
    }
    const time = now.getTime()
    return (await instants.list).filter((instant) => instant <= time)
  }

  /**
   * Returns the cached result of `key` for this viewer, or computes and caches it. `compute`
   * receives the viewer with the instant at which expiry is judged, the same instant that the
   * key counts passed expiries at. Errors are not cached.
   */
  async function cached<T>(key: unknown, viewer: Viewer, compute: (viewer: Viewer) => Promise<T>): Promise<CachedResult<T>> {
    const version = await options.graphVersion()
    if (version !== entriesVersion) {
      entries.clear()
      entriesVersion = version
    }
    const now = viewer.now ?? new Date()
    const expired = (await passedInstants(version, now)).length
    const text = JSON.stringify({ key, viewer: { ncb: viewer.ncb, all: viewer.all }, expired })

    if (entries.has(text)) {
      const value = entries.get(text) as T
      entries.delete(text)
      entries.set(text, value)
      return { value, cached: true, graphVersion: version }
    }

    const value = await compute({ ...viewer, now })
    // A request that read a newer version meanwhile has emptied the cache, and this older result stays out.
    if (version === entriesVersion) {
      entries.set(text, value)
      if (entries.size > options.maxEntries) {
        entries.delete(entries.keys().next().value as string)
      }
    }
    return { value, cached: false, graphVersion: version }
  }

  return { cached, passedInstants }
}

export type ResultCache = ReturnType<typeof createResultCache>
