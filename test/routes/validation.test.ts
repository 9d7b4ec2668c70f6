/**
 * Hostile input through every query and path parameter of every GET route. No input may
 * cause a 5xx. A value that the parameter does not accept is a 400 MLN_INVALID_PARAMETER
 * whose message names the parameter. Text that is merely odd (search text, ids) is a 200
 * or a 404. At the end, the fixture nodes must be exactly as they were.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'
import { importCsv, removeFixtures } from './requests.js'

const PREFIX = 't-validation:'
const SOURCE = 't-validation'
const ANCHOR = 't-validation:anchor'
const OTHER = 't-validation:other'

interface HostileValue {
  description: string
  value: string
}

const HOSTILE: HostileValue[] = [
  { description: 'single quote', value: "'" },
  { description: 'double quote', value: '"' },
  { description: 'backtick', value: '`' },
  { description: 'Cypher OR injection', value: "x' OR 1=1 //" },
  { description: 'Cypher DETACH DELETE injection', value: '}) MATCH (n) DETACH DELETE n //' },
  { description: 'label injection', value: 'Person`) DETACH DELETE (n' },
  { description: 'right-to-left override', value: '\u202Egpj.exe' },
  { description: 'zero-width space', value: 'a\u200Bb' },
  { description: 'NUL byte', value: 'a\u0000b' },
  { description: 'lone surrogate', value: '\uD800' },
  { description: '1e309', value: '1e309' },
  { description: '20-digit number', value: '99999999999999999999' },
  { description: 'NaN', value: 'NaN' },
  { description: 'Infinity', value: 'Infinity' },
  { description: 'negative', value: '-1' },
  { description: 'fraction', value: '1.5' },
  { description: 'hexadecimal', value: '0x10' },
  { description: 'leading space', value: ' 3' },
  { description: 'empty', value: '' },
  { description: '10,000 characters', value: 'x'.repeat(10_000) },
  { description: 'unknown word', value: 'bogus' },
  { description: 'known and unknown label', value: 'Person,Pirate' },
  { description: 'known and unknown type', value: 'MEMBER_OF,DELETE' },
  { description: 'internal Entity label', value: 'Entity' },
]

/**
 * What a parameter accepts, as the descriptions of the hostile values it takes. Every other
 * hostile value must be rejected with a 400 naming the parameter.
 */
type Kind = 'integer' | 'number' | 'boolean' | 'enum' | 'list' | 'source' | 'property' | 'text'

const ACCEPTED: Record<Kind, string[]> = {
  integer: [],
  // resolution takes 0.01 to 100.
  number: ['fraction'],
  boolean: [],
  enum: [],
  // An empty list means no filter.
  list: ['empty'],
  // Dataset names are letters, digits, ".", ":", "_" or "-", at most 64.
  source: ['1e309', '20-digit number', 'NaN', 'Infinity', 'negative', 'fraction', 'hexadecimal', 'unknown word', 'internal Entity label'],
  // Relationship property names start with a letter.
  property: ['NaN', 'Infinity', 'unknown word', 'internal Entity label'],
  // Search text and ids take anything from 1 to 200 characters.
  text: HOSTILE.map((hostile) => hostile.description).filter((description) => !['empty', '10,000 characters'].includes(description)),
}

interface RouteCase {
  path: string
  /** Valid values of the required parameters; each parameter below replaces its own. */
  base: Record<string, string>
  parameters: Record<string, Kind>
}

