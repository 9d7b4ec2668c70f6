/**
 * Laundering-pattern scans: checks a request against the caps, reads the transfers of its
 * span and runs the detectors of `src/money/patterns` over them.
 */
import type { Database, Viewer } from '../data/database.js'
import { createPatternRepository } from '../data/repositories/patterns.js'
import { invalidParameter } from '../errors.js'
import { dayNumber, durationDays, type CalendarDuration } from '../money/duration.js'
import { detectPatterns, type PatternHit, type PatternType } from '../money/patterns/index.js'

/** Most calendar days from `since` to `until`, both included: one year, leap day included. */
export const MAX_SPAN_DAYS = 366

/** Maximum window in days that one hit's transfers may span. */
export const MAX_WINDOW_DAYS = 366

/**
 * Maximum transfers one scan reads. A span that contains more is rejected instead of
 * stalling the service. On a 2-core machine, detection over a million random transfers took
 * about 3 s and 0.5 GB, and reading a million such rows from Neo4j about 13 s (single runs).
 * NOTE: denser data is slower: a million random transfers among 20,000 accounts, all on one
 * day, took 53 s to detect, because random amounts then form many layering chains.
 */
export const MAX_SCANNED_TRANSFERS = 1_000_000

export interface PatternQuery {
  types: PatternType[]
  since: string
  until: string
  window: CalendarDuration
  minCount: number
  limit: number
  source: string | null
}

export interface PatternReport {
  since: string
  until: string
  windowDays: number
  minCount: number
  source: string | null
  /** Transfers read from the span. */
  scanned: number
  /** Hits found per typology, before `limit`. */
  counts: Partial<Record<PatternType, number>>
  hits: PatternHit[]
  /** True when `limit` left hits out. */
  truncated: boolean
}

export function createPatternService(database: Database) {
  const repository = createPatternRepository(database)

  return {
    async find(query: PatternQuery, viewer: Viewer): Promise<PatternReport> {
      const windowDays = checkSpan(query)

      const transfers = await repository.transfers(
        { since: query.since, until: query.until, source: query.source, limit: MAX_SCANNED_TRANSFERS },
        viewer,
      )
      if (transfers === null) {
        throw invalidParameter(
          'until',
          query.until,
          `a span from since (${query.since}) that holds at most ${MAX_SCANNED_TRANSFERS.toLocaleString('en-US')} ` +
            'transfers; narrow since and until, or name a source',
        )
      }

      const hits = detectPatterns(transfers, { types: query.types, windowDays, minCount: query.minCount })
      const counts: Partial<Record<PatternType, number>> = {}
      for (const type of query.types) {
        counts[type] = 0
      }
      for (const hit of hits) {
        counts[hit.type] = (counts[hit.type] ?? 0) + 1
      }
      return {
        since: query.since,
        until: query.until,
        windowDays,
        minCount: query.minCount,
        source: query.source,
        scanned: transfers.length,
        counts,
        hits: hits.slice(0, query.limit),
        truncated: hits.length > query.limit,
      }
    },
  }
}

/** Checks since, until and window against each other and the caps; returns the window in days. */
function checkSpan(query: PatternQuery): number {
  if (query.until < query.since) {
    throw invalidParameter('until', query.until, `a date on or after since (${query.since})`)
  }
  const spanDays = dayNumber(query.until) - dayNumber(query.since) + 1
  if (spanDays > MAX_SPAN_DAYS) {
    throw invalidParameter(
      'until',
      query.until,
      `at most ${MAX_SPAN_DAYS} days from since (${query.since}) to until, both included, but the span is ${spanDays} days`,
    )
  }
  // A calendar duration such as P1M has a length in days only from a given date.
  const windowDays = durationDays(query.since, query.window)
  if (windowDays < 1) {
    throw invalidParameter('window', query.window.text, 'a duration of at least one day, such as P1D')
  }
  if (windowDays > MAX_WINDOW_DAYS) {
    throw invalidParameter(
      'window',
      query.window.text,
      `a duration of at most ${MAX_WINDOW_DAYS} days (P${MAX_WINDOW_DAYS}D), but it is ${windowDays} days from since (${query.since})`,
    )
  }
  return windowDays
}

export type PatternService = ReturnType<typeof createPatternService>
