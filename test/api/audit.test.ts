/**
 * The audit trail. Reads by each role and writes are recorded with the caller, route,
 * parameters and exact counts, and tokens, passwords and secrets are never stored. Only
 * admins read the trail, and no other route returns audit events. Filters and paging select
 * exactly, and audit writes leave the graph version as it was.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { hashPassword } from '../../src/auth/passwords.js'
import { signToken, type Role } from '../../src/auth/tokens.js'
import { writeUsersFile } from '../../src/auth/users.js'
import { createDatabase } from '../../src/data/database.js'
import { createAuditRepository, type AuditEvent } from '../../src/data/repositories/audit.js'
import { createAuditTrail } from '../../src/services/audit.js'
import { buildTestApp } from '../helpers/app.js'
import { TEST_SECRET, testConfig } from '../helpers/neo4j.js'
import { expectError, removeFixtures } from '../routes/requests.js'

const PREFIX = 't-audit:'
const SOURCE = 't-audit'
/** Subjects are unique to this run, so that events of earlier runs never match a filter. */
const RUN = randomUUID().slice(0, 8)

interface Caller {
  role: Role
  ncb: string | null
  sub: string
  token: string
}

function caller(role: Role, ncb: string | null): Caller {
  const sub = `audit-${RUN}-${role}`
  return { role, ncb, sub, token: signToken(TEST_SECRET, { sub, role, ncb, lifetimeSeconds: 600 }) }
}

const VIEWER = caller('viewer', 'DE')
const ANALYST = caller('analyst', 'FR')
const INVESTIGATOR = caller('investigator', 'IT')
const EDITOR = caller('editor', 'FR')
const ADMIN = caller('admin', null)
const CALLERS = [VIEWER, ANALYST, INVESTIGATOR, EDITOR, ADMIN]
const NON_ADMINS = [VIEWER, ANALYST, INVESTIGATOR, EDITOR]

/** Four persons around `hub`: one of them FR's alone, behind an open MET link. */
const NODES = [
  'id,type,name,ownerNcb,restrictedTo',
  't-audit:hub,Person,Audit Hub,,',
  't-audit:b,Person,Audit B,,',
  't-audit:c,Person,Audit C,,',
  't-audit:fr,Person,Audit French,FR,FR',
].join('\n')

const EDGES = [
  'id,source,target,type',
  't-audit:hub-b,t-audit:hub,t-audit:b,MET',
  't-audit:hub-c,t-audit:hub,t-audit:c,MET',
  't-audit:hub-fr,t-audit:hub,t-audit:fr,MET',
].join('\n')

/** Nodes plus links around the hub at depth 1: three nodes and two links, or all four and three for FR and admins. */
const NEIGHBOURHOOD_COUNT: Record<Role, number> = { viewer: 5, analyst: 7, investigator: 5, editor: 7, admin: 7 }

let app: FastifyInstance

function headers(user: Caller): { authorization: string } {
  return { authorization: `Bearer ${user.token}` }
}

async function importCsv(user: Caller, filename: string, text: string) {
  return app.inject({
    method: 'POST',
    url: '/api/import',
    query: { filename, source: SOURCE },
    headers: { ...headers(user), 'content-type': 'text/csv' },
    payload: text,
  })
}

interface ListedEvent extends Omit<AuditEvent, 'parameters' | 'changes'> {
  parameters: { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: Record<string, unknown> }
  changes: Record<string, unknown> | null
}

async function listEvents(query: Record<string, string>, target: FastifyInstance = app) {
  const response = await target.inject({ method: 'GET', url: '/api/audit', query, headers: headers(ADMIN) })
  if (response.statusCode !== 200) {
    throw new Error(`GET /api/audit failed with status ${response.statusCode}: ${response.body}`)
  }
  return response.json<{ events: ListedEvent[]; nextCursor: string | null }>()
}

/** Reads every stored audit event as text, straight from Neo4j. */
async function storedEventsText(target: FastifyInstance = app): Promise<string> {
  await target.audit.flush()
  const result = await target.database.driver.executeQuery(
    'MATCH (a:AuditEvent) RETURN collect(properties(a)) AS events',
    {},
    { database: target.config.neo4j.database },
  )
  return JSON.stringify(result.records[0]?.get('events'), (_key, value: unknown) =>
    typeof value === 'object' && value !== null && 'toString' in value && !Array.isArray(value) && value.constructor.name !== 'Object'
      ? String(value)
      : value,
  )
}

