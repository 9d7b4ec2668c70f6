/**
 * Hostile input through every parameter of every route. The routes come from the app's own
 * OpenAPI document, so a route added later fails here until it has a baseline request below.
 * For each path parameter, query parameter and body field, every value of HOSTILE_VALUES
 * replaces the baseline's value, once as an admin (so access rules hide nothing) and once as
 * a viewer of another country. Each response must be below 500, and a 400 must name the
 * parameter. The graph's fingerprint must be the same after the whole run: routes that write
 * (import, write-back) are checked for their documented effect request by request.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'
import { fingerprintGraph } from '../helpers/fingerprint.js'
import { removeFixtures } from '../routes/requests.js'

const SOURCE = 't-fuzz'
const PREFIX = 't-fuzz:'
const IMPORT_SOURCE = 't-fuzz-import'
const IMPORT_PREFIX = 't-fuzz-import:'

/** Written-back scores are the documented effect of POST /api/analytics/write-back. */
const WRITE_BACK_PREFIXES = ['score_', 'community_']

const NODES = [
  'id,type,name,ownerNcb,restrictedTo',
  `${PREFIX}boss,Person,Fuzz Boss,,`,
  `${PREFIX}aide,Person,Fuzz Aide,,`,
  `${PREFIX}hidden,Person,Fuzz Hidden,GE,GE`,
  `${PREFIX}clan,Group,Fuzz Clan,,`,
  `${PREFIX}firm,Company,Fuzz Firm,,`,
  `${PREFIX}acc-boss,Account,Boss account,,`,
  `${PREFIX}acc-firm,Account,Firm account,,`,
  `${PREFIX}acc-aide,Account,Aide account,,`,
].join('\n')

const EDGES = [
  'id,source,target,type,share:float,date:date,amount,currency,ownerNcb,restrictedTo',
  `${PREFIX}m1,${PREFIX}boss,${PREFIX}clan,MEMBER_OF,,,,,,`,
  `${PREFIX}m2,${PREFIX}aide,${PREFIX}clan,MEMBER_OF,,,,,,`,
  `${PREFIX}a1,${PREFIX}boss,${PREFIX}aide,ASSOCIATE_OF,,,,,,`,
  `${PREFIX}a2,${PREFIX}hidden,${PREFIX}boss,ASSOCIATE_OF,,,,,GE,GE`,
  `${PREFIX}o1,${PREFIX}boss,${PREFIX}firm,OWNS,0.6,,,,,`,
  `${PREFIX}h1,${PREFIX}boss,${PREFIX}acc-boss,HOLDS,,,,,,`,
  `${PREFIX}h2,${PREFIX}firm,${PREFIX}acc-firm,HOLDS,,,,,,`,
  `${PREFIX}h3,${PREFIX}aide,${PREFIX}acc-aide,HOLDS,,,,,,`,
  `${PREFIX}t1,${PREFIX}acc-boss,${PREFIX}acc-firm,TRANSFER,,2020-01-05,1000.00,EUR,,`,
  `${PREFIX}t2,${PREFIX}acc-firm,${PREFIX}acc-aide,TRANSFER,,2020-01-10,900.00,EUR,,`,
  `${PREFIX}t3,${PREFIX}acc-aide,${PREFIX}acc-boss,TRANSFER,,2020-01-20,850.00,EUR,,`,
].join('\n')

/** The import route's baseline file: graph JSON, whose fields are fuzzed like a body's. */
const IMPORT_BODY = {
  nodes: [
    { key: `${IMPORT_PREFIX}one`, attributes: { label: 'Person', name: 'Import One', nationality: 'GE' } },
    { key: `${IMPORT_PREFIX}two`, attributes: { label: 'Person', name: 'Import Two', nationality: 'DE' } },
  ],
  edges: [
    {
      key: `${IMPORT_PREFIX}e1`,
      source: `${IMPORT_PREFIX}one`,
      target: `${IMPORT_PREFIX}two`,
      attributes: { type: 'ASSOCIATE_OF', since: '2019-01-01', weight: 2 },
    },
  ],
}
const IMPORT_QUERY = { filename: 'fuzz.json', format: 'graph-json', source: IMPORT_SOURCE }

interface Baseline {
  params?: Record<string, string>
  query?: Record<string, string>
  body?: unknown
  /** Statuses the baseline itself may get (by default 200, 202 or 204). */
  statuses?: number[]
}

