/**
 * API tokens: JWTs (HS256, RS256 or ES256) whose claims say who the caller is (`sub`), what they may do
 * (`role`) and which country's National Central Bureau they work for (`ncb`).
 */
import { createSigner } from 'fast-jwt'
import { z } from 'zod'

import type { SigningKey } from './keys.js'

/** Roles from least to most privileged; a route names the least role it accepts. */
export const ROLES = ['viewer', 'analyst', 'investigator', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  role: z.enum(ROLES),
  ncb: z
    .string()
    .regex(/^[A-Z]{2}$/, { error: 'an ISO 3166-1 alpha-2 country code such as FR' })
    .nullish()
    .transform((value) => value ?? null),
  exp: z.number().int(),
})

export type Claims = z.infer<typeof claimsSchema>

export function roleAtLeast(role: Role, least: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(least)
}

const DURATION = /^(\d+)(s|m|h|d)$/
const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 }

/** Parses a lifetime such as "45m", "8h" or "7d" into seconds. */
export function parseLifetime(text: string): number {
  const match = DURATION.exec(text)
  if (!match) {
    throw new RangeError(`Invalid lifetime "${text}": expected a number and a unit, such as 30m, 8h or 7d`)
  }
  const seconds = Number(match[1]) * (SECONDS_PER_UNIT[match[2] ?? 's'] ?? 1)
  if (seconds < 1 || seconds > 366 * 86_400) {
    throw new RangeError(`Invalid lifetime "${text}": expected between 1 second and 366 days`)
  }
  return seconds
}

export interface TokenRequest {
  sub: string
  role: Role
  ncb: string | null
  lifetimeSeconds: number
}

/** Signs a token with a signing key, or with an HS256 secret given as a string. */
export function signToken(key: string | SigningKey, request: TokenRequest, now: number = Date.now()): string {
  const signing: SigningKey = typeof key === 'string' ? { algorithm: 'HS256', key, kid: null } : key
  const claims = claimsSchema.omit({ exp: true }).parse({ sub: request.sub, role: request.role, ncb: request.ncb })
  const sign = createSigner({
    key: signing.key,
    algorithm: signing.algorithm,
    ...(signing.kid === null ? {} : { kid: signing.kid }),
    clockTimestamp: now,
    expiresIn: request.lifetimeSeconds * 1000,
  })
  return sign(claims.ncb === null ? { sub: claims.sub, role: claims.role } : claims)
}
