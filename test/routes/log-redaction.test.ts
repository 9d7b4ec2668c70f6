/**
 * The service log never contains a token or password that a caller put into a query string.
 * The audit trail already redacted them, but the "incoming request" line kept the full URL.
 */
import { Writable } from 'node:stream'

import t from 'tap'

import { redactUrl } from '../../src/server/audit-record.js'
import { buildApp } from '../../src/server/app.js'
import { bearer, testToken } from '../helpers/app.js'
import { testConfig, testDatabase } from '../helpers/neo4j.js'

t.test('redactUrl hides secret-looking query values', async (t) => {
  const token = testToken('viewer')
  t.equal(redactUrl('/api/search?q=ivan', []), '/api/search?q=ivan', 'an ordinary query stays as it is')
  t.equal(redactUrl(`/api/search?q=ivan&access_token=${token}`, []), '/api/search?q=ivan&access_token=%5Bredacted%5D')
  t.equal(redactUrl(`/api/search?q=${token}`, []), '/api/search?q=%5Bredacted%5D', 'a token under any name')
  t.equal(redactUrl('/api/search?q=hunter2-long-password', ['hunter2-long-password']), '/api/search?q=%5Bredacted%5D')
  t.equal(redactUrl('/api/search?pwd=abc', []), '/api/search?pwd=%5Bredacted%5D', 'a field named pwd')
})

t.test('the request log line carries the redacted URL', async (t) => {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk))
      callback()
    },
  })
  const config = { ...(await testConfig()), logLevel: 'info' }
  const app = await buildApp({ config, database: await testDatabase(), logger: { level: 'info', stream } })
  t.teardown(() => app.close())
  const token = testToken('viewer')
  const response = await app.inject({
    url: `/api/search?q=ivan&access_token=${encodeURIComponent(token)}`,
    headers: bearer('viewer'),
  })
  t.equal(response.statusCode, 400, 'the unknown parameter is refused')
  const log = lines.join('')
  t.notMatch(log, token, 'the token is not in the log')
  t.notMatch(log, token.split('.')[1] as string, 'nor its claims')
  t.match(log, 'access_token=%5Bredacted%5D', 'the URL is logged with the value redacted')
})
