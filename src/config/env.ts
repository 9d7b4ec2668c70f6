/**
 * The service's configuration, read from the environment once and validated with zod.
 * Nothing else in the code base reads `process.env`: every module takes what it needs
 * from the `Config` value built here.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { z } from 'zod'

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JWT_SECRET: z
    .string()
    .refine((secret) => Buffer.byteLength(secret, 'utf8') >= 32, {
      message: 'must be at least 32 bytes long',
    })
    .optional(),
  JWT_ALGORITHM: z.enum(['HS256', 'RS256', 'ES256'], { message: 'must be HS256, RS256 or ES256' }).default('HS256'),
  JWT_PUBLIC_KEY: z.string().min(1).optional(),
  JWT_PRIVATE_KEY: z.string().min(1).optional(),
  JWT_JWKS_URL: z
    .string()
    .refine((url) => /^https?:\/\/[^\s]+$/.test(url) && URL.canParse(url), {
      message: 'must be an http or https URL such as https://idp.example.org/.well-known/jwks.json',
    })
    .optional(),
  JWT_JWKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  JWT_JWKS_CACHE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(600),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  JWT_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
  JWT_ROLE_CLAIM: z.string().min(1).max(200).default('role'),
  JWT_NCB_CLAIM: z.string().min(1).max(200).default('ncb'),
  MILLENNIUM_ALLOWED_NCBS: z
    .string()
    .refine((list) => splitList(list).every((code) => /^[A-Z]{2}$/.test(code)), {
      message: 'must be a comma-separated list of ISO 3166-1 alpha-2 country codes such as FR,DE,IT',
    })
    .optional(),
  MILLENNIUM_RATE_LIMIT: z
    .string()
    .refine((text) => parseRate(text) !== undefined, { message: 'must be a budget such as 600/min, 20/s or 5000/hour, or off' })
    .default('600/min'),
  MILLENNIUM_HEAVY_RATE_LIMIT: z
    .string()
    .refine((text) => parseRate(text) !== undefined, { message: 'must be a budget such as 60/min, 2/s or 600/hour, or off' })
    .default('60/min'),
  MILLENNIUM_CORS_ORIGINS: z
    .string()
    .refine((list) => splitList(list).every(isOrigin), {
      message: 'must be a comma-separated list of exact origins such as https://viewer.example.org, without paths or wildcards',
    })
    .optional(),
  MILLENNIUM_HSTS_MAX_AGE: z.coerce.number().int().min(0).max(63_072_000).default(0),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/, {
      message: 'must be a Bolt URI such as bolt://127.0.0.1:7687 or neo4j+s://host',
    })
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z
    .string()
    .min(8, { message: 'must be at least 8 characters, as Neo4j requires' })
    .default('millennium-dev-password'),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  NEO4J_DATA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, '.neo4j')),
  NEO4J_PAGECACHE: z
    .string()
    .regex(/^\d+[kmg]?$/i, { message: 'must be a size such as 256m or 1g' })
    .default('256m'),
  NEO4J_HEAP: z
    .string()
    .regex(/^\d+[kmg]$/i, { message: 'must be a Java heap size such as 1g or 512m' })
    .default('1g'),
  MILLENNIUM_GDS: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false'),
  NEO4J_TX_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  MILLENNIUM_ANALYTICS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  MILLENNIUM_ANALYTICS_MAX_WORK: z.coerce.number().int().min(1).max(1e15).default(1_000_000_000),
  MILLENNIUM_JOB_TIMEOUT_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
  MILLENNIUM_ANALYTICS_ENGINE: z.enum(['inprocess', 'gds'], { message: 'must be inprocess or gds' }).default('inprocess'),
  MILLENNIUM_DATA_DIR: z.string().min(1).default(path.resolve(PROJECT_ROOT, '../shared/data')),
  MILLENNIUM_DEMO_SEED: z.coerce.number().int().min(0).default(42),
  MILLENNIUM_DEMO_SIZE: z.coerce.number().int().min(10).max(1_000_000).default(300),
  MILLENNIUM_FX_RATES: z.string().min(1).optional(),
  MILLENNIUM_FX_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3660).default(31),
  MILLENNIUM_USERS_FILE: z
    .string()
    .refine((file) => !file.endsWith('/') && !file.endsWith(path.sep), {
      message: 'must name a file, not a folder, such as users.json',
    })
    .optional(),
})

export type Environment = z.input<typeof environmentSchema>

export type TokenAlgorithm = 'HS256' | 'RS256' | 'ES256'

/** A request budget: at most `limit` requests per `windowMs`. */
export interface RateBudget {
  limit: number
  windowMs: number
}

const RATE_UNITS_MS: Record<string, number> = {
  s: 1000,
  sec: 1000,
  second: 1000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
}

