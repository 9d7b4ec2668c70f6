/**
 * `/api/analytics/centrality` and `/api/analytics/communities`.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { invalidParameter } from '../errors.js'
import {
  booleanParam,
  errorResponse,
  integerParam,
  labelsParam,
  numberParam,
  orientationParam,
  sourceParam,
  standardErrors,
  typesParam,
} from '../schemas/common.js'
import { viewerOf } from '../server/plugins/auth.js'
import { CENTRALITY_MEASURES, COMMUNITY_ALGORITHMS, DEFAULT_WEIGHT_PROPERTY } from '../services/analytics.js'

export const MAX_RANKED = 10_000

const weightPropertyParam = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, { error: 'a relationship property name such as weight or count' })

const projectionSummary = z.object({
  labels: z.array(z.string()),
  types: z.array(z.string()),
  source: z.string().nullable(),
  orientation: z.enum(['undirected', 'natural', 'reverse']),
  weightProperty: z.string().nullable(),
  nodeCount: z.number(),
  relationshipCount: z.number(),
  weightMissing: z.number(),
})

const weightUsed = z
  .object({ property: z.string(), meaning: z.enum(['strength', 'distance', 'sum']) })
  .nullable()
  .describe('the property read as the weight and how it was read, or null when unweighted')

const centralityResponse = z.object({
  measure: z.enum(CENTRALITY_MEASURES),
  normalized: z.boolean(),
  weight: weightUsed,
  projection: projectionSummary,
  scores: z.array(z.object({ id: z.string(), label: z.string(), name: z.string(), score: z.number() })),
})

const communitiesResponse = z.object({
  algorithm: z.enum(COMMUNITY_ALGORITHMS),
  seed: z.number().nullable(),
  resolution: z.number().nullable(),
  weight: weightUsed,
  projection: projectionSummary,
  modularity: z.number(),
  communityCount: z.number(),
  communities: z.array(z.object({ id: z.number(), size: z.number(), members: z.array(z.string()) })),
})

const scopeQuery = {
  labels: labelsParam.optional(),
  types: typesParam.optional(),
  source: sourceParam.optional(),
  orientation: orientationParam.default('undirected'),
  weighted: booleanParam.default(false),
  weightProperty: weightPropertyParam.optional(),
}

function projectionOf(query: {
  labels?: string[]
  types?: string[]
  source?: string
  orientation: 'undirected' | 'natural' | 'reverse'
  weighted: boolean
  weightProperty?: string
}) {
  return {
    labels: query.labels ?? [],
    types: query.types ?? [],
    source: query.source ?? null,
    orientation: query.orientation,
    weightProperty: query.weighted ? (query.weightProperty ?? DEFAULT_WEIGHT_PROPERTY) : null,
  }
}

export default async function analyticsRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/analytics/centrality',
    {
      preHandler: app.authorize('analyst'),
      schema: {
        tags: ['analytics'],
        summary: 'Ranks nodes by degree, betweenness, closeness, PageRank or eigenvector centrality',
        querystring: z.strictObject({
          measure: z.enum(CENTRALITY_MEASURES, { error: `one of ${CENTRALITY_MEASURES.join(', ')}` }),
          limit: integerParam(1, MAX_RANKED).default(50),
          normalized: booleanParam.optional(),
          ...scopeQuery,
        }),
        response: { ...standardErrors, 200: centralityResponse, 422: errorResponse },
      },
    },
    async (request) => {
      const query = request.query
      const weightedDegree = query.measure === 'degree' && query.weighted

      if (weightedDegree && query.normalized === true) {
        throw invalidParameter('normalized', 'true', 'false with weighted=true: a weighted degree is a sum of strengths')
      }
      return app.services.analytics.centrality(
        { ...projectionOf(query), measure: query.measure, normalized: query.normalized ?? !weightedDegree, limit: query.limit },
        viewerOf(request.caller),
      )
    },
  )

  routes.get(
    '/analytics/communities',
    {
      preHandler: app.authorize('analyst'),
      schema: {
        tags: ['analytics'],
        summary: 'Finds communities with Louvain, label propagation or weakly connected components',
        querystring: z.strictObject({
          algorithm: z.enum(COMMUNITY_ALGORITHMS, { error: `one of ${COMMUNITY_ALGORITHMS.join(', ')}` }),
          seed: integerParam(0, 2_147_483_647).default(42),
          resolution: numberParam(0.01, 100).default(1),
          ...scopeQuery,
        }),
        response: { ...standardErrors, 200: communitiesResponse, 422: errorResponse },
      },
    },
    async (request) => {
      const query = request.query

      return app.services.analytics.communities(
        { ...projectionOf(query), algorithm: query.algorithm, seed: query.seed, resolution: query.resolution },
        viewerOf(request.caller),
      )
    },
  )
}
