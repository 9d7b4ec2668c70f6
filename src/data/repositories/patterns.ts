/**
 * Reads the transfers that the laundering-pattern detectors scan: those dated within a span,
 * optionally of one dataset, whose relationship and both accounts the viewer may see.
 */
import neo4j from 'neo4j-driver'

import type { Transfer } from '../../money/patterns/index.js'
import type { Database, Viewer } from '../database.js'

export interface TransferScan {
  /** First and last date, `YYYY-MM-DD`, both included. */
  since: string
  until: string
  source: string | null
  /** Most transfers the caller accepts. */
  limit: number
}

export function createPatternRepository(database: Database) {
  return {
    /** Returns the transfers of the span, or null when it contains more than `scan.limit`. */
    async transfers(scan: TransferScan, viewer: Viewer): Promise<Transfer[] | null> {
      const result = await database.read(
        'patterns/transfers',
        { since: scan.since, until: scan.until, source: scan.source, limit: neo4j.int(scan.limit + 1) },
        viewer,
      )
      if (result.records.length > scan.limit) {
        return null
      }
      return result.records.map((record) => ({
        id: record.get('id') as string,
        from: record.get('fromId') as string,
        to: record.get('toId') as string,
        date: record.get('date') as string,
        amountMinor: BigInt(record.get('amountMinor') as string),
        currency: record.get('currency') as string,
      }))
    },
  }
}

export type PatternRepository = ReturnType<typeof createPatternRepository>
