/**
 * `millennium user add`: stores a user of password sign-in in the users file. The password
 * is read from standard input, never from the command line, where other local users could
 * read it in the process list and the shell would keep it in its history.
 */
import { existsSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

import { hashPassword } from '../auth/passwords.js'
import { ROLES, type Role } from '../auth/tokens.js'
import { USERNAME_EXPECTED, USERNAME_PATTERN, parseUsers, writeUsersFile, type User } from '../auth/users.js'
import { loadConfig } from '../config/env.js'

export const MIN_PASSWORD_LENGTH = 12
const MAX_PASSWORD_LENGTH = 1024

const USAGE = `Usage: millennium user add --username NAME --role ROLE [--ncb CC] [--file PATH] [--replace]

Reads the password from standard input: typed twice without echo on a terminal, otherwise
the first line of the input, as in: printf '%s\\n' "$PASSWORD" | millennium user add ...
--file defaults to MILLENNIUM_USERS_FILE. --replace changes an existing user.`

export async function runUser(args: string[]): Promise<number> {
  const [action, ...rest] = args
  if (action !== 'add') {
    console.error(action === undefined ? USAGE : `Unknown user action "${action}": expected add.\n\n${USAGE}`)
    return 2
  }

  let values: { username?: string; role?: string; ncb?: string; file?: string; replace: boolean }
  try {
    values = parseArgs({
      args: rest,
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        ncb: { type: 'string' },
        file: { type: 'string' },
        replace: { type: 'boolean', default: false },
      },
      strict: true,
    }).values
  } catch (error) {
    // A password given as an option is already in the shell's history, so the message points to standard input.
    console.error(`${(error as Error).message}. The password is read from standard input.\n\n${USAGE}`)
    return 2
  }

  const problem = checkOptions(values)
  if (problem !== null) {
    console.error(problem)
    return 2
  }
  const file = values.file ?? loadConfig(process.env, { requireSecret: false }).usersFile
  if (file === null) {
    console.error('Missing users file: pass --file PATH or set MILLENNIUM_USERS_FILE')
    return 2
  }
  const username = values.username as string
  const users = existsSync(file) ? parseUsers(readFileSync(file, 'utf8'), file) : []
  const existing = users.findIndex((user) => user.username === username)
  if (existing >= 0 && !values.replace) {
    console.error(`User "${username}" already exists in ${file}: pass --replace to change the password or role`)
    return 1
  }

  const password = process.stdin.isTTY ? await promptTwice() : firstLine(await readAll(process.stdin))
  const weakness = checkPassword(password)
  if (password === null || weakness !== null) {
    console.error(weakness)
    return 2
  }

  const user: User = {
    username,
    role: values.role as Role,
    ncb: values.ncb ?? null,
    passwordHash: await hashPassword(password),
  }
  if (existing >= 0) users[existing] = user
  else users.push(user)
  await writeUsersFile(file, users)

  const country = user.ncb === null ? 'no NCB' : `NCB ${user.ncb}`
  console.log(`${existing >= 0 ? 'Replaced' : 'Added'} user ${username} (${user.role}, ${country}) in ${file}`)
  return 0
}

function checkOptions(values: { username?: string; role?: string; ncb?: string }): string | null {
  if (values.username === undefined) return 'Missing --username: the name the user signs in with'
  if (!USERNAME_PATTERN.test(values.username)) {
    return `Invalid --username "${values.username}": expected ${USERNAME_EXPECTED}`
  }
  if (values.role === undefined) return `Missing --role: one of ${ROLES.join(', ')}`
  if (!(ROLES as readonly string[]).includes(values.role)) {
    return `Invalid --role "${values.role}": expected one of ${ROLES.join(', ')}`
  }
  if (values.ncb !== undefined && !/^[A-Z]{2}$/.test(values.ncb)) {
    return `Invalid --ncb "${values.ncb}": expected an ISO 3166-1 alpha-2 country code such as FR`
  }
  return null
}

function checkPassword(password: string | null): string | null {
  if (password === null || password.length === 0) {
    return 'Missing password: write it on standard input, for example with printf \'%s\\n\' "$PASSWORD" |'
  }
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return `Invalid password: expected at least ${MIN_PASSWORD_LENGTH} characters`
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `Invalid password: expected at most ${MAX_PASSWORD_LENGTH} characters`
  }
  return null
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
  return Buffer.concat(chunks).toString('utf8')
}

/** Returns the input's first line without its line ending, or null for empty input. */
function firstLine(text: string): string | null {
  if (text.length === 0) return null
  return text.split(/\r?\n/, 1)[0] ?? null
}

/** Asks for the password twice on the terminal, without echo, and checks both match. */
async function promptTwice(): Promise<string> {
  const first = await promptHidden('Password: ')
  const second = await promptHidden('Repeat the password: ')
  if (first !== second) {
    throw new Error('The two passwords differ: nothing was stored')
  }
  return first
}

function promptHidden(question: string): Promise<string> {
  const input = process.stdin
  process.stderr.write(question)
  input.setRawMode(true)
  input.resume()

  return new Promise((resolve, reject) => {
    let typed = ''
    const finish = (error: Error | null) => {
      input.setRawMode(false)
      input.pause()
      input.off('data', onData)
      process.stderr.write('\n')
      if (error === null) resolve(typed)
      else reject(error)
    }
    const onData = (chunk: Buffer) => {
      for (const character of chunk.toString('utf8')) {
        if (character === '\r' || character === '\n') return finish(null)
        if (character === '\u0003') return finish(new Error('Cancelled: nothing was stored'))
        if (character === '\u007f' || character === '\b') typed = [...typed].slice(0, -1).join('')
        else typed += character
      }
    }
    input.on('data', onData)
  })
}
