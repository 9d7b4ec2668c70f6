/**
 * Bearer-token authentication. Tokens are JWTs of the one algorithm the configuration pins:
 * HS256 with JWT_SECRET, or RS256 or ES256 with a public key or a JWKS URL. `exp` is
 * required. `app.authorize(role)` returns a pre-handler that accepts callers of at least
 * that role, puts their claims on `request.caller` and counts the request against the
 * caller's rate limits.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import fp from 'fastify-plugin'

import { JWKS_RETRY_AFTER_SECONDS } from '../../auth/jwks.js'
import type { SigningKey } from '../../auth/keys.js'
import { roleAtLeast, type Claims, type Role } from '../../auth/tokens.js'
import type { TokenVerifier } from '../../auth/verifier.js'
import { AppError } from '../../errors.js'
import type { Viewer } from '../../data/database.js'

declare module 'fastify' {
  interface FastifyInstance {
    authorize(least: Role): preHandlerAsyncHookHandler
    /** The key that signs the service's own tokens; null when it signs none. */
    tokenSigner: SigningKey | null
    /** Checks a bearer token with the configured keys, for hooks that run outside a route. */
    tokenVerifier: TokenVerifier
  }
  interface FastifyRequest {
    caller: Claims
  }
}

/** The scheme name is case-insensitive (RFC 9110, section 11.1); the token is a compact JWS. */
const BEARER = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/i

/** Admins may read every record; everyone else reads what their country may see. */
export function viewerOf(caller: Claims): Viewer {
  return { ncb: caller.ncb, all: caller.role === 'admin' }
}

async function authPlugin(app: FastifyInstance, options: { verifier: TokenVerifier }): Promise<void> {
  const verifier = options.verifier
  app.decorate('tokenSigner', verifier.signing)
  app.decorate('tokenVerifier', verifier)
  app.decorateRequest('caller', null as unknown as Claims)

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Claims> {
    const header = request.headers.authorization
    if (header === undefined) {
      throw new AppError('MLN_UNAUTHORIZED', 'Missing Authorization header: send "Authorization: Bearer <token>"')
    }
    try {
      if (!BEARER.test(header)) {
        throw new AppError('MLN_TOKEN_INVALID', 'Invalid Authorization header: expected "Bearer <token>"')
      }
      return await verifier.verify(header.slice('Bearer '.length))
    } catch (error) {
      if (error instanceof AppError && error.code === 'MLN_TOKEN_KEYS_UNAVAILABLE') {
        void reply.header('Retry-After', String(JWKS_RETRY_AFTER_SECONDS))
      } else {
        // Rejected tokens count against the client address, so guessing costs budget too.
        app.chargeRateLimit(request, reply, `address:${request.ip}`)
      }
      throw error
    }
  }

  app.decorate('authorize', (least: Role) => {
    return async function authorizeRequest(request: FastifyRequest, reply: FastifyReply) {
      const caller = await authenticate(request, reply)
      request.caller = caller
      app.chargeRateLimit(request, reply, `subject:${caller.sub}`)
      if (!roleAtLeast(caller.role, least)) {
        throw new AppError('MLN_FORBIDDEN', `Role "${caller.role}" may not call this route; it needs "${least}" or higher`)
      }
    }
  })
}

export default fp(authPlugin, { name: 'auth', dependencies: ['rate-limit'] })
