/**
 * Bearer-token authentication and role checks. Tokens are crafted here byte by byte with
 * node:crypto, so the service's own signer cannot hide a flaw in the verifier.
 */
import { createHmac, randomBytes } from 'node:crypto'

import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'
import { TEST_SECRET } from '../helpers/neo4j.js'
import { expectError } from './requests.js'

/** A cheap route that any viewer may call. No data has this source, so it reads nothing. */
const VIEWER_ROUTE = '/api/stats?source=t-auth'

const OTHER_SECRET = 'another-secret-that-is-also-32-bytes-or-more'

function base64url(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return Buffer.from(text).toString('base64url')
}

/** Builds a JWT with an HMAC signature over whatever header and payload are given. */
function hmacToken(header: unknown, payload: unknown, options: { key?: string; hash?: 'sha256' | 'sha512' } = {}): string {
  const input = `${base64url(header)}.${base64url(payload)}`
  const signature = createHmac(options.hash ?? 'sha256', options.key ?? TEST_SECRET).update(input).digest('base64url')
  return `${input}.${signature}`
}

const nowSeconds = Math.floor(Date.now() / 1000)
const HS256 = { alg: 'HS256', typ: 'JWT' }
const VALID_CLAIMS = { sub: 't-auth-user', role: 'viewer', exp: nowSeconds + 600 }

interface RejectedToken {
  description: string
  authorization?: string
  code: string
  /** Text the message must contain, such as the claim it names. */
  mentions?: string
}

const REJECTED: RejectedToken[] = [
  { description: 'no Authorization header', code: 'MLN_UNAUTHORIZED' },
  { description: 'scheme without a token', authorization: 'Bearer', code: 'MLN_TOKEN_INVALID' },
  { description: 'scheme and a space only', authorization: 'Bearer ', code: 'MLN_TOKEN_INVALID' },
  { description: 'Basic scheme', authorization: 'Basic x', code: 'MLN_TOKEN_INVALID' },
  { description: 'garbage token', authorization: 'Bearer not-a-jwt', code: 'MLN_TOKEN_INVALID' },
  { description: 'three garbage parts', authorization: 'Bearer abc.def.ghi', code: 'MLN_TOKEN_INVALID' },
  {
    description: 'token after two spaces',
    authorization: `Bearer  ${hmacToken(HS256, VALID_CLAIMS)}`,
    code: 'MLN_TOKEN_INVALID',
  },
  {
    description: 'expired token',
    authorization: `Bearer ${hmacToken(HS256, { ...VALID_CLAIMS, exp: nowSeconds - 3600 })}`,
    code: 'MLN_TOKEN_EXPIRED',
  },
  {
    description: 'token signed with another secret',
    authorization: `Bearer ${hmacToken(HS256, VALID_CLAIMS, { key: OTHER_SECRET })}`,
    code: 'MLN_TOKEN_INVALID',
  },
  {
    description: 'alg none without a signature',
    authorization: `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...VALID_CLAIMS, role: 'admin' })}.`,
    code: 'MLN_TOKEN_INVALID',
  },
  {
    description: 'HS512 token signed with the right secret',
    authorization: `Bearer ${hmacToken({ alg: 'HS512', typ: 'JWT' }, VALID_CLAIMS, { hash: 'sha512' })}`,
    code: 'MLN_TOKEN_INVALID',
  },
  {
    description: 'RS256 header with a random signature',
    authorization: `Bearer ${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url(VALID_CLAIMS)}.${randomBytes(256).toString('base64url')}`,
    code: 'MLN_TOKEN_INVALID',
  },
  {
    description: 'HS256 signature under an HS512 header',
    authorization: `Bearer ${hmacToken({ alg: 'HS512', typ: 'JWT' }, VALID_CLAIMS)}`,
    code: 'MLN_TOKEN_INVALID',
  },
  {
    description: 'token without exp',
    authorization: `Bearer ${hmacToken(HS256, { sub: 't-auth-user', role: 'viewer' })}`,
    code: 'MLN_TOKEN_INVALID',
    mentions: 'exp',
  },
  {
    description: 'exp written as a string',
    authorization: `Bearer ${hmacToken(HS256, { ...VALID_CLAIMS, exp: String(nowSeconds + 600) })}`,
    code: 'MLN_TOKEN_INVALID',
  },
  {
    description: 'nbf in the future',
    authorization: `Bearer ${hmacToken(HS256, { ...VALID_CLAIMS, nbf: nowSeconds + 300 })}`,
    code: 'MLN_TOKEN_INVALID',
  },
  {
    description: 'unsupported crit header',
    authorization: `Bearer ${hmacToken({ ...HS256, crit: ['t-auth-extension'] }, VALID_CLAIMS)}`,
    code: 'MLN_TOKEN_INVALID',
  },
  {
    description: 'payload that is an array',
    authorization: `Bearer ${hmacToken(HS256, [1, 2])}`,
    code: 'MLN_TOKEN_INVALID',
  },
  {
    description: 'payload that is a number',
    authorization: `Bearer ${hmacToken(HS256, '123')}`,
    code: 'MLN_TOKEN_INVALID',
  },
  {
    description: 'token without sub',
    authorization: `Bearer ${hmacToken(HS256, { role: 'viewer', exp: nowSeconds + 600 })}`,
    code: 'MLN_TOKEN_INVALID',
    mentions: 'sub',
  },
  {
    description: 'unknown role',
    authorization: `Bearer ${hmacToken(HS256, { ...VALID_CLAIMS, role: 'superuser' })}`,
    code: 'MLN_TOKEN_INVALID',
    mentions: '"role"',
  },
  {
    description: 'role in capitals',
    authorization: `Bearer ${hmacToken(HS256, { ...VALID_CLAIMS, role: 'ADMIN' })}`,
    code: 'MLN_TOKEN_INVALID',
    mentions: '"role"',
  },
  {
    description: 'lowercase ncb',
    authorization: `Bearer ${hmacToken(HS256, { ...VALID_CLAIMS, ncb: 'fr' })}`,
    code: 'MLN_TOKEN_INVALID',
    mentions: '"ncb"',
  },
  {
    description: 'three-letter ncb',
    authorization: `Bearer ${hmacToken(HS256, { ...VALID_CLAIMS, ncb: 'FRA' })}`,
    code: 'MLN_TOKEN_INVALID',
    mentions: '"ncb"',
  },
  {
    description: 'fractional exp',
    authorization: `Bearer ${hmacToken(HS256, { ...VALID_CLAIMS, exp: nowSeconds + 600.5 })}`,
    code: 'MLN_TOKEN_INVALID',
    mentions: '"exp"',
  },
]

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
})

