/**
 * Verifies bearer tokens. The algorithm is pinned by the configuration, so a token with any
 * other `alg`, `none` included, is rejected before a key is chosen: an HS256 token signed
 * with an RS256 public key as its secret never meets an HMAC check. `exp` is required;
 * `exp`, `nbf` and `iat` are compared with the clock allowing the configured skew; `iss` and
 * `aud` must match when they are configured.
 */
import type { KeyObject } from 'node:crypto'

import { createDecoder, createVerifier, TokenError } from 'fast-jwt'

import { ConfigError, type Config } from '../config/env.js'
import { AppError } from '../errors.js'
import { createJwksClient, type JwksClient } from './jwks.js'
import { loadTokenKeys, type SigningKey } from './keys.js'
import { claimsSchema, ROLES, type Claims } from './tokens.js'

/** Tokens longer than this are rejected unread; Node's HTTP parser allows 16 KiB of headers. */
export const MAX_TOKEN_LENGTH = 16 * 1024

/** The shortest wait between two fetches of the key set for tokens with an unknown `kid`. */
export const JWKS_REFETCH_INTERVAL_MS = 60_000

export interface TokenVerifier {
  /** Returns the caller's claims, or throws an AppError with a 401, 403 or 503 code. */
  verify(token: string): Promise<Claims>
  /** The key that signs the service's own tokens, or null when it signs none. */
  signing: SigningKey | null
}

export interface TokenVerifierOptions {
  now?: () => number
  onJwksError?: (error: Error) => void
}

type Verify = (token: string) => Record<string, unknown>

const decode = createDecoder({ complete: true })

function invalid(message: string): AppError {
  return new AppError('MLN_TOKEN_INVALID', message)
}

export function createTokenVerifier(
  config: Pick<Config, 'jwtSecret' | 'tokens'>,
  options: TokenVerifierOptions = {},
): TokenVerifier {
  const settings = config.tokens
  if (settings.algorithm === 'HS256' && config.jwtSecret === '') {
    throw new ConfigError(['JWT_SECRET (missing): is required to verify HS256 tokens: a secret of at least 32 bytes'])
  }
  const now = options.now ?? Date.now
  const keys = loadTokenKeys(config)
  const skewMs = settings.clockSkewSeconds * 1000
  const jwks: JwksClient | null =
    settings.jwksUrl === null || settings.algorithm === 'HS256'
      ? null
      : createJwksClient({
          url: settings.jwksUrl,
          algorithm: settings.algorithm,
          timeoutMs: settings.jwksTimeoutMs,
          cacheMs: settings.jwksCacheSeconds * 1000,
          refetchIntervalMs: JWKS_REFETCH_INTERVAL_MS,
          now,
          onFetchError: options.onJwksError,
        })

  const requiredClaims = ['exp', ...(settings.issuer === null ? [] : ['iss']), ...(settings.audience === null ? [] : ['aud'])]
  const verifiers = new WeakMap<KeyObject, Verify>()
  const verifierOptions = {
    algorithms: [settings.algorithm],
    clockTolerance: skewMs,
    requiredClaims,
    ...(settings.issuer === null ? {} : { allowedIss: settings.issuer }),
    ...(settings.audience === null ? {} : { allowedAud: settings.audience }),
  }
  const secretVerifier: Verify | null =
    settings.algorithm === 'HS256' ? createVerifier({ ...verifierOptions, key: config.jwtSecret }) : null

  function verifierFor(key: KeyObject): Verify {
    let verify = verifiers.get(key)
    if (verify === undefined) {
      const pem = key.export({ format: 'pem', type: 'spki' }).toString()
      verify = createVerifier({ ...verifierOptions, key: pem })
      verifiers.set(key, verify)
    }
    return verify
  }

  async function chooseVerifier(kid: string | undefined): Promise<Verify> {
    if (secretVerifier !== null) {
      return secretVerifier
    }
    if (keys.ownKey !== null && kid === keys.ownKey.kid) {
      return verifierFor(keys.ownKey.key)
    }
    if (keys.publicKey !== null) {
      return verifierFor(keys.publicKey)
    }
    const key = jwks === null ? null : await jwks.keyFor(kid)
    if (key === null) {
      const named = kid === undefined ? 'no "kid" header, and the key set has more or fewer than one key' : `unknown key id "${shorten(kid)}"`
      throw invalid(`Invalid token: ${named}; it was not signed by a key of the configured identity provider`)
    }
    return verifierFor(key)
  }

  return {
    signing: keys.signing,

    async verify(token) {
      if (token.length > MAX_TOKEN_LENGTH) {
        throw invalid(`Invalid token: ${token.length} characters long; the limit is ${MAX_TOKEN_LENGTH}`)
      }
      const header = readHeader(token)
      if (header.alg !== settings.algorithm) {
        const algorithm = JSON.stringify(shorten(String(header.alg)))
        throw invalid(`Invalid token: algorithm ${algorithm} is not accepted; this service accepts only ${settings.algorithm}`)
      }
      if (header.kid !== undefined && typeof header.kid !== 'string') {
        throw invalid('Invalid token: the "kid" header must be a string')
      }

      const verify = await chooseVerifier(header.kid)
      const payload = runVerifier(verify, token)
      checkIssuedAt(payload, now(), skewMs)
      const claims = readClaims(payload, settings.roleClaim, settings.ncbClaim)

      if (settings.allowedNcbs !== null && (claims.ncb === null || !settings.allowedNcbs.includes(claims.ncb))) {
        const country = claims.ncb === null ? 'no country' : `country "${claims.ncb}"`
        throw new AppError(
          'MLN_FORBIDDEN',
          `The token's ${settings.ncbClaim} claim names ${country}, which this service does not accept (MILLENNIUM_ALLOWED_NCBS)`,
        )
      }
      return claims
    },
  }
}

