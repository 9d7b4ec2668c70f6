/**
 * `millennium token`: prints a signed API token.
 */
import { parseArgs } from 'node:util'

import { loadTokenKeys } from '../auth/keys.js'
import { ROLES, parseLifetime, signToken, type Role } from '../auth/tokens.js'
import { loadConfig } from '../config/env.js'

export async function runToken(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      sub: { type: 'string' },
      role: { type: 'string', default: 'analyst' },
      ncb: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
    },
    strict: true,
  })
  if (values.sub === undefined || values.sub.length === 0) {
    console.error('Missing --sub: the name of the person or system the token is for')
    return 2
  }
  if (!(ROLES as readonly string[]).includes(values.role)) {
    console.error(`Invalid --role "${values.role}": expected one of ${ROLES.join(', ')}`)
    return 2
  }
  if (values.ncb !== undefined && !/^[A-Z]{2}$/.test(values.ncb)) {
    console.error(`Invalid --ncb "${values.ncb}": expected an ISO 3166-1 alpha-2 country code such as FR`)
    return 2
  }
  const config = loadConfig()
  const signing = loadTokenKeys(config).signing
  if (signing === null) {
    console.error(
      `Cannot sign a token: JWT_ALGORITHM is ${config.tokens.algorithm} and no JWT_PRIVATE_KEY is set; tokens come from your identity provider`,
    )
    return 2
  }
  const token = signToken(signing, {
    sub: values.sub,
    role: values.role as Role,
    ncb: values.ncb ?? null,
    lifetimeSeconds: parseLifetime(values.ttl),
  })
  console.log(token)
  return 0
}
