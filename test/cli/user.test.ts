/**
 * `millennium user add` writes users that password sign-in accepts, reads the password from
 * standard input only, and rejects bad options.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import t from 'tap'

import { createUserStore, parseUsers } from '../../src/auth/users.js'
import { PROJECT_ROOT } from '../../src/config/env.js'

const folder = mkdtempSync(path.join(tmpdir(), 'millennium-user-cli-'))
t.teardown(() => rmSync(folder, { recursive: true, force: true }))

function userAdd(file: string | null, input: string, ...args: string[]) {
  const environment: Record<string, string | undefined> = { ...process.env, MILLENNIUM_USERS_FILE: file ?? '' }
  return spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'millennium.js'), 'user', 'add', ...args], {
    env: environment,
    input,
    encoding: 'utf8',
  })
}

function usersIn(file: string) {
  return parseUsers(readFileSync(file, 'utf8'), file)
}

t.test('adds users that can sign in', async (t) => {
  const file = path.join(folder, 'users.json')
  const first = userAdd(file, 'first password 123\n', '--username', 'ana.fr', '--role', 'investigator', '--ncb', 'FR')
  t.equal(first.status, 0, first.stderr)
  t.match(first.stdout, /Added user ana\.fr \(investigator, NCB FR\) in .*users\.json/)
  const second = userAdd(file, 'second password 456', '--username', 'open.analyst', '--role', 'analyst')
  t.equal(second.status, 0, second.stderr)

  const users = usersIn(file)
  t.same(
    users.map(({ username, role, ncb }) => ({ username, role, ncb })),
    [
      { username: 'ana.fr', role: 'investigator', ncb: 'FR' },
      { username: 'open.analyst', role: 'analyst', ncb: null },
    ],
  )
  t.match(users[0]?.passwordHash, /^\$scrypt\$ln=15,r=8,p=1\$/, 'scrypt hash with its parameters')
  t.notMatch(readFileSync(file, 'utf8'), /first password/, 'no plain password in the file')
  t.equal(statSync(file).mode & 0o777, 0o600, 'only the owner may read the file')

  const store = await createUserStore(file, (error) => t.fail(error.message))
  t.same(await store.authenticate('ana.fr', 'first password 123'), { username: 'ana.fr', role: 'investigator', ncb: 'FR' })
  t.same(await store.authenticate('open.analyst', 'second password 456'), {
    username: 'open.analyst',
    role: 'analyst',
    ncb: null,
  })
  t.equal(await store.authenticate('ana.fr', 'second password 456'), null, 'another user password fails')
})

t.test('existing user needs --replace', async (t) => {
  const file = path.join(folder, 'replace.json')
  t.equal(userAdd(file, 'old password 1234\n', '--username', 'nino', '--role', 'viewer').status, 0)

  const again = userAdd(file, 'new password 5678\n', '--username', 'nino', '--role', 'editor')
  t.equal(again.status, 1)
  t.match(again.stderr, /User "nino" already exists in .*: pass --replace/)
  t.equal(usersIn(file)[0]?.role, 'viewer', 'the stored user is unchanged')

  const replaced = userAdd(file, 'new password 5678\n', '--username', 'nino', '--role', 'editor', '--replace')
  t.equal(replaced.status, 0, replaced.stderr)
  t.match(replaced.stdout, /Replaced user nino \(editor, no NCB\)/)
  t.equal(usersIn(file).length, 1)

  const store = await createUserStore(file, (error) => t.fail(error.message))
  t.equal(await store.authenticate('nino', 'old password 1234'), null, 'the old password no longer works')
  t.same(await store.authenticate('nino', 'new password 5678'), { username: 'nino', role: 'editor', ncb: null })
})

t.test('rejects bad options and passwords', async (t) => {
  const file = path.join(folder, 'rejected.json')
  const cases: [string, string[], string, RegExp][] = [
    ['password option', ['--username', 'a', '--role', 'viewer', '--password', 'secret'], '', /Unknown option '--password'.*read from standard input/],
    ['no username', ['--role', 'viewer'], 'long enough password', /Missing --username/],
    ['upper-case username', ['--username', 'Ana', '--role', 'viewer'], 'long enough password', /Invalid --username "Ana": expected a user name of 1 to 64 lower-case/],
    ['no role', ['--username', 'a'], 'long enough password', /Missing --role: one of viewer, analyst/],
    ['unknown role', ['--username', 'a', '--role', 'root'], 'long enough password', /Invalid --role "root"/],
    ['bad ncb', ['--username', 'a', '--role', 'viewer', '--ncb', 'fra'], 'long enough password', /Invalid --ncb "fra"/],
    ['empty input', ['--username', 'a', '--role', 'viewer'], '', /Missing password: write it on standard input/],
    ['short password', ['--username', 'a', '--role', 'viewer'], 'short\n', /Invalid password: expected at least 12 characters/],
  ]
  for (const [name, args, input, message] of cases) {
    const result = userAdd(file, input, ...args)
    t.equal(result.status, 2, `${name} exits with 2`)
    t.match(result.stderr, message, `${name} message`)
  }
  t.throws(() => statSync(file), { code: 'ENOENT' }, 'no file was written')
})

t.test('no users file is an error', async (t) => {
  const result = userAdd(null, 'long enough password\n', '--username', 'a', '--role', 'viewer')
  t.equal(result.status, 2)
  t.match(result.stderr, /Missing users file: pass --file PATH or set MILLENNIUM_USERS_FILE/)
})

t.test('--file overrides the environment', async (t) => {
  const file = path.join(folder, 'chosen.json')
  const result = userAdd(path.join(folder, 'ignored.json'), 'long enough password\n', '--username', 'b', '--role', 'admin', '--file', file)
  t.equal(result.status, 0, result.stderr)
  t.equal(usersIn(file)[0]?.username, 'b')
  t.throws(() => statSync(path.join(folder, 'ignored.json')), { code: 'ENOENT' })
})
