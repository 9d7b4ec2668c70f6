/**
 * `/api/jobs`: analytics that may outlast a request run in the background. A job takes the
 * parameters of the synchronous route it stands for, is polled for progress and result,
 * and can be cancelled.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { asQuery, brokersQuery, centralityQuery, communitiesQuery, disruptionBody } from '../schemas/analytics.js'
import { standardErrors } from '../schemas/common.js'
import { viewerOf } from '../server/plugins/auth.js'
import type { RunContext } from '../services/analytics.js'
import { brokerRequest, centralityRequest, communityRequest, disruptionRequest } from './analytics.js'

const jobBody = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('centrality'), parameters: asQuery(centralityQuery) }),
    z.strictObject({ kind: z.literal('communities'), parameters: asQuery(communitiesQuery) }),
    z.strictObject({ kind: z.literal('brokers'), parameters: asQuery(brokersQuery) }),
    z.strictObject({ kind: z.literal('disruption'), parameters: disruptionBody }),
  ],
  { error: 'kind: centrality, communities, brokers or disruption' },
)

const jobView = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  parameters: z.record(z.string(), z.unknown()),
  progress: z.object({ done: z.number(), total: z.number(), fraction: z.number() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  result: z.unknown(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
})

const jobId = z.strictObject({ id: z.uuid({ error: 'a job id as POST /api/jobs returned it' }) })

export default async function jobRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const ownerOf = (caller: { sub: string; role: string; ncb: string | null }) => ({ sub: caller.sub, ncb: caller.ncb, admin: caller.role === 'admin' })

  routes.post(
    '/jobs',
    {
      preHandler: app.authorize('analyst'),
      schema: {
        tags: ['jobs'],
        summary: 'Starts an analytics job: centrality, communities, brokers or disruption, with the parameters of that route',
        body: jobBody,
        response: { ...standardErrors, 202: jobView },
      },
    },
    async (request, reply) => {
      const body = request.body
      const viewer = viewerOf(request.caller)
      const analytics = app.services.analytics
      // Build the service request now, so that a bad combination is a 400 before the job exists.
      let work: (context: RunContext) => Promise<unknown>
      if (body.kind === 'centrality') {
        const parsed = centralityRequest(body.parameters)
        const engine = await analytics.checkEngine(body.parameters.engine ?? app.config.analyticsEngine)
        work = (context) => analytics.centrality(parsed, viewer, { ...context, engine })
      } else if (body.kind === 'communities') {
        const parsed = communityRequest(body.parameters)
        const engine = await analytics.checkEngine(body.parameters.engine ?? app.config.analyticsEngine)
        work = (context) => analytics.communities(parsed, viewer, { ...context, engine })
      } else if (body.kind === 'brokers') {
        const parsed = brokerRequest(body.parameters)
        work = (context) => analytics.brokers(parsed, viewer, context)
      } else {
        const parsed = disruptionRequest(body.parameters)
        work = (context) => analytics.disruption(parsed, viewer, context)
      }
      const job = app.services.jobs.submit(body.kind, jsonSafe(body.parameters), ownerOf(request.caller), work, () => analytics.expiryStamp())
      return reply.code(202).header('Location', `/api/jobs/${job.id}`).send(job)
    },
  )

  routes.get(
    '/jobs',
    {
      preHandler: app.authorize('analyst'),
      schema: {
        tags: ['jobs'],
        summary: 'Lists your jobs, newest first, without their results',
        response: { ...standardErrors, 200: z.object({ jobs: z.array(jobView) }) },
      },
    },
    async (request) => ({ jobs: app.services.jobs.list(ownerOf(request.caller)) }),
  )

  routes.get(
    '/jobs/:id',
    {
      preHandler: app.authorize('analyst'),
      schema: {
        tags: ['jobs'],
        summary: "A job's status, progress and, once it succeeded, its result, withheld once a record has expired since the job started",
        params: jobId,
        response: { ...standardErrors, 200: jobView },
      },
    },
    async (request) => app.services.jobs.get(request.params.id, ownerOf(request.caller)),
  )

  routes.delete(
    '/jobs/:id',
    {
      preHandler: app.authorize('analyst'),
      schema: {
        tags: ['jobs'],
        summary: 'Cancels a queued or running job',
        params: jobId,
        response: { ...standardErrors, 200: jobView },
      },
    },
    async (request) => app.services.jobs.cancel(request.params.id, ownerOf(request.caller)),
  )
}

/** Copies the parsed parameters as plain JSON, for the job's record. */
function jsonSafe(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value ?? {})) as Record<string, unknown>
}