async function countStoredEvents(): Promise<number> {
  const result = await app.database.driver.executeQuery('MATCH (a:AuditEvent) RETURN count(a) AS n', {}, { database: app.config.neo4j.database })
  return (result.records[0]?.get('n') as { toNumber(): number }).toNumber()
}

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, PREFIX)
  for (const [file, text] of [['nodes.csv', NODES], ['edges.csv', EDGES]] as const) {
    const response = await importCsv(ADMIN, file, text)
    if (response.statusCode !== 200) {
      throw new Error(`fixture import failed: ${response.body}`)
    }
  }
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await app.close()
})

t.test('read by each role is recorded', async (t) => {
  for (const user of CALLERS) {
    const response = await app.inject({
      method: 'GET',
      url: '/api/graph/neighbourhood/t-audit:hub',
      query: { depth: '1', limit: '50' },
      headers: headers(user),
    })
    t.equal(response.statusCode, 200, `${user.role}: status 200`)
    const graph = response.json<{ graph: { nodes: unknown[]; edges: unknown[] } }>().graph
    t.equal(graph.nodes.length + graph.edges.length, NEIGHBOURHOOD_COUNT[user.role], `${user.role}: records returned`)
  }

  for (const user of CALLERS) {
    const { events } = await listEvents({ sub: user.sub, route: '/api/graph/neighbourhood/:id' })

    t.equal(events.length, 1, `${user.role}: one event`)
    const event = events[0] as ListedEvent
    t.equal(event.sub, user.sub, `${user.role}: sub`)
    t.equal(event.role, user.role, `${user.role}: role`)
    t.equal(event.ncb, user.ncb, `${user.role}: ncb`)
    t.equal(event.method, 'GET', `${user.role}: method`)
    t.equal(event.status, 200, `${user.role}: status`)
    t.equal(event.code, null, `${user.role}: no error code`)
    t.same(event.parameters, { params: { id: 't-audit:hub' }, query: { depth: '1', limit: '50' } }, `${user.role}: parameters`)
    t.equal(event.count, NEIGHBOURHOOD_COUNT[user.role], `${user.role}: count`)
    t.match(event.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, `${user.role}: UTC instant`)
    t.ok(Math.abs(Date.parse(event.at) - Date.now()) < 60_000, `${user.role}: recorded within the last minute`)
  }
})

t.test('import records what it changed', async (t) => {
  const text = ['id,type,name', 't-audit:new-1,Person,Imported One', 't-audit:new-2,Person,Imported Two'].join('\n')

  const first = await importCsv(EDITOR, 'new.csv', text)
  const second = await importCsv(EDITOR, 'new.csv', text)

  t.equal(first.statusCode, 200, 'first import succeeds')
  t.equal(second.statusCode, 200, 'second import succeeds')
  const { events } = await listEvents({ sub: EDITOR.sub, route: '/api/import' })
  t.equal(events.length, 2, 'two import events')
  const [again, created] = events as [ListedEvent, ListedEvent]
  t.equal(created.count, 2, 'first import: two records created')
  t.same(
    created.changes,
    { nodes: { created: 2, updated: 0, unchanged: 0 }, relationships: { created: 0, updated: 0, unchanged: 0 }, rejected: 0 },
    'first import: changes',
  )
  t.equal(again.count, 0, 'second import: nothing changed')
  t.same(again.changes, { nodes: { created: 0, updated: 0, unchanged: 2 }, relationships: { created: 0, updated: 0, unchanged: 0 }, rejected: 0 })
  t.same(created.parameters.body, { contentType: 'text/csv', bytes: Buffer.byteLength(text) }, 'body by type and size')
  t.same(created.parameters.query, { filename: 'new.csv', source: SOURCE }, 'query recorded')
  t.notMatch(JSON.stringify(created.parameters), /Imported One/, 'no file content stored')
})

