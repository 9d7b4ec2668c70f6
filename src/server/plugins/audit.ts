/**
 * Records every request to a data route in the audit trail: who (from the verified token),
 * when, the route pattern and its parameters, the status and error code, and how many
 * records the response returned or the request changed. A route reports an exact count with
 * `reply.auditCount(n)`; otherwise the count is read from the response body.
 */
import { randomUUID } from 'node:crypto'

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

import { createAuditRepository } from '../../data/repositories/audit.js'
import { createAuditTrail, type AuditTrail, type AuditTrailOptions } from '../../services/audit.js'
import { countRecords, describeParameters } from '../audit-record.js'

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditTrail
  }
  interface FastifyRequest {
    /** The audit state of a request to a data route; null for other requests. */
    auditState: AuditState | null
  }
  interface FastifyReply {
    /** Sets the number of records the request returned or changed, and for a write what it changed. */
    auditCount(count: number, changes?: Record<string, unknown>): FastifyReply
  }
}

interface AuditState {
  startedAt: Date
  startedNs: bigint
  params: unknown
  query: unknown
  body: unknown
  count: number | null | undefined
  changes: Record<string, unknown> | null
  code: string | null
  recorded: boolean
}

/** Routes under /api that read or write no data. */
const UNAUDITED_ROUTES = new Set(['/api/health', '/api/auth/methods'])

/** Nginx's status for a request the client closed before the response, which HTTP lacks. */
const CLIENT_CLOSED_REQUEST = 499

export type AuditPluginOptions = Omit<AuditTrailOptions, 'log'>

function isAudited(request: FastifyRequest): boolean {
  const route = request.routeOptions.url
  return route !== undefined && route.startsWith('/api/') && !UNAUDITED_ROUTES.has(route)
}

async function auditPlugin(app: FastifyInstance, options: AuditPluginOptions): Promise<void> {
  const trail = createAuditTrail(createAuditRepository(app.database), { ...options, log: app.log })
  const secrets = [app.config.jwtSecret, app.config.neo4j.password]

  app.decorate('audit', trail)
  app.decorateRequest('auditState', null)
  app.decorateReply('auditCount', function (this: FastifyReply, count: number, changes?: Record<string, unknown>) {
    const state = this.request.auditState
    if (state !== null) {
      state.count = count
      state.changes = changes ?? null
    }
    return this
  })

  app.addHook('onRequest', async (request) => {
    if (!isAudited(request)) {
      return
    }
    // The query and path parameters as sent: validation replaces them with parsed copies.
    request.auditState = {
      startedAt: new Date(),
      startedNs: process.hrtime.bigint(),
      params: request.params,
      query: request.query,
      body: undefined,
      count: undefined,
      changes: null,
      code: null,
      recorded: false,
    }
  })

  app.addHook('preValidation', async (request) => {
    if (request.auditState !== null) {
      request.auditState.body = request.body
    }
  })

  app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    const state = request.auditState
    if (state === null) {
      return payload
    }
    if (reply.statusCode >= 400) {
      const code = (payload as { code?: unknown } | null)?.code
      state.code = typeof code === 'string' ? code : null
      state.count = 0
    } else if (state.count === undefined) {
      state.count = countRecords(payload)
    }
    return payload
  })

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.auditState !== null && request.caller === null && request.headers.authorization !== undefined) {
      await identify(request)
    }
    record(request, reply.statusCode)
    return payload
  })

  app.addHook('onRequestAbort', async (request) => {
    record(request, CLIENT_CLOSED_REQUEST)
  })

  app.addHook('onClose', async () => trail.close())

  /**
   * Verifies the token of a request that was rejected before its route's authorization ran,
   * such as one with an invalid parameter, so that the event still names a valid caller.
   */
  async function identify(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization
    if (typeof header !== 'string' || !/^Bearer /i.test(header)) {
      return
    }
    try {
      request.caller = await app.tokenVerifier.verify(header.slice('Bearer '.length))
    } catch {
      // An invalid token leaves the caller unknown; the event records the 401 and its code.
    }
  }

  function record(request: FastifyRequest, status: number): void {
    const state = request.auditState
    if (state === null || state.recorded) {
      return
    }
    state.recorded = true
    const caller = request.caller as FastifyRequest['caller'] | null
    const header = request.headers.authorization
    const token = typeof header === 'string' ? header.replace(/^Bearer\s+/i, '') : ''
    const length = Number(request.headers['content-length'])

    const parameters = describeParameters(
      {
        params: state.params,
        query: state.query,
        body: state.body,
        contentType: request.headers['content-type'] ?? null,
        bytes: Number.isFinite(length) ? length : null,
      },
      [token, ...secrets],
    )

    trail.record({
      id: randomUUID(),
      at: state.startedAt.toISOString(),
      sub: caller?.sub ?? null,
      role: caller?.role ?? null,
      ncb: caller?.ncb ?? null,
      address: request.ip,
      method: request.method,
      route: request.routeOptions.url ?? request.url.split('?')[0] ?? '',
      parameters,
      status,
      code: state.code ?? (status >= 400 ? `HTTP_${status}` : null),
      // A response sent as text or a stream, such as an export, is counted only by the route.
      count: status >= 400 ? 0 : (state.count ?? null),
      changes: state.changes === null ? null : JSON.stringify(state.changes),
      durationMs: Number((process.hrtime.bigint() - state.startedNs) / 1_000_000n),
      requestId: request.id,
    })
  }
}

export default fp(auditPlugin, { name: 'audit', dependencies: ['auth'] })