const ROUTES: RouteCase[] = [
  { path: '/api/search', base: { q: 'Validation' }, parameters: { q: 'text', type: 'list', limit: 'integer' } },
  {
    path: `/api/graph/neighbourhood/${ANCHOR}`,
    base: {},
    parameters: { depth: 'integer', limit: 'integer', types: 'list' },
  },
  { path: '/api/graph/overview', base: { source: SOURCE }, parameters: { limit: 'integer', source: 'source' } },
  {
    path: '/api/paths/shortest',
    base: { from: ANCHOR, to: OTHER },
    parameters: {
      from: 'text',
      to: 'text',
      maxHops: 'integer',
      types: 'list',
      excludeTypes: 'list',
      all: 'boolean',
      limit: 'integer',
    },
  },
  {
    path: '/api/analytics/centrality',
    base: { measure: 'degree', source: SOURCE },
    parameters: {
      measure: 'enum',
      limit: 'integer',
      normalized: 'boolean',
      labels: 'list',
      types: 'list',
      source: 'source',
      orientation: 'enum',
      weighted: 'boolean',
      weightProperty: 'property',
    },
  },
  {
    path: '/api/analytics/communities',
    base: { algorithm: 'louvain', source: SOURCE },
    parameters: {
      algorithm: 'enum',
      seed: 'integer',
      resolution: 'number',
      labels: 'list',
      types: 'list',
      source: 'source',
      orientation: 'enum',
      weighted: 'boolean',
      weightProperty: 'property',
    },
  },
  { path: '/api/stats', base: {}, parameters: { source: 'source' } },
]

const PATH_ROUTES = ['/api/entities/', '/api/graph/neighbourhood/']

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, PREFIX)
  await importCsv(
    app,
    't-validation-nodes.csv',
    `id,type,name,aliases:string[]\n${ANCHOR},Person,Validation Anchor,Anchor Alias\n${OTHER},Group,Validation Other,\n`,
    SOURCE,
  )
  await importCsv(app, 't-validation-edges.csv', `source,target,type\n${ANCHOR},${OTHER},MEMBER_OF\n`, SOURCE)
})

t.teardown(async () => {
  await removeFixtures(app, PREFIX)
  await app.close()
})

function get(url: string): Promise<LightMyRequestResponse> {
  return app.inject({ url, headers: bearer('admin') })
}

function messageOf(response: LightMyRequestResponse): string {
  try {
    const body = response.json<{ message?: unknown }>()
    return typeof body.message === 'string' ? body.message : ''
  } catch {
    return ''
  }
}

function codeOf(response: LightMyRequestResponse): string {
  try {
    const body = response.json<{ code?: unknown }>()
    return typeof body.code === 'string' ? body.code : ''
  } catch {
    return ''
  }
}

/** Percent-encodes every UTF-8 byte; unlike encodeURIComponent it accepts a lone surrogate. */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')
}

let anchorBefore: unknown
let statsBefore: unknown

t.test('fixture before hostile requests', async (t) => {
  const entity = await get(`/api/entities/${ANCHOR}`)
  const stats = await get(`/api/stats?source=${SOURCE}`)

  t.equal(entity.statusCode, 200)
  t.equal(stats.statusCode, 200)
  anchorBefore = entity.json()
  statsBefore = stats.json()
  t.match(anchorBefore, { id: ANCHOR, name: 'Validation Anchor' })
  t.same((anchorBefore as { links: unknown }).links, [{ type: 'MEMBER_OF', count: 1, outgoing: 1, incoming: 0 }])
})

for (const route of ROUTES) {
  t.test(`hostile query parameters of ${route.path}`, async (t) => {
    for (const [parameter, kind] of Object.entries(route.parameters)) {
      for (const hostile of HOSTILE) {
        const query = new URLSearchParams({ ...route.base, [parameter]: hostile.value })
        const label = `${parameter}=${hostile.description}`

        const response = await get(`${route.path}?${query.toString()}`)

        t.ok(response.statusCode < 500, `${label}: no 5xx (got ${response.statusCode})`)
        if (ACCEPTED[kind].includes(hostile.description)) {
          t.ok([200, 404].includes(response.statusCode), `${label}: accepted with 200 or 404 (got ${response.statusCode})`)
        } else {
          t.equal(response.statusCode, 400, `${label}: rejected with 400`)
          t.equal(codeOf(response), 'MLN_INVALID_PARAMETER', `${label}: code MLN_INVALID_PARAMETER`)
          t.match(messageOf(response), `"${parameter}"`, `${label}: message names "${parameter}"`)
        }
      }

      const repeated = new URLSearchParams(route.base)
      repeated.delete(parameter)
      repeated.append(parameter, '1')
      repeated.append(parameter, '2')

      const response = await get(`${route.path}?${repeated.toString()}`)

      t.equal(response.statusCode, 400, `${parameter} given twice: rejected with 400`)
      t.match(messageOf(response), `"${parameter}"`, `${parameter} given twice: message names "${parameter}"`)
    }
  })
}

