/**
 * `GET /api/stats`: counts for dashboards.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { sourceParam, standardErrors } from '../schemas/common.js'
import { viewerOf } from '../server/plugins/auth.js'

const statsResponse = z.object({
  nodes: z.record(z.string(), z.number()),
  relationships: z.record(z.string(), z.number()),
  notices: z.array(
    z.object({
      colour: z.string().nullable(),
      kind: z.string().nullable(),
      status: z.string().nullable(),
      issuedBy: z.string().nullable(),
      count: z.number(),
    }),
  ),
  transfers: z.array(z.object({ currency: z.string().nullable(), count: z.number(), total: z.string().nullable() })),
})

export default async function statsRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/stats',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['stats'],
        summary: 'Counts by label and type; notices and diffusions by colour, kind, status and country; transfer totals',
        querystring: z.strictObject({ source: sourceParam.optional() }),
        response: { ...standardErrors, 200: statsResponse },
      },
    },
    async (request) => app.services.stats.get(request.query.source ?? null, viewerOf(request.caller)),
  )
}
