/**
 * Request and response shapes of the analytics routes and jobs. Every analytics route takes
 * the same scope parameters, and a job takes the parameters of the route it stands for, so
 * the shapes live here once.
 */
import { z } from 'zod'

import {
  BROKER_MEASURES,
  CENTRALITY_MEASURES,
  COMMUNITY_ALGORITHMS,
  DEFAULT_WEIGHT_PROPERTY,
  DISRUPTION_MEASURES,
  type ScopeRequest,
} from '../services/analytics.js'
import { booleanParam, entityId, integerParam, labelsParam, numberParam, orientationParam, sourceParam, typesParam } from './common.js'
import { dateParam } from './money.js'

export const MAX_RANKED = 10_000
/** Nodes a neighbourhood scope, a personalised PageRank or a removal list may name. */
export const MAX_LISTED_IDS = 100

export const propertyNameParam = z
  .string({ error: 'a property name such as weight or count' })
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, { error: 'a property name such as weight or count (letters, digits and _, at most 64)' })

export const countryParam = z
  .string({ error: 'an ISO 3166-1 alpha-2 country code such as GE' })
  .regex(/^[A-Z]{2}$/, { error: 'an ISO 3166-1 alpha-2 country code such as GE' })

/** Comma-separated entity ids; ids containing commas cannot be named here. */
export const idListParam = z
  .string({ error: `a comma-separated list of at most ${MAX_LISTED_IDS} entity ids` })
  .max(20_000, { error: `a comma-separated list of at most ${MAX_LISTED_IDS} entity ids` })
  .transform((text, context) => {
    const ids = [...new Set(text.split(',').map((id) => id.trim()).filter((id) => id.length > 0))]
    const expected = `a comma-separated list of 1 to ${MAX_LISTED_IDS} entity ids of at most 200 characters`
    if (ids.length === 0 || ids.length > MAX_LISTED_IDS || ids.some((id) => !entityId.safeParse(id).success)) {
      context.addIssue({ code: 'custom', message: expected, input: text })
      return z.NEVER
    }
    return ids
  })

/** A stored community: the algorithm whose written-back result to read, and the community number. */
export const communityParam = z
  .string({ error: `a stored community as ALGORITHM:NUMBER, such as louvain:3 (algorithms: ${COMMUNITY_ALGORITHMS.join(', ')})` })
  .regex(new RegExp(`^(${COMMUNITY_ALGORITHMS.join('|')}):\\d{1,9}$`), {
    error: `a stored community as ALGORITHM:NUMBER, such as louvain:3 (algorithms: ${COMMUNITY_ALGORITHMS.join(', ')})`,
  })
  .transform((text) => {
    const [algorithm, value] = text.split(':') as [string, string]
    return { property: communityProperty(algorithm), value: Number(value) }
  })

export const engineParam = z.enum(['inprocess', 'gds'], { error: 'inprocess or gds' })

/** Names the node property a written-back score is stored in. */
export function scoreProperty(measure: string): string {
  return `score_${measure.replace(/-/g, '_')}`
}

export function communityProperty(algorithm: string): string {
  return `community_${algorithm.replace(/-/g, '_')}`
}

export const scopeQuery = {
  labels: labelsParam.optional(),
  types: typesParam.optional(),
  source: sourceParam.optional(),
  since: dateParam.optional(),
  until: dateParam.optional(),
  group: entityId.optional(),
  country: countryParam.optional(),
  community: communityParam.optional(),
  around: idListParam.optional(),
  radius: integerParam(1, 4).optional(),
  orientation: orientationParam.default('undirected'),
  weighted: booleanParam.default(false),
  weightProperty: propertyNameParam.optional(),
  engine: engineParam.optional(),
}

export const centralityQuery = z.strictObject({
  measure: z.enum(CENTRALITY_MEASURES, { error: `one of ${CENTRALITY_MEASURES.join(', ')}` }),
  limit: integerParam(1, MAX_RANKED).default(50),
  normalized: booleanParam.optional(),
  direction: z.enum(['in', 'out', 'total'], { error: 'in, out or total' }).optional(),
  samples: integerParam(1, 100_000).optional(),
  seed: integerParam(0, 2_147_483_647).default(42),
  seeds: idListParam.optional(),
  ...scopeQuery,
})

