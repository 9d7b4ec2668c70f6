/**
 * `/api/ownership/ultimate/:id`: who ultimately owns or controls a company or an asset.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { entityId, errorResponse, integerParam, numberParam, standardErrors } from '../schemas/common.js'
import { viewerOf } from '../server/plugins/auth.js'

/** Levels of holders loaded above the target at most. */
export const MAX_OWNERSHIP_DEPTH = 10

/** The beneficial-ownership threshold of the EU anti-money-laundering directives: 25%. */
export const DEFAULT_THRESHOLD = 0.25

const holder = { id: z.string(), label: z.string(), name: z.string() }

const chain = z.object({
  nodes: z.array(z.string()),
  relationships: z.array(z.string()),
  share: z.number().nullable(),
  control: z.boolean(),
})

const ownershipResponse = z.object({
  target: z.object(holder),
  threshold: z.number(),
  maxDepth: z.number(),
  owners: z.array(
    z.object({
      ...holder,
      share: z.number(),
      control: z.boolean(),
      shareUnknown: z.boolean(),
      ownersBeyondDepth: z.boolean(),
      chains: z.array(chain),
      chainCount: z.number(),
    }),
  ),
  belowThreshold: z.number(),
  relationships: z.number(),
  truncated: z.boolean(),
  chainsComplete: z.boolean(),
})

export default async function ownershipRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/ownership/ultimate/:id',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['ownership'],
        summary: 'The ultimate owners of a company or asset, with effective shares through layered and circular holdings',
        params: z.object({ id: entityId }),
        querystring: z.strictObject({
          threshold: numberParam(0, 1).default(DEFAULT_THRESHOLD),
          maxDepth: integerParam(1, MAX_OWNERSHIP_DEPTH).default(MAX_OWNERSHIP_DEPTH),
        }),
        response: { ...standardErrors, 200: ownershipResponse, 404: errorResponse, 422: errorResponse },
      },
    },
    async (request) => {
      const { threshold, maxDepth } = request.query

      return app.services.ownership.ultimate(request.params.id, { threshold, maxDepth }, viewerOf(request.caller))
    },
  )
}
