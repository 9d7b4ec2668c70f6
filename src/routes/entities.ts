/**
 * `/api/entities/:id` and `/api/search`.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { notFound } from '../errors.js'
import { MATCH_STANDARDS } from '../names/index.js'
import { countryParam } from '../schemas/analytics.js'
import { dateParam } from '../schemas/money.js'
import { booleanParam, entityId, errorResponse, integerParam, labelsParam, MAX_TEXT_LENGTH, standardErrors } from '../schemas/common.js'
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
  exact: booleanParam.default(false).describe('true: only the same spelling or a romanisation standard, every word matched'),
  birthDate: dateParam.optional().describe('ranks persons born that day (or year) higher'),
  nationality: countryParam.optional().describe('ranks entities of that nationality or country higher'),
})

const matchStandard = z.enum(MATCH_STANDARDS)

const wordMatchResponse = z.object({
  query: z.string(),
  stored: z.string(),
  name: z.string().describe('the stored name the word belongs to'),
  standard: matchStandard,
  standards: z.array(matchStandard),
  queryVariant: z.string(),
  storedVariant: z.string(),
  distance: z.number().int(),
  similarity: z.number(),
  patronymic: z.boolean(),
})

const matchResponse = z
  .object({
    name: z.string().describe('the stored name or alias that matched best'),
    nameKind: z.enum(['name', 'alias', 'nickname', 'patronymic']),
    standard: matchStandard.describe('the romanisation standard every word shares, else the loosest rule used'),
    standards: z.array(matchStandard),
    queryVariant: z.string().describe('the query as compared: folded, or its skeleton key for a variant'),
    storedVariant: z.string().describe('the stored name as compared: folded, or romanised under the standard'),
    distance: z.number().int().describe('edit distance between the two, summed over the words'),
    words: z.array(wordMatchResponse),
    score: z.number().describe('the name score, before birth date and nationality'),
    birthDate: z.enum(['same', 'same-year', 'unknown', 'different']).optional(),
    nationality: z.enum(['shared', 'unknown', 'different']).optional(),
  })
  .describe('why the entity matched')

const searchResponse = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      name: z.string(),
      aliases: z.array(z.string()),
      score: z.number().describe('from 0 to 1'),
      match: matchResponse,
    }),
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
        summary: 'Search over names and aliases across scripts and romanisations, each hit with the reason it matched',
        querystring: searchQuery,
        response: { ...standardErrors, 200: searchResponse },
      },
    },
    async (request) => {
      const { q, type, limit, exact, birthDate, nationality } = request.query

      const results = await app.services.search.search(
        q,
        { labels: type ?? [], limit, exact, birthDate, nationality },
        viewerOf(request.caller),
      )

      return { results }
    },
  )
}
