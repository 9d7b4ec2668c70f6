/**
 * Password sign-in through `POST /api/auth/token` and `GET /api/auth/methods`, with a users
 * file written to a temporary folder. Hashes use a lower scrypt cost than the default so
 * that the many checks below stay quick.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { hashPassword } from '../../src/auth/passwords.js'
import { writeUsersFile, type User } from '../../src/auth/users.js'
import {
  FAILED_ATTEMPTS_PER_ADDRESS,
  FAILED_ATTEMPTS_PER_USERNAME,
  INVALID_CREDENTIALS_MESSAGE,
  SIGN_IN_LIFETIME_SECONDS,
} from '../../src/routes/auth.js'
import { loadConfig, PROJECT_ROOT } from '../../src/config/env.js'
import type { Database } from '../../src/data/database.js'
import { buildApp } from '../../src/server/app.js'
import { buildTestApp } from '../helpers/app.js'
import { testConfig } from '../helpers/neo4j.js'

const FAST = { logCost: 14, blockSize: 8, parallelization: 1 }
const PASSWORDS = {
  'ana.fr': 'correct horse battery staple',
  'viktor.de': 'Пароль-with-ümlauts-2024',
  'maria.it': 'only-for-the-lockout-test',
}

const folder = mkdtempSync(path.join(tmpdir(), 'millennium-users-'))
t.teardown(() => rmSync(folder, { recursive: true, force: true }))
const usersFile = path.join(folder, 'users.json')

let app: FastifyInstance
let users: User[]

t.before(async () => {
  users = [
    { username: 'ana.fr', role: 'analyst', ncb: 'FR', passwordHash: await hashPassword(PASSWORDS['ana.fr'], FAST) },
    { username: 'viktor.de', role: 'viewer', ncb: 'DE', passwordHash: await hashPassword(PASSWORDS['viktor.de'], FAST) },
    { username: 'maria.it', role: 'analyst', ncb: 'IT', passwordHash: await hashPassword(PASSWORDS['maria.it'], FAST) },
  ]
  await writeUsersFile(usersFile, users)
  app = await buildTestApp({ config: { usersFile } })
})
t.teardown(() => app?.close())

let addressCount = 0

/** A fresh client address for each test, so one test's failures do not block another's. */
function nextAddress(): string {
  addressCount += 1
  return `192.0.2.${addressCount}`
}

function signIn(body: unknown, remoteAddress: string, target: FastifyInstance = app) {
  return target.inject({ method: 'POST', url: '/api/auth/token', payload: body as object, remoteAddress })
}

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? ''
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
}

t.test('methods offer password sign-in', async (t) => {
  const response = await app.inject({ method: 'GET', url: '/api/auth/methods' })
  t.equal(response.statusCode, 200)
  t.same(response.json(), { token: true, password: true })
})

t.test('right password returns a working token', async (t) => {
  const before = Date.now()
  const response = await signIn({ username: 'ana.fr', password: PASSWORDS['ana.fr'] }, nextAddress())
  t.equal(response.statusCode, 200, response.body)

  const body = response.json<{ token: string; expiresAt: string; role: string; ncb: string | null }>()
  t.equal(body.role, 'analyst')
  t.equal(body.ncb, 'FR')
  const expiresAt = Date.parse(body.expiresAt)
  t.ok(expiresAt >= before + SIGN_IN_LIFETIME_SECONDS * 1000 - 1000, 'expires after the sign-in lifetime')
  t.ok(expiresAt <= Date.now() + SIGN_IN_LIFETIME_SECONDS * 1000 + 1000, 'expires no later than the lifetime')

  const claims = claimsOf(body.token)
  t.equal(claims.sub, 'ana.fr')
  t.equal(claims.role, 'analyst')
  t.equal(claims.ncb, 'FR')
  t.equal((claims.exp as number) - (claims.iat as number), SIGN_IN_LIFETIME_SECONDS, 'exp is iat plus the lifetime')

  const stats = await app.inject({ method: 'GET', url: '/api/stats', headers: { authorization: `Bearer ${body.token}` } })
  t.equal(stats.statusCode, 200, 'the token opens GET /api/stats')
})

