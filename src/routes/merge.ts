/**
 * `POST /api/entities/merge`, `POST /api/entities/merge/:id/undo` and
 * `GET /api/entities/merges`: merging two records of one person or company into one, and
 * undoing it. The rules are in src/services/merge-rules.ts and docs/merge.md.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { entityId, errorResponse, standardErrors } from '../schemas/common.js'
import { viewerOf } from '../server/plugins/auth.js'
import type { MergeCaller } from '../services/merge.js'

const mergeSummary = z.object({
  id: z.string(),
  keepId: z.string(),
  mergedId: z.string(),
  status: z.string().describe('merged, or undone'),
  createdAt: z.unknown(),
  createdBy: z.unknown(),
  undoneAt: z.unknown(),
})

const mergeBody = z
  .strictObject({ keep: entityId, merge: entityId })
  .refine((body) => body.keep !== body.merge, { error: 'two different ids in "keep" and "merge"', path: ['merge'] })

const conflicts = { 403: errorResponse, 404: errorResponse, 409: errorResponse }

export default async function mergeRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  function callerOf(request: { caller: Parameters<typeof viewerOf>[0] & { role: string; sub: string } }): MergeCaller {
    return { viewer: viewerOf(request.caller), admin: request.caller.role === 'admin', subject: request.caller.sub }
  }

  routes.post(
    '/entities/merge',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags: ['entities'],
        summary: 'Merges the record "merge" into the record "keep", and records how to undo it',
        description:
          'Both records must be visible to the caller and of one label. Names become aliases, every property value is ' +
          'kept with its source in valueSources, and every relationship moves to the kept record with its id.',
        body: mergeBody,
        response: { ...standardErrors, 200: z.object({
            merge: mergeSummary,
            entity: z.unknown(),
            relationships: z.number().describe('relationships moved to the kept record that the caller sees'),
            count: z.number().describe('records and relationships the merge changed that the caller sees: both records and the moved relationships'),
          }), ...conflicts },
      },
    },
    async (request) => {
      const { keep, merge } = request.body

      const result = await app.services.merges.merge(keep, merge, callerOf(request))

      request.log.info({ merge: result.merge.id, keep, merged: merge }, 'records merged')
      return { ...result, count: 2 + result.relationships }
    },
  )

  routes.post(
    '/entities/merge/:id/undo',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags: ['entities'],
        summary: 'Undoes a merge: restores both records and their relationships exactly, unless the kept record changed since',
        params: z.object({ id: z.uuid({ error: 'a merge id (a UUID)' }) }),
        body: z.strictObject({}).nullish(),
        response: { ...standardErrors, 200: z.object({ merge: mergeSummary, count: z.number() }), ...conflicts },
      },
    },
    async (request) => {
      const merge = await app.services.merges.undo(request.params.id, callerOf(request))

      request.log.info({ merge: merge.id }, 'merge undone')
      return { merge, count: 2 }
    },
  )

  routes.get(
    '/entities/merges',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags: ['entities'],
        summary: 'The merges the caller can see, newest first',
        querystring: z.strictObject({}),
        response: { ...standardErrors, 200: z.object({ merges: z.array(mergeSummary), count: z.number() }) },
      },
    },
    async (request) => {
      const merges = await app.services.merges.list(viewerOf(request.caller))

      return { merges, count: merges.length }
    },
  )
}
