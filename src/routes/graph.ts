/**
 * `/api/graph/neighbourhood/:id`, `/api/graph/overview` and `/api/paths/shortest`.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { MAX_PATTERN_HOPS } from '../data/cypher-files.js'
import { notFound } from '../errors.js'
import {
  booleanParam,
  entityId,
  errorResponse,
  graphPayload,
  integerParam,
  sourceParam,
  standardErrors,
  typesParam,
} from '../schemas/common.js'
import { viewerOf } from '../server/plugins/auth.js'

export const MAX_DEPTH = 4
export const MAX_NEIGHBOURHOOD = 2000
export const MAX_OVERVIEW = 10_000
export const MAX_PATHS = 100

const subgraphResponse = z.object({ graph: graphPayload, truncated: z.boolean() })

const pathsResponse = z.object({
  paths: z.array(z.object({ length: z.number(), nodes: z.array(z.string()), relationships: z.array(z.string()) })),
  graph: graphPayload,
})

export default async function graphRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/graph/neighbourhood/:id',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['graph'],
        summary: 'The nodes within a number of links of an entity, nearest first, and the links among them',
        params: z.object({ id: entityId }),
        querystring: z.strictObject({
          depth: integerParam(1, MAX_DEPTH).default(1),
          limit: integerParam(1, MAX_NEIGHBOURHOOD).default(200),
          types: typesParam.optional(),
        }),
        response: { ...standardErrors, 200: subgraphResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const { depth, limit, types } = request.query

      const subgraph = await app.services.graph.neighbourhood(
        request.params.id,
        { depth, limit, types: types ?? [] },
        viewerOf(request.caller),
      )

      if (subgraph === null) {
        throw notFound('Entity', request.params.id)
      }
      return subgraph
    },
  )

  routes.get(
    '/graph/overview',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['graph'],
        summary: 'The most connected entities and the links among them (the whole graph when it is small)',
        querystring: z.strictObject({ limit: integerParam(1, MAX_OVERVIEW).default(300), source: sourceParam.optional() }),
        response: { ...standardErrors, 200: subgraphResponse },
      },
    },
    async (request) => {
      const { limit, source } = request.query

      return app.services.summaries.overview({ limit, source: source ?? null }, viewerOf(request.caller))
    },
  )

  routes.get(
    '/paths/shortest',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['paths'],
        summary: 'One or all shortest paths between two entities, ignoring direction',
        querystring: z.strictObject({
          from: entityId,
          to: entityId,
          maxHops: integerParam(1, MAX_PATTERN_HOPS).default(6),
          types: typesParam.optional(),
          excludeTypes: typesParam.optional(),
          all: booleanParam.default(false),
          limit: integerParam(1, MAX_PATHS).default(25),
        }),
        response: { ...standardErrors, 200: pathsResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const query = request.query

      return app.services.paths.shortest(
        {
          from: query.from,
          to: query.to,
          maxHops: query.maxHops,
          types: query.types ?? [],
          excludeTypes: query.excludeTypes ?? [],
          all: query.all,
          limit: query.limit,
        },
        viewerOf(request.caller),
      )
    },
  )
}
