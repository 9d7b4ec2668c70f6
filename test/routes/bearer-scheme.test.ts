/** The Authorization scheme is read without regard to case, as HTTP defines it. */
import t from 'tap'

import { buildTestApp, testToken } from '../helpers/app.js'

t.test('bearer, Bearer and BEARER are one scheme', async (t) => {
  const app = await buildTestApp()
  t.teardown(() => app.close())
  const token = testToken('viewer')
  for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
    const response = await app.inject({ url: '/api/stats', headers: { authorization: `${scheme} ${token}` } })
    t.equal(response.statusCode, 200, `${scheme} is accepted`)
  }
  const basic = await app.inject({ url: '/api/stats', headers: { authorization: `Basic ${token}` } })
  t.equal(basic.statusCode, 401, 'another scheme is not')
})