t.test('stored role limits the token', async (t) => {
  const response = await signIn({ username: 'viktor.de', password: PASSWORDS['viktor.de'] }, nextAddress())
  t.equal(response.statusCode, 200, response.body)
  const { token, role, ncb } = response.json<{ token: string; role: string; ncb: string }>()
  t.equal(role, 'viewer')
  t.equal(ncb, 'DE')

  const headers = { authorization: `Bearer ${token}` }
  const stats = await app.inject({ method: 'GET', url: '/api/stats', headers })
  t.equal(stats.statusCode, 200, 'a viewer may read the stats')
  const centrality = await app.inject({ method: 'GET', url: '/api/analytics/centrality?measure=degree', headers })
  t.equal(centrality.statusCode, 403, 'a viewer may not run analytics')
})

t.test('username matches in any case', async (t) => {
  const response = await signIn({ username: 'Ana.FR', password: PASSWORDS['ana.fr'] }, nextAddress())
  t.equal(response.statusCode, 200, response.body)
  t.equal(claimsOf(response.json<{ token: string }>().token).sub, 'ana.fr')
})

t.test('wrong password and unknown user look alike', async (t) => {
  const address = nextAddress()
  const wrong = await signIn({ username: 'ana.fr', password: 'not the password' }, address)
  const unknown = await signIn({ username: 'nobody', password: 'not the password' }, address)

  t.equal(wrong.statusCode, 401)
  t.equal(unknown.statusCode, 401)
  t.same(wrong.json(), unknown.json(), 'same body for both')
  t.same(wrong.json(), {
    statusCode: 401,
    code: 'MLN_INVALID_CREDENTIALS',
    error: 'Unauthorized',
    message: INVALID_CREDENTIALS_MESSAGE,
  })
})

t.test('unknown user takes as long as a wrong password', async (t) => {
  async function median(username: string): Promise<number> {
    const times: number[] = []
    for (let round = 0; round < 5; round += 1) {
      const started = process.hrtime.bigint()
      await signIn({ username, password: 'still not it' }, nextAddress())
      times.push(Number(process.hrtime.bigint() - started) / 1e6)
    }
    return times.sort((a, b) => a - b)[2] ?? 0
  }
  const wrong = await median('ana.fr')
  const unknown = await median('nobody-at-all')
  // Both run one scrypt check with the same parameters. The bounds are loose because the
  // machine is shared, but a skipped check would be several times faster.
  t.ok(unknown > wrong / 3, `unknown user ${unknown.toFixed(1)} ms against wrong password ${wrong.toFixed(1)} ms`)
  t.ok(unknown < wrong * 3, `unknown user ${unknown.toFixed(1)} ms is not far slower`)
})

t.test('missing or invalid fields are 400s', async (t) => {
  const longPassword = 'p'.repeat(1025)
  const cases: [string, unknown, RegExp][] = [
    ['no username', { password: 'x' }, /Invalid body field "username": missing; expected a string/],
    ['empty username', { username: '', password: 'x' }, /Invalid body field "username": ""/],
    ['no password', { username: 'ana.fr' }, /Invalid body field "password": missing; expected a string/],
    ['numeric password', { username: 'ana.fr', password: 12345678 }, /Invalid body field "password": not shown/],
    ['long password', { username: 'ana.fr', password: longPassword }, /"password": not shown; expected a string of 1 to 1024/],
    ['extra field', { username: 'ana.fr', password: 'x', role: 'admin' }, /Unknown body field "role"/],
    ['array body', ['ana.fr', 'x'], /Invalid body: expected a JSON object/],
  ]
  for (const [name, body, message] of cases) {
    const response = await signIn(body, nextAddress())
    t.equal(response.statusCode, 400, `${name} is a 400`)
    t.equal(response.json<{ code: string }>().code, 'MLN_INVALID_PARAMETER', `${name} code`)
    t.match(response.json<{ message: string }>().message, message, `${name} message`)
    t.notMatch(response.body, /12345678|ppppp/, `${name} does not echo the password`)
  }
})

