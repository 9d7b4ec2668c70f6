/**
 * `millennium token` signs tokens the service accepts, and rejects bad options.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

import { createVerifier } from 'fast-jwt'
import t from 'tap'

import { PROJECT_ROOT } from '../../src/config/env.js'
import { TEST_SECRET } from '../helpers/neo4j.js'

function token(...args: string[]) {
  return spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'millennium.js'), 'token', ...args], {
    env: { ...process.env, JWT_SECRET: TEST_SECRET },
    encoding: 'utf8',
  })
}

t.test('signs the given claims', async (t) => {
  const result = token('--sub', 'analyst-7', '--role', 'investigator', '--ncb', 'FR', '--ttl', '2h')
  t.equal(result.status, 0, result.stderr)
  const claims = createVerifier({ key: TEST_SECRET, algorithms: ['HS256'] })(result.stdout.trim()) as Record<string, unknown>
  t.equal(claims.sub, 'analyst-7')
  t.equal(claims.role, 'investigator')
  t.equal(claims.ncb, 'FR')
  t.equal((claims.exp as number) - (claims.iat as number), 7200, 'lives two hours')
})

t.test('rejects bad options', async (t) => {
  const cases: [string[], RegExp][] = [
    [['--role', 'analyst'], /Missing --sub/],
    [['--sub', 'x', '--role', 'root'], /Invalid --role "root": expected one of viewer, analyst/],
    [['--sub', 'x', '--ncb', 'fra'], /Invalid --ncb "fra"/],
    [['--sub', 'x', '--ttl', 'forever'], /Invalid lifetime "forever"/],
  ]
  for (const [args, message] of cases) {
    const result = token(...args)
    t.not(result.status, 0, `${args.join(' ')} fails`)
    t.match(result.stderr, message, args.join(' '))
  }
})
