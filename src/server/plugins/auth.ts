/**
 * Bearer-token authentication. Tokens are HS256 JWTs; the algorithm is pinned and `exp` is
 * required. `app.authorize(role)` returns a pre-handler that accepts callers of at least
 * that role and puts their claims on `request.caller`.
 */
import jwt from '@fastify/jwt'
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import fp from 'fastify-plugin'

import { claimsSchema, roleAtLeast, type Claims, type Role } from '../../auth/tokens.js'
import { AppError } from '../../errors.js'
import type { Viewer } from '../../data/database.js'

declare module 'fastify' {
  interface FastifyInstance {
    authorize(least: Role): preHandlerAsyncHookHandler
  }
  interface FastifyRequest {
    caller: Claims
  }
}

const BEARER = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/

/** Admins may read every record; everyone else reads what their country may see. */
export function viewerOf(caller: Claims): Viewer {
  return { ncb: caller.ncb, all: caller.role === 'admin' }
}

async function authPlugin(app: FastifyInstance, options: { secret: string }): Promise<void> {
  await app.register(jwt, {
    secret: options.secret,
    sign: { algorithm: 'HS256' },
    verify: { algorithms: ['HS256'], requiredClaims: ['exp', 'sub', 'role'], allowedIss: undefined },
  })

  app.decorateRequest('caller', null as unknown as Claims)

  app.decorate('authorize', (least: Role) => {
    return async function authorizeRequest(request: FastifyRequest, _reply: FastifyReply) {
      const header = request.headers.authorization
      if (header !== undefined && !BEARER.test(header)) {
        throw new AppError('MLN_TOKEN_INVALID', 'Invalid Authorization header: expected "Bearer <token>"')
      }
      const payload = await request.jwtVerify()
      const parsed = claimsSchema.safeParse(payload)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        throw new AppError('MLN_TOKEN_INVALID', `Invalid token claim "${issue?.path.join('.')}": ${issue?.message}`)
      }
      request.caller = parsed.data
      if (!roleAtLeast(parsed.data.role, least)) {
        throw new AppError('MLN_FORBIDDEN', `Role "${parsed.data.role}" may not call this route; it needs "${least}" or higher`)
      }
    }
  })
}

export default fp(authPlugin, { name: 'auth' })