t.test('sixth failure in a minute is a 429', async (t) => {
  const address = nextAddress()
  for (let attempt = 1; attempt <= FAILED_ATTEMPTS_PER_USERNAME; attempt += 1) {
    const response = await signIn({ username: 'maria.it', password: `guess ${attempt}` }, address)
    t.equal(response.statusCode, 401, `failure ${attempt} is a 401`)
  }

  const blocked = await signIn({ username: 'maria.it', password: 'guess 6' }, address)
  t.equal(blocked.statusCode, 429, 'the next attempt is a 429')
  t.equal(blocked.json<{ code: string }>().code, 'MLN_TOO_MANY_ATTEMPTS')
  const retryAfter = Number(blocked.headers['retry-after'])
  t.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${blocked.headers['retry-after']} is within the minute`)
  t.match(blocked.json<{ message: string }>().message, /try again in \d+ s/)

  const right = await signIn({ username: 'maria.it', password: PASSWORDS['maria.it'] }, nextAddress())
  t.equal(right.statusCode, 429, 'even the right password waits, from another address too')
  const other = await signIn({ username: 'viktor.de', password: PASSWORDS['viktor.de'] }, address)
  t.equal(other.statusCode, 200, 'another user from the same address may still sign in')
})

t.test('one address is limited across usernames', async (t) => {
  const address = nextAddress()
  for (let attempt = 1; attempt <= FAILED_ATTEMPTS_PER_ADDRESS; attempt += 1) {
    const response = await signIn({ username: `stranger-${attempt}`, password: 'guess' }, address)
    t.equal(response.statusCode, 401, `failure ${attempt} is a 401`)
  }
  const blocked = await signIn({ username: 'viktor.de', password: PASSWORDS['viktor.de'] }, address)
  t.equal(blocked.statusCode, 429, 'the address is blocked')
  const elsewhere = await signIn({ username: 'viktor.de', password: PASSWORDS['viktor.de'] }, nextAddress())
  t.equal(elsewhere.statusCode, 200, 'the same user signs in from another address')
})

t.test('users added later can sign in', async (t) => {
  const added: User = {
    username: 'nino.ge',
    role: 'investigator',
    ncb: 'GE',
    passwordHash: await hashPassword('added while running', FAST),
  }
  await writeUsersFile(usersFile, [...users, added])

  const response = await signIn({ username: 'nino.ge', password: 'added while running' }, nextAddress())
  t.equal(response.statusCode, 200, response.body)
  t.equal(response.json<{ role: string }>().role, 'investigator')
})

t.test('sign-in is off without a users file', async (t) => {
  const plain = await buildTestApp()
  t.teardown(() => plain.close())

  const methods = await plain.inject({ method: 'GET', url: '/api/auth/methods' })
  t.same(methods.json(), { token: true, password: false })

  const response = await signIn({ username: 'ana.fr', password: PASSWORDS['ana.fr'] }, nextAddress(), plain)
  t.equal(response.statusCode, 404)
  t.equal(response.json<{ code: string }>().code, 'MLN_SIGN_IN_DISABLED')
  t.match(response.json<{ message: string }>().message, /MILLENNIUM_USERS_FILE/)
})

t.test('invalid users file stops the start', async (t) => {
  const broken = path.join(folder, 'broken.json')
  writeFileSync(broken, JSON.stringify({ users: [{ username: 'x', role: 'root', ncb: null, passwordHash: 'plain' }] }))
  const config = { ...(await testConfig()), usersFile: broken }
  await t.rejects(
    buildApp({ config, database: null as unknown as Database, logger: false }),
    /MILLENNIUM_USERS_FILE.*users\.0\.role: one of viewer/,
  )

  const missing = path.join(folder, 'missing.json')
  await t.rejects(
    buildApp({ config: { ...config, usersFile: missing }, database: null as unknown as Database, logger: false }),
    /MILLENNIUM_USERS_FILE.*ENOENT.*millennium user add/,
  )
})

t.test('MILLENNIUM_USERS_FILE is checked at boot', async (t) => {
  const secret = { JWT_SECRET: 'x'.repeat(32) }
  t.equal(loadConfig(secret).usersFile, null, 'unset turns password sign-in off')
  t.equal(loadConfig({ ...secret, MILLENNIUM_USERS_FILE: '' }).usersFile, null, 'empty turns it off too')
  t.equal(
    loadConfig({ ...secret, MILLENNIUM_USERS_FILE: 'config/users.json' }).usersFile,
    path.join(PROJECT_ROOT, 'config', 'users.json'),
    'a relative path starts at the project folder',
  )
  t.throws(() => loadConfig({ ...secret, MILLENNIUM_USERS_FILE: 'config/' }), /MILLENNIUM_USERS_FILE \("config\/"\): must name a file/)
})

t.test('OpenAPI document lists the auth routes', async (t) => {
  const response = await app.inject({ method: 'GET', url: '/docs/json' })
  t.equal(response.statusCode, 200)
  const paths = response.json<{ paths: Record<string, Record<string, unknown>> }>().paths
  t.ok(paths['/api/auth/token']?.post, 'POST /api/auth/token is documented')
  t.ok(paths['/api/auth/methods']?.get, 'GET /api/auth/methods is documented')
  t.ok(paths['/api/stats/transfers']?.get, 'GET /api/stats/transfers is documented')
})