export const communitiesQuery = z.strictObject({
  algorithm: z.enum(COMMUNITY_ALGORITHMS, { error: `one of ${COMMUNITY_ALGORITHMS.join(', ')}` }),
  seed: integerParam(0, 2_147_483_647).optional(),
  resolution: numberParam(0.01, 100).optional(),
  ...scopeQuery,
})

export const brokersQuery = z.strictObject({
  measure: z.enum(BROKER_MEASURES, { error: `one of ${BROKER_MEASURES.join(', ')}` }),
  groupProperty: propertyNameParam.optional(),
  limit: integerParam(1, MAX_RANKED).default(50),
  ...scopeQuery,
})

/** The disruption body: JSON, so numbers and lists arrive typed; scope values keep their query form. */
export const disruptionBody = z.strictObject({
  measure: z.enum(DISRUPTION_MEASURES, { error: `one of ${DISRUPTION_MEASURES.join(', ')}` }).optional(),
  strategy: z.enum(['recompute', 'static'], { error: 'recompute (after each removal) or static (ranked once)' }).optional(),
  blockSize: z.number({ error: 'an integer from 1 to 1000' }).int({ error: 'an integer from 1 to 1000' }).min(1, { error: 'an integer from 1 to 1000' }).max(1000, { error: 'an integer from 1 to 1000' }).optional(),
  maxSteps: z.number({ error: 'an integer from 1 to 10000' }).int({ error: 'an integer from 1 to 10000' }).min(1, { error: 'an integer from 1 to 10000' }).max(10_000, { error: 'an integer from 1 to 10000' }).optional(),
  remove: z
    .array(entityId, { error: `a list of 1 to ${MAX_LISTED_IDS} entity ids` })
    .min(1, { error: `a list of 1 to ${MAX_LISTED_IDS} entity ids` })
    .max(MAX_LISTED_IDS, { error: `a list of 1 to ${MAX_LISTED_IDS} entity ids` })
    .optional(),
  scope: z
    .preprocess((value) => asQueryText(value), z.strictObject(scopeQuery, { error: 'an object of scope parameters, as the analytics query strings take them' }))
    .prefault({}),
})

type ScopeQuery = {
  labels?: string[]
  types?: string[]
  source?: string
  since?: string
  until?: string
  group?: string
  country?: string
  community?: { property: string; value: number }
  around?: string[]
  radius?: number
  orientation: 'undirected' | 'natural' | 'reverse'
  weighted: boolean
  weightProperty?: string
}

/** Turns parsed scope parameters into the service's scope. */
export function scopeOf(query: ScopeQuery): ScopeRequest {
  return {
    labels: query.labels ?? [],
    types: query.types ?? [],
    source: query.source ?? null,
    since: query.since ?? null,
    until: query.until ?? null,
    group: query.group ?? null,
    country: query.country ?? null,
    community: query.community ?? null,
    around: query.around ?? null,
    radius: query.around === undefined ? null : (query.radius ?? 1),
    orientation: query.orientation,
    weightProperty: query.weighted ? (query.weightProperty ?? DEFAULT_WEIGHT_PROPERTY) : null,
  }
}

/** Turns JSON numbers, flags and lists into the text a query string would carry. */
function asQueryText(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return value
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      typeof item === 'number' || typeof item === 'boolean'
        ? String(item)
        : Array.isArray(item) && LIST_PARAMETERS.has(key)
          ? item.join(',')
          : item,
    ]),
  )
}

/** Parameters that take a comma-separated list in a query string, so a JSON array may stand for them. */
const LIST_PARAMETERS = new Set(['labels', 'types', 'around', 'seeds'])

/** Parameters as an analytics route's query string takes them; JSON numbers, flags and lists are accepted too. */
export function asQuery<T extends z.ZodType>(schema: T) {
  return z.preprocess(asQueryText, schema)
}

export const writeBackBody = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('centrality'), parameters: asQuery(centralityQuery.omit({ limit: true })) }),
    z.strictObject({ kind: z.literal('communities'), parameters: asQuery(communitiesQuery) }),
  ],
  { error: 'kind: centrality or communities' },
)