t.test('write-back records what it changed', async (t) => {
  // IT can read the three open persons and FR's two open imports, but may change only the three without an owner.
  const response = await app.inject({
    method: 'POST',
    url: '/api/analytics/write-back',
    headers: headers(INVESTIGATOR),
    payload: { kind: 'communities', parameters: { algorithm: 'wcc', source: SOURCE } },
  })

  t.equal(response.statusCode, 200, 'write-back succeeds')
  t.match(response.json(), { property: 'community_wcc', written: 3, skipped: 2 }, 'written and skipped')
  const { events } = await listEvents({ sub: INVESTIGATOR.sub, route: '/api/analytics/write-back' })
  t.equal(events.length, 1, 'one event')
  t.equal(events[0]?.count, 3, 'count is the records written')
  t.same(events[0]?.changes, { property: 'community_wcc', written: 3, skipped: 2 }, 'changes')
  t.same(events[0]?.parameters.body, { kind: 'communities', parameters: { algorithm: 'wcc', source: SOURCE } }, 'body fields')
})

t.test('failed token attempts are recorded without the token', async (t) => {
  const forged = signToken('another-secret-that-is-at-least-32-bytes-long', { sub: `forger-${RUN}`, role: 'admin', ncb: null, lifetimeSeconds: 600 })
  const since = new Date().toISOString()

  const rejected = await app.inject({ method: 'GET', url: '/api/stats', headers: { authorization: `Bearer ${forged}` } })
  const missing = await app.inject({ method: 'GET', url: '/api/stats' })

  expectError(t, rejected, 401, 'MLN_TOKEN_INVALID')
  expectError(t, missing, 401, 'MLN_UNAUTHORIZED')
  const { events } = await listEvents({ route: '/api/stats', status: '401', from: since })
  t.equal(events.length, 2, 'both attempts recorded')
  t.same(events.map((event) => event.code).sort(), ['MLN_TOKEN_INVALID', 'MLN_UNAUTHORIZED'], 'codes')
  t.same(events.map((event) => event.sub), [null, null], 'no caller')
  t.same(events.map((event) => event.count), [0, 0], 'nothing returned')
  t.equal((await storedEventsText()).includes(forged), false, 'forged token not stored')
  t.notMatch(await storedEventsText(), /forger-/, 'unverified claims not stored')
})

t.test('sign-in is recorded with its outcome, never the password', async (t) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'millennium-audit-users-'))
  t.teardown(() => rmSync(folder, { recursive: true, force: true }))
  const usersFile = path.join(folder, 'users.json')
  const password = `audit-password-${RUN}-correct`
  const wrong = `audit-password-${RUN}-wrong`
  const username = `audit.${RUN}`
  await writeUsersFile(usersFile, [
    { username, role: 'investigator', ncb: 'IT', passwordHash: await hashPassword(password, { logCost: 14, blockSize: 8, parallelization: 1 }) },
  ])
  const signInApp = await buildTestApp({ config: { usersFile } })
  t.teardown(() => signInApp.close())

  const failed = await signInApp.inject({ method: 'POST', url: '/api/auth/token', payload: { username, password: wrong } })
  const succeeded = await signInApp.inject({ method: 'POST', url: '/api/auth/token', payload: { username, password } })
  const token = succeeded.json<{ token: string }>().token
  // A caller who pastes a token into a search box or a canned query's parameters.
  const search = await signInApp.inject({ method: 'GET', url: '/api/search', query: { q: token }, headers: { authorization: `Bearer ${token}` } })
  const query = await signInApp.inject({
    method: 'POST',
    url: '/api/queries/group-members',
    payload: { parameters: { id: `x${token}`, token: 'plain' } },
    headers: { authorization: `Bearer ${token}` },
  })

  t.equal(failed.statusCode, 401, 'wrong password: 401')
  t.equal(succeeded.statusCode, 200, 'right password: 200')
  t.equal(search.statusCode, 400, 'search with the token as text: 400, longer than a search text')
  t.equal(query.statusCode, 400, 'canned query with an unknown parameter: 400')
  const { events } = await listEvents({ route: '/api/auth/token', sub: username }, signInApp)
  t.equal(events.length, 1, 'successful sign-in names the user')
  t.equal(events[0]?.role, 'investigator', 'role of the user')
  t.equal(events[0]?.ncb, 'IT', 'ncb of the user')
  t.same(events[0]?.parameters.body, { username, password: '[redacted]' }, 'password redacted')
  const all = await listEvents({ route: '/api/auth/token', status: '401' }, signInApp)
  const attempt = all.events.find((event) => event.parameters.body?.username === username)
  t.ok(attempt, 'failed sign-in recorded')
  t.equal(attempt?.code, 'MLN_INVALID_CREDENTIALS', 'failed sign-in code')
  t.equal(attempt?.sub, null, 'failed sign-in has no caller')
  const searches = await listEvents({ route: '/api/search', sub: username }, signInApp)
  t.same(searches.events[0]?.parameters.query, { q: '[redacted]' }, 'token in a query value redacted')
  const queries = await listEvents({ route: '/api/queries/:name', sub: username }, signInApp)
  t.same(queries.events[0]?.parameters.body, { parameters: { id: '[redacted]', token: '[redacted]' } }, 'token in body redacted')
  t.equal(queries.events[0]?.sub, username, 'a 400 still names the verified caller')

  const stored = await storedEventsText(signInApp)
  const secrets = [password, wrong, token, TEST_SECRET, (await testConfig()).neo4j.password, ...CALLERS.map((user) => user.token)]
  for (const secret of secrets) {
    t.equal(stored.includes(secret), false, `no stored event contains the secret beginning "${secret.slice(0, 6)}"`)
  }
})