const DATES = { since: '2020-01-01', until: '2020-12-31' }

/** One valid request for every route of the OpenAPI document, keyed `METHOD path`. */
const BASELINES: Record<string, Baseline> = {
  'GET /': {},
  'GET /health': {},
  'GET /api/entities/{id}': { params: { id: `${PREFIX}boss` } },
  'GET /api/search': { query: { q: 'Fuzz', type: 'Person', limit: '5' } },
  'GET /api/graph/neighbourhood/{id}': { params: { id: `${PREFIX}boss` }, query: { depth: '2', limit: '50', types: 'MEMBER_OF,ASSOCIATE_OF' } },
  'GET /api/graph/overview': { query: { limit: '50', source: SOURCE } },
  'GET /api/paths/shortest': { query: { from: `${PREFIX}boss`, to: `${PREFIX}aide`, maxHops: '4', types: 'ASSOCIATE_OF,MEMBER_OF', all: 'true', limit: '5' } },
  'GET /api/analytics/centrality': { query: { measure: 'degree', limit: '10', source: SOURCE } },
  'GET /api/analytics/communities': { query: { algorithm: 'louvain', seed: '1', source: SOURCE } },
  'GET /api/analytics/brokers': { query: { measure: 'articulation-points', limit: '10', source: SOURCE } },
  'POST /api/analytics/disruption': { body: { measure: 'degree', strategy: 'static', blockSize: 1, maxSteps: 3, scope: { source: SOURCE } } },
  'POST /api/analytics/write-back': { body: { kind: 'centrality', parameters: { measure: 'degree', source: SOURCE } } },
  'POST /api/jobs': { body: { kind: 'centrality', parameters: { measure: 'degree', limit: 5, source: SOURCE } }, statuses: [202, 429] },
  'GET /api/jobs': {},
  'GET /api/jobs/{id}': { params: { id: 'JOB' } },
  'DELETE /api/jobs/{id}': { params: { id: 'JOB' }, statuses: [200, 202, 204, 404, 409] },
  'GET /api/queries': {},
  'POST /api/queries/{name}': { params: { name: 'group-members' }, body: { parameters: { id: `${PREFIX}clan` } } },
  'GET /api/stats': { query: { source: SOURCE } },
  'GET /api/stats/transfers': { query: { interval: 'month', currency: 'EUR', ...DATES, source: SOURCE } },
  'POST /api/import': { query: IMPORT_QUERY, body: IMPORT_BODY },
  'GET /api/money/patterns': { query: { type: 'fan-in', ...DATES, minCount: '2', limit: '10', source: SOURCE } },
  'GET /api/ownership/ultimate/{id}': { params: { id: `${PREFIX}firm` }, query: { threshold: '0.1', maxDepth: '5' } },
  'GET /api/money/flows': { query: { from: `${PREFIX}boss`, to: `${PREFIX}aide`, ...DATES, interval: 'month', maxHops: '3', currency: 'EUR' } },
  'GET /api/money/cycles': { query: { through: `${PREFIX}boss`, maxLength: '4', ...DATES, limit: '10' } },
  'GET /api/money/trace': { query: { from: `${PREFIX}boss`, direction: 'out', maxHops: '3', ...DATES, currency: 'EUR' } },
  'GET /api/geo': { query: { source: SOURCE, ...DATES, linksPerPlace: '10' } },
  'GET /api/auth/methods': {},
  'GET /api/health': {},
  'POST /api/auth/token': { body: { username: 'fuzz-user', password: 'a password of some length' }, statuses: [404] },
  'GET /api/review': { query: { kind: 'all', before: '2030-01-01T00:00:00Z', type: 'Person', limit: '10', offset: '0' } },
  'GET /api/audit': { query: { role: 'admin', method: 'GET', status: '200', from: '2020-01-01T00:00:00Z', limit: '5' } },
  'GET /api/duplicates': { query: { type: 'Person', minScore: '0.8', limit: '5', source: SOURCE } },
  'GET /api/export/{format}': { params: { format: 'gexf' }, query: { limit: '20', source: SOURCE, labels: 'Person', types: 'ASSOCIATE_OF' } },
  'POST /api/export/{format}': { params: { format: 'graphml' }, body: { nodes: [{ key: `${PREFIX}boss` }, { key: `${PREFIX}aide` }], edges: [] } },
  'GET /api/export/ftm': { query: { source: SOURCE } },
  'POST /api/export/ftm': { body: { ids: [`${PREFIX}boss`, `${PREFIX}firm`] } },
  // Merges of records that do not exist, so that the fuzz writes nothing: the baseline is a 404.
  'POST /api/entities/merge': { body: { keep: `${PREFIX}absent-1`, merge: `${PREFIX}absent-2` }, statuses: [404] },
  'POST /api/entities/merge/{id}/undo': { params: { id: '00000000-0000-4000-8000-000000000000' }, statuses: [404] },
  'GET /api/entities/merges': {},
}