/** Parses "600/min" into a budget, "off" into null, anything else into undefined. */
export function parseRate(text: string): RateBudget | null | undefined {
  if (text === 'off') {
    return null
  }
  const match = /^(\d{1,9})\/(s|sec|second|m|min|minute|h|hour)$/.exec(text)
  const limit = Number(match?.[1])
  if (match === null || limit < 1) {
    return undefined
  }
  return { limit, windowMs: RATE_UNITS_MS[match[2] ?? 's'] ?? 1000 }
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
}

/** True for a serialised origin such as https://example.org:8443, with nothing after it. */
function isOrigin(text: string): boolean {
  return URL.canParse(text) && /^https?:$/.test(new URL(text).protocol) && new URL(text).origin === text
}

export interface Config {
  env: 'development' | 'production' | 'test'
  host: string
  port: number
  logLevel: string
  /** Empty only when loaded with `requireSecret: false`, for commands that sign nothing, or for RS256 and ES256. */
  jwtSecret: string
  tokens: {
    algorithm: TokenAlgorithm
    /** PEM text, or the path of a PEM file; null when the keys come from `jwksUrl` or for HS256. */
    publicKey: string | null
    /** PEM text or path of the key that signs the service's own tokens under RS256 or ES256. */
    privateKey: string | null
    jwksUrl: string | null
    jwksTimeoutMs: number
    /** Seconds a fetched key set is used before it is fetched again. */
    jwksCacheSeconds: number
    issuer: string | null
    audience: string | null
    clockSkewSeconds: number
    roleClaim: string
    ncbClaim: string
    /** The countries whose tokens are accepted; null accepts every country. */
    allowedNcbs: string[] | null
  }
  /** Request budgets per subject, or per address for requests without a token; null is no limit. */
  rateLimits: { general: RateBudget | null; heavy: RateBudget | null }
  /** Origins that browsers may call the API from; empty allows the service's own origin only. */
  corsOrigins: string[]
  /** The max-age of Strict-Transport-Security in seconds; 0 sends no such header. */
  hstsMaxAgeSeconds: number
  neo4j: {
    /** Null when no URI was given: the local launcher then provides one. */
    uri: string | null
    user: string
    password: string
    database: string
    dataDir: string
    pageCache: string
    heap: string
    /** The local Neo4j loads the Graph Data Science procedures. */
    gds: boolean
    transactionTimeoutMs: number
  }
  dataDir: string
  demo: { seed: number; size: number }
  /** Maximum time, in milliseconds, of one analytics run in its worker thread. */
  analyticsTimeoutMs: number
  /** Search steps an analytics request may take before it must run as a job. */
  analyticsMaxWork: number
  /** Maximum time, in milliseconds, of one analytics job. */
  jobTimeoutMs: number
  /** The analytics engine used when a request names none. */
  analyticsEngine: 'inprocess' | 'gds'
  /** Exchange rates: a CSV file of dated rates (null when none), and how old a rate may be. */
  rates: { file: string | null; maxAgeDays: number }
  /** The users file of password sign-in, resolved from the project folder; null turns it off. */
  usersFile: string | null
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`)
    this.name = 'ConfigError'
  }
}

/**
 * Builds the configuration from environment variables. Throws a `ConfigError` that names
 * every missing or invalid variable and what it expects.
 */
export function loadConfig(
  environment: Record<string, string | undefined> = process.env,
  options: { requireSecret: boolean } = { requireSecret: true },
): Config {
  const parsed = environmentSchema.safeParse(pickKnown(environment))
  const tokenIssues = parsed.success && options.requireSecret ? checkTokenSettings(parsed.data) : []
  if (!parsed.success || tokenIssues.length > 0) {
    const issues = (parsed.error?.issues ?? []).map((issue) => {
      const name = issue.path.join('.')
      const value = environment[name]
      let shown = `"${value}"`
      if (value === undefined) {
        shown = 'missing'
      } else if (name === 'JWT_SECRET' || name === 'NEO4J_PASSWORD' || name === 'JWT_PRIVATE_KEY') {
        shown = 'set (hidden)'
      }
      return `${name} (${shown}): ${issue.message}`
    })
    throw new ConfigError([...issues, ...tokenIssues])
  }
  const values = parsed.data
  return {
    env: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    logLevel: values.LOG_LEVEL,
    jwtSecret: values.JWT_SECRET ?? '',
    tokens: {
      algorithm: values.JWT_ALGORITHM,
      publicKey: values.JWT_PUBLIC_KEY ?? null,
      privateKey: values.JWT_PRIVATE_KEY ?? null,
      jwksUrl: values.JWT_JWKS_URL ?? null,
      jwksTimeoutMs: values.JWT_JWKS_TIMEOUT_MS,
      jwksCacheSeconds: values.JWT_JWKS_CACHE_SECONDS,
      issuer: values.JWT_ISSUER ?? null,
      audience: values.JWT_AUDIENCE ?? null,
      clockSkewSeconds: values.JWT_CLOCK_SKEW_SECONDS,
      roleClaim: values.JWT_ROLE_CLAIM,
      ncbClaim: values.JWT_NCB_CLAIM,
      allowedNcbs: values.MILLENNIUM_ALLOWED_NCBS === undefined ? null : splitList(values.MILLENNIUM_ALLOWED_NCBS),
    },
    rateLimits: {
      general: parseRate(values.MILLENNIUM_RATE_LIMIT) ?? null,
      heavy: parseRate(values.MILLENNIUM_HEAVY_RATE_LIMIT) ?? null,
    },
    corsOrigins: values.MILLENNIUM_CORS_ORIGINS === undefined ? [] : splitList(values.MILLENNIUM_CORS_ORIGINS),
    hstsMaxAgeSeconds: values.MILLENNIUM_HSTS_MAX_AGE,
    neo4j: {
      uri: values.NEO4J_URI ?? null,
      user: values.NEO4J_USER,
      password: values.NEO4J_PASSWORD,
      database: values.NEO4J_DATABASE,
      dataDir: path.resolve(values.NEO4J_DATA_DIR),
      pageCache: values.NEO4J_PAGECACHE,
      heap: values.NEO4J_HEAP,
      gds: values.MILLENNIUM_GDS === 'true',
      transactionTimeoutMs: values.NEO4J_TX_TIMEOUT_MS,
    },
    dataDir: path.resolve(values.MILLENNIUM_DATA_DIR),
    demo: { seed: values.MILLENNIUM_DEMO_SEED, size: values.MILLENNIUM_DEMO_SIZE },
    analyticsTimeoutMs: values.MILLENNIUM_ANALYTICS_TIMEOUT_MS,
    analyticsMaxWork: values.MILLENNIUM_ANALYTICS_MAX_WORK,
    jobTimeoutMs: values.MILLENNIUM_JOB_TIMEOUT_MS,
    analyticsEngine: values.MILLENNIUM_ANALYTICS_ENGINE,
    rates: {
      file: values.MILLENNIUM_FX_RATES === undefined ? null : path.resolve(PROJECT_ROOT, values.MILLENNIUM_FX_RATES),
      maxAgeDays: values.MILLENNIUM_FX_MAX_AGE_DAYS,
    },
    usersFile:
      values.MILLENNIUM_USERS_FILE === undefined ? null : path.resolve(PROJECT_ROOT, values.MILLENNIUM_USERS_FILE),
  }
}

/**
 * Checks the token settings that depend on each other: HS256 needs JWT_SECRET, while RS256
 * and ES256 need exactly one source of public keys and take no HS256 secret instead.
 */
function checkTokenSettings(values: z.output<typeof environmentSchema>): string[] {
  if (values.JWT_ALGORITHM === 'HS256') {
    const issues = values.JWT_SECRET === undefined
      ? ['JWT_SECRET (missing): is required: a secret of at least 32 bytes that signs the API tokens']
      : []
    for (const name of ['JWT_PUBLIC_KEY', 'JWT_PRIVATE_KEY', 'JWT_JWKS_URL'] as const) {
      if (values[name] !== undefined) {
        issues.push(`${name} (set): applies only when JWT_ALGORITHM is RS256 or ES256; set JWT_ALGORITHM or remove ${name}`)
      }
    }
    return issues
  }
  const sources = [values.JWT_PUBLIC_KEY, values.JWT_JWKS_URL].filter((value) => value !== undefined).length
  if (sources === 1) {
    return []
  }
  const found = sources === 0 ? 'neither is set' : 'both are set'
  return [`JWT_PUBLIC_KEY, JWT_JWKS_URL (${found}): ${values.JWT_ALGORITHM} needs exactly one of them: a PEM public key or a JWKS URL`]
}

/** Treats empty variables as unset, as shells and `.env` files often leave them empty. */
function pickKnown(environment: Record<string, string | undefined>): Record<string, string> {
  const known: Record<string, string> = {}
  for (const key of Object.keys(environmentSchema.shape)) {
    const value = environment[key]
    if (value !== undefined && value !== '') {
      known[key] = value
    }
  }
  return known
}

/** Bolt host and port of a URI, for the local launcher. */
export function boltAddress(uri: string): { host: string; port: number } {
  const url = new URL(uri.replace(/^(neo4j|bolt)(\+s|\+ssc)?:/, 'http:'))
  return { host: url.hostname, port: url.port === '' ? 7687 : Number(url.port) }
}
