/**
 * `/api/entities/:id` and `/api/search`.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { notFound } from '../errors.js'
import { entityId, errorResponse, integerParam, labelsParam, MAX_TEXT_LENGTH, standardErrors } from '../schemas/common.js'
import { viewerOf } from '../server/plugins/auth.js'

const entityFields = {
  id: z.string(),
  label: z.string(),
  name: z.string(),
  properties: z.record(z.string(), z.unknown()),
  provenance: z.object({ source: z.string().nullable(), ownerNcb: z.string().nullable(), restrictedTo: z.array(z.string()) }),
}

const noticeResponse = z.object({
  ...entityFields,
  kind: z.string().nullable().describe('notice (published by the General Secretariat) or diffusion (sent by one NCB)'),
  colour: z.string().nullable(),
  status: z.string().nullable(),
  issuedBy: z.string().nullable().describe('the issuing country, ISO 3166-1 alpha-2'),
  issuedAt: z.string().nullable(),
})

const entityResponse = z.object({
  ...entityFields,
  links: z
    .array(z.object({ type: z.string(), count: z.number(), outgoing: z.number(), incoming: z.number() }))
    .describe('visible links by relationship type, most first; a self-loop counts as outgoing and incoming'),
  notices: z.array(noticeResponse).describe('the visible notices and diffusions the entity is the subject of, newest first'),
})

const searchQuery = z.strictObject({
  q: z
    .string({ error: 'search text' })
    .min(1, { error: 'search text of at least 1 character' })
    .max(MAX_TEXT_LENGTH, { error: `search text of at most ${MAX_TEXT_LENGTH} characters` }),
  type: labelsParam.optional(),
  limit: integerParam(1, 100).default(20),
})

const searchResponse = z.object({
  results: z.array(
    z.object({ id: z.string(), label: z.string(), name: z.string(), aliases: z.array(z.string()), score: z.number() }),
  ),
})

export default async function entityRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/entities/:id',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['entities'],
        summary: 'One entity with its properties, provenance, link counts by type and direction, and notices',
        params: z.object({ id: entityId }),
        querystring: z.strictObject({}),
        response: { ...standardErrors, 200: entityResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const entity = await app.services.entities.details(request.params.id, viewerOf(request.caller))

      if (entity === null) {
        throw notFound('Entity', request.params.id)
      }
      return entity
    },
  )

  routes.get(
    '/search',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['entities'],
        summary: 'Full-text search over names and aliases (case- and accent-insensitive)',
        querystring: searchQuery,
        response: { ...standardErrors, 200: searchResponse },
      },
    },
    async (request) => {
      const { q, type, limit } = request.query

      const results = await app.services.search.search(q, type ?? [], limit, viewerOf(request.caller))

      return { results }
    },
  )
}
