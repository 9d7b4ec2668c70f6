/**
 * `GET /api/stats`: counts for dashboards, and `GET /api/stats/transfers`: transfers per
 * month or year.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { sourceParam, standardErrors } from '../schemas/common.js'
import { currencyParam, dateParam } from '../schemas/money.js'
import { viewerOf } from '../server/plugins/auth.js'
import { checkWindow } from './money.js'

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

const transferSeriesResponse = z.object({
  interval: z.enum(['month', 'year']),
  currency: z.string().nullable(),
  since: z.string().nullable(),
  until: z.string().nullable(),
  source: z.string().nullable(),
  series: z.array(
    z.object({
      currency: z.string().nullable(),
      undated: z.number().int(),
      periods: z.array(z.object({ period: z.string(), count: z.number().int(), total: z.string().nullable() })),
    }),
  ),
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
    async (request) => app.services.summaries.stats(request.query.source ?? null, viewerOf(request.caller)),
  )
  app.withTypeProvider<ZodTypeProvider>().get(
    '/stats/transfers',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['stats'],
        summary: 'Transfer counts and exact totals per month or year, one series per currency',
        querystring: z.strictObject({
          interval: z.enum(['month', 'year'], { error: 'month or year' }).default('month'),
          currency: currencyParam.optional(),
          since: dateParam.optional(),
          until: dateParam.optional(),
          source: sourceParam.optional(),
        }),
        response: { ...standardErrors, 200: transferSeriesResponse },
      },
    },
    async (request) => {
      const { interval, currency, since, until, source } = request.query
      checkWindow(since, until)

      const query = { interval, currency: currency ?? null, since: since ?? null, until: until ?? null, source: source ?? null }
      const series = await app.services.summaries.transferSeries(query, viewerOf(request.caller))
      return { ...query, series }
    },
  )
}
