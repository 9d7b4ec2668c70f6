/**
 * Routes added for the viewer reject query parameters they do not define, as the rest of the
 * API does, with a 400 that names the parameter.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
})

t.teardown(() => app.close())

const CASES = [
  { method: 'GET' as const, url: '/api/entities/some-id?x=1', parameter: 'x' },
  { method: 'GET' as const, url: '/api/auth/methods?x=1', parameter: 'x' },
  { method: 'POST' as const, url: '/api/auth/token?debug=1', parameter: 'debug' },
]

for (const { method, url, parameter } of CASES) {
  t.test(`${method} ${url} rejected`, async (t) => {
    const response = await app.inject({
      method,
      url,
      headers: bearer('viewer'),
      ...(method === 'POST' ? { payload: { username: 'someone', password: 'a password of length' } } : {}),
    })
    t.equal(response.statusCode, 400, 'status')
    const body = response.json<{ code: string; message: string }>()
    t.equal(body.code, 'MLN_INVALID_PARAMETER', 'code')
    t.match(body.message, parameter, 'names the parameter')
  })
}
