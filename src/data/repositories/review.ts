/**
 * Records due for review or expired, for `GET /api/review`. Unlike every other read, this
 * one lists records by ownership, not by visibility: an expired record is hidden from its
 * own country everywhere else, and this list is where that country finds it again.
 */
import neo4j from 'neo4j-driver'

import { viewerParameter, type Database, type Viewer } from '../database.js'
import { toPlain } from '../values.js'

export type ReviewKind = 'review' | 'expired' | 'all'

export interface ReviewQuery {
  kind: ReviewKind
  /** Records due at or before this instant. */
  before: Date
  /** A node label or relationship type; null for any. */
  type: string | null
  limit: number
  offset: number
}

export interface ReviewRecord {
  id: string
  element: 'node' | 'relationship'
  type: string
  /** A node's name; null for a relationship. */
  name: string | null
  /** A relationship's start and end ids, null where the caller may neither see nor own that end. */
  source: string | null
  target: string | null
  ownerNcb: string | null
  /** ISO 8601 instants in UTC, or null when unset. */
  reviewAt: string | null
  expiresAt: string | null
  /** The instant that puts the record on the list: the later of the due dates that have passed. */
  due: string
  reviewDue: boolean
  expired: boolean
}

export interface ReviewList {
  total: number
  records: ReviewRecord[]
}

export function createReviewRepository(database: Database) {
  return {
    async due(query: ReviewQuery, viewer: Viewer): Promise<ReviewList> {
      const result = await database.read(
        'review/due',
        {
          kind: query.kind,
          before: viewerInstant(query.before),
          type: query.type,
          limit: neo4j.int(query.limit),
          offset: neo4j.int(query.offset),
        },
        viewer,
      )
      const record = result.records[0]
      if (record === undefined) {
        return { total: 0, records: [] }
      }
      const rows = toPlain(record.get('rows')) as unknown as ReviewRecord[]
      return { total: Number(toPlain(record.get('total'))), records: rows }
    },
  }
}

export type ReviewRepository = ReturnType<typeof createReviewRepository>

/** Converts the instant to a UTC datetime as `$viewer.now` is, so that both compare alike. */
function viewerInstant(instant: Date): unknown {
  return viewerParameter({ ncb: null, all: false, now: instant }).now
}