/**
 * A hostile value in two forms: `query` is the text of a path or query parameter (`raw` is
 * put into the URL without encoding), `json` is a JSON fragment for a body field.
 */
interface HostileValue {
  name: string
  query?: string
  raw?: string
  repeat?: string[]
  json: string
}

function text(name: string, value: string): HostileValue {
  return { name, query: value, json: JSON.stringify(value) }
}

const NESTED = `${'['.repeat(1000)}${']'.repeat(1000)}`

const HOSTILE_VALUES: HostileValue[] = [
  text('single quote', "'"),
  text('double quote', '"'),
  text('quotes in a name', `O'Brien "the" boss`),
  text('backtick', '`'),
  text('backtick label', '`Entity`) DETACH DELETE n //'),
  text('Cypher injection', '}) MATCH (n) DETACH DELETE n //'),
  text('Cypher in a string', "' OR 1=1 WITH n MATCH (m) DETACH DELETE m //"),
  text('parameter name', '$viewer'),
  text('template', '{{visible n}}'),
  text('Lucene syntax', 'name:* OR id:[* TO *] AND fuzz~2 /.*/ \\'),
  text('Lucene wildcard', '*'),
  text('right-to-left override', 'boss\u202Egnp.exe'),
  text('NUL', 'boss\u0000'),
  { name: 'lone surrogate', raw: '%ED%A0%80', json: '"\\ud800"' },
  text('zero-width space', 'Fu\u200Bzz'),
  text('combining marks', 'Fu\u0301\u0302\u0303zz'),
  text('full-width digits', '\uFF11\uFF12'),
  text('NFKC lookalike', '\uFF26\uFF55\uFF5A\uFF5A \uFB01'),
  { name: '1e309', query: '1e309', json: '1e309' },
  { name: 'twenty digits', query: '99999999999999999999', json: '99999999999999999999' },
  { name: 'minus zero', query: '-0', json: '-0' },
  text('NaN', 'NaN'),
  text('Infinity', 'Infinity'),
  { name: 'negative count', query: '-1', json: '-1' },
  { name: 'fractional count', query: '1.5', json: '1.5' },
  { name: 'huge negative', query: '-99999999999999999999', json: '-1e309' },
  text('empty', ''),
  text('whitespace', '   '),
  text('100 kB', 'a'.repeat(100_000)),
  { name: 'repeated parameter', repeat: ['1', '2'], json: '[1, 2]' },
  { name: 'JSON array', query: '["a","b"]', json: '["a", "b"]' },
  { name: 'object', query: '{"a":1}', json: '{"a": 1}' },
  { name: 'nested depth 1000', query: NESTED, json: NESTED },
  text('__proto__', '__proto__'),
  text('constructor', 'constructor'),
  { name: 'prototype object', query: '{"__proto__":{"polluted":true}}', json: '{"__proto__": {"polluted": true}}' },
  { name: 'constructor object', query: '{"constructor":{"prototype":{"polluted":true}}}', json: '{"constructor": {"prototype": {"polluted": true}}}' },
  { name: 'null', query: 'null', json: 'null' },
  { name: 'true', query: 'true', json: 'true' },
]

/** Query parameter names that must be rejected as unknown on every route. */
const HOSTILE_NAMES = ['__proto__', 'constructor', 'prototype', 'limit[]', '$where']

interface Operation {
  method: string
  path: string
  pathParams: string[]
  queryParams: string[]
  bodyFields: string[][]
}

interface Defect {
  run: string
  route: string
  field: string
  value: string
  problem: string
}

let app: FastifyInstance
let jobId = 'none'

