/**
 * Rate limits: a general budget per subject (the token's `sub`) for every request, and a
 * smaller one for heavy routes (analytics, jobs, paths, money, imports and exports).
 * Requests without a valid token count against their client address instead. A request
 * over budget gets a 429 with Retry-After; every counted response carries the RateLimit
 * headers of the IETF httpapi draft (RateLimit-Limit, -Remaining, -Reset, -Policy).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

import type { Config } from '../../config/env.js'
import { AppError } from '../../errors.js'
import { createRateLimiter, type RateDecision, type RateLimiter } from '../rate-limiter.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts the request against `key`'s budgets, and throws a 429 when one is spent. */
    chargeRateLimit(request: FastifyRequest, reply: FastifyReply, key: string): void
  }
}

/** Route patterns whose requests also spend the heavy budget. */
const HEAVY_ROUTES = [/^\/api\/analytics\//, /^\/api\/jobs$/, /^\/api\/paths\//, /^\/api\/money\//, /\/imports?(\/|$)/, /\/exports?(\/|$)/]

/** Returns true when a request to this route pattern spends the heavy budget too. */
export function isHeavyRoute(method: string, url: string | undefined): boolean {
  if (url === undefined || (url === '/api/jobs' && method !== 'POST')) {
    return false
  }
  return HEAVY_ROUTES.some((pattern) => pattern.test(url))
}

function setHeaders(reply: FastifyReply, decision: RateDecision, windowMs: number): void {
  void reply.header('RateLimit-Limit', String(decision.limit))
  void reply.header('RateLimit-Remaining', String(decision.remaining))
  void reply.header('RateLimit-Reset', String(decision.resetSeconds))
  void reply.header('RateLimit-Policy', `${decision.limit};w=${Math.round(windowMs / 1000)}`)
}

function describeBudget(limiter: RateLimiter, kind: string): string {
  return `${kind} budget of ${limiter.budget.limit} requests per ${Math.round(limiter.budget.windowMs / 1000)} s`
}

async function rateLimitPlugin(app: FastifyInstance, options: { limits: Config['rateLimits'] }): Promise<void> {
  const general = options.limits.general === null ? null : createRateLimiter(options.limits.general)
  const heavy = options.limits.heavy === null ? null : createRateLimiter(options.limits.heavy)

  app.decorate('chargeRateLimit', (request: FastifyRequest, reply: FastifyReply, key: string) => {
    const checks: [RateLimiter, string][] = []
    if (general !== null) checks.push([general, 'request'])
    if (heavy !== null && isHeavyRoute(request.method, request.routeOptions.url)) checks.push([heavy, 'heavy-route'])

    // A request refused by the heavy budget still spends the general one, as it reached the service.
    let reported: { decision: RateDecision; limiter: RateLimiter } | null = null
    for (const [limiter, kind] of checks) {
      const decision = limiter.take(key)
      if (!decision.allowed) {
        setHeaders(reply, decision, limiter.budget.windowMs)
        void reply.header('Retry-After', String(decision.retryAfterSeconds))
        throw new AppError(
          'MLN_RATE_LIMITED',
          `Too many requests: the ${describeBudget(limiter, kind)} is spent; try again in ${decision.retryAfterSeconds} s`,
        )
      }
      if (reported === null || decision.remaining < reported.decision.remaining) {
        reported = { decision, limiter }
      }
    }
    if (reported !== null) {
      setHeaders(reply, reported.decision, reported.limiter.budget.windowMs)
    }
  })

  // Requests with a token are counted by subject once the token is verified.
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.authorization === undefined) {
      app.chargeRateLimit(request, reply, `address:${request.ip}`)
    }
  })
}

export default fp(rateLimitPlugin, { name: 'rate-limit' })