t.test('only admins read the trail', async (t) => {
  for (const user of NON_ADMINS) {
    const response = await app.inject({ method: 'GET', url: '/api/audit', headers: headers(user) })
    expectError(t, response, 403, 'MLN_FORBIDDEN')
  }

  for (const user of NON_ADMINS) {
    const { events } = await listEvents({ sub: user.sub, route: '/api/audit' })
    t.equal(events.length, 1, `${user.role}: the denied attempt is recorded`)
    t.equal(events[0]?.status, 403, `${user.role}: status 403`)
    t.equal(events[0]?.code, 'MLN_FORBIDDEN', `${user.role}: code`)
  }
  const own = await listEvents({ sub: ADMIN.sub, route: '/api/audit', status: '200' })
  t.ok(own.events.length >= 5, "admins' reads of the trail are recorded too")
})

t.test('no other route returns audit events', async (t) => {
  const { events } = await listEvents({ sub: VIEWER.sub, limit: '1' })
  const auditId = (events[0] as ListedEvent).id
  const admin = headers(ADMIN)

  const entity = await app.inject({ method: 'GET', url: `/api/entities/${auditId}`, headers: admin })
  const neighbourhood = await app.inject({ method: 'GET', url: `/api/graph/neighbourhood/${auditId}`, headers: admin })
  const paths = await app.inject({ method: 'GET', url: '/api/paths/shortest', query: { from: auditId, to: 't-audit:hub' }, headers: admin })
  const search = await app.inject({ method: 'GET', url: '/api/search', query: { q: VIEWER.sub }, headers: admin })
  const overview = await app.inject({ method: 'GET', url: '/api/graph/overview', query: { limit: '10000' }, headers: admin })
  const stats = await app.inject({ method: 'GET', url: '/api/stats', headers: admin })

  expectError(t, entity, 404, 'MLN_NOT_FOUND')
  expectError(t, neighbourhood, 404, 'MLN_NOT_FOUND')
  t.equal(paths.statusCode, 404, 'no path from an audit event')
  t.same(search.json<{ results: unknown[] }>().results, [], 'search finds no audit event')
  t.equal(overview.statusCode, 200, 'overview: 200')
  t.notMatch(overview.body, /AuditEvent/, 'overview has no audit event')
  t.equal(overview.body.includes(auditId), false, 'overview has no audit id')
  t.notMatch(stats.body, /AuditEvent/, 'stats count no audit events')

  const list = await app.inject({ method: 'GET', url: '/api/queries', headers: admin })
  const queries = list.json<{ queries: { name: string; parameters: { name: string; type: string; min?: number; values?: string[]; default?: string }[] }[] }>().queries
  t.ok(queries.length >= 10, 'canned queries listed')
  for (const query of queries) {
    const parameters: Record<string, string | number | boolean> = {}
    for (const parameter of query.parameters.filter((item) => item.default === undefined)) {
      const values: Record<string, string | number | boolean> = {
        string: auditId,
        integer: parameter.min ?? 1,
        number: parameter.min ?? 1,
        boolean: true,
        date: '2020-01-01',
        currency: 'EUR',
        enum: parameter.values?.[0] ?? '',
      }
      parameters[parameter.name] = values[parameter.type] ?? auditId
    }
    const response = await app.inject({ method: 'POST', url: `/api/queries/${query.name}`, payload: { parameters }, headers: admin })
    t.equal(response.statusCode, 200, `${query.name}: 200`)
    t.equal(response.body.includes(auditId) || response.body.includes(RUN), false, `${query.name}: no audit event in the rows`)
  }
})

