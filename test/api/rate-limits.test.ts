/**
 * Rate limits per subject and per client address: the exact budget, then 429 with
 * Retry-After and the RateLimit headers, while other subjects and addresses go on.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { signToken, type Role } from '../../src/auth/tokens.js'
import { createRateLimiter } from '../../src/server/rate-limiter.js'
import { buildTestApp } from '../helpers/app.js'
import { TEST_SECRET, testConfig } from '../helpers/neo4j.js'
import { expectError } from '../routes/requests.js'

/** A cheap route that any viewer may call. No data has this source, so it reads nothing. */
const VIEWER_ROUTE = '/api/stats?source=t-rate'
/** A heavy route; the ids do not exist, so it only looks them up. */
const HEAVY_ROUTE = '/api/paths/shortest?from=t-rate:a&to=t-rate:b'
const BUDGET = 5
const HEAVY_BUDGET = 2

function tokenFor(sub: string, role: Role = 'viewer'): { authorization: string } {
  return { authorization: `Bearer ${signToken(TEST_SECRET, { sub, role, ncb: null, lifetimeSeconds: 600 })}` }
}

let app: FastifyInstance

t.before(async () => {
  const config = await testConfig({ MILLENNIUM_RATE_LIMIT: `${BUDGET}/min`, MILLENNIUM_HEAVY_RATE_LIMIT: `${HEAVY_BUDGET}/min` })
  app = await buildTestApp({ config })
})
t.teardown(() => app?.close())

t.test('subject gets its exact budget', async (t) => {
  const headers = tokenFor('t-rate-alice')
  for (let index = 1; index <= BUDGET; index += 1) {
    const response = await app.inject({ url: VIEWER_ROUTE, headers })

    t.equal(response.statusCode, 200, `request ${index} passes`)
    t.equal(response.headers['ratelimit-limit'], String(BUDGET))
    t.equal(response.headers['ratelimit-remaining'], String(BUDGET - index), `${BUDGET - index} left after request ${index}`)
    t.equal(response.headers['ratelimit-policy'], `${BUDGET};w=60`)
  }

  const refused = await app.inject({ url: VIEWER_ROUTE, headers })

  const body = expectError(t, refused, 429, 'MLN_RATE_LIMITED')
  t.match(body.message, `${BUDGET} requests per 60 s`)
  const retryAfter = Number(refused.headers['retry-after'])
  t.ok(retryAfter >= 1 && retryAfter <= 60 / BUDGET, `Retry-After ${retryAfter} s is at most one refill interval`)
  t.equal(refused.headers['ratelimit-remaining'], '0')
})

t.test('other subject unaffected', async (t) => {
  const response = await app.inject({ url: VIEWER_ROUTE, headers: tokenFor('t-rate-bob') })

  t.equal(response.statusCode, 200)
  t.equal(response.headers['ratelimit-remaining'], String(BUDGET - 1))
})

t.test('heavy routes have a smaller budget', async (t) => {
  const headers = tokenFor('t-rate-carol')
  for (let index = 1; index <= HEAVY_BUDGET; index += 1) {
    const response = await app.inject({ url: HEAVY_ROUTE, headers })

    t.not(response.statusCode, 429, `heavy request ${index} passes`)
    t.equal(response.headers['ratelimit-remaining'], String(HEAVY_BUDGET - index), 'the heavy budget is the one shown')
  }

  const refused = await app.inject({ url: HEAVY_ROUTE, headers })
  const light = await app.inject({ url: VIEWER_ROUTE, headers })

  const body = expectError(t, refused, 429, 'MLN_RATE_LIMITED')
  t.match(body.message, `heavy-route budget of ${HEAVY_BUDGET} requests`)
  t.ok(Number(refused.headers['retry-after']) >= 1, 'Retry-After present')
  t.equal(light.statusCode, 200, 'a light route still passes')
  t.equal(light.headers['ratelimit-remaining'], String(BUDGET - HEAVY_BUDGET - 2), 'every request spent the general budget')
})

t.test('requests without a token count per address', async (t) => {
  const address = '192.0.2.10'
  for (let index = 1; index <= BUDGET; index += 1) {
    const response = await app.inject({ url: '/health', remoteAddress: address })

    t.equal(response.statusCode, 200, `request ${index} passes`)
  }

  const refused = await app.inject({ url: '/health', remoteAddress: address })
  const otherAddress = await app.inject({ url: '/health', remoteAddress: '192.0.2.11' })

  expectError(t, refused, 429, 'MLN_RATE_LIMITED')
  t.ok(Number(refused.headers['retry-after']) >= 1, 'Retry-After present')
  t.equal(otherAddress.statusCode, 200, 'another address passes')
})

t.test('rejected tokens count per address', async (t) => {
  const address = '192.0.2.20'
  const forged = { authorization: 'Bearer abc.def.ghi' }
  for (let index = 1; index <= BUDGET; index += 1) {
    const response = await app.inject({ url: VIEWER_ROUTE, headers: forged, remoteAddress: address })

    t.equal(response.statusCode, 401, `guess ${index} is a 401`)
  }

  const refused = await app.inject({ url: VIEWER_ROUTE, headers: forged, remoteAddress: address })

  expectError(t, refused, 429, 'MLN_RATE_LIMITED')
})

t.test('limits off send no headers', async (t) => {
  const unlimited = await buildTestApp()
  t.teardown(() => unlimited.close())
  const headers = tokenFor('t-rate-dave')

  const responses = []
  for (let index = 0; index < BUDGET * 2; index += 1) {
    responses.push(await unlimited.inject({ url: VIEWER_ROUTE, headers }))
  }

  t.same(
    responses.map((response) => response.statusCode),
    Array(BUDGET * 2).fill(200),
  )
  t.equal(responses[0]?.headers['ratelimit-limit'], undefined)
})

t.test('bucket refills evenly', async (t) => {
  let clock = 1_000_000
  const limiter = createRateLimiter({ limit: 3, windowMs: 3000 }, { now: () => clock })

  const burst = [limiter.take('k'), limiter.take('k'), limiter.take('k'), limiter.take('k')]
  clock += 999
  const early = limiter.take('k')
  clock += 1
  const refilled = limiter.take('k')
  clock += 10_000
  const full = limiter.take('k')

  t.same(
    burst.map((decision) => decision.allowed),
    [true, true, true, false],
  )
  t.same(
    burst.map((decision) => decision.remaining),
    [2, 1, 0, 0],
  )
  t.equal(burst[3]?.retryAfterSeconds, 1)
  t.equal(early.allowed, false, 'one interval has not passed yet')
  t.equal(refilled.allowed, true, 'one request back after one interval')
  t.equal(refilled.remaining, 0)
  t.equal(full.remaining, 2, 'a full bucket after a long wait')
})