t.teardown(() => app.close())

t.test('hand-made valid token accepted', async (t) => {
  const response = await app.inject({ url: VIEWER_ROUTE, headers: { authorization: `Bearer ${hmacToken(HS256, VALID_CLAIMS)}` } })

  t.equal(response.statusCode, 200)
})

t.test('rejected tokens return 401', async (t) => {
  for (const rejected of REJECTED) {
    await t.test(rejected.description, async (t) => {
      const headers = rejected.authorization === undefined ? {} : { authorization: rejected.authorization }

      const response = await app.inject({ url: VIEWER_ROUTE, headers })

      const body = expectError(t, response, 401, rejected.code)
      if (rejected.mentions !== undefined) {
        t.match(body.message, rejected.mentions, `message names ${rejected.mentions}`)
      }
    })
  }
})

t.test('viewer forbidden on higher routes', async (t) => {
  const forbidden = [
    { method: 'GET' as const, url: '/api/analytics/centrality?measure=degree', needs: 'analyst' },
    { method: 'GET' as const, url: '/api/analytics/communities?algorithm=wcc', needs: 'analyst' },
    { method: 'GET' as const, url: '/api/queries', needs: 'analyst' },
    { method: 'POST' as const, url: '/api/queries/group-members', needs: 'analyst' },
    { method: 'POST' as const, url: '/api/import?filename=t-auth.csv', needs: 'editor' },
  ]

  for (const route of forbidden) {
    const response = await app.inject({
      method: route.method,
      url: route.url,
      headers: { ...bearer('viewer'), 'content-type': route.url.startsWith('/api/import') ? 'text/csv' : 'application/json' },
      payload: route.url.startsWith('/api/import') ? 'id,type,name\nt-auth:never,Person,Never Stored\n' : '{"parameters":{"id":"t-auth:none"}}',
    })

    const body = expectError(t, response, 403, 'MLN_FORBIDDEN')
    t.match(body.message, `"${route.needs}"`, `${route.method} ${route.url} names the role it needs`)
  }
})

t.test('viewer import stores nothing', async (t) => {
  const response = await app.inject({ url: '/api/entities/t-auth:never', headers: bearer('admin') })

  expectError(t, response, 404, 'MLN_NOT_FOUND')
})

t.test('analyst cannot import', async (t) => {
  const queries = await app.inject({ url: '/api/queries', headers: bearer('analyst') })
  const imported = await app.inject({
    method: 'POST',
    url: '/api/import?filename=t-auth.csv',
    headers: { ...bearer('analyst'), 'content-type': 'text/csv' },
    payload: 'id,type,name\nt-auth:never,Person,Never Stored\n',
  })

  t.equal(queries.statusCode, 200)
  expectError(t, imported, 403, 'MLN_FORBIDDEN')
})

t.test('health needs no token', async (t) => {
  const response = await app.inject({ url: '/health' })

  t.equal(response.statusCode, 200)
  t.same(response.json(), { status: 'ok', database: { status: 'up' } })
})
