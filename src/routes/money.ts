/**
 * Routes `/api/money/trace` (time-ordered money trails), `/api/money/flows` (money moved
 * between two entities over time) and `/api/money/cycles` (round trips).
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { MAX_PATTERN_HOPS } from '../data/cypher-files.js'
import { invalidParameter } from '../errors.js'
import { durationDays, type CalendarDuration } from '../money/duration.js'
import { INTERVALS } from '../money/periods.js'
import {
  booleanParam,
  entityId,
  errorResponse,
  graphPayload,
  integerParam,
  numberParam,
  standardErrors,
} from '../schemas/common.js'
import { amountParam, currencyParam, dateParam, durationParam } from '../schemas/money.js'
import { viewerOf } from '../server/plugins/auth.js'

export const MAX_TRAIL_TRANSFERS = 20_000
export const MAX_RANKED_PATHS = 100
export const MAX_CYCLE_LENGTH = 8
/**
 * A node with more transfers than this to follow is a hub (a bank's pooled account, an
 * exchange) where money mixes with too much else to follow, so trails stop there by default.
 */
export const DEFAULT_HUB_SIZE = 1_000
export const MAX_HUB_SIZE = 1_000_000
export const MAX_CYCLES = 500
/** Maximum `maxGap` in days, about ten years. */
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
  assets: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string().nullable(),
      value: z.string().nullable(),
      currency: z.string().nullable(),
      acquiredOn: z.string(),
      owner: z.string(),
      via: z.string(),
      reachedOn: z.string(),
    }),
  ),
  unconverted: z.array(z.object({ id: z.string(), amount: z.string(), currency: z.string(), date: z.string() })),
  counts: z.object({
    transfers: z.number(),
    nodes: z.number(),
    excluded: z.number(),
    internal: z.number(),
    unconverted: z.number(),
    unconvertedOutside: z.number(),
  }),
  truncated: z.boolean(),
  completeHops: z.number(),
  pathsComplete: z.boolean(),
})

const flowSummary = z.object({
  amount: z.string().nullable(),
  transfers: z.number(),
  firstDate: z.string().nullable(),
  lastDate: z.string().nullable(),
})

const flowsResponse = z.object({
  currency: z.string().nullable(),
  interval: z.enum(INTERVALS),
  rule: z.object({ name: z.string(), text: z.string() }),
  directions: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      directByCurrency: z.array(z.object({ currency: z.string(), amount: z.string(), transfers: z.number() })),
      direct: flowSummary,
      indirect: flowSummary,
      series: z.array(
        z.object({
          period: z.string(),
          direct: z.string(),
          directTransfers: z.number(),
          indirect: z.string(),
          indirectTransfers: z.number(),
        }),
      ),
      unconverted: z.number(),
      truncated: z.boolean(),
    }),
  ),
})

const cyclesResponse = z.object({
  through: z.string(),
  tolerance: z.number(),
  cycles: z.array(
    z.object({
      nodes: z.array(z.string()),
      transfers: z.array(z.string()),
      hops: z.number(),
      currency: z.string(),
      sent: z.string(),
      returned: z.string(),
      returnedShare: z.number(),
      firstDate: z.string(),
      lastDate: z.string(),
      days: z.number(),
    }),
  ),
  seeds: z.number(),
  graph: graphPayload,
  truncated: z.boolean(),
})

export default async function moneyRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/money/flows',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['money'],
        summary: 'Money moved between two entities over time, directly and through intermediaries, both ways',
        querystring: z.strictObject({
          from: entityId,
          to: entityId,
          since: dateParam.optional(),
          until: dateParam.optional(),
          interval: z.enum(INTERVALS, { error: `one of ${INTERVALS.join(', ')}` }).default('month'),
          maxHops: integerParam(1, MAX_PATTERN_HOPS).default(4),
          currency: currencyParam.optional(),
          hubSize: integerParam(1, MAX_HUB_SIZE).default(DEFAULT_HUB_SIZE),
        }),
        response: { ...standardErrors, 200: flowsResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const query = request.query
      checkWindow(query.since, query.until)
      if (query.from === query.to) {
        throw invalidParameter('to', query.to, `an entity other than from (${query.from})`)
      }
      return app.services.flows.flows(
        {
          from: query.from,
          to: query.to,
          since: query.since ?? null,
          until: query.until ?? null,
          interval: query.interval,
          maxHops: query.maxHops,
          currency: query.currency ?? null,
          hubSize: query.hubSize,
        },
        viewerOf(request.caller),
      )
    },
  )

  routes.get(
    '/money/cycles',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['money'],
        summary: 'Round trips: money that leaves an entity and returns to it in time order, amount kept within a tolerance',
        querystring: z.strictObject({
          through: entityId,
          maxLength: integerParam(2, MAX_CYCLE_LENGTH).default(6),
          since: dateParam.optional(),
          until: dateParam.optional(),
          tolerance: numberParam(0, 1).default(0.1),
          limit: integerParam(1, MAX_CYCLES).default(50),
        }),
        response: { ...standardErrors, 200: cyclesResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const query = request.query
      checkWindow(query.since, query.until)
      return app.services.cycles.cycles(
        {
          through: query.through,
          maxLength: query.maxLength,
          since: query.since ?? null,
          until: query.until ?? null,
          tolerance: query.tolerance,
          limit: query.limit,
        },
        viewerOf(request.caller),
      )
    },
  )

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
          maxTransfers: integerParam(1, MAX_TRAIL_TRANSFERS).default(1_000),
          hubSize: integerParam(1, MAX_HUB_SIZE).default(DEFAULT_HUB_SIZE),
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
          hubSize: query.hubSize,
        },
        viewerOf(request.caller),
      )
    },
  )
}

/** Throws a 400 error when `since` is later than `until`. */
export function checkWindow(since: string | undefined, until: string | undefined): void {
  if (since !== undefined && until !== undefined && since > until) {
    throw invalidParameter('until', until, `a date on or after since (${since})`)
  }
}

/**
 * Throws a 400 error when `maxGap` spans more than MAX_GAP_DAYS. Months and years vary in
 * length, so the days are counted from `since`, or from 2000-01-01 without it.
 */
function checkGap(gap: CalendarDuration | undefined, since: string | undefined): void {
  if (gap !== undefined && durationDays(since ?? '2000-01-01', gap) > MAX_GAP_DAYS) {
    throw invalidParameter('maxGap', gap.text, `a duration of at most ${MAX_GAP_DAYS} days, such as P10Y`)
  }
}

