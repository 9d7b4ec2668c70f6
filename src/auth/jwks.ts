/**
 * Public keys from a JSON Web Key Set (RFC 7517) at a URL. The set is fetched on first use
 * with a timeout and kept for `cacheMs`. A token with an unknown `kid` makes the client fetch
 * the set early, at most once per `refetchIntervalMs`, so tokens with made-up key ids cannot
 * make the service hammer the identity provider.
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto'

import type { TokenAlgorithm } from '../config/env.js'
import { AppError } from '../errors.js'
import { keyMismatch } from './keys.js'

/** Key sets larger than this are rejected, since real ones contain a handful of keys. */
export const MAX_JWKS_BYTES = 512 * 1024
const MAX_KEYS = 100

/** The shortest wait between two fetches once the set is unreachable and no keys are known. */
const RETRY_WITHOUT_KEYS_MS = 5000

/** Seconds a client should wait before retrying while the key set is unreachable. */
export const JWKS_RETRY_AFTER_SECONDS = 5

export interface JwksClientOptions {
  url: string
  algorithm: Exclude<TokenAlgorithm, 'HS256'>
  timeoutMs: number
  cacheMs: number
  refetchIntervalMs: number
  now?: () => number
  /** Called with every failed fetch, which the client survives by keeping the keys it has. */
  onFetchError?: (error: Error) => void
}

export interface JwksClient {
  /**
   * Returns the key for `kid` (for a token without `kid`, the only key of the set), or null
   * when the set has none. Throws MLN_TOKEN_KEYS_UNAVAILABLE when no set could be fetched.
   */
  keyFor(kid: string | undefined): Promise<KeyObject | null>
}

interface KeySet {
  keys: Map<string, KeyObject>
  /** Keys published without a `kid`. */
  anonymous: KeyObject[]
  fetchedAt: number
}

export function createJwksClient(options: JwksClientOptions): JwksClient {
  const now = options.now ?? Date.now
  let current: KeySet | null = null
  let lastAttemptAt = Number.NEGATIVE_INFINITY
  let lastUnknownKidFetchAt = Number.NEGATIVE_INFINITY
  let inflight: Promise<void> | null = null

  function refresh(): Promise<void> {
    inflight ??= (async () => {
      lastAttemptAt = now()
      try {
        current = await fetchKeySet(options, now())
      } catch (error) {
        options.onFetchError?.(error as Error)
      } finally {
        inflight = null
      }
    })()
    return inflight
  }

  function lookup(set: KeySet, kid: string | undefined): KeyObject | null {
    if (kid !== undefined) {
      return set.keys.get(kid) ?? null
    }
    const all = [...set.keys.values(), ...set.anonymous]
    return all.length === 1 ? (all[0] ?? null) : null
  }

  return {
    async keyFor(kid) {
      // A stale set is kept while a fetch fails, and fetched again at most once per refetch interval.
      const stale = current === null || now() - current.fetchedAt >= options.cacheMs
      const waited = now() - lastAttemptAt
      if (stale && waited >= (current === null ? RETRY_WITHOUT_KEYS_MS : options.refetchIntervalMs)) {
        await refresh()
      }
      if (current === null) {
        throw new AppError(
          'MLN_TOKEN_KEYS_UNAVAILABLE',
          `The token's key set at ${options.url} could not be fetched, so the token cannot be checked; try again shortly`,
        )
      }
      const found = lookup(current, kid)
      if (found !== null || now() - lastUnknownKidFetchAt < options.refetchIntervalMs) {
        return found
      }
      // The identity provider may have rotated its keys since the last fetch.
      lastUnknownKidFetchAt = now()
      await refresh()
      return lookup(current, kid)
    },
  }
}

async function fetchKeySet(options: JwksClientOptions, fetchedAt: number): Promise<KeySet> {
  const response = await fetch(options.url, {
    signal: AbortSignal.timeout(options.timeoutMs),
    redirect: 'error',
    headers: { accept: 'application/json' },
  })
  if (!response.ok) {
    throw new Error(`JWKS fetch from ${options.url} failed with HTTP status ${response.status}`)
  }
  const length = Number(response.headers.get('content-length') ?? 0)
  if (length > MAX_JWKS_BYTES) {
    throw new Error(`JWKS at ${options.url} is ${length} bytes; the limit is ${MAX_JWKS_BYTES}`)
  }
  const text = await response.text()
  if (Buffer.byteLength(text) > MAX_JWKS_BYTES) {
    throw new Error(`JWKS at ${options.url} is over ${MAX_JWKS_BYTES} bytes`)
  }
  const body = JSON.parse(text) as { keys?: unknown }
  if (!Array.isArray(body.keys)) {
    throw new Error(`JWKS at ${options.url} has no "keys" array`)
  }
  const set: KeySet = { keys: new Map(), anonymous: [], fetchedAt }
  for (const jwk of body.keys.slice(0, MAX_KEYS)) {
    const key = importKey(jwk, options.algorithm)
    if (key === null) {
      continue
    }
    const kid = (jwk as { kid?: unknown }).kid
    if (typeof kid === 'string') {
      set.keys.set(kid, key)
    } else {
      set.anonymous.push(key)
    }
  }
  return set
}

/** Imports one JWK that may verify `algorithm` signatures; null for any other key. */
function importKey(jwk: unknown, algorithm: JwksClientOptions['algorithm']): KeyObject | null {
  if (typeof jwk !== 'object' || jwk === null) {
    return null
  }
  const { kty, use, alg, d } = jwk as Record<string, unknown>
  const wantedType = algorithm === 'RS256' ? 'RSA' : 'EC'
  if (kty !== wantedType || (use !== undefined && use !== 'sig') || (alg !== undefined && alg !== algorithm) || d !== undefined) {
    return null
  }
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
    return keyMismatch(key, algorithm) === null ? key : null
  } catch {
    return null
  }
}
