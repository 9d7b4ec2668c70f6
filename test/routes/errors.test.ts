/**
 * The error catalogue as clients see it: every failure has the body
 * `{statusCode, code, error, message}` and a stable code, including when Neo4j is down.
 * The "database down" app uses a real driver pointed at a closed loopback port.
 */
import type { FastifyInstance, InjectOptions } from 'fastify'
import t from 'tap'

import { createDatabase } from '../../src/data/database.js'
import { buildApp } from '../../src/server/app.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { testConfig } from '../helpers/neo4j.js'
import { expectError, importCsv, removeFixtures } from './requests.js'

const PREFIX = 't-errors:'
const SOURCE = 't-errors'

/** Port 1 on loopback: nothing listens there, so every connection is refused. */
const CLOSED_BOLT_URI = 'bolt://127.0.0.1:1'

interface ErrorCase {
  description: string
  request: InjectOptions
  status: number
  code: string
  /** The HTTP reason phrase expected in `error`. */
  error: string
  /** Text the message must contain. */
  mentions?: string
}

const ERROR_CASES: ErrorCase[] = [
  {
    description: 'unknown route',
    request: { url: '/api/t-errors-nowhere', headers: bearer('viewer') },
    status: 404,
    code: 'MLN_ROUTE_NOT_FOUND',
    error: 'Not Found',
    mentions: '/api/t-errors-nowhere',
  },
  {
    description: 'unknown route without a token',
    request: { url: '/t-errors-nowhere' },
    status: 404,
    code: 'MLN_ROUTE_NOT_FOUND',
    error: 'Not Found',
    mentions: '/t-errors-nowhere',
  },
  {
    description: 'method the route does not have',
    request: { method: 'DELETE', url: '/api/entities/t-errors:anchor', headers: bearer('admin') },
    status: 404,
    code: 'MLN_ROUTE_NOT_FOUND',
    error: 'Not Found',
    mentions: 'DELETE',
  },
  {
    description: 'unknown entity',
    request: { url: '/api/entities/t-errors:missing', headers: bearer('viewer') },
    status: 404,
    code: 'MLN_NOT_FOUND',
    error: 'Not Found',
    mentions: '"t-errors:missing"',
  },
  {
    description: 'neighbourhood of an unknown entity',
    request: { url: '/api/graph/neighbourhood/t-errors:missing', headers: bearer('viewer') },
    status: 404,
    code: 'MLN_NOT_FOUND',
    error: 'Not Found',
    mentions: '"t-errors:missing"',
  },
  {
    description: 'shortest path to an unknown entity',
    request: { url: '/api/paths/shortest?from=t-errors:anchor&to=t-errors:missing', headers: bearer('viewer') },
    status: 404,
    code: 'MLN_NOT_FOUND',
    error: 'Not Found',
    mentions: '"t-errors:missing"',
  },
  {
    description: 'unknown canned query',
    request: { method: 'POST', url: '/api/queries/t-errors-missing', headers: bearer('analyst'), payload: {} },
    status: 404,
    code: 'MLN_NOT_FOUND',
    error: 'Not Found',
    mentions: '"t-errors-missing"',
  },
  {
    description: 'invalid query parameter',
    request: { url: '/api/search?q=x&limit=0', headers: bearer('viewer') },
    status: 400,
    code: 'MLN_INVALID_PARAMETER',
    error: 'Bad Request',
    mentions: '"limit"',
  },
  {
    description: 'missing query parameter',
    request: { url: '/api/search', headers: bearer('viewer') },
    status: 400,
    code: 'MLN_INVALID_PARAMETER',
    error: 'Bad Request',
    mentions: '"q"',
  },
  {
    description: 'body that is not JSON',
    request: {
      method: 'POST',
      url: '/api/queries/group-members',
      headers: { ...bearer('analyst'), 'content-type': 'application/json' },
      payload: '{"parameters":',
    },
    status: 400,
    code: 'MLN_INVALID_PARAMETER',
    error: 'Bad Request',
  },
  {
    description: 'unsupported content type',
    request: {
      method: 'POST',
      url: '/api/import?filename=t-errors.pdf',
      headers: { ...bearer('editor'), 'content-type': 'application/pdf' },
      payload: '%PDF-1.7',
    },
    status: 415,
    code: 'MLN_UNSUPPORTED_MEDIA_TYPE',
    error: 'Unsupported Media Type',
  },
  {
    description: 'missing token',
    request: { url: '/api/entities/t-errors:anchor' },
    status: 401,
    code: 'MLN_UNAUTHORIZED',
    error: 'Unauthorized',
  },
  {
    description: 'role too low',
    request: { url: '/api/queries', headers: bearer('viewer') },
    status: 403,
    code: 'MLN_FORBIDDEN',
    error: 'Forbidden',
  },
  {
    description: 'malformed percent-encoding in the path',
    request: { url: '/api/entities/%E0%A4%A', headers: bearer('viewer') },
    status: 400,
    code: 'MLN_INVALID_PARAMETER',
    error: 'Bad Request',
  },
  {
    description: 'path parameter longer than the router allows',
    request: { url: `/api/entities/${'x'.repeat(1000)}`, headers: bearer('viewer') },
    status: 400,
    code: 'MLN_INVALID_PARAMETER',
    error: 'Bad Request',
    mentions: '"id"',
  },
]

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, PREFIX)
  await importCsv(app, 't-errors-nodes.csv', 'id,type,name\nt-errors:anchor,Person,Errors Anchor\n', SOURCE)
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await app.close()
})

