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

export interface Config {
  env: 'development' | 'production' | 'test'
  host: string
  port: number
  logLevel: string
  /** Empty only when loaded with `requireSecret: false`, for commands that sign nothing. */
  jwtSecret: string
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
  const missingSecret =
    options.requireSecret && parsed.success && parsed.data.JWT_SECRET === undefined
      ? ['JWT_SECRET (missing): is required: a secret of at least 32 bytes that signs the API tokens']
      : []
  if (!parsed.success || missingSecret.length > 0) {
    const issues = (parsed.error?.issues ?? []).map((issue) => {
      const name = issue.path.join('.')
      const value = environment[name]
      let shown = `"${value}"`
      if (value === undefined) {
        shown = 'missing'
      } else if (name === 'JWT_SECRET' || name === 'NEO4J_PASSWORD') {
        shown = 'set (hidden)'
      }
      return `${name} (${shown}): ${issue.message}`
    })
    throw new ConfigError([...issues, ...missingSecret])
  }
  const values = parsed.data
  return {
    env: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    logLevel: values.LOG_LEVEL,
    jwtSecret: values.JWT_SECRET ?? '',
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
