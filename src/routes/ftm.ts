/**
 * `/api/export/ftm`: the visible network, a dataset, a graph payload or a search result as
 * FollowTheMoney entities, one JSON entity per line (`application/x-ndjson`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { entityId, sourceParam, standardErrors } from '../schemas/common.js'
import { viewerOf } from '../server/plugins/auth.js'
import { toNdjson, type FtmScope } from '../services/export-ftm.js'

/** Node ids a POST may name; a larger selection is the whole network or a dataset. */
export const MAX_EXPORT_IDS = 10_000

const NDJSON = 'application/x-ndjson; charset=utf-8'

const exportBody = z
  .strictObject({
    ids: z.array(entityId).max(MAX_EXPORT_IDS, { error: `at most ${MAX_EXPORT_IDS} ids` }).optional(),
    graph: z
      .looseObject({
        nodes: z
          .array(z.looseObject({ key: entityId }), { error: 'a graph payload with a "nodes" list of {key}' })
          .max(MAX_EXPORT_IDS, { error: `at most ${MAX_EXPORT_IDS} nodes` }),
      })
      .optional(),
  })
  .refine((body) => (body.ids === undefined) !== (body.graph === undefined), {
    error: 'exactly one of "ids" (a search result) or "graph" (a graph payload)',
  })

export default async function ftmRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  async function send(scope: FtmScope, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const entities = await app.services.ftmExport.entities(scope, viewerOf(request.caller))

    return reply.type(NDJSON).header('X-Entity-Count', String(entities.length)).send(toNdjson(entities))
  }

  routes.get(
    '/export/ftm',
    {
      preHandler: app.authorize('investigator'),
      schema: {
        tags: ['export'],
        summary: 'Every visible record, or those of one dataset, as FtM entities (ndjson)',
        description: 'One FtM entity per line; X-Entity-Count gives the number of lines.',
        querystring: z.strictObject({ source: sourceParam.optional() }),
        response: { ...standardErrors },
      },
    },
    async (request, reply) => send({ source: request.query.source }, request, reply),
  )

  routes.post(
    '/export/ftm',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['export'],
        summary: 'The visible records of a graph payload or a list of ids, and the links among them, as FtM entities (ndjson)',
        body: exportBody,
        response: { ...standardErrors },
      },
    },
    async (request, reply) => {
      const ids = request.body.ids ?? request.body.graph?.nodes.map((node) => node.key) ?? []

      return send({ ids }, request, reply)
    },
  )
}
