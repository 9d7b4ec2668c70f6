/**
 * `GET /api/review`: the records whose review date or expiry has passed (or passes by
 * `before`), so that their owners review, extend or remove them. Editors and above see their
 * own country's records, admins every country's.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { NODE_LABELS, RELATIONSHIP_TYPES } from '../model/schema.js'
import { integerParam, standardErrors } from '../schemas/common.js'
import { viewerOf } from '../server/plugins/auth.js'

const MAX_REVIEW_ROWS = 1000
const MAX_REVIEW_OFFSET = 1_000_000

const INSTANT_EXPECTED = 'an ISO date such as 2027-01-31 or an instant with an offset such as 2027-01-31T12:00:00Z'

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/

/** Parses an ISO date (midnight UTC at its start) or an instant with an offset; null when invalid. */
function parseInstant(text: string): Date | null {
  if (!INSTANT.test(text)) {
    return null
  }
  const isDay = text.length === 10
  const instant = new Date(isDay ? `${text}T00:00:00Z` : text)
  if (Number.isNaN(instant.getTime())) {
    return null
  }
  // Date rolls 2027-02-30 over into March, so a valid day comes back unchanged.
  if (isDay && instant.toISOString().slice(0, 10) !== text) {
    return null
  }
  return instant
}

const instantParam = z
  .string({ error: INSTANT_EXPECTED })
  .max(40, { error: INSTANT_EXPECTED })
  .transform((text, context) => {
    const instant = parseInstant(text)
    if (instant === null) {
      context.addIssue({ code: 'custom', message: INSTANT_EXPECTED, input: text })
      return z.NEVER
    }
    return instant
  })

const RECORD_TYPES = [...NODE_LABELS, ...RELATIONSHIP_TYPES] as [string, ...string[]]

const reviewResponse = z.object({
  kind: z.enum(['review', 'expired', 'all']),
  before: z.string().describe('the instant the list was drawn up for, ISO 8601 in UTC'),
  total: z.number().int().describe('records on the list before offset and limit'),
  count: z.number().int().describe('records in this page'),
  records: z.array(
    z.object({
      id: z.string(),
      element: z.enum(['node', 'relationship']),
      type: z.string().describe('the node label or relationship type'),
      name: z.string().nullable(),
      source: z.string().nullable(),
      target: z.string().nullable(),
      ownerNcb: z.string().nullable(),
      reviewAt: z.string().nullable(),
      expiresAt: z.string().nullable(),
      due: z.string(),
      reviewDue: z.boolean(),
      expired: z.boolean(),
    }),
  ),
})

export default async function reviewRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/review',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags: ['review'],
        summary: 'Records due for review or expired, latest due first',
        querystring: z.strictObject({
          kind: z.enum(['review', 'expired', 'all'], { error: 'review, expired or all' }).default('all'),
          before: instantParam.optional(),
          type: z.enum(RECORD_TYPES, { error: `a node label or relationship type: ${RECORD_TYPES.join(', ')}` }).optional(),
          limit: integerParam(1, MAX_REVIEW_ROWS).default(100),
          offset: integerParam(0, MAX_REVIEW_OFFSET).default(0),
        }),
        response: { ...standardErrors, 200: reviewResponse },
      },
    },
    async (request) => {
      const { kind, type, limit, offset } = request.query
      const before = request.query.before ?? new Date()

      const list = await app.services.review.due({ kind, before, type: type ?? null, limit, offset }, viewerOf(request.caller))

      return { kind, before: before.toISOString(), total: list.total, count: list.records.length, records: list.records }
    },
  )
}
