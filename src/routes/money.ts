/**
 * `/api/money/trace`, `/api/money/flows` and `/api/money/cycles`: time-ordered money trails,
 * the money moved between two entities over time, and round trips.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { MAX_PATTERN_HOPS } from '../data/cypher-files.js'
import { invalidParameter } from '../errors.js'
import { durationDays, type CalendarDuration } from '../money/duration.js'
import {
  booleanParam,
  entityId,
  errorResponse,
  graphPayload,
  integerParam,
  standardErrors,
} from '../schemas/common.js'
import { amountParam, currencyParam, dateParam, durationParam } from '../schemas/money.js'
import { viewerOf } from '../server/plugins/auth.js'

export const MAX_TRAIL_TRANSFERS = 20_000
export const MAX_RANKED_PATHS = 100
/** The longest gap between two hops a trail may allow: ten years. */
export const MAX_GAP_DAYS = 3660

const endpoint = z.object({
  id: z.string(),
  label: z.string(),
  name: z.string(),
  amount: z.string(),
  share: z.number(),
  stop: z.string(),
  holder: z.object({ id: z.string(), label: z.string(), name: z.string() }).nullable(),
})

const traceResponse = z.object({
  from: z.string(),
  direction: z.enum(['out', 'in']),
  currency: z.string().nullable(),
  rule: z.object({ name: z.string(), text: z.string() }),
  total: z.string().nullable(),
  endpoints: z.array(endpoint),
  paths: z.array(
    z.object({
      nodes: z.array(z.string()),
      transfers: z.array(z.string()),
      hops: z.number(),
      amount: z.string(),
      firstDate: z.string(),
      lastDate: z.string(),
    }),
  ),
  graph: graphPayload,
  unconverted: z.array(z.object({ id: z.string(), amount: z.string(), currency: z.string(), date: z.string() })),
  counts: z.object({
    transfers: z.number(),
    nodes: z.number(),
    excluded: z.number(),
    internal: z.number(),
    unconvertedOutside: z.number(),
  }),
  truncated: z.boolean(),
  pathsComplete: z.boolean(),
})

export default async function moneyRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/money/trace',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['money'],
        summary: 'Where money from an entity went and came to rest, or where money that reached it came from',
        description:
          'Follows TRANSFER relationships in time order from the entity and the accounts it holds. Amounts are ' +
          'attributed pro rata (see `rule` in the response) and converted into one currency with dated rates; ' +
          'a transfer with no rate is listed in `unconverted` and left out of the totals.',
        querystring: z.strictObject({
          from: entityId,
          direction: z.enum(['out', 'in'], { error: 'out or in' }).default('out'),
          maxHops: integerParam(1, MAX_PATTERN_HOPS).default(6),
          since: dateParam.optional(),
          until: dateParam.optional(),
          minAmount: amountParam.optional(),
          maxGap: durationParam.optional(),
          currency: currencyParam.optional(),
          holders: booleanParam.default(false),
          paths: integerParam(0, MAX_RANKED_PATHS).default(20),
          maxTransfers: integerParam(1, MAX_TRAIL_TRANSFERS).default(5_000),
        }),
        response: { ...standardErrors, 200: traceResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const query = request.query
      checkWindow(query.since, query.until)
      checkGap(query.maxGap, query.since)
      return app.services.money.trace(
        {
          from: query.from,
          direction: query.direction,
          maxHops: query.maxHops,
          since: query.since ?? null,
          until: query.until ?? null,
          minAmount: query.minAmount ?? null,
          maxGap: query.maxGap ?? null,
          currency: query.currency ?? null,
          holders: query.holders,
          paths: query.paths,
          maxTransfers: query.maxTransfers,
        },
        viewerOf(request.caller),
      )
    },
  )
}

/** Answers 400 when `since` falls after `until`. */
export function checkWindow(since: string | undefined, until: string | undefined): void {
  if (since !== undefined && until !== undefined && since > until) {
    throw invalidParameter('until', until, `a date on or after since (${since})`)
  }
}

function checkGap(gap: CalendarDuration | undefined, since: string | undefined): void {
  if (gap !== undefined && durationDays(since ?? '2000-01-01', gap) > MAX_GAP_DAYS) {
    throw invalidParameter('maxGap', gap.text, `a duration of at most ${MAX_GAP_DAYS} days (P10Y)`)
  }
}

