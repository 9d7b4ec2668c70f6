/**
 * Request and response schemas of `GET /api/audit`.
 */
import { z } from 'zod'

import { ROLES } from '../auth/tokens.js'
import { integerParam } from './common.js'

export const MAX_AUDIT_PAGE = 1000
export const MAX_AUDIT_OFFSET = 100_000

const instant = z.iso.datetime({ offset: true, error: 'an ISO 8601 instant with a time zone, such as 2026-01-31T12:00:00Z' })

export const auditQuery = z.strictObject({
  sub: z.string({ error: 'a token subject' }).min(1, { error: 'a non-empty token subject' }).max(200, { error: 'a token subject of at most 200 characters' }).optional(),
  role: z.enum(ROLES, { error: `one of ${ROLES.join(', ')}` }).optional(),
  ncb: z.string({ error: 'a country code' }).regex(/^[A-Z]{2}$/, { error: 'an ISO 3166-1 alpha-2 country code such as FR' }).optional(),
  route: z
    .string({ error: 'a route pattern' })
    .regex(/^\/api\/[\w\-/:.]{0,200}$/, { error: 'a route pattern such as /api/entities/:id' })
    .optional(),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'], { error: 'one of GET, HEAD, POST, PUT, PATCH, DELETE' }).optional(),
  status: integerParam(100, 599).optional(),
  from: instant.optional().describe('events at or after this instant'),
  to: instant.optional().describe('events before this instant'),
  limit: integerParam(1, MAX_AUDIT_PAGE).default(100),
  offset: integerParam(0, MAX_AUDIT_OFFSET).optional(),
  cursor: z
    .string({ error: 'a cursor as nextCursor returned it' })
    .regex(/^[A-Za-z0-9_-]{1,400}$/, { error: 'a cursor as nextCursor returned it' })
    .optional(),
})

export type AuditQuery = z.output<typeof auditQuery>

const auditEvent = z.object({
  id: z.string(),
  at: z.string().describe('when the request arrived, ISO 8601 in UTC'),
  sub: z.string().nullable(),
  role: z.string().nullable(),
  ncb: z.string().nullable(),
  address: z.string(),
  method: z.string(),
  route: z.string(),
  parameters: z.unknown().describe('path parameters, query and body fields, with secrets redacted and import bodies summarised'),
  status: z.number(),
  code: z.string().nullable().describe('the error code of a rejected request'),
  count: z.number().nullable().describe('records returned or changed; null when the response could not be counted'),
  changes: z.unknown().describe('what a write changed, such as created and updated counts; null for reads'),
  durationMs: z.number(),
  requestId: z.string(),
})

export const auditResponse = z.object({
  events: z.array(auditEvent).describe('newest first'),
  nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
})
