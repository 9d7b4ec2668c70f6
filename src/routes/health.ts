/**
 * `GET /health` (also at `/api/health`): the status of the service and of its database. No
 * token is needed.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { RETRY_AFTER_SECONDS } from '../data/database.js'

const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ status: z.enum(['up', 'down']), message: z.string().optional() }),
})

export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/health',
    { schema: { tags: ['health'], summary: 'Service and database status', response: { 200: healthResponse, 503: healthResponse } } },
    async (request, reply) => {
      try {
        await app.database.ping()
        return { status: 'ok' as const, database: { status: 'up' as const } }
      } catch (error) {
        request.log.warn({ err: error }, 'database ping failed')
        return reply.code(503).header('Retry-After', String(RETRY_AFTER_SECONDS)).send({ status: 'degraded', database: { status: 'down', message: 'Neo4j does not answer' } })
      }
    },
  )
}
