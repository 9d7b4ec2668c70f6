/**
 * `GET /api/queries` and `POST /api/queries/:name`: canned, read-only Cypher queries.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { errorResponse, standardErrors } from '../schemas/common.js'
import { viewerOf } from '../server/plugins/auth.js'

const parameterSchema = z.object({
  name: z.string(),
  type: z.string(),
  min: z.number().optional(),
  max: z.number().optional(),
  values: z.array(z.string()).optional(),
  default: z.string().optional(),
  description: z.string(),
})

const listResponse = z.object({
  queries: z.array(z.object({ name: z.string(), description: z.string(), parameters: z.array(parameterSchema) })),
})

const runBody = z
  .object(
    { parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()], { error: 'a string, number or boolean' }), { error: 'an object of parameter values' }).default({}) },
    { error: 'a JSON object such as {"parameters": {...}}' },
  )
  .strict()
  .nullish()

export default async function queryRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/queries',
    {
      preHandler: app.authorize('analyst'),
      schema: { tags: ['queries'], summary: 'The canned queries and their parameters', response: { ...standardErrors, 200: listResponse } },
    },
    async () => ({ queries: app.services.queries.list() }),
  )

  routes.post(
    '/queries/:name',
    {
      preHandler: app.authorize('analyst'),
      schema: {
        tags: ['queries'],
        summary: 'Runs a canned query in a read-only transaction',
        params: z.object({ name: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, { error: 'a canned query name' }) }),
        body: runBody,
        response: {
          ...standardErrors,
          200: z.object({ columns: z.array(z.string()), rows: z.array(z.record(z.string(), z.unknown())), truncated: z.boolean() }),
          404: errorResponse,
        },
      },
    },
    async (request) => {
      const { name } = request.params

      return app.services.queries.run(name, request.body?.parameters ?? {}, viewerOf(request.caller))
    },
  )
}
