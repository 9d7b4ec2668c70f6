/**
 * `/api/analytics/*`: centrality, communities, brokers, arrest simulation and write-back
 * of scores, each on a scope echoed in the response's `projection`.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { invalidParameter } from '../errors.js'
import {
  brokersQuery,
  centralityQuery,
  communitiesQuery,
  disruptionBody,
  scopeOf,
} from '../schemas/analytics.js'
import { errorResponse, standardErrors } from '../schemas/common.js'
import { viewerOf } from '../server/plugins/auth.js'
import type { CentralityRequest, CommunityRequest, BrokerRequest, DisruptionRequest } from '../services/analytics.js'
import { writeBackBody } from '../schemas/analytics.js'

const projectionSummary = z
  .object({
    labels: z.array(z.string()),
    types: z.array(z.string()),
    source: z.string().nullable(),
    since: z.string().nullable(),
    until: z.string().nullable(),
    group: z.string().nullable(),
    country: z.string().nullable(),
    community: z.object({ property: z.string(), value: z.number() }).nullable(),
    around: z.array(z.string()).nullable(),
    radius: z.number().nullable(),
    orientation: z.enum(['undirected', 'natural', 'reverse']),
    weightProperty: z.string().nullable(),
    nodeCount: z.number(),
    relationshipCount: z.number(),
    weightMissing: z.number(),
  })
  .describe('the scope the result was computed on, as requested, with its size')

const weightUsed = z
  .object({ property: z.string(), meaning: z.enum(['strength', 'distance', 'sum']) })
  .nullable()
  .describe('the property read as the weight and how it was read, or null when unweighted')

const runFacts = {
  engine: z.enum(['inprocess', 'gds']),
  graphVersion: z.number().describe('the graph version the result was computed on'),
  cached: z.boolean().describe('true when the result came from the cache'),
}

const centralityResponse = z.object({
  measure: z.string(),
  normalized: z.boolean(),
  direction: z.enum(['in', 'out', 'total']).nullable(),
  weight: weightUsed,
  sample: z.object({ k: z.number(), seed: z.number(), exact: z.boolean() }).nullable(),
  seeds: z.array(z.string()).nullable(),
  projection: projectionSummary,
  ...runFacts,
  scores: z.array(z.object({ id: z.string(), label: z.string(), name: z.string(), score: z.number() })),
})

const communitiesResponse = z.object({
  algorithm: z.string(),
  seed: z.number().nullable(),
  resolution: z.number().nullable(),
  weight: weightUsed,
  projection: projectionSummary,
  ...runFacts,
  modularity: z.number(),
  communityCount: z.number(),
  communities: z.array(z.object({ id: z.number(), size: z.number(), members: z.array(z.string()) })),
})

const looseResponse = z.looseObject({ projection: projectionSummary, ...runFacts })

type Query = z.output<typeof centralityQuery>

/** Checks that hold between parameters, which the per-parameter schemas cannot see. */
function checkScopeQuery(query: { since?: string; until?: string; radius?: number; around?: string[]; weighted: boolean; weightProperty?: string; engine?: string }): void {
  if (query.since !== undefined && query.until !== undefined && query.since > query.until) {
    throw invalidParameter('until', query.until, `a date on or after since (${query.since})`)
  }
  if (query.radius !== undefined && query.around === undefined) {
    throw invalidParameter('radius', query.radius, 'no radius without around, the nodes whose neighbourhood to take')
  }
}

export function centralityRequest(query: Query): CentralityRequest {
  checkScopeQuery(query)
  const weightedDegree = query.measure === 'degree' && query.weighted
  if (weightedDegree && query.normalized === true) {
    throw invalidParameter('normalized', 'true', 'false with weighted=true: a weighted degree is a sum of strengths')
  }
  if (query.measure === 'kcore' && query.normalized === true) {
    throw invalidParameter('normalized', 'true', 'false or nothing with measure=kcore: core numbers are whole numbers')
  }
  if (query.samples !== undefined && query.measure !== 'betweenness') {
    throw invalidParameter('samples', query.samples, 'no samples unless measure=betweenness')
  }
  if (query.seeds !== undefined && query.measure !== 'pagerank') {
    throw invalidParameter('seeds', query.seeds.join(','), 'no seeds unless measure=pagerank')
  }
  if (query.direction !== undefined && !['degree', 'closeness', 'harmonic'].includes(query.measure)) {
    throw invalidParameter('direction', query.direction, 'no direction unless measure is degree, closeness or harmonic')
  }
  if (query.direction !== undefined && query.orientation === 'undirected') {
    throw invalidParameter('direction', query.direction, 'no direction on an undirected projection: set orientation=natural or reverse')
  }
  return {
    ...scopeOf(query),
    measure: query.measure,
    // networkx's harmonic centrality is a plain sum of 1/d; the others default to their usual scale.
    normalized: query.normalized ?? (!weightedDegree && query.measure !== 'harmonic' && query.measure !== 'kcore'),
    direction: query.direction ?? null,
    samples: query.samples ?? null,
    seed: query.seed,
    seeds: query.seeds ?? null,
    limit: query.limit,
  }
}

