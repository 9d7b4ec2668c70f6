/**
 * The users file for password sign-in: a JSON document
 * `{"users": [{"username", "role", "ncb", "passwordHash"}]}` that `millennium user add`
 * writes and the service reads. Passwords are stored only as scrypt hashes.
 */
import { randomBytes } from 'node:crypto'
import { readFile, rename, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { z } from 'zod'

import { ROLES, type Role } from './tokens.js'
import { DEFAULT_SCRYPT, hashPassword, parsePasswordHash, verifyPassword, type PasswordHash } from './passwords.js'

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{0,63}$/
export const USERNAME_EXPECTED = 'a user name of 1 to 64 lower-case letters, digits, ".", "_", "@" or "-"'

export interface User {
  username: string
  role: Role
  /** ISO 3166-1 alpha-2 country of the user's National Central Bureau; null for none. */
  ncb: string | null
  /** PHC scrypt string, see passwords.ts. */
  passwordHash: string
}

const userSchema = z.strictObject({
  username: z.string().regex(USERNAME_PATTERN, { error: USERNAME_EXPECTED }),
  role: z.enum(ROLES, { error: `one of ${ROLES.join(', ')}` }),
  ncb: z
    .string()
    .regex(/^[A-Z]{2}$/, { error: 'an ISO 3166-1 alpha-2 country code such as FR' })
    .nullable(),
  passwordHash: z.string().refine(
    (text) => {
      try {
        parsePasswordHash(text)
        return true
      } catch {
        return false
      }
    },
    { error: 'a scrypt hash $scrypt$ln=<n>,r=<n>,p=<n>$<salt>$<key>, as "millennium user add" writes it' },
  ),
})

const usersFileSchema = z.strictObject({ users: z.array(userSchema) })

/** Parses the users file's text, or throws an error naming the file, the entry and the fault. */
export function parseUsers(text: string, file: string): User[] {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    throw new Error(`Invalid users file ${file}: not JSON (${(error as Error).message})`)
  }

  const parsed = usersFileSchema.safeParse(document)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue === undefined || issue.path.length === 0 ? 'the document' : issue.path.join('.')
    throw new Error(`Invalid users file ${file}: ${where}: ${issue?.message ?? 'invalid'}`)
  }

  const seen = new Set<string>()
  for (const [index, user] of parsed.data.users.entries()) {
    if (seen.has(user.username)) {
      throw new Error(`Invalid users file ${file}: users.${index}.username "${user.username}" is listed twice`)
    }
    seen.add(user.username)
  }
  return parsed.data.users
}

/** Serialises users as the file's JSON, sorted by username. */
export function formatUsers(users: readonly User[]): string {
  const sorted = [...users].sort((a, b) => a.username.localeCompare(b.username))
  return `${JSON.stringify({ users: sorted }, null, 2)}\n`
}

/**
 * Replaces the users file in one step: the new text goes to a temporary file beside it,
 * readable by the owner only, which is then renamed over the old one. A reader never sees
 * half a file.
 */
export async function writeUsersFile(file: string, users: readonly User[]): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  await writeFile(temporary, formatUsers(users), { mode: 0o600, flag: 'wx' })
  await rename(temporary, file)
}

export interface SignInUser {
  username: string
  role: Role
  ncb: string | null
}

export interface UserStore {
  /**
   * Checks a username and password. Returns the user, or null for an unknown user or a
   * wrong password. An unknown user is checked against a dummy hash with the same scrypt
   * parameters, so both failures take about as long.
   */
  authenticate(username: string, password: string): Promise<SignInUser | null>
}

interface LoadedUsers {
  users: Map<string, { user: User; hash: PasswordHash }>
  dummy: PasswordHash
}

/** Tells one version of the file from the next without reading it. */
function stampOf(status: { mtimeMs: number; size: number }): string {
  return `${status.mtimeMs}:${status.size}`
}

/**
 * Loads the users file that MILLENNIUM_USERS_FILE names, and reloads it when its size or
 * modification time changes, so that `millennium user add` takes effect without a restart.
 * A failed reload keeps the users loaded before, is reported once through `onReloadError`,
 * and is tried again only when the file changes again.
 */
export async function createUserStore(file: string, onReloadError: (error: Error) => void): Promise<UserStore> {
  let stamp = ''
  let loaded: LoadedUsers
  try {
    stamp = stampOf(await stat(file))
    loaded = await load(file)
  } catch (error) {
    throw new Error(
      `Failed to load the MILLENNIUM_USERS_FILE users file: ${(error as Error).message}. ` +
        'Create it with "millennium user add", or unset MILLENNIUM_USERS_FILE to turn password sign-in off.',
    )
  }

  async function current(): Promise<LoadedUsers> {
    let latest = 'unreadable'
    let failure: unknown = null
    try {
      latest = stampOf(await stat(file))
    } catch (error) {
      failure = error
    }
    if (latest === stamp) return loaded

    stamp = latest
    try {
      if (failure !== null) throw failure
      loaded = await load(file)
    } catch (error) {
      onReloadError(error as Error)
    }
    return loaded
  }

  return {
    async authenticate(username, password) {
      const { users, dummy } = await current()
      const entry = users.get(username.toLowerCase())
      const matches = await verifyPassword(password, entry?.hash ?? dummy)
      if (entry === undefined || !matches) return null
      return { username: entry.user.username, role: entry.user.role, ncb: entry.user.ncb }
    },
  }
}

async function load(file: string): Promise<LoadedUsers> {
  const users = parseUsers(await readFile(file, 'utf8'), file)
  const entries = new Map(users.map((user) => [user.username, { user, hash: parsePasswordHash(user.passwordHash) }]))

  // The dummy takes the first user's parameters: a file normally contains one set, and a
  // dummy with other parameters would make an unknown user answer faster or slower.
  const first = entries.values().next().value
  const parameters = first?.hash.parameters ?? DEFAULT_SCRYPT
  const dummy = parsePasswordHash(await hashPassword(randomBytes(16).toString('hex'), parameters))
  return { users: entries, dummy }
}
