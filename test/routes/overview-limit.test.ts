/**
 * The overview's `limit`: the viewer benchmark asks for 10,000 nodes, the cap, and one
 * more is a 400 that names the parameter and the allowed range.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { MAX_OVERVIEW } from '../../src/routes/graph.js'
import { bearer, buildTestApp } from '../helpers/app.js'

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
})

t.teardown(() => app.close())

t.test('overview limit at the cap', async (t) => {
  t.equal(MAX_OVERVIEW, 10_000, 'cap')
  const response = await app.inject({ url: `/api/graph/overview?limit=${MAX_OVERVIEW}`, headers: bearer('viewer') })
  t.equal(response.statusCode, 200, 'status')
  const body = response.json<{ graph: { nodes: unknown[] }; truncated: boolean }>()
  t.ok(body.graph.nodes.length <= MAX_OVERVIEW, 'at most the cap of nodes')
})

t.test('overview limit past the cap', async (t) => {
  const response = await app.inject({ url: `/api/graph/overview?limit=${MAX_OVERVIEW + 1}`, headers: bearer('viewer') })
  t.equal(response.statusCode, 400, 'status')
  const body = response.json<{ code: string; message: string }>()
  t.equal(body.code, 'MLN_INVALID_PARAMETER', 'code')
  t.match(body.message, /limit/, 'names the parameter')
  t.match(body.message, /10001/, 'quotes the value')
  t.match(body.message, /from 1 to 10000/, 'gives the range')
})
