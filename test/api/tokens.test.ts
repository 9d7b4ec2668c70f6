/**
 * RS256 and ES256 tokens: a public key given inline, a JWKS served by a loopback server
 * started here, and the service's own private key. Keys are generated per run with
 * node:crypto, and tokens are built byte by byte, so no signer of the service can hide a
 * flaw in the verifier.
 */
import { createHmac, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t from 'tap'

import { signToken } from '../../src/auth/tokens.js'
import { ConfigError, loadConfig } from '../../src/config/env.js'
import { buildApp } from '../../src/server/app.js'
import { buildTestApp } from '../helpers/app.js'
import { testConfig, testDatabase } from '../helpers/neo4j.js'
import { expectError } from '../routes/requests.js'

/** A cheap route that any viewer may call. No data has this source, so it reads nothing. */
const VIEWER_ROUTE = '/api/stats?source=t-tokens'
const ANALYST_ROUTE = '/api/queries'
const ISSUER = 'https://idp.t-tokens.example'
const AUDIENCE = 'millennium'

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const rotatedEc = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const RSA_PUBLIC_PEM = rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString()

function base64url(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return Buffer.from(text).toString('base64url')
}

/** Signs `header.payload` with RS256 or ES256, whichever the key is for. */
function signedToken(header: Record<string, unknown>, payload: unknown, key: KeyObject): string {
  const input = `${base64url(header)}.${base64url(payload)}`
  const signature =
    key.asymmetricKeyType === 'ec'
      ? sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
      : sign('sha256', Buffer.from(input), key)
  return `${input}.${signature.toString('base64url')}`
}

const now = () => Math.floor(Date.now() / 1000)
const RS256 = { alg: 'RS256', typ: 'JWT' }

/** Claims the RS256 app accepts: it checks issuer and audience and allows FR and DE. */
function rsClaims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { sub: 't-tokens-user', role: 'viewer', ncb: 'FR', iss: ISSUER, aud: AUDIENCE, exp: now() + 600, ...extra }
}

function without(claims: Record<string, unknown>, name: string): Record<string, unknown> {
  const { [name]: _dropped, ...rest } = claims
  return rest
}

function call(app: FastifyInstance, token: string, url = VIEWER_ROUTE): Promise<LightMyRequestResponse> {
  return app.inject({ url, headers: { authorization: `Bearer ${token}` } })
}

/** A JWKS server on loopback whose key set a test may replace, counting the fetches. */
interface JwksServer {
  url: string
  fetches: number
  keys: Record<string, unknown>[]
  status: number
  server: Server
}

async function startJwksServer(keys: Record<string, unknown>[]): Promise<JwksServer> {
  const state = { url: '', fetches: 0, keys, status: 200 } as JwksServer
  state.server = createServer((_request, response) => {
    state.fetches += 1
    response.writeHead(state.status, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ keys: state.keys }))
  })
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}/jwks.json`
  return state
}

function jwkOf(key: KeyObject, kid: string): Record<string, unknown> {
  return { ...key.export({ format: 'jwk' }), kid, use: 'sig', alg: key.asymmetricKeyType === 'ec' ? 'ES256' : 'RS256' }
}

/** Returns a loopback URL on which nothing listens. */
async function closedUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}/jwks.json`
}

async function appWith(environment: Record<string, string>): Promise<FastifyInstance> {
  return buildTestApp({ config: await testConfig(environment) })
}

