/**
 * Security headers on API, health and viewer responses, and the CORS policy: exact origins
 * only, preflights answered, credentials never allowed.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { ConfigError, loadConfig } from '../../src/config/env.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { testConfig } from '../helpers/neo4j.js'
import { expectError } from '../routes/requests.js'

const VIEWER_ROUTE = '/api/stats?source=t-headers'
const ALLOWED = 'https://viewer.t-headers.example'
const DENIED = 'https://evil.t-headers.example'

function preflight(app: FastifyInstance, origin: string | undefined) {
  return app.inject({
    method: 'OPTIONS',
    url: VIEWER_ROUTE,
    headers: {
      ...(origin === undefined ? {} : { origin }),
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization',
    },
  })
}

let plain: FastifyInstance
let open: FastifyInstance

t.before(async () => {
  plain = await buildTestApp()
  open = await buildTestApp({
    config: await testConfig({ MILLENNIUM_CORS_ORIGINS: `${ALLOWED}, https://other.t-headers.example:8443`, MILLENNIUM_HSTS_MAX_AGE: '31536000' }),
  })
})
t.teardown(async () => {
  await plain?.close()
  await open?.close()
})

t.test('API response headers', async (t) => {
  const response = await plain.inject({ url: VIEWER_ROUTE, headers: bearer('viewer') })

  t.equal(response.statusCode, 200)
  t.equal(response.headers['cache-control'], 'no-store')
  t.equal(response.headers['cross-origin-opener-policy'], 'same-origin')
  t.equal(response.headers['cross-origin-resource-policy'], 'same-origin')
  t.match(response.headers['permissions-policy'], 'camera=()')
  t.match(response.headers['permissions-policy'], 'geolocation=()')
  t.equal(response.headers['x-content-type-options'], 'nosniff')
  t.equal(response.headers['x-frame-options'], 'DENY')
  t.equal(response.headers['referrer-policy'], 'no-referrer')
  t.match(response.headers['content-security-policy'], "frame-ancestors 'none'")
  t.equal(response.headers['strict-transport-security'], undefined, 'no HSTS unless configured')
  t.equal(response.headers['access-control-allow-origin'], undefined)
})

t.test('error responses carry them too', async (t) => {
  const response = await plain.inject({ url: VIEWER_ROUTE })

  expectError(t, response, 401, 'MLN_UNAUTHORIZED')
  t.equal(response.headers['cache-control'], 'no-store')
  t.equal(response.headers['cross-origin-resource-policy'], 'same-origin')
})

t.test('viewer page may be cached', async (t) => {
  const response = await plain.inject({ url: '/' })

  t.equal(response.statusCode, 200)
  t.not(response.headers['cache-control'], 'no-store')
  t.equal(response.headers['cross-origin-opener-policy'], 'same-origin')
  t.match(response.headers['content-security-policy'], "default-src 'self'")
})

t.test('HSTS when configured', async (t) => {
  const response = await open.inject({ url: '/health' })

  t.equal(response.headers['strict-transport-security'], 'max-age=31536000')
  t.equal(response.headers['cache-control'], 'no-store')
})

t.test('preflight from an allowed origin', async (t) => {
  const response = await preflight(open, ALLOWED)

  t.equal(response.statusCode, 204)
  t.equal(response.headers['access-control-allow-origin'], ALLOWED)
  t.match(response.headers['access-control-allow-headers'], 'Authorization')
  t.match(response.headers['access-control-allow-methods'], 'GET')
  t.equal(response.headers['access-control-max-age'], '600')
  t.equal(response.headers['access-control-allow-credentials'], undefined, 'credentials never allowed')
  t.match(response.headers.vary, 'Origin')
})

t.test('request from an allowed origin', async (t) => {
  const response = await open.inject({ url: VIEWER_ROUTE, headers: { ...bearer('viewer'), origin: ALLOWED } })

  t.equal(response.statusCode, 200)
  t.equal(response.headers['access-control-allow-origin'], ALLOWED)
  t.match(response.headers['access-control-expose-headers'], 'Retry-After')
  t.equal(response.headers['access-control-allow-credentials'], undefined)
})

t.test('second allowed origin with a port', async (t) => {
  const response = await preflight(open, 'https://other.t-headers.example:8443')

  t.equal(response.statusCode, 204)
  t.equal(response.headers['access-control-allow-origin'], 'https://other.t-headers.example:8443')
})

t.test('denied origins', async (t) => {
  const cases = [
    { description: 'unlisted origin', app: open, origin: DENIED },
    { description: 'listed host over http', app: open, origin: 'http://viewer.t-headers.example' },
    { description: 'listed origin plus a suffix', app: open, origin: `${ALLOWED}.evil.example` },
    { description: 'the null origin', app: open, origin: 'null' },
    { description: 'any origin by default', app: plain, origin: ALLOWED },
  ]
  for (const entry of cases) {
    await t.test(entry.description, async (t) => {
      const response = await preflight(entry.app, entry.origin)
      const actual = await entry.app.inject({ url: VIEWER_ROUTE, headers: { ...bearer('viewer'), origin: entry.origin } })

      const body = expectError(t, response, 403, 'MLN_FORBIDDEN')
      t.match(body.message, 'MILLENNIUM_CORS_ORIGINS')
      t.equal(response.headers['access-control-allow-origin'], undefined, 'preflight allows no origin')
      t.equal(actual.headers['access-control-allow-origin'], undefined, 'response allows no origin')
    })
  }
})

t.test('CORS origins checked at start', async (t) => {
  const issues = (origins: string) => {
    try {
      loadConfig({ JWT_SECRET: 'a'.repeat(32), MILLENNIUM_CORS_ORIGINS: origins })
      return ''
    } catch (error) {
      return error instanceof ConfigError ? error.issues.join('\n') : String(error)
    }
  }

  t.match(issues('*'), 'MILLENNIUM_CORS_ORIGINS')
  t.match(issues('https://viewer.example/app'), 'MILLENNIUM_CORS_ORIGINS')
  t.match(issues('viewer.example'), 'MILLENNIUM_CORS_ORIGINS')
  t.equal(issues('https://viewer.example,http://127.0.0.1:5173'), '')
})