t.test('no route returns audit fields', async (t) => {
  const { events } = await listEvents({ sub: VIEWER.sub, limit: '1' })
  const auditId = (events[0] as ListedEvent).id
  type Operation = { parameters?: { in: string; name: string; required?: boolean; schema?: { type?: string } }[] }
  const document = app.swagger() as { paths: Record<string, Record<string, Operation>> }
  let tried = 0

  // Every GET route from the OpenAPI document, so that routes added later are covered too.
  for (const [route, operations] of Object.entries(document.paths)) {
    const operation = operations.get
    if (operation === undefined || route === '/api/audit' || !route.startsWith('/api/')) {
      continue
    }
    const query: Record<string, string> = {}
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in === 'query' && parameter.required === true) {
        query[parameter.name] = auditId
      }
    }
    const url = route.replace(/\{[^}]+\}/g, encodeURIComponent(auditId))

    const response = await app.inject({ method: 'GET', url, query, headers: headers(ADMIN) })

    tried += 1
    t.ok(response.statusCode < 500, `GET ${route}: no server error`)
    t.equal(response.body.includes(VIEWER.sub), false, `GET ${route}: no audit event's subject`)
    t.notMatch(response.body, /AuditEvent/, `GET ${route}: no audit label`)
  }
  t.ok(tried >= 15, `${tried} routes tried`)
})

t.test('filters select exactly', async (t) => {
  const from = new Date().toISOString()
  await app.inject({ method: 'GET', url: '/api/search', query: { q: 'Audit' }, headers: headers(VIEWER) })
  await app.inject({ method: 'GET', url: '/api/search', query: { q: 'Hub' }, headers: headers(VIEWER) })
  await app.inject({ method: 'GET', url: '/api/search', query: { q: 'Hub', limit: '0' }, headers: headers(VIEWER) })
  await app.inject({ method: 'GET', url: '/api/entities/t-audit:fr', headers: headers(ANALYST) })
  await app.inject({ method: 'GET', url: '/api/entities/t-audit:fr', headers: headers(INVESTIGATOR) })
  await new Promise((resolve) => setTimeout(resolve, 5))
  const to = new Date().toISOString()
  const window = { from, to }

  const cases: [string, Record<string, string>, number][] = [
    ['window alone', {}, 5],
    ['sub', { sub: VIEWER.sub }, 3],
    ['role', { role: 'analyst' }, 1],
    ['ncb', { ncb: 'DE' }, 3],
    ['route', { route: '/api/entities/:id' }, 2],
    ['method', { method: 'GET' }, 5],
    ['method without events', { method: 'POST' }, 0],
    ['status 200', { status: '200' }, 3],
    ['status 404', { status: '404' }, 1],
    ['status 400', { status: '400' }, 1],
    ['status and sub', { status: '400', sub: VIEWER.sub }, 1],
    ['limit', { limit: '2' }, 2],
    ['offset', { offset: '4' }, 1],
  ]
  for (const [name, filter, expected] of cases) {
    const { events } = await listEvents({ ...window, ...filter })
    t.equal(events.length, expected, `${name}: ${expected} events`)
  }

  const all = await listEvents(window)
  const times = all.events.map((event) => Date.parse(event.at))
  t.same(times, [...times].sort((a, b) => b - a), 'newest first')
  t.equal(all.events.find((event) => event.status === 404)?.sub, INVESTIGATOR.sub, 'FR record hidden from IT: 404')
  t.equal(all.events.find((event) => event.status === 404)?.count, 0, '404 returns no records')

  const seen: string[] = []
  let page = await listEvents({ ...window, limit: '2' })
  seen.push(...page.events.map((event) => event.id))
  while (page.nextCursor !== null) {
    page = await listEvents({ ...window, limit: '2', cursor: page.nextCursor })
    seen.push(...page.events.map((event) => event.id))
  }
  t.same(seen, all.events.map((event) => event.id), 'cursor pages give every event once, in order')
})

