/**
 * Stores and lists audit events: `:AuditEvent` nodes outside the graph, appended in batches
 * without raising the graph version, and never updated or deleted here.
 */
import neo4j from 'neo4j-driver'

import { SEE_ALL, type Database } from '../database.js'
import { toPlain } from '../values.js'

/** One request as the audit trail stores it. */
export interface AuditEvent {
  id: string
  /** When the request arrived, an ISO 8601 instant in UTC. */
  at: string
  sub: string | null
  role: string | null
  ncb: string | null
  /** The client's address as the server saw it. */
  address: string
  method: string
  /** The route pattern, such as `/api/entities/:id`. */
  route: string
  /** The path parameters, query and body fields as JSON, with secrets redacted. */
  parameters: string
  status: number
  /** The error code of a rejected request, or null on success. */
  code: string | null
  /** Records returned or changed, or null when the response could not be counted. */
  count: number | null
  /** Changes made by a write as JSON, such as created and updated counts, or null for reads. */
  changes: string | null
  durationMs: number
  requestId: string
}

export interface AuditFilter {
  sub: string | null
  role: string | null
  ncb: string | null
  route: string | null
  method: string | null
  status: number | null
  /** Inclusive lower and exclusive upper bound, ISO 8601 instants. */
  from: string | null
  to: string | null
  /** The last event of the previous page, for cursor paging. */
  before: { at: string; id: string } | null
  offset: number
  limit: number
}

export function createAuditRepository(database: Database) {
  return {
    async append(events: readonly AuditEvent[]): Promise<void> {
      // Whole numbers go as Neo4j integers, which a JavaScript number would not be.
      const rows = events.map((event) => ({
        ...event,
        status: neo4j.int(event.status),
        count: event.count === null ? null : neo4j.int(event.count),
        durationMs: neo4j.int(event.durationMs),
      }))

      await database.writeUnversioned('audit/append', { events: rows })
    },

    async list(filter: AuditFilter): Promise<AuditEvent[]> {
      const { before, ...rest } = filter
      const parameters = {
        ...rest,
        status: rest.status === null ? null : neo4j.int(rest.status),
        offset: neo4j.int(rest.offset),
        limit: neo4j.int(rest.limit),
        beforeAt: before?.at ?? null,
        beforeId: before?.id ?? null,
      }

      const result = await database.read('audit/list', parameters, SEE_ALL)

      return result.records.map((record) => toPlain(record.get('event')) as unknown as AuditEvent)
    },
  }
}

export type AuditRepository = ReturnType<typeof createAuditRepository>
