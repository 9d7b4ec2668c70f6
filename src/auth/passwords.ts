/**
 * Password hashes: scrypt (RFC 7914) from node:crypto, written in the PHC string format
 * `$scrypt$ln=15,r=8,p=1$<salt>$<key>`, where the cost N is 2^ln and salt and key are
 * unpadded base64. The parameters travel with each hash, so raising the defaults later
 * leaves older hashes verifiable.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

export interface ScryptParameters {
  /** Base-2 logarithm of the CPU and memory cost N. */
  logCost: number
  /** Block size r. */
  blockSize: number
  /** Parallelisation p. */
  parallelization: number
}

/**
 * N = 2^15, r = 8, p = 1 takes 128 * N * r = 32 MiB of memory per check and, measured with
 * node:crypto on a busy 2-core machine, about 0.3 s. Each stored hash keeps its own
 * parameters, so the cost can be raised here without breaking existing users.
 */
export const DEFAULT_SCRYPT: ScryptParameters = { logCost: 15, blockSize: 8, parallelization: 1 }

const SALT_BYTES = 16
const KEY_BYTES = 32
const PHC_PATTERN = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,88})\$([A-Za-z0-9+/]{16,88})$/

/** Bounds on stored parameters, so that a users file cannot make one check take minutes. */
const LOG_COST_RANGE = [10, 20] as const
const BLOCK_SIZE_RANGE = [1, 32] as const
const PARALLELIZATION_RANGE = [1, 16] as const

export interface PasswordHash {
  parameters: ScryptParameters
  salt: Buffer
  key: Buffer
}

/** Normalises to NFKC, so that the same password typed on two keyboards gives the same bytes. */
function passwordBytes(password: string): Buffer {
  return Buffer.from(password.normalize('NFKC'), 'utf8')
}

function derive(password: string, salt: Buffer, length: number, parameters: ScryptParameters): Promise<Buffer> {
  const cost = 2 ** parameters.logCost
  const options: ScryptOptions = {
    N: cost,
    r: parameters.blockSize,
    p: parameters.parallelization,
    // scrypt needs 128 * N * r bytes, and node:crypto rejects a call that needs more than `maxmem`.
    maxmem: 256 * cost * parameters.blockSize,
  }
  return new Promise((resolve, reject) => {
    scrypt(passwordBytes(password), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

function unpadded(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '')
}

/** Hashes a password with a fresh random salt and returns the PHC string. */
export async function hashPassword(password: string, parameters: ScryptParameters = DEFAULT_SCRYPT): Promise<string> {
  checkParameters(parameters)
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, KEY_BYTES, parameters)
  const { logCost, blockSize, parallelization } = parameters
  return `$scrypt$ln=${logCost},r=${blockSize},p=${parallelization}$${unpadded(salt)}$${unpadded(key)}`
}

/** Parses a PHC scrypt string, or throws a RangeError that names the fault. */
export function parsePasswordHash(text: string): PasswordHash {
  const match = PHC_PATTERN.exec(text)
  if (match === null) {
    throw new RangeError('Invalid password hash: expected $scrypt$ln=<n>,r=<n>,p=<n>$<base64 salt>$<base64 key>')
  }

  const [, logCost, blockSize, parallelization, salt = '', key = ''] = match
  const parameters = { logCost: Number(logCost), blockSize: Number(blockSize), parallelization: Number(parallelization) }
  checkParameters(parameters)
  return { parameters, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') }
}

/** Returns whether `password` matches the hash, comparing the keys in constant time. */
export async function verifyPassword(password: string, hash: PasswordHash): Promise<boolean> {
  const key = await derive(password, hash.salt, hash.key.length, hash.parameters)
  return timingSafeEqual(key, hash.key)
}

function checkParameters({ logCost, blockSize, parallelization }: ScryptParameters): void {
  const checks: [string, number, readonly [number, number]][] = [
    ['ln', logCost, LOG_COST_RANGE],
    ['r', blockSize, BLOCK_SIZE_RANGE],
    ['p', parallelization, PARALLELIZATION_RANGE],
  ]
  for (const [name, value, [min, max]] of checks) {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`Invalid scrypt parameter ${name}=${value}: expected an integer from ${min} to ${max}`)
    }
  }
}