t.test('rejected bodies are summarised', async (t) => {
  const sub = `audit-${RUN}-bodies`
  const token = signToken(TEST_SECRET, { sub, role: 'analyst', ncb: null, lifetimeSeconds: 600 })
  const authorization = `Bearer ${token}`

  const xml = await app.inject({
    method: 'POST',
    url: '/api/queries/group-members',
    headers: { authorization, 'content-type': 'application/xml' },
    payload: '<parameters id="t-audit:hub"/>',
  })
  const large = await app.inject({
    method: 'POST',
    url: '/api/analytics/disruption',
    headers: { authorization },
    payload: { remove: Array.from({ length: 2000 }, (_, index) => `${PREFIX}missing-${index}`), scope: { source: SOURCE } },
  })

  expectError(t, xml, 415, 'MLN_UNSUPPORTED_MEDIA_TYPE')
  t.equal(large.statusCode < 500, true, 'large body: no server error')
  const { events } = await listEvents({ sub })
  t.equal(events.length, 2, 'both recorded')
  const [disruption, query] = events as [ListedEvent, ListedEvent]
  t.same(query.parameters.body, { contentType: 'application/xml', bytes: 30 }, 'unparsed body by type and size')
  t.equal(query.code, 'MLN_UNSUPPORTED_MEDIA_TYPE', 'code of the unparsed body')
  const removed = (disruption.parameters.body?.remove ?? []) as string[]
  t.equal(removed.length, 51, 'a long list keeps 50 items and a marker')
  t.equal(removed[50], '[1950 more items]', 'marker counts the rest')
})