t.test('unknown enum values name their parameter', async (t) => {
  const cases = [
    { url: `/api/analytics/centrality?measure=popularity&source=${SOURCE}`, parameter: 'measure' },
    { url: `/api/analytics/centrality?measure=degree&orientation=sideways&source=${SOURCE}`, parameter: 'orientation' },
    { url: `/api/analytics/communities?algorithm=girvan-newman&source=${SOURCE}`, parameter: 'algorithm' },
    { url: `/api/search?q=x&type=Pirate`, parameter: 'type' },
    { url: `/api/graph/neighbourhood/${ANCHOR}?types=KNOWS`, parameter: 'types' },
  ]

  for (const { url, parameter } of cases) {
    const response = await get(url)

    t.equal(response.statusCode, 400, `${url}: 400`)
    t.match(messageOf(response), `"${parameter}"`, `${url}: message names "${parameter}"`)
  }
})

t.test('hostile path ids', async (t) => {
  for (const prefix of PATH_ROUTES) {
    for (const hostile of HOSTILE) {
      const label = `${prefix}:id=${hostile.description}`

      const response = await get(`${prefix}${percentEncode(hostile.value)}`)

      t.ok(response.statusCode < 500, `${label}: no 5xx (got ${response.statusCode})`)
      if (hostile.value.length > 200) {
        t.equal(response.statusCode, 400, `${label}: rejected with 400`)
        t.equal(codeOf(response), 'MLN_INVALID_PARAMETER', `${label}: code MLN_INVALID_PARAMETER`)
        t.match(messageOf(response), '"id"', `${label}: message names "id"`)
      } else {
        t.equal(response.statusCode, 404, `${label}: 404`)
      }
    }
  }
})

t.test('ids over 200 characters rejected', async (t) => {
  for (const prefix of PATH_ROUTES) {
    const response = await get(`${prefix}${'x'.repeat(300)}`)

    t.equal(response.statusCode, 400, `${prefix}: 400`)
    t.match(messageOf(response), '"id"', `${prefix}: message names "id"`)
  }
})

t.test('syntax-only search text returns 200', async (t) => {
  const response = await get(`/api/search?q=${encodeURIComponent('}) MATCH (n) DETACH DELETE n //')}`)

  t.equal(response.statusCode, 200)
  t.type(response.json<{ results: unknown }>().results, Array)
})

t.test('fixture unchanged after hostile requests', async (t) => {
  const entity = await get(`/api/entities/${ANCHOR}`)
  const other = await get(`/api/entities/${OTHER}`)
  const stats = await get(`/api/stats?source=${SOURCE}`)

  t.equal(entity.statusCode, 200)
  t.same(entity.json(), anchorBefore, 'anchor node is unchanged')
  t.equal(other.statusCode, 200, 'linked node still exists')
  t.same(stats.json(), statsBefore, 'counts of the fixture source are unchanged')
  t.same(stats.json<{ nodes: unknown }>().nodes, { Person: 1, Group: 1 }, 'two fixture nodes')
  t.same(stats.json<{ relationships: unknown }>().relationships, { MEMBER_OF: 1 }, 'one fixture relationship')
})

t.test('unknown query parameters are named', async (t) => {
  const response = await app.inject({ url: '/api/search?q=x&colour=red', headers: bearer('viewer') })
  t.equal(response.statusCode, 400)
  t.equal(response.json().code, 'MLN_INVALID_PARAMETER')
  t.match(response.json().message, /Unknown query parameter "colour": expected only q, type, limit/)
})

t.test('invalid date gives one message', async (t) => {
  const response = await get('/api/search?q=x&birthDate=1970')
  t.equal(response.statusCode, 400)
  const message = messageOf(response)
  t.match(message, '"birthDate"')
  t.equal(message.split('a calendar date YYYY-MM-DD').length - 1, 1, `the expectation appears once: ${message}`)
})
