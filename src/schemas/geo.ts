/**
 * Request and response shapes of `GET /api/geo`.
 */
import { z } from 'zod'

import { DEFAULT_LINKS_PER_PLACE, MAX_LINKS_PER_PLACE } from '../services/geo.js'
import { integerParam, sourceParam } from './common.js'
import { dateParam } from './money.js'

export const geoQuery = z.strictObject({
  source: sourceParam.optional(),
  since: dateParam.optional(),
  until: dateParam.optional(),
  linksPerPlace: integerParam(1, MAX_LINKS_PER_PLACE).default(DEFAULT_LINKS_PER_PLACE),
})

const day = z.string().nullable().describe('YYYY-MM-DD; null when the record has no date')

const placeLink = z.object({
  id: z.string(),
  label: z.string(),
  name: z.string(),
  type: z.enum(['LOCATED_IN', 'OPERATES_IN']),
  since: z.string().nullable(),
  until: z.string().nullable(),
})

const place = z.object({
  id: z.string(),
  name: z.string(),
  city: z.string().nullable(),
  country: z.string().nullable().describe('ISO 3166-1 alpha-2'),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  entityCount: z.number().describe('distinct visible entities linked to the place'),
  linkCount: z.number().describe('visible LOCATED_IN and OPERATES_IN links to the place'),
  links: z.array(placeLink).describe('the first linksPerPlace links, by entity name'),
  truncated: z.boolean(),
})

function capped<Row extends z.ZodType>(row: Row) {
  return z.object({
    rows: z.array(row),
    truncated: z.boolean().describe('true when more rows matched than the response holds; the oldest are left out'),
  })
}

export const geoResponse = z.object({
  source: z.string().nullable(),
  since: z.string().nullable(),
  until: z.string().nullable(),
  places: z.array(place),
  placesTruncated: z.boolean(),
  notices: capped(
    z.object({
      country: z.string(),
      date: day,
      colour: z.string().nullable(),
      kind: z.string().nullable(),
      count: z.number(),
    }),
  ),
  groups: capped(
    z.object({
      country: z.string(),
      groupId: z.string(),
      name: z.string(),
      since: day,
      until: day,
    }),
  ),
  money: capped(
    z.object({
      country: z.string(),
      date: day,
      currency: z.string(),
      transfers: z.number(),
      total: z.string().describe('exact decimal amount in currency'),
    }),
  ),
  limits: z.object({ places: z.number(), linksPerPlace: z.number(), rows: z.number() }),
})