async function importFixture(file: string, text: string, contentType: string, query: Record<string, string>): Promise<void> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/import',
    query: { filename: file, ...query },
    headers: { ...bearer('admin'), 'content-type': contentType },
    payload: text,
  })
  const report = response.json<{ rejectedCount?: number }>()
  if (response.statusCode !== 200 || report.rejectedCount !== 0) {
    throw new Error(`Fixture ${file} was not imported cleanly: ${response.statusCode} ${response.body}`)
  }
}

async function importBaseline(): Promise<void> {
  await importFixture('fuzz.json', JSON.stringify(IMPORT_BODY), 'application/json', { format: 'graph-json', source: IMPORT_SOURCE })
}

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, PREFIX)
  await removeFixtures(app, IMPORT_PREFIX)
  await importFixture('t-fuzz-nodes.csv', `${NODES}\n`, 'text/csv', { source: SOURCE })
  await importFixture('t-fuzz-edges.csv', `${EDGES}\n`, 'text/csv', { source: SOURCE })
  await importBaseline()
  const job = await app.inject({ method: 'POST', url: '/api/jobs', headers: bearer('admin'), payload: BASELINES['POST /api/jobs']?.body as object })
  jobId = job.json<{ id: string }>().id
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await removeFixtures(app, IMPORT_PREFIX)
  await app.close()
})

function operations(): Operation[] {
  const document = app.swagger() as { paths: Record<string, Record<string, OpenApiOperation>> }
  const found: Operation[] = []
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = operation.parameters ?? []
      const baseline = BASELINES[`${method.toUpperCase()} ${path}`]
      const schema = operation.requestBody?.content?.['application/json']?.schema
      found.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((item) => item.in === 'path').map((item) => item.name),
        queryParams: parameters.filter((item) => item.in === 'query').map((item) => item.name),
        bodyFields: bodyFieldsOf(schema, baseline?.body),
      })
    }
  }
  return found
}

interface OpenApiOperation {
  parameters?: { in: string; name: string }[]
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> }
}

interface JsonSchema {
  properties?: Record<string, JsonSchema>
  oneOf?: JsonSchema[]
  anyOf?: JsonSchema[]
}

/** Lists the schema's top-level fields and every leaf of the baseline body (arrays by index). */
function bodyFieldsOf(schema: JsonSchema | undefined, body: unknown): string[][] {
  const fields = new Map<string, string[]>()
  const variants = schema === undefined ? [] : [schema, ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]
  for (const variant of variants) {
    for (const name of Object.keys(variant.properties ?? {})) {
      fields.set(name, [name])
    }
  }
  const visit = (value: unknown, path: string[]): void => {
    if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        visit(item, [...path, key])
      }
      return
    }
    if (path.length > 0) {
      fields.set(path.join('.'), path)
    }
  }
  visit(body, [])
  return [...fields.values()]
}

const MARKER = '\u0001hostile\u0001'

/** Writes the baseline body as JSON text with `field` set to the hostile JSON fragment. */
function bodyWith(body: unknown, field: string[], fragment: string): string {
  const copy = structuredClone(body ?? {}) as Record<string, unknown>
  let target: Record<string, unknown> = copy
  for (const key of field.slice(0, -1)) {
    const next = target[key]
    if (next === null || typeof next !== 'object') {
      target[key] = {}
    }
    target = target[key] as Record<string, unknown>
  }
  target[field[field.length - 1] as string] = MARKER
  return JSON.stringify(copy).replace(JSON.stringify(MARKER), fragment)
}

function urlOf(operation: Operation, params: Record<string, string>, query: Array<[string, string, boolean]>): string {
  let path = operation.path
  for (const name of operation.pathParams) {
    path = path.replace(`{${name}}`, params[name] ?? '')
  }
  if (query.length === 0) {
    return path
  }
  const pairs = query.map(([name, value, raw]) => `${encodeURIComponent(name)}=${raw ? value : encodeURIComponent(value)}`)
  return `${path}?${pairs.join('&')}`
}

function encodedParams(baseline: Baseline): Record<string, string> {
  const params = { ...baseline.params }
  for (const [name, value] of Object.entries(params)) {
    params[name] = encodeURIComponent(value === 'JOB' ? jobId : value)
  }
  return params
}

function baselineQuery(baseline: Baseline, except?: string): Array<[string, string, boolean]> {
  return Object.entries(baseline.query ?? {})
    .filter(([name]) => name !== except)
    .map(([name, value]) => [name, value, false])
}

interface Sent {
  route: string
  field: string
  value: string
  response: LightMyRequestResponse
}