t.test('error responses have the catalogue body', async (t) => {
  for (const errorCase of ERROR_CASES) {
    await t.test(errorCase.description, async (t) => {
      const response = await app.inject(errorCase.request)

      const body = expectError(t, response, errorCase.status, errorCase.code)
      t.equal(body.error, errorCase.error, `error is "${errorCase.error}"`)
      if (errorCase.mentions !== undefined) {
        t.match(body.message, errorCase.mentions, `message names ${errorCase.mentions}`)
      }
    })
  }
})

t.test('error responses are JSON', async (t) => {
  const response = await app.inject({ url: '/api/t-errors-nowhere', headers: bearer('viewer') })

  t.match(response.headers['content-type'], /^application\/json/)
})

t.test('database down', async (t) => {
  const config = await testConfig()
  const database = createDatabase({
    uri: CLOSED_BOLT_URI,
    user: 'neo4j',
    password: 'not-a-real-password',
    database: config.neo4j.database,
    transactionTimeoutMs: 5_000,
  })
  const downApp = await buildApp({ config, database, logger: false })
  await downApp.ready()
  t.teardown(() => downApp.close())

  t.test('health returns 503 when down', async (t) => {
    const response = await downApp.inject({ url: '/health' })

    t.equal(response.statusCode, 503)
    t.same(response.json(), { status: 'degraded', database: { status: 'down', message: 'Neo4j does not answer' } })
  })

  const unavailable: { description: string; request: InjectOptions }[] = [
    { description: 'entity', request: { url: '/api/entities/t-errors:anchor', headers: bearer('viewer') } },
    { description: 'search', request: { url: '/api/search?q=anchor', headers: bearer('viewer') } },
    {
      description: 'canned query',
      request: {
        method: 'POST',
        url: '/api/queries/group-members',
        headers: bearer('analyst'),
        payload: { parameters: { id: 't-errors:anchor' } },
      },
    },
    {
      description: 'import',
      request: {
        method: 'POST',
        url: '/api/import?filename=t-errors-down.csv&source=t-errors',
        headers: { ...bearer('editor'), 'content-type': 'text/csv' },
        payload: 'id,type,name\nt-errors:down,Person,Never Stored\n',
      },
    },
    {
      description: 'edge import',
      request: {
        method: 'POST',
        url: '/api/import?filename=t-errors-down-edges.csv&source=t-errors',
        headers: { ...bearer('editor', 'DE'), 'content-type': 'text/csv' },
        payload: 'source,target,type\nt-errors:anchor,t-errors:down,MET\n',
      },
    },
    {
      description: 'graph json import',
      request: {
        method: 'POST',
        url: '/api/import?filename=t-errors-down.json&source=t-errors',
        headers: { ...bearer('editor', 'DE'), 'content-type': 'application/json' },
        payload: '{"nodes": [{"key": "t-errors:down", "attributes": {"label": "Person", "name": "Never Stored"}}]}',
      },
    },
  ]

  for (const route of unavailable) {
    t.test(`${route.description} returns 503`, async (t) => {
      const response = await downApp.inject(route.request)

      const body = expectError(t, response, 503, 'MLN_DATABASE_UNAVAILABLE')
      t.equal(body.error, 'Service Unavailable')
      t.notMatch(body.message, '127.0.0.1', 'message does not reveal the database address')
    })
  }

  t.test('authentication still comes first', async (t) => {
    const response = await downApp.inject({ url: '/api/entities/t-errors:anchor' })

    expectError(t, response, 401, 'MLN_UNAUTHORIZED')
  })
})