export function communityRequest(query: z.output<typeof communitiesQuery>): CommunityRequest {
  checkScopeQuery(query)
  if (query.resolution !== undefined && query.algorithm !== 'louvain') {
    throw invalidParameter('resolution', query.resolution, 'no resolution unless algorithm=louvain')
  }
  if (query.seed !== undefined && (query.algorithm === 'wcc' || query.algorithm === 'scc')) {
    throw invalidParameter('seed', query.seed, 'no seed unless algorithm is louvain or label-propagation')
  }
  return { ...scopeOf(query), algorithm: query.algorithm, seed: query.seed ?? 42, resolution: query.resolution ?? 1 }
}

export function brokerRequest(query: z.output<typeof brokersQuery>): BrokerRequest {
  checkScopeQuery(query)
  if (query.groupProperty !== undefined && query.measure !== 'brokerage') {
    throw invalidParameter('groupProperty', query.groupProperty, 'no groupProperty unless measure=brokerage')
  }
  return { ...scopeOf(query), measure: query.measure, groupProperty: query.groupProperty ?? null, limit: query.limit }
}

export function disruptionRequest(body: z.output<typeof disruptionBody>): DisruptionRequest {
  checkScopeQuery(body.scope)
  if (body.remove !== undefined) {
    for (const field of ['measure', 'strategy', 'blockSize', 'maxSteps'] as const) {
      if (body[field] !== undefined) {
        throw invalidParameter(field, body[field], 'nothing beside remove: a list is removed as given, not ranked by a measure')
      }
    }
  }
  return {
    ...scopeOf(body.scope),
    remove: body.remove ?? null,
    measure: body.measure ?? 'betweenness',
    strategy: body.strategy ?? 'recompute',
    blockSize: body.blockSize ?? 1,
    maxSteps: body.maxSteps ?? 100,
  }
}

export default async function analyticsRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const engineOf = (engine: 'inprocess' | 'gds' | undefined) => app.services.analytics.checkEngine(engine ?? app.config.analyticsEngine)

  routes.get(
    '/analytics/centrality',
    {
      preHandler: app.authorize('analyst'),
      schema: {
        tags: ['analytics'],
        summary: 'Ranks nodes by degree, betweenness (exact or sampled), closeness, harmonic, PageRank (plain or personalised), eigenvector or k-core',
        querystring: centralityQuery,
        response: { ...standardErrors, 200: centralityResponse, 422: errorResponse },
      },
    },
    async (request) => {
      const engine = await engineOf(request.query.engine)
      return app.services.analytics.centrality(centralityRequest(request.query), viewerOf(request.caller), { job: false, engine })
    },
  )

  routes.get(
    '/analytics/communities',
    {
      preHandler: app.authorize('analyst'),
      schema: {
        tags: ['analytics'],
        summary: 'Finds communities with Louvain, label propagation, or weakly or strongly connected components',
        querystring: communitiesQuery,
        response: { ...standardErrors, 200: communitiesResponse, 422: errorResponse },
      },
    },
    async (request) => {
      const engine = await engineOf(request.query.engine)
      return app.services.analytics.communities(communityRequest(request.query), viewerOf(request.caller), { job: false, engine })
    },
  )

  routes.get(
    '/analytics/brokers',
    {
      preHandler: app.authorize('analyst'),
      schema: {
        tags: ['analytics'],
        summary: 'Finds articulation points, bridges, or Gould-Fernandez brokerage roles between groups',
        querystring: brokersQuery,
        response: { ...standardErrors, 200: looseResponse },
      },
    },
    async (request) => {
      await engineOf(request.query.engine)
      return app.services.analytics.brokers(brokerRequest(request.query), viewerOf(request.caller))
    },
  )

  routes.post(
    '/analytics/disruption',
    {
      preHandler: app.authorize('analyst'),
      schema: {
        tags: ['analytics'],
        summary: 'Simulates arrests: removes nodes by a measure and returns the largest component curve, or removes a list and reports what falls apart',
        body: disruptionBody,
        response: { ...standardErrors, 200: looseResponse },
      },
    },
    async (request) => {
      await engineOf(request.body.scope.engine)
      return app.services.analytics.disruption(disruptionRequest(request.body), viewerOf(request.caller))
    },
  )

  routes.post(
    '/analytics/write-back',
    {
      preHandler: app.authorize('analyst'),
      schema: {
        tags: ['analytics'],
        summary:
          'Computes a centrality or community detection on the open network (records without restrictedTo that have not expired), ' +
          'whoever calls, and stores the result on the open nodes, with its parameters, time and network',
        body: writeBackBody,
        response: {
          ...standardErrors,
          200: z.looseObject({ property: z.string(), network: z.literal('open'), written: z.number(), skipped: z.number() }),
        },
      },
    },
    async (request, reply) => {
      const body = request.body
      const caller = request.caller
      const run =
        body.kind === 'centrality'
          ? { kind: 'centrality' as const, request: centralityRequest({ ...body.parameters, limit: Number.MAX_SAFE_INTEGER }) }
          : { kind: 'communities' as const, request: communityRequest(body.parameters) }
      const result = await app.services.analytics.writeBack(run, { sub: caller.sub, ncb: caller.ncb, admin: caller.role === 'admin' })
      reply.auditCount(result.written, { property: result.property, written: result.written, skipped: result.skipped })
      return result
    },
  )
}