async function send(operation: Operation, baseline: Baseline, headers: Record<string, string>): Promise<Sent[]> {
  const sent: Sent[] = []
  const isImport = operation.path === '/api/import'
  const payloadOf = (body: string | undefined) => (body === undefined ? {} : { payload: body })
  const contentType = (body: string | undefined) => (body === undefined ? {} : { 'content-type': 'application/json' })
  const baselineBody = baseline.body === undefined ? undefined : JSON.stringify(baseline.body)
  const request = async (field: string, value: string, url: string, body: string | undefined) => {
    const response = await app.inject({ method: operation.method as 'GET', url, headers: { ...headers, ...contentType(body) }, ...payloadOf(body) })
    sent.push({ route: `${operation.method} ${operation.path}`, field, value, response })
    if (isImport) {
      await checkImportEffect(field, value, response)
    }
  }

  for (const value of HOSTILE_VALUES) {
    for (const name of operation.pathParams) {
      const params = encodedParams(baseline)
      params[name] = value.raw ?? encodeURIComponent(value.query ?? value.repeat?.join(',') ?? '')
      await request(`path ${name}`, value.name, urlOf(operation, params, baselineQuery(baseline)), baselineBody)
    }
    for (const name of operation.queryParams) {
      const query = baselineQuery(baseline, name)
      if (value.repeat !== undefined) {
        query.push(...value.repeat.map((item): [string, string, boolean] => [name, item, false]))
      } else {
        query.push([name, value.raw ?? value.query ?? '', value.raw !== undefined])
      }
      await request(`query ${name}`, value.name, urlOf(operation, encodedParams(baseline), query), baselineBody)
    }
    for (const field of operation.bodyFields) {
      const body = bodyWith(baseline.body, field, value.json)
      await request(`body ${field.join('.')}`, value.name, urlOf(operation, encodedParams(baseline), baselineQuery(baseline)), body)
    }
  }
  for (const name of HOSTILE_NAMES) {
    const query = [...baselineQuery(baseline), [name, '1', false] as [string, string, boolean]]
    await request(`query name ${name}`, 'unknown name', urlOf(operation, encodedParams(baseline), query), baselineBody)
  }
  return sent
}

/**
 * Checks one import request's effect: nothing outside the import's own namespace and the
 * ids it named changed, then restores the baseline file so the next request starts alike.
 */
async function checkImportEffect(field: string, value: string, response: LightMyRequestResponse): Promise<void> {
  const outside = await countOutsideImport()
  if (outside.nodes !== importCounts.nodes || outside.relationships !== importCounts.relationships) {
    importDefects.push({ run: 'import', route: 'POST /api/import', field, value, problem: `changed records outside ${IMPORT_PREFIX}: ${JSON.stringify(outside)}` })
  }
  if (response.statusCode === 200) {
    await app.database.driver.executeQuery(
      `MATCH (n:Entity) WHERE (n.source = $source OR n.id STARTS WITH $prefix) AND NOT n.id IN $keep DETACH DELETE n`,
      { source: IMPORT_SOURCE, prefix: IMPORT_PREFIX, keep: IMPORT_BODY.nodes.map((node) => node.key) },
      { database: app.config.neo4j.database },
    )
    await app.database.driver.executeQuery(
      `MATCH (:Entity)-[r]->(:Entity) WHERE r.source = $source AND r.id <> $keep DELETE r`,
      { source: IMPORT_SOURCE, keep: IMPORT_BODY.edges[0]?.key },
      { database: app.config.neo4j.database },
    )
    await importBaseline()
  }
}

/** Counts the nodes and relationships outside the import's namespace. */
async function countOutsideImport(): Promise<{ nodes: number; relationships: number }> {
  const result = await app.database.driver.executeQuery(
    `MATCH (n:Entity) WHERE NOT (n.source = $source OR n.id STARTS WITH $prefix)
     WITH count(n) AS nodes
     OPTIONAL MATCH (a:Entity)-[r]->(b:Entity)
     WHERE NOT (coalesce(r.source, '') = $source OR coalesce(r.id, '') STARTS WITH $prefix)
     RETURN nodes, count(r) AS relationships`,
    { source: IMPORT_SOURCE, prefix: IMPORT_PREFIX },
    { database: app.config.neo4j.database },
  )
  const record = result.records[0]
  return { nodes: Number(record?.get('nodes')), relationships: Number(record?.get('relationships')) }
}

