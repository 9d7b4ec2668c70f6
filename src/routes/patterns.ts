/**
 * `/api/money/patterns`: laundering typologies found in the TRANSFER relationships of a span.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { parseDuration } from '../money/duration.js'
import { PATTERN_TYPES } from '../money/patterns/index.js'
import { integerParam, listParam, sourceParam, standardErrors } from '../schemas/common.js'
import { dateParam, durationParam } from '../schemas/money.js'
import { viewerOf } from '../server/plugins/auth.js'

export const DEFAULT_WINDOW = 'P30D'
export const DEFAULT_MIN_COUNT = 5
export const MAX_MIN_COUNT = 500
export const DEFAULT_HITS = 100
export const MAX_HITS = 1000

const hitResponse = z.object({
  type: z.enum(PATTERN_TYPES),
  accounts: z.array(z.object({ id: z.string(), role: z.enum(['source', 'target', 'intermediate', 'origin']) })),
  transfers: z.array(z.string()),
  total: z.array(z.object({ currency: z.string(), amount: z.string() })),
  first: z.string(),
  last: z.string(),
  days: z.number().int(),
  reason: z.string(),
})

const patternsResponse = z.object({
  since: z.string(),
  until: z.string(),
  windowDays: z.number().int(),
  minCount: z.number().int(),
  source: z.string().nullable(),
  scanned: z.number().int(),
  counts: z.partialRecord(z.enum(PATTERN_TYPES), z.number().int()),
  hits: z.array(hitResponse),
  truncated: z.boolean(),
})

export default async function patternRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/money/patterns',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['money'],
        summary: 'Laundering typologies (fan-in, fan-out, cycle, scatter-gather, gather-scatter, bipartite, stack, layering) among transfers',
        querystring: z.strictObject({
          type: listParam(PATTERN_TYPES, 'pattern types').optional(),
          since: dateParam,
          until: dateParam,
          window: durationParam.default(parseDuration(DEFAULT_WINDOW) as NonNullable<ReturnType<typeof parseDuration>>),
          minCount: integerParam(2, MAX_MIN_COUNT).default(DEFAULT_MIN_COUNT),
          limit: integerParam(1, MAX_HITS).default(DEFAULT_HITS),
          source: sourceParam.optional(),
        }),
        response: { ...standardErrors, 200: patternsResponse },
      },
    },
    async (request) => {
      const { type, since, until, window, minCount, limit, source } = request.query

      return app.services.patterns.find(
        {
          types: type === undefined || type.length === 0 ? [...PATTERN_TYPES] : type,
          since,
          until,
          window,
          minCount,
          limit,
          source: source ?? null,
        },
        viewerOf(request.caller),
      )
    },
  )
}
