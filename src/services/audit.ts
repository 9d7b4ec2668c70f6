/**
 * The audit trail: events are buffered in memory and appended to Neo4j in batches, in the
 * background, so that recording a request never waits for the database. While Neo4j does
 * not take the writes the buffer keeps the events and retries with a growing delay; past
 * `maxBuffered` the oldest events are dropped, and each dropped event goes to the log
 * instead, so it is not lost without a trace.
 */
import type { AuditEvent, AuditFilter, AuditRepository } from '../data/repositories/audit.js'

/** The part of a pino logger the trail writes to. */
export interface AuditLogger {
  info(object: object, message: string): void
  warn(object: object, message: string): void
  error(object: object, message: string): void
}

export interface AuditTrailOptions {
  log: AuditLogger
  /** Events kept in memory while Neo4j does not take them. */
  maxBuffered?: number
  /** Events appended in one transaction. */
  batchSize?: number
  /** Delay before buffered events are written, in milliseconds. */
  flushIntervalMs?: number
  /** Maximum delay between two retries after failed writes, in milliseconds. */
  maxRetryDelayMs?: number
  /** How long closing waits for the last write, in milliseconds. */
  closeTimeoutMs?: number
}

export interface AuditTrailStatus {
  buffered: number
  dropped: number
  failedWrites: number
}

const DEFAULTS = {
  maxBuffered: 10_000,
  batchSize: 500,
  flushIntervalMs: 1000,
  maxRetryDelayMs: 30_000,
  closeTimeoutMs: 10_000,
}

export function createAuditTrail(repository: AuditRepository, options: AuditTrailOptions) {
  const settings = { ...DEFAULTS, ...options }
  const log = options.log
  const buffer: AuditEvent[] = []
  let chain: Promise<void> = Promise.resolve()
  let timer: NodeJS.Timeout | null = null
  let failedWrites = 0
  let dropped = 0
  let closed = false
  /** Flushes started and not yet settled. */
  let running = 0

  function drop(event: AuditEvent, reason: string): void {
    dropped += 1
    log.warn({ auditEvent: event, droppedSoFar: dropped }, `audit event not stored: ${reason}`)
  }

  /** Drops the oldest events beyond the bound. */
  function trim(): void {
    while (buffer.length > settings.maxBuffered) {
      drop(buffer.shift() as AuditEvent, `the buffer of ${settings.maxBuffered} events is full while Neo4j does not take writes`)
    }
  }

  async function writeBuffered(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.splice(0, settings.batchSize)
      try {
        await repository.append(batch)
      } catch (error) {
        if (closed) {
          batch.forEach((event) => drop(event, 'Neo4j did not take it before the service closed'))
          throw error
        }
        // Put back in front, in order, so that a retry writes them first.
        buffer.unshift(...batch)
        trim()
        throw error
      }
    }
  }

  function schedule(delayMs: number): void {
    if (timer !== null || closed) {
      return
    }
    timer = setTimeout(() => {
      timer = null
      flush().catch(() => undefined)
    }, delayMs)
    timer.unref()
  }

  function succeeded(): void {
    if (failedWrites > 0) {
      log.info({ failedWrites, buffered: buffer.length }, 'audit trail writes to Neo4j again')
      failedWrites = 0
    }
  }

  function failed(error: unknown): void {
    failedWrites += 1
    const delayMs = Math.min(settings.flushIntervalMs * 2 ** failedWrites, settings.maxRetryDelayMs)
    // The first failure and then every tenth, so that a long outage does not flood the log.
    if (failedWrites === 1 || failedWrites % 10 === 0) {
      log.error({ err: error, failedWrites, buffered: buffer.length, retryInMs: delayMs }, 'failed to write audit events to Neo4j, so they stay buffered for a retry')
    }
    schedule(delayMs)
  }

  /**
   * Writes every buffered event now, after any write already running. Rejects with the
   * database's error when a batch fails, and the events stay buffered for a retry.
   */
  function flush(): Promise<void> {
    running += 1
    const run = chain
      .then(writeBuffered)
      .then(succeeded, (error: unknown) => {
        failed(error)
        throw error
      })
      .finally(() => {
        running -= 1
      })
    chain = run.catch(() => undefined)
    return run
  }

  return {
    /** Buffers one event, which is written within `flushIntervalMs` unless Neo4j fails. */
    record(event: AuditEvent): void {
      if (closed) {
        drop(event, 'the service is closing')
        return
      }
      buffer.push(event)
      trim()
      if (failedWrites > 0) {
        return
      }
      if (buffer.length >= settings.batchSize && running === 0) {
        flush().catch(() => undefined)
      } else {
        schedule(settings.flushIntervalMs)
      }
    },

    flush,

    /** Lists stored events after writing the buffered ones, so a reader sees every request before its own. */
    async list(filter: AuditFilter): Promise<AuditEvent[]> {
      await flush()
      return repository.list(filter)
    },

    status(): AuditTrailStatus {
      return { buffered: buffer.length, dropped, failedWrites }
    },

    /** Writes what is buffered, waiting at most `closeTimeoutMs`, and logs each event left over. */
    async close(): Promise<void> {
      closed = true
      if (timer !== null) {
        clearTimeout(timer)
        timer = null
      }
      let timeout: NodeJS.Timeout | undefined
      const waited = new Promise<void>((resolve) => {
        timeout = setTimeout(resolve, settings.closeTimeoutMs)
      })
      await Promise.race([flush().catch(() => undefined), waited])
      clearTimeout(timeout)
      for (const event of buffer.splice(0)) {
        drop(event, 'Neo4j did not take it before the service closed')
      }
    },
  }
}

export type AuditTrail = ReturnType<typeof createAuditTrail>
