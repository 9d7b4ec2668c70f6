/**
 * The one gateway to Neo4j: a driver, the named statements, and read and write helpers that
 * apply the transaction timeout and pass the caller's visibility as a parameter.
 */
import { readFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'

import neo4j, { Neo4jError, type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver'

import { AppError } from '../errors.js'
import { CYPHER_DIR, listCypherFiles, loadStatements, splitStatements, statement } from './cypher-files.js'

/** Who is reading: the country from the token, and whether the caller sees every record. */
export interface Viewer {
  ncb: string | null
  all: boolean
  /** The instant at which expiry is judged; the time each query starts when unset. */
  now?: Date
}

/**
 * Builds `$viewer` as the visibility predicate reads it, with `now` as a Neo4j datetime in
 * UTC, so that `expiresAt > $viewer.now` compares two datetimes.
 */
export function viewerParameter(viewer: Viewer): { ncb: string | null; all: boolean; now: unknown } {
  return { ncb: viewer.ncb, all: viewer.all, now: utcDateTime(viewer.now ?? new Date()) }
}

function utcDateTime(instant: Date): InstanceType<typeof neo4j.types.DateTime> {
  return new neo4j.types.DateTime(
    instant.getUTCFullYear(),
    instant.getUTCMonth() + 1,
    instant.getUTCDate(),
    instant.getUTCHours(),
    instant.getUTCMinutes(),
    instant.getUTCSeconds(),
    instant.getUTCMilliseconds() * 1_000_000,
    0,
  )
}

/** Replaces a `viewer` parameter of a write statement (import conflicts, write-back) with its Cypher form. */
function withViewerParameter(parameters: Record<string, unknown>): Record<string, unknown> {
  const viewer = parameters.viewer as Viewer | undefined
  if (viewer === undefined || viewer === null || typeof viewer !== 'object' || !('all' in viewer)) {
    return parameters
  }
  return { ...parameters, viewer: viewerParameter(viewer) }
}

export const SEE_ALL: Viewer = { ncb: null, all: true }

/**
 * The open network: records without `restrictedTo` that have not expired, which every caller
 * sees. A viewer without a country and without `all` sees exactly these, because
 * `ownerNcb = null` and `null IN restrictedTo` are never true in Cypher.
 */
export const OPEN_NETWORK: Viewer = { ncb: null, all: false }

export interface DatabaseOptions {
  uri: string
  user: string
  password: string
  database: string
  transactionTimeoutMs: number
  /** Overrides of the driver's timeouts and the circuit breaker's settings, for tests. */
  availability?: Partial<AvailabilityOptions>
}

/**
 * How long a request waits for an unreachable Neo4j. While Neo4j is down, a managed
 * transaction retries for `maxTransactionRetryTimeMs`, and its last attempt may wait
 * `connectionTimeoutMs` for a socket, so a request fails within about their sum. After
 * `failuresToOpen` such failures in a row, requests fail at once for `openMs`; then one request
 * probes Neo4j, and its success closes the breaker.
 */
export interface AvailabilityOptions {
  connectionTimeoutMs: number
  connectionAcquisitionTimeoutMs: number
  maxTransactionRetryTimeMs: number
  failuresToOpen: number
  openMs: number
}

export const AVAILABILITY_DEFAULTS: AvailabilityOptions = {
  connectionTimeoutMs: 2_000,
  // Only a pool whose 100 connections are all busy makes a request wait this long, because an
  // unreachable Neo4j fails the new connection at once. So this bounds the queue under load,
  // not the wait for a Neo4j that is down.
  connectionAcquisitionTimeoutMs: 30_000,
  maxTransactionRetryTimeMs: 2_000,
  failuresToOpen: 3,
  openMs: 1_000,
}

/** Seconds a client should wait before retrying while Neo4j is unavailable (`Retry-After`). */
export const RETRY_AFTER_SECONDS = 2

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired'])
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE'])

/**
 * Tells whether an error means that Neo4j cannot be reached, rather than that a query failed:
 * the driver's ServiceUnavailable and SessionExpired (refused, reset or timed-out connections),
 * the server's DatabaseUnavailable while it starts or stops, a timed-out wait for a pooled connection, whose driver error has no code of its own, a raw
 * socket error, or the breaker below.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof AppError) {
    return error.code === 'MLN_DATABASE_UNAVAILABLE'
  }
  if (error instanceof Neo4jError) {
    return (
      UNAVAILABLE_CODES.has(error.code) ||
      error.code.endsWith('.DatabaseUnavailable') ||
      isPoolExhausted(error)
    )
  }
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && NETWORK_ERRORS.has(code)
}

/** Tells whether the pool had no free connection in time: Neo4j is busy, not down. */
function isPoolExhausted(error: Neo4jError): boolean {
  return error.message.startsWith('Connection acquisition timed out')
}

export function databaseUnavailable(): AppError {
  return new AppError('MLN_DATABASE_UNAVAILABLE', 'The graph database is unavailable; try again shortly')
}

/** Creates the circuit breaker of `AvailabilityOptions`, which wraps every call that reaches Neo4j. */
function createBreaker(options: AvailabilityOptions) {
  let failures = 0
  let openUntil = 0
  let probing = false

  return async function guarded<T>(work: () => Promise<T>): Promise<T> {
    const open = failures >= options.failuresToOpen
    if (open && (Date.now() < openUntil || probing)) {
      throw databaseUnavailable()
    }
    const probe = open
    probing ||= probe
    try {
      const result = await work()
      failures = 0
      return result
    } catch (error) {
      // A busy pool is no outage, so it gets a 503 but does not open the breaker.
      const busy = error instanceof Neo4jError && isPoolExhausted(error)
      if (isDatabaseUnavailable(error) && !busy) {
        failures += 1
        if (failures >= options.failuresToOpen) {
          openUntil = Date.now() + options.openMs
        }
      }
      throw error
    } finally {
      if (probe) {
        probing = false
      }
    }
  }
}

export interface Database {
  driver: Driver
  read<T extends RecordShape = RecordShape>(name: string, parameters: Record<string, unknown>, viewer: Viewer): Promise<QueryResult<T>>
  write<T extends RecordShape = RecordShape>(name: string, parameters: Record<string, unknown>): Promise<QueryResult<T>>
  /**
   * Runs `work` in one write transaction, so all of it is stored or none. The transaction
   * also raises the graph version, which marks cached analytics results as out of date.
   */
  writeTransaction<T>(work: (run: TransactionRunner) => Promise<T>): Promise<T>
  /**
   * Runs one write statement in its own transaction without raising the graph version. Only
   * for records outside the graph, such as audit events, which no cached result depends on.
   */
  writeUnversioned(name: string, parameters: Record<string, unknown>): Promise<void>
  /** Runs caller-supplied read-only Cypher text (a canned query file) in a read transaction. */
  readText<T extends RecordShape = RecordShape>(text: string, parameters: Record<string, unknown>, viewer: Viewer): Promise<QueryResult<T>>
  applySchema(): Promise<number>
  ping(): Promise<void>
  /** The number of write transactions committed so far through any `Database` on this store. */
  graphVersion(): Promise<number>
  close(): Promise<void>
}

export type TransactionRunner = <T extends RecordShape = RecordShape>(
  name: string,
  parameters: Record<string, unknown>,
) => Promise<QueryResult<T>>

/**
 * Turns off Nagle's algorithm on the driver's sockets. The JavaScript driver leaves it on, since
 * it only calls `setKeepAlive(true)` on a new socket. A request that spans two packets then
 * waits for the server's delayed acknowledgement, measured here at about 40 ms per query
 * against 1 to 10 ms of server time. Every socket that asks for keep-alive gets no-delay too,
 * because nothing in this process wants Nagle's algorithm.
 */
function disableNagle(): void {
  const prototype = net.Socket.prototype as net.Socket & { millenniumNoDelay?: boolean }
  if (prototype.millenniumNoDelay) {
    return
  }
  const setKeepAlive = prototype.setKeepAlive
  prototype.setKeepAlive = function (this: net.Socket, ...args: Parameters<net.Socket['setKeepAlive']>) {
    this.setNoDelay(true)
    return setKeepAlive.apply(this, args)
  }
  prototype.millenniumNoDelay = true
}

export function createDatabase(options: DatabaseOptions): Database {
  disableNagle()
  const availability = { ...AVAILABILITY_DEFAULTS, ...options.availability }
  const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
    userAgent: 'millennium/0.1',
    connectionAcquisitionTimeout: availability.connectionAcquisitionTimeoutMs,
    connectionTimeout: availability.connectionTimeoutMs,
    maxTransactionRetryTime: availability.maxTransactionRetryTimeMs,
    disableLosslessIntegers: false,
  })
  const guarded = createBreaker(availability)
  const statements = loadStatements()
  const transactionConfig = { timeout: options.transactionTimeoutMs }
  const sessionOptions = { database: options.database }

  async function read<T extends RecordShape>(name: string, parameters: Record<string, unknown>, viewer: Viewer) {
    return readText<T>(statement(statements, name), parameters, viewer)
  }

  async function readText<T extends RecordShape>(text: string, parameters: Record<string, unknown>, viewer: Viewer) {
    return guarded(async () => {
      const session = driver.session({ ...sessionOptions, defaultAccessMode: neo4j.session.READ })
      try {
        return await session.executeRead((tx) => tx.run<T>(text, { ...parameters, viewer: viewerParameter(viewer) }), transactionConfig)
      } finally {
        await session.close()
      }
    })
  }

  async function writeTransaction<T>(work: (run: TransactionRunner) => Promise<T>): Promise<T> {
    return guarded(async () => {
      const session = driver.session({ ...sessionOptions, defaultAccessMode: neo4j.session.WRITE })
      try {
        return await session.executeWrite(async (tx: ManagedTransaction) => {
          const run: TransactionRunner = (name, parameters) => tx.run(statement(statements, name), withViewerParameter(parameters))
          const result = await work(run)
          await tx.run(statement(statements, 'graph/bump-version'), {})
          return result
        }, transactionConfig)
      } finally {
        await session.close()
      }
    })
  }

  async function write<T extends RecordShape>(name: string, parameters: Record<string, unknown>) {
    return writeTransaction((run) => run<T>(name, parameters))
  }

  async function writeUnversioned(name: string, parameters: Record<string, unknown>): Promise<void> {
    const session = driver.session({ ...sessionOptions, defaultAccessMode: neo4j.session.WRITE })
    try {
      await session.executeWrite((tx) => tx.run(statement(statements, name), parameters), transactionConfig)
    } finally {
      await session.close()
    }
  }

  async function applySchema(): Promise<number> {
    let count = 0
    const session = driver.session(sessionOptions)
    try {
      for (const file of listCypherFiles(path.join(CYPHER_DIR, 'schema'))) {
        for (const text of splitStatements(readFileSync(file, 'utf8'))) {
          await session.run(text)
          count += 1
        }
      }
      await session.run('CALL db.awaitIndexes(300)')
    } finally {
      await session.close()
    }
    return count
  }

  async function ping(): Promise<void> {
    await guarded(() => driver.executeQuery('RETURN 1', {}, { database: options.database, routing: neo4j.routing.READ, transactionConfig }))
  }

  async function graphVersion(): Promise<number> {
    const result = await guarded(() =>
      driver.executeQuery(statement(statements, 'graph/version'), {}, { database: options.database, routing: neo4j.routing.READ, transactionConfig }),
    )
    const version = result.records[0]?.get('version') as { toNumber(): number } | null | undefined
    return version === null || version === undefined ? 0 : version.toNumber()
  }

  return {
    driver,
    graphVersion,
    read,
    readText,
    write,
    writeTransaction,
    writeUnversioned,
    applySchema,
    ping,
    close: () => driver.close(),
  }
}