let importCounts = { nodes: 0, relationships: 0 }
const importDefects: Defect[] = []

/** Judges one response: below 500, and a 400 names the parameter. Returns the problem or null. */
function problemOf(sent: Sent): string | null {
  const status = sent.response.statusCode
  if (status >= 500) {
    return `status ${status}: ${sent.response.body.slice(0, 200)}`
  }
  if (status !== 400) {
    return null
  }
  const message = String(sent.response.json<{ message?: unknown }>().message ?? '')
  const name = sent.field.split(' ').pop()?.split('.').pop() ?? ''
  // Import rows are checked by the readers, which reject a file they cannot read as a whole.
  if (sent.field.startsWith('body ') && sent.route === 'POST /api/import') {
    return message.length > 0 ? null : 'empty message'
  }
  const named = new RegExp(`(^|[^\\w$])${name.replace(/[$[\]]/g, '\\$&')}($|[^\\w])`)
  return named.test(message) ? null : `400 without the parameter "${name}": ${message.slice(0, 200)}`
}

const RUNS = [
  { name: 'admin', headers: bearer('admin') },
  { name: 'viewer of FR', headers: bearer('viewer', 'FR') },
]

t.test('every route has a baseline request', async (t) => {
  const missing = operations()
    .map((operation) => `${operation.method} ${operation.path}`)
    .filter((key) => BASELINES[key] === undefined)
  t.same(missing, [], 'routes without a baseline in BASELINES')
})

t.test('baseline requests succeed as admin', async (t) => {
  for (const operation of operations()) {
    const key = `${operation.method} ${operation.path}`
    const baseline = BASELINES[key]
    if (baseline === undefined) {
      continue
    }
    const isImport = operation.path === '/api/import'
    const response = await app.inject({
      method: operation.method as 'GET',
      url: urlOf(operation, encodedParams(baseline), baselineQuery(baseline)),
      headers: { ...bearer('admin'), ...(baseline.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(baseline.body === undefined ? {} : { payload: JSON.stringify(baseline.body) }),
    })
    const allowed = baseline.statuses ?? [200, 202, 204]
    t.ok(allowed.includes(response.statusCode), `${key}: status ${response.statusCode} ${isImport ? '' : response.body.slice(0, 200)}`)
  }
})

t.test('hostile values in every parameter', async (t) => {
  const ignorePrefixes = WRITE_BACK_PREFIXES
  const driver = app.database.driver
  const database = app.config.neo4j.database
  const before = await fingerprintGraph(driver, { database, ignorePrefixes })
  importCounts = await countOutsideImport()
  t.ok(before.nodes >= 10, `fixture stored (${before.nodes} nodes)`)

  for (const run of RUNS) {
    const defects: Defect[] = []
    let requests = 0
    for (const operation of operations()) {
      const key = `${operation.method} ${operation.path}`
      const baseline = BASELINES[key]
      if (baseline === undefined) {
        continue
      }
      for (const sent of await send(operation, baseline, run.headers)) {
        requests += 1
        const problem = problemOf(sent)
        if (problem !== null) {
          defects.push({ run: run.name, route: key, field: sent.field, value: sent.value, problem })
        }
      }
    }
    t.ok(requests > 5000, `${run.name}: ${requests} requests sent`)
    t.same(defects.slice(0, 60), [], `${run.name}: no 5xx and every 400 names its parameter (${defects.length} defects)`)
  }

  t.same(importDefects.slice(0, 20), [], 'imports changed nothing outside their own records')
  const after = await fingerprintGraph(driver, { database, ignorePrefixes })
  t.equal(after.nodes, before.nodes, 'node count unchanged')
  t.equal(after.relationships, before.relationships, 'relationship count unchanged')
  t.equal(after.hash, before.hash, 'graph fingerprint unchanged')
})

t.test('write-back writes scores on its scope only', async (t) => {
  const driver = app.database.driver
  const database = app.config.neo4j.database
  const before = await fingerprintGraph(driver, { database })
  const response = await app.inject({
    method: 'POST',
    url: '/api/analytics/write-back',
    headers: bearer('admin'),
    payload: { kind: 'centrality', parameters: { measure: 'degree', source: `${SOURCE}-none` } },
  })
  t.equal(response.statusCode, 200, 'status')
  const after = await fingerprintGraph(driver, { database })
  t.equal(after.hash, before.hash, 'a scope with no nodes writes nothing')
})
