/**
 * `GET /api/geo`: what the world map draws, within what the caller may see.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'

import { standardErrors } from '../schemas/common.js'
import { geoQuery, geoResponse } from '../schemas/geo.js'
import { viewerOf } from '../server/plugins/auth.js'
import { checkWindow } from './money.js'

const SUMMARY =
  'Locations with the entities LOCATED_IN or OPERATES_IN them, and facts per country dated by day: ' +
  'notices and diffusions by issuing country (issuedBy, issuedAt); groups by OPERATES_IN period; ' +
  "money received by TRANSFER date and currency, in the receiver's country (its country, else its " +
  "jurisdiction, else its location's, else its holder's). since and until keep facts dated in the window " +
  '(periods that overlap it); places are not filtered by date'

export default async function geoRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/geo',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['geo'],
        summary: SUMMARY,
        querystring: geoQuery,
        response: { ...standardErrors, 200: geoResponse },
      },
    },
    async (request) => {
      const query = request.query
      checkWindow(query.since, query.until)

      return app.services.summaries.geo(
        {
          source: query.source ?? null,
          since: query.since ?? null,
          until: query.until ?? null,
          linksPerPlace: query.linksPerPlace,
        },
        viewerOf(request.caller),
      )
    },
  )
}