t.test('audit query rejects invalid filters', async (t) => {
  const cases: [Record<string, string>, string][] = [
    [{ limit: '0' }, 'limit'],
    [{ limit: '1001' }, 'limit'],
    [{ offset: '-1' }, 'offset'],
    [{ from: 'yesterday' }, 'from'],
    [{ role: 'root' }, 'role'],
    [{ ncb: 'fr' }, 'ncb'],
    [{ status: '2000' }, 'status'],
    [{ cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
    [{ cursor: 'WyIyMDI2LTAxLTAxVDAwOjAwOjAwWiIsImEiXQ', offset: '1' }, 'offset'],
    [{ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'to'],
    [{ verb: 'DELETE' }, 'verb'],
  ]
  for (const [query, name] of cases) {
    const response = await app.inject({ method: 'GET', url: '/api/audit', query, headers: headers(ADMIN) })
    const body = expectError(t, response, 400, 'MLN_INVALID_PARAMETER')
    t.match(body.message, name, `${JSON.stringify(query)}: message names ${name}`)
  }
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    const response = await app.inject({ method, url: '/api/audit', headers: headers(ADMIN) })
    t.equal(response.statusCode, 404, `${method} /api/audit: no such route`)
  }
})

t.test('audit writes leave the graph version', async (t) => {
  await app.audit.flush()
  const before = await app.database.graphVersion()
  const storedBefore = await countStoredEvents()

  for (let index = 0; index < 20; index += 1) {
    await app.inject({ method: 'GET', url: '/api/entities/t-audit:b', headers: headers(VIEWER) })
  }
  await app.audit.flush()

  t.equal(await countStoredEvents(), storedBefore + 20, 'twenty events stored')
  t.equal(await app.database.graphVersion(), before, 'graph version unchanged')
})

t.test('closing the app writes buffered events', async (t) => {
  const closing = await buildTestApp({ config: {} })
  const sub = `audit-${RUN}-closing`
  const token = signToken(TEST_SECRET, { sub, role: 'viewer', ncb: null, lifetimeSeconds: 600 })

  await closing.inject({ method: 'GET', url: '/api/entities/t-audit:c', headers: { authorization: `Bearer ${token}` } })
  await closing.close()

  const { events } = await listEvents({ sub })
  t.equal(events.length, 1, 'event written on close')
})

t.test('unreachable Neo4j keeps a bounded buffer', async (t) => {
  const config = await testConfig()
  // Nothing listens on port 1 of the loopback address, so every write fails at once.
  const database = createDatabase({ ...config.neo4j, uri: 'bolt://127.0.0.1:1', transactionTimeoutMs: 1000 })
  t.teardown(() => database.close())
  const logged: { message: string; object: Record<string, unknown> }[] = []
  const log = {
    info: (object: object, message: string) => logged.push({ message, object: object as Record<string, unknown> }),
    warn: (object: object, message: string) => logged.push({ message, object: object as Record<string, unknown> }),
    error: (object: object, message: string) => logged.push({ message, object: object as Record<string, unknown> }),
  }
  const trail = createAuditTrail(createAuditRepository(database), { log, maxBuffered: 5, batchSize: 2, flushIntervalMs: 60_000, closeTimeoutMs: 30_000 })
  const event = (index: number): AuditEvent => ({
    id: `unreachable-${index}`,
    at: new Date().toISOString(),
    sub: 'someone',
    role: 'viewer',
    ncb: null,
    address: '127.0.0.1',
    method: 'GET',
    route: '/api/stats',
    parameters: '{}',
    status: 200,
    code: null,
    count: 1,
    changes: null,
    durationMs: 1,
    requestId: `req-${index}`,
  })

  for (let index = 0; index < 8; index += 1) {
    trail.record(event(index))
  }
  await t.rejects(trail.flush(), 'flush rejects while Neo4j is unreachable')

  t.same(trail.status(), { buffered: 5, dropped: 3, failedWrites: 2 }, 'five kept, three dropped, two writes failed')
  const dropped = logged.filter((entry) => entry.message.startsWith('audit event not stored')).map((entry) => (entry.object.auditEvent as AuditEvent).id)
  t.same(dropped, ['unreachable-0', 'unreachable-1', 'unreachable-2'], 'the oldest are dropped and logged')
  t.equal(logged.filter((entry) => entry.message.startsWith('failed to write audit events')).length, 1, 'only the first failure logged')

  await trail.close()
  t.equal(trail.status().dropped, 8, 'events left on close are logged as dropped')
})

t.test('trail retries until Neo4j takes the events', async (t) => {
  const repository = createAuditRepository(app.database)
  let failuresLeft = 2
  // The first two appends fail as a lost connection would, then events go to the real Neo4j.
  const flaky = {
    ...repository,
    append: async (events: readonly AuditEvent[]) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1
        throw new Error('connection lost')
      }
      await repository.append(events)
    },
  }
  const messages: string[] = []
  const log = { info: (_: object, message: string) => messages.push(message), warn: () => undefined, error: (_: object, message: string) => messages.push(message) }
  const trail = createAuditTrail(flaky, { log, flushIntervalMs: 10, maxRetryDelayMs: 50 })
  const sub = `audit-${RUN}-retried`
  const at = new Date().toISOString()

  for (let index = 0; index < 3; index += 1) {
    trail.record({
      id: randomUUID(),
      at,
      sub,
      role: 'viewer',
      ncb: null,
      address: '127.0.0.1',
      method: 'GET',
      route: '/api/stats',
      parameters: JSON.stringify({ query: { index } }),
      status: 200,
      code: null,
      count: 1,
      changes: null,
      durationMs: 1,
      requestId: `retried-${index}`,
    })
  }
  const deadline = Date.now() + 5000
  while (trail.status().buffered > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  await trail.close()

  t.same(trail.status(), { buffered: 0, dropped: 0, failedWrites: 0 }, 'all written, none dropped')
  t.same(messages, ['failed to write audit events to Neo4j, so they stay buffered for a retry', 'audit trail writes to Neo4j again'], 'failure and recovery logged')
  const { events } = await listEvents({ sub })
  t.equal(events.length, 3, 'each event stored once')
  t.same(events.map((event) => event.requestId).sort(), ['retried-0', 'retried-1', 'retried-2'], 'the three events')
})
