/**
 * `/api/duplicates`: pairs of visible records that may be the same person or company.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { integerParam, numberParam, sourceParam, standardErrors } from '../schemas/common.js'
import { viewerOf } from '../server/plugins/auth.js'
import { DUPLICATE_TYPES } from '../services/duplicates.js'

const duplicatesQuery = z.strictObject({
  type: z.enum(DUPLICATE_TYPES, { error: `one of ${DUPLICATE_TYPES.join(', ')}` }).default('Person'),
  minScore: numberParam(0, 1).default(0.75).describe('the lowest pair score listed, from 0 to 1'),
  limit: integerParam(1, 500).default(50),
  source: sourceParam.optional().describe('compares only the records of this dataset'),
})

const side = z.object({ id: z.string(), label: z.string(), name: z.string(), ownerNcb: z.string().nullable() })

const reason = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('name'),
    score: z.number(),
    nameA: z.string(),
    nameB: z.string(),
    standard: z.string().describe('the romanisation standard or rule that relates the two names'),
    distance: z.number().int(),
    nameKind: z.string(),
  }),
  z.object({
    kind: z.enum(['birthDate', 'incorporatedOn']),
    score: z.number(),
    value: z.enum(['same', 'same-year', 'unknown', 'different']),
    a: z.string().nullable(),
    b: z.string().nullable(),
  }),
  z.object({ kind: z.literal('nationality'), score: z.number(), shared: z.array(z.string()), a: z.array(z.string()), b: z.array(z.string()) }),
  z.object({ kind: z.literal('links'), score: z.number(), shared: z.number().int(), examples: z.array(z.string()) }),
])

const duplicatesResponse = z.object({
  type: z.enum(DUPLICATE_TYPES),
  minScore: z.number(),
  count: z.number().int(),
  truncated: z.boolean().describe('more records of the type exist than were compared'),
  pairs: z.array(z.object({ score: z.number(), a: side, b: side, reasons: z.array(reason) })),
})

export default async function duplicateRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/duplicates',
    {
      preHandler: app.authorize('analyst'),
      schema: {
        tags: ['entities'],
        summary: 'Pairs of visible records that may be the same person or company, with a score and the reasons',
        querystring: duplicatesQuery,
        response: { ...standardErrors, 200: duplicatesResponse },
      },
    },
    async (request) => {
      return app.services.duplicates.find(request.query, viewerOf(request.caller))
    },
  )
}
