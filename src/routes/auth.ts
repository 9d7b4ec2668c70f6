/**
 * Password sign-in: `GET /api/auth/methods` returns the sign-in methods the service
 * offers, and `POST /api/auth/token` trades a username and password from the users
 * file for a signed token. Neither route needs a token.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { createAttemptLimiter } from '../auth/attempts.js'
import { signToken, ROLES } from '../auth/tokens.js'
import type { UserStore } from '../auth/users.js'
import { AppError, describeValue } from '../errors.js'
import { errorResponse } from '../schemas/common.js'

/** Lifetime of a token issued by password sign-in, as `millennium token` issues by default. */
export const SIGN_IN_LIFETIME_SECONDS = 8 * 3600

export const FAILED_ATTEMPTS_PER_USERNAME = 5
export const FAILED_ATTEMPTS_PER_ADDRESS = 20
export const ATTEMPT_WINDOW_MS = 60_000
const TRACKED_KEYS = 10_000

const MAX_USERNAME_LENGTH = 200
const MAX_PASSWORD_LENGTH = 1024

/** One message for an unknown user and a wrong password, so neither reveals which it was. */
export const INVALID_CREDENTIALS_MESSAGE = 'Invalid username or password'

const credentialsBody = z.strictObject({
  username: z.string().min(1).max(MAX_USERNAME_LENGTH),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
})

const tokenResponse = z.object({
  token: z.string(),
  expiresAt: z.string().describe('ISO 8601 instant in UTC'),
  role: z.enum(ROLES),
  ncb: z.string().nullable(),
})

export interface AuthRouteOptions {
  /** The users of password sign-in; null when MILLENNIUM_USERS_FILE names no file. */
  users: UserStore | null
}

export default async function authRoutes(app: FastifyInstance, options: AuthRouteOptions): Promise<void> {
  const limits = { windowMs: ATTEMPT_WINDOW_MS, maxKeys: TRACKED_KEYS }
  const byUsername = createAttemptLimiter({ ...limits, limit: FAILED_ATTEMPTS_PER_USERNAME })
  const byAddress = createAttemptLimiter({ ...limits, limit: FAILED_ATTEMPTS_PER_ADDRESS })
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.get(
    '/auth/methods',
    {
      schema: {
        tags: ['auth'],
        summary: 'The sign-in methods the service offers',
        security: [],
        querystring: z.strictObject({}),
        response: { 200: z.object({ token: z.literal(true), password: z.boolean() }) },
      },
    },
    async () => ({ token: true as const, password: options.users !== null && app.tokenSigner !== null }),
  )

  typed.post(
    '/auth/token',
    {
      // The body is checked below instead, so that no error message or log line quotes a password.
      attachValidation: true,
      schema: {
        tags: ['auth'],
        summary: 'Signs a token for a username and password from the users file',
        security: [],
        querystring: z.strictObject({}),
        body: credentialsBody,
        response: {
          200: tokenResponse,
          400: errorResponse.describe('Missing or invalid username or password field'),
          401: errorResponse.describe('Unknown user or wrong password, with one message for both'),
          404: errorResponse.describe(
            'Password sign-in is off: MILLENNIUM_USERS_FILE names no file, or RS256 or ES256 tokens have no JWT_PRIVATE_KEY',
          ),
          429: errorResponse.describe('Too many failed attempts for this username or address; see Retry-After'),
        },
      },
    },
    async (request, reply) => {
      // Only the body's errors are left to readCredentials; an unknown query parameter is rejected as anywhere else.
      if (request.validationError?.validationContext === 'querystring') throw request.validationError
      if (options.users === null) {
        throw new AppError(
          'MLN_SIGN_IN_DISABLED',
          'Password sign-in is off because the MILLENNIUM_USERS_FILE setting names no users file; sign in with a token',
        )
      }
      if (app.tokenSigner === null) {
        throw new AppError(
          'MLN_SIGN_IN_DISABLED',
          `Password sign-in is off because JWT_ALGORITHM is ${app.config.tokens.algorithm} and no JWT_PRIVATE_KEY is set to sign tokens; sign in with a token from your identity provider`,
        )
      }
      const signer = app.tokenSigner
      const { username, password } = readCredentials(request.body)

      const usernameKey = username.toLowerCase()
      const addressKey = request.ip
      const wait = Math.max(byUsername.retryAfterSeconds(usernameKey), byAddress.retryAfterSeconds(addressKey))
      if (wait > 0) {
        request.log.warn({ username: usernameKey, address: addressKey }, 'sign-in blocked after repeated failures')
        void reply.header('Retry-After', String(wait))
        throw new AppError(
          'MLN_TOO_MANY_ATTEMPTS',
          `Too many failed sign-in attempts for this username or address; try again in ${wait} s`,
        )
      }

      // Counted before the check, so that parallel guesses cannot all pass the limit at once.
      byUsername.record(usernameKey)
      byAddress.record(addressKey)
      const user = await options.users.authenticate(username, password)
      if (user === null) {
        request.log.info({ username: usernameKey, address: addressKey }, 'sign-in failed')
        throw new AppError('MLN_INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE)
      }

      byUsername.clear(usernameKey)
      byAddress.forgive(addressKey)
      const now = Date.now()
      const token = signToken(
        signer,
        { sub: user.username, role: user.role, ncb: user.ncb, lifetimeSeconds: SIGN_IN_LIFETIME_SECONDS },
        now,
      )
      request.log.info({ username: user.username, role: user.role }, 'signed in with a password')
      // The audit trail records the signed-in user as the caller of this request.
      request.caller = { sub: user.username, role: user.role, ncb: user.ncb, exp: Math.floor(now / 1000) + SIGN_IN_LIFETIME_SECONDS }
      return {
        token,
        expiresAt: new Date(now + SIGN_IN_LIFETIME_SECONDS * 1000).toISOString(),
        role: user.role,
        ncb: user.ncb,
      }
    },
  )
}

/**
 * Reads `{username, password}` from the request body. Errors name the field and quote a bad
 * username, but never the password.
 */
function readCredentials(body: FastifyRequest['body']): { username: string; password: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('MLN_INVALID_PARAMETER', 'Invalid body: expected a JSON object {"username": ..., "password": ...}')
  }
  const fields = body as Record<string, unknown>

  const unknown = Object.keys(fields).filter((key) => key !== 'username' && key !== 'password')
  if (unknown.length > 0) {
    const names = unknown.map((key) => JSON.stringify(key)).join(', ')
    throw new AppError('MLN_INVALID_PARAMETER', `Unknown body field ${names}: expected only username, password`)
  }

  const { username, password } = fields
  if (typeof username !== 'string' || username.length === 0 || username.length > MAX_USERNAME_LENGTH) {
    throw new AppError(
      'MLN_INVALID_PARAMETER',
      `Invalid body field "username": ${describeValue(username)}; expected a string of 1 to ${MAX_USERNAME_LENGTH} characters`,
    )
  }
  if (typeof password !== 'string' || password.length === 0 || password.length > MAX_PASSWORD_LENGTH) {
    const received = password === undefined ? 'missing' : 'not shown'
    throw new AppError(
      'MLN_INVALID_PARAMETER',
      `Invalid body field "password": ${received}; expected a string of 1 to ${MAX_PASSWORD_LENGTH} characters`,
    )
  }
  return { username, password }
}
