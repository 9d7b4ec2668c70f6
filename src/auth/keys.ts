/**
 * The keys of RS256 and ES256 tokens: public keys from PEM text or a PEM file, the service's
 * own private key, and the RFC 7638 thumbprint that names a key in a token's `kid` header.
 * A key of the wrong type for the algorithm stops the start, naming the setting.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { ConfigError, PROJECT_ROOT, type Config, type TokenAlgorithm } from '../config/env.js'

/** The smallest RSA modulus accepted, in bits. */
export const MIN_RSA_BITS = 2048

/** A key that signs tokens: the HS256 secret, or a private key with its `kid`. */
export interface SigningKey {
  algorithm: TokenAlgorithm
  /** The HS256 secret, or PEM text of the private key. */
  key: string
  kid: string | null
}

/**
 * Reads PEM text given inline (with real or `\n`-escaped line breaks) or the path of a PEM
 * file, relative to the project folder.
 */
function readPem(value: string, setting: string): string {
  if (value.includes('-----BEGIN ')) {
    return value.replace(/\\n/g, '\n')
  }
  const file = path.resolve(PROJECT_ROOT, value)
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new ConfigError([`${setting} ("${value}"): failed to read the PEM file ${file} (${reason}); give PEM text or a readable file`])
  }
}

/** Returns null when `key` suits `algorithm`, else what is wrong with it. */
export function keyMismatch(key: KeyObject, algorithm: TokenAlgorithm): string | null {
  const details = key.asymmetricKeyDetails ?? {}
  const type = key.asymmetricKeyType ?? 'secret'
  let found = `a key of type ${type}`
  if (type === 'rsa') {
    found = `an RSA key of ${details.modulusLength ?? 0} bits`
  } else if (type === 'ec') {
    found = `an EC key on ${details.namedCurve ?? 'an unknown curve'}`
  }

  if (algorithm === 'RS256' && (type !== 'rsa' || (details.modulusLength ?? 0) < MIN_RSA_BITS)) {
    return `${found}, but RS256 needs an RSA key of at least ${MIN_RSA_BITS} bits`
  }
  if (algorithm === 'ES256' && (type !== 'ec' || details.namedCurve !== 'prime256v1')) {
    return `${found}, but ES256 needs an EC key on P-256 (prime256v1)`
  }
  if (algorithm === 'HS256') {
    return `${found}, but HS256 takes a secret`
  }
  return null
}

function parseKey(value: string, setting: string, algorithm: TokenAlgorithm, kind: 'public' | 'private'): KeyObject {
  const pem = readPem(value, setting)
  let key: KeyObject
  try {
    key = kind === 'public' ? createPublicKey(pem) : createPrivateKey(pem)
  } catch (error) {
    throw new ConfigError([`${setting}: invalid ${kind} key (${(error as Error).message}); expected a PEM ${kind} key`])
  }
  const mismatch = keyMismatch(key, algorithm)
  if (mismatch !== null) {
    throw new ConfigError([`${setting}: ${mismatch}`])
  }
  return key
}

/** Returns the RFC 7638 JWK thumbprint (SHA-256, base64url) of a public key. */
export function thumbprint(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' })
  const members = jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url')
}

export interface TokenKeys {
  /** The configured public key, which verifies tokens with any `kid` or none. */
  publicKey: KeyObject | null
  /** The public half of the service's own signing key, which verifies tokens with its `kid`. */
  ownKey: { kid: string; key: KeyObject } | null
  signing: SigningKey | null
}

/**
 * Loads the keys the token settings name. The signing key is the HS256 secret, or under
 * RS256 and ES256 the private key when one is set; without it the service signs nothing.
 */
export function loadTokenKeys(config: Pick<Config, 'jwtSecret' | 'tokens'>): TokenKeys {
  const { algorithm, publicKey, privateKey } = config.tokens
  if (algorithm === 'HS256') {
    const signing = config.jwtSecret === '' ? null : { algorithm, key: config.jwtSecret, kid: null }
    return { publicKey: null, ownKey: null, signing }
  }

  const verifying = publicKey === null ? null : parseKey(publicKey, 'JWT_PUBLIC_KEY', algorithm, 'public')
  if (privateKey === null) {
    return { publicKey: verifying, ownKey: null, signing: null }
  }
  const privateObject = parseKey(privateKey, 'JWT_PRIVATE_KEY', algorithm, 'private')
  const ownPublic = createPublicKey(privateObject)
  const kid = thumbprint(ownPublic)
  const pem = privateObject.export({ format: 'pem', type: 'pkcs8' }).toString()
  return { publicKey: verifying, ownKey: { kid, key: ownPublic }, signing: { algorithm, key: pem, kid } }
}