function readHeader(token: string): { alg?: unknown; kid?: unknown } {
  try {
    const { header } = decode(token) as { header: unknown }
    if (typeof header !== 'object' || header === null) {
      throw invalid('Invalid token: the header is not a JSON object')
    }
    return header as { alg?: unknown; kid?: unknown }
  } catch (error) {
    if (error instanceof AppError) {
      throw error
    }
    throw invalid(`Invalid token: ${(error as Error).message}`)
  }
}

function runVerifier(verify: Verify, token: string): Record<string, unknown> {
  try {
    return verify(token)
  } catch (error) {
    if (error instanceof TokenError && error.code === TokenError.codes.expired) {
      throw new AppError('MLN_TOKEN_EXPIRED', `${error.message} Sign in again or request a new token.`)
    }
    throw invalid(`Invalid token: ${(error as Error).message}`)
  }
}

/** fast-jwt reads `iat` only for a maximum age, so a token issued in the future is caught here. */
function checkIssuedAt(payload: Record<string, unknown>, now: number, skewMs: number): void {
  const issuedAt = payload.iat
  if (issuedAt === undefined) {
    return
  }
  if (typeof issuedAt !== 'number' || !Number.isFinite(issuedAt)) {
    throw invalid('Invalid token claim "iat": expected a number of seconds since 1970')
  }
  if (issuedAt * 1000 > now + skewMs) {
    throw invalid(`Invalid token claim "iat": issued at ${new Date(issuedAt * 1000).toISOString()}, in the future`)
  }
}

/**
 * Reads `sub`, the role and the country from their configured claims. A role claim may be an
 * array, as identity providers often send one; the most privileged known role in it counts.
 */
function readClaims(payload: Record<string, unknown>, roleClaim: string, ncbClaim: string): Claims {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw invalid('Invalid token: the payload is not a JSON object')
  }
  const roleValue = payload[roleClaim]
  const role = Array.isArray(roleValue) ? highestRole(roleValue) : roleValue
  const parsed = claimsSchema.safeParse({ sub: payload.sub, role, ncb: payload[ncbClaim], exp: payload.exp })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = String(issue?.path[0] ?? '')
    const claimNames: Record<string, string> = { role: roleClaim, ncb: ncbClaim }
    const claim = claimNames[field] ?? field
    throw invalid(`Invalid token claim "${claim}": ${issue?.message}`)
  }
  return parsed.data
}

function highestRole(values: unknown[]): string | undefined {
  const known = ROLES.filter((role) => values.includes(role))
  return known[known.length - 1]
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