t.test('RS256 with an inline public key', async (t) => {
  const app = await appWith({
    JWT_ALGORITHM: 'RS256',
    JWT_PUBLIC_KEY: RSA_PUBLIC_PEM.replace(/\n/g, '\\n'),
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    MILLENNIUM_ALLOWED_NCBS: 'FR,DE',
  })
  t.teardown(() => app.close())

  await t.test('valid token accepted', async (t) => {
    const response = await call(app, signedToken(RS256, rsClaims(), rsa.privateKey))

    t.equal(response.statusCode, 200)
  })

  await t.test('expired within skew accepted', async (t) => {
    const response = await call(app, signedToken(RS256, rsClaims({ exp: now() - 10 }), rsa.privateKey))

    t.equal(response.statusCode, 200)
  })

  await t.test('iat within skew accepted', async (t) => {
    const response = await call(app, signedToken(RS256, rsClaims({ iat: now() + 10 }), rsa.privateKey))

    t.equal(response.statusCode, 200)
  })

  await t.test('audience array accepted', async (t) => {
    const response = await call(app, signedToken(RS256, rsClaims({ aud: ['other', AUDIENCE] }), rsa.privateKey))

    t.equal(response.statusCode, 200)
  })

  await t.test('role array takes the highest', async (t) => {
    const token = signedToken(RS256, rsClaims({ role: ['offline_access', 'analyst', 'viewer'] }), rsa.privateKey)

    const response = await call(app, token, ANALYST_ROUTE)

    t.equal(response.statusCode, 200)
  })

  const hs256WithPublicKey = (() => {
    const input = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(rsClaims({ role: 'admin' }))}`
    return `${input}.${createHmac('sha256', RSA_PUBLIC_PEM).update(input).digest('base64url')}`
  })()
  const manyClaims = Object.fromEntries(Array.from({ length: 10_000 }, (_, index) => [`c${index}`, index]))
  const valid = signedToken(RS256, rsClaims(), rsa.privateKey)

  const rejected: { description: string; token: string; status: number; code: string; mentions: string }[] = [
    {
      description: 'alg none',
      token: `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(rsClaims({ role: 'admin' }))}.`,
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: '"none" is not accepted',
    },
    {
      description: 'HS256 with the public key as secret',
      token: hs256WithPublicKey,
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: '"HS256" is not accepted',
    },
    {
      description: 'empty signature',
      token: valid.slice(0, valid.lastIndexOf('.') + 1),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: 'signature is missing',
    },
    {
      description: 'signed with another key',
      token: signedToken(RS256, rsClaims(), otherRsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: 'signature is invalid',
    },
    {
      description: 'ES256 header over an RSA signature',
      token: signedToken({ alg: 'ES256', typ: 'JWT' }, rsClaims(), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: '"ES256" is not accepted',
    },
    {
      description: 'expired beyond skew',
      token: signedToken(RS256, rsClaims({ exp: now() - 120 }), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_EXPIRED',
      mentions: 'expired',
    },
    {
      description: 'nbf in the future',
      token: signedToken(RS256, rsClaims({ nbf: now() + 300 }), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: 'will be active',
    },
    {
      description: 'iat beyond skew',
      token: signedToken(RS256, rsClaims({ iat: now() + 300 }), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: '"iat"',
    },
    {
      description: 'iat as a string',
      token: signedToken(RS256, rsClaims({ iat: String(now()) }), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: '"iat"',
    },
    {
      description: 'missing exp',
      token: signedToken(RS256, without(rsClaims(), 'exp'), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: 'exp',
    },
    {
      description: 'missing sub',
      token: signedToken(RS256, without(rsClaims(), 'sub'), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: '"sub"',
    },
    {
      description: 'missing role',
      token: signedToken(RS256, without(rsClaims(), 'role'), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: '"role"',
    },
    {
      description: 'role not in the list',
      token: signedToken(RS256, rsClaims({ role: 'superuser' }), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: '"role"',
    },
    {
      description: 'role array without a known role',
      token: signedToken(RS256, rsClaims({ role: ['offline_access'] }), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: '"role"',
    },
    {
      description: 'malformed ncb',
      token: signedToken(RS256, rsClaims({ ncb: 'fra' }), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: '"ncb"',
    },
    {
      description: 'ncb not allowed',
      token: signedToken(RS256, rsClaims({ ncb: 'IT' }), rsa.privateKey),
      status: 403,
      code: 'MLN_FORBIDDEN',
      mentions: '"IT"',
    },
    {
      description: 'no ncb under an allow-list',
      token: signedToken(RS256, without(rsClaims(), 'ncb'), rsa.privateKey),
      status: 403,
      code: 'MLN_FORBIDDEN',
      mentions: 'no country',
    },
    {
      description: 'wrong issuer',
      token: signedToken(RS256, rsClaims({ iss: 'https://evil.t-tokens.example' }), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: 'iss',
    },
    {
      description: 'missing issuer',
      token: signedToken(RS256, without(rsClaims(), 'iss'), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: 'iss',
    },
    {
      description: 'wrong audience',
      token: signedToken(RS256, rsClaims({ aud: 'another-service' }), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: 'aud',
    },
    {
      description: 'missing audience',
      token: signedToken(RS256, without(rsClaims(), 'aud'), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: 'aud',
    },
    {
      description: 'kid that is a number',
      token: signedToken({ ...RS256, kid: 7 }, rsClaims(), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: '"kid"',
    },
    {
      description: 'huge token',
      token: signedToken(RS256, rsClaims({ padding: 'x'.repeat(20_000) }), rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: 'the limit is 16384',
    },
    {
      description: '10,000-claim payload',
      token: signedToken(RS256, { ...manyClaims, ...rsClaims() }, rsa.privateKey),
      status: 401,
      code: 'MLN_TOKEN_INVALID',
      mentions: 'the limit is 16384',
    },
  ]

  for (const entry of rejected) {
    await t.test(`${entry.description} rejected`, async (t) => {
      const response = await call(app, entry.token)

      const body = expectError(t, response, entry.status, entry.code)
      t.match(body.message, entry.mentions, `message says ${entry.mentions}`)
    })
  }
})

t.test('ES256 with a JWKS URL', async (t) => {
  const jwks = await startJwksServer([jwkOf(ec.publicKey, 'k1')])
  t.teardown(() => new Promise<void>((resolve) => jwks.server.close(() => resolve())))
  const app = await appWith({ JWT_ALGORITHM: 'ES256', JWT_JWKS_URL: jwks.url })
  t.teardown(() => app.close())
  const es256 = (kid: string | undefined) => ({ alg: 'ES256', typ: 'JWT', ...(kid === undefined ? {} : { kid }) })
  const claims = () => ({ sub: 't-tokens-es', role: 'viewer', exp: now() + 600 })

  await t.test('valid token fetches keys once', async (t) => {
    const first = await call(app, signedToken(es256('k1'), claims(), ec.privateKey))
    const second = await call(app, signedToken(es256('k1'), claims(), ec.privateKey))

    t.equal(first.statusCode, 200)
    t.equal(second.statusCode, 200)
    t.equal(jwks.fetches, 1, 'the second token uses the cached set')
  })

  await t.test('token without kid uses the only key', async (t) => {
    const response = await call(app, signedToken(es256(undefined), claims(), ec.privateKey))

    t.equal(response.statusCode, 200)
  })

  await t.test('rotated key fetched on its kid', async (t) => {
    jwks.keys = [jwkOf(ec.publicKey, 'k1'), jwkOf(rotatedEc.publicKey, 'k2')]

    const response = await call(app, signedToken(es256('k2'), claims(), rotatedEc.privateKey))

    t.equal(response.statusCode, 200)
    t.equal(jwks.fetches, 2, 'the unknown kid caused one fetch')
  })

  await t.test('unknown kid refetched at most once a minute', async (t) => {
    const response = await call(app, signedToken(es256('k9'), claims(), rotatedEc.privateKey))

    const body = expectError(t, response, 401, 'MLN_TOKEN_INVALID')
    t.match(body.message, 'unknown key id "k9"')
    t.equal(jwks.fetches, 2, 'no fetch within a minute of the last one')
  })

  await t.test('RS256 token rejected', async (t) => {
    const response = await call(app, signedToken({ ...RS256, kid: 'k1' }, claims(), rsa.privateKey))

    const body = expectError(t, response, 401, 'MLN_TOKEN_INVALID')
    t.match(body.message, 'accepts only ES256')
  })

  await t.test('key from another set rejected', async (t) => {
    const response = await call(app, signedToken(es256('k1'), claims(), rotatedEc.privateKey))

    const body = expectError(t, response, 401, 'MLN_TOKEN_INVALID')
    t.match(body.message, 'signature is invalid')
  })
})

t.test('JWKS server down', async (t) => {
  const app = await appWith({ JWT_ALGORITHM: 'RS256', JWT_JWKS_URL: await closedUrl(), JWT_JWKS_TIMEOUT_MS: '1000' })
  t.teardown(() => app.close())

  const started = Date.now()
  const response = await call(app, signedToken({ ...RS256, kid: 'k1' }, rsClaims(), rsa.privateKey))

  const body = expectError(t, response, 503, 'MLN_TOKEN_KEYS_UNAVAILABLE')
  t.match(body.message, 'could not be fetched')
  t.equal(response.headers['retry-after'], '5')
  t.ok(Date.now() - started < 3000, 'answered within the fetch timeout')
})

t.test('JWKS server failing', async (t) => {
  const jwks = await startJwksServer([])
  jwks.status = 500
  t.teardown(() => new Promise<void>((resolve) => jwks.server.close(() => resolve())))
  const app = await appWith({ JWT_ALGORITHM: 'RS256', JWT_JWKS_URL: jwks.url })
  t.teardown(() => app.close())

  const response = await call(app, signedToken({ ...RS256, kid: 'k1' }, rsClaims(), rsa.privateKey))

  expectError(t, response, 503, 'MLN_TOKEN_KEYS_UNAVAILABLE')
  t.equal(jwks.fetches, 1)
})

t.test('own private key signs tokens', async (t) => {
  const jwks = await startJwksServer([jwkOf(otherRsa.publicKey, 'idp-1')])
  t.teardown(() => new Promise<void>((resolve) => jwks.server.close(() => resolve())))
  const privatePem = rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
  const app = await appWith({ JWT_ALGORITHM: 'RS256', JWT_JWKS_URL: jwks.url, JWT_PRIVATE_KEY: privatePem })
  t.teardown(() => app.close())
  const signer = app.tokenSigner
  if (signer === null) {
    t.fail('a private key gives a signer')
    return
  }

  const own = await call(app, signToken(signer, { sub: 't-tokens-own', role: 'viewer', ncb: null, lifetimeSeconds: 60 }))
  const fromIdp = await call(app, signedToken({ ...RS256, kid: 'idp-1' }, rsClaims(), otherRsa.privateKey))

  t.equal(signer.algorithm, 'RS256')
  t.equal(own.statusCode, 200, "the service's own token")
  t.equal(fromIdp.statusCode, 200, "the identity provider's token")
})

t.test('sign-in off without a private key', async (t) => {
  const app = await appWith({ JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEY: RSA_PUBLIC_PEM })
  t.teardown(() => app.close())

  const methods = await app.inject({ url: '/api/auth/methods' })

  t.equal(app.tokenSigner, null)
  t.same(methods.json(), { token: true, password: false })
})

t.test('token settings checked at start', async (t) => {
  const base = { JWT_ALGORITHM: 'RS256' }
  const issues = (environment: Record<string, string>) => {
    try {
      loadConfig(environment)
      return []
    } catch (error) {
      return error instanceof ConfigError ? error.issues : [String(error)]
    }
  }

  t.match(issues(base).join('\n'), 'neither is set')
  t.match(issues({ ...base, JWT_PUBLIC_KEY: RSA_PUBLIC_PEM, JWT_JWKS_URL: 'https://idp.example/jwks' }).join('\n'), 'both are set')
  t.match(issues({ JWT_SECRET: 'a'.repeat(32), JWT_PUBLIC_KEY: RSA_PUBLIC_PEM }).join('\n'), 'JWT_PUBLIC_KEY (set): applies only')
  t.same(issues({ ...base, JWT_PUBLIC_KEY: RSA_PUBLIC_PEM }), [], 'RS256 needs no JWT_SECRET')
  t.match(issues({ ...base, JWT_JWKS_URL: 'file:///etc/passwd' }).join('\n'), 'JWT_JWKS_URL')
  t.match(issues({ JWT_SECRET: 'a'.repeat(32), MILLENNIUM_ALLOWED_NCBS: 'FR,fra' }).join('\n'), 'MILLENNIUM_ALLOWED_NCBS')

  const database = await testDatabase()
  t.teardown(() => database.close())
  const ecPem = createPublicKey(ec.privateKey).export({ format: 'pem', type: 'spki' }).toString()
  const config = await testConfig({ JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEY: ecPem })
  await t.rejects(
    buildApp({ config, database, ownsDatabase: false, logger: false }),
    /JWT_PUBLIC_KEY: an EC key on prime256v1, but RS256 needs an RSA key of at least 2048 bits/,
  )
})
