/**
 * `GET /api/audit`: the audit trail, newest first, for admins. No route updates or deletes
 * audit events.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'

import type { AuditEvent } from '../data/repositories/audit.js'
import { invalidParameter } from '../errors.js'
import { auditQuery, auditResponse, type AuditQuery } from '../schemas/audit.js'
import { standardErrors } from '../schemas/common.js'

export default async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/audit',
    {
      preHandler: app.authorize('admin'),
      schema: {
        tags: ['audit'],
        summary: 'The audit trail: who read or wrote what, when, with which parameters and result, newest first',
        querystring: auditQuery,
        response: { ...standardErrors, 200: auditResponse },
      },
    },
    async (request) => {
      const query = request.query
      const filter = filterOf(query)

      const events = await app.audit.list(filter)

      const last = events.at(-1)
      const nextCursor = events.length === filter.limit && last !== undefined ? encodeCursor(last) : null
      return { events: events.map(parseJsonFields), nextCursor }
    },
  )
}

function filterOf(query: AuditQuery) {
  if (query.cursor !== undefined && query.offset !== undefined) {
    throw invalidParameter('offset', String(query.offset), 'no offset together with a cursor')
  }
  const from = query.from === undefined ? null : new Date(query.from).toISOString()
  const to = query.to === undefined ? null : new Date(query.to).toISOString()
  if (from !== null && to !== null && from >= to) {
    throw invalidParameter('to', query.to, `an instant after from (${query.from})`)
  }
  return {
    sub: query.sub ?? null,
    role: query.role ?? null,
    ncb: query.ncb ?? null,
    route: query.route ?? null,
    method: query.method ?? null,
    status: query.status ?? null,
    from,
    to,
    before: query.cursor === undefined ? null : decodeCursor(query.cursor),
    offset: query.offset ?? 0,
    limit: query.limit,
  }
}

function encodeCursor(event: AuditEvent): string {
  return Buffer.from(JSON.stringify([event.at, event.id]), 'utf8').toString('base64url')
}

function decodeCursor(cursor: string): { at: string; id: string } {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    decoded = null
  }
  if (
    !Array.isArray(decoded) ||
    typeof decoded[0] !== 'string' ||
    typeof decoded[1] !== 'string' ||
    Number.isNaN(Date.parse(decoded[0]))
  ) {
    throw invalidParameter('cursor', cursor, 'a cursor as nextCursor returned it')
  }
  return { at: new Date(decoded[0]).toISOString(), id: decoded[1] }
}

function parseJsonFields(event: AuditEvent) {
  return {
    ...event,
    parameters: JSON.parse(event.parameters) as unknown,
    changes: event.changes === null ? null : (JSON.parse(event.changes) as unknown),
  }
}
