/**
 * Counts for dashboards: nodes by label, relationships by type, notices and diffusions by
 * colour, kind, status and issuing country, and transfer totals by currency.
 */
import neo4j from 'neo4j-driver'

import { formatAmount, isCurrencyCode } from '../../model/money.js'
import type { Database, Viewer } from '../database.js'

export interface NoticeCount {
  colour: string | null
  kind: string | null
  status: string | null
  issuedBy: string | null
  count: number
}

export interface Stats {
  nodes: Record<string, number>
  relationships: Record<string, number>
  notices: NoticeCount[]
  transfers: { currency: string | null; count: number; total: string | null }[]
}

export function createStatsRepository(database: Database) {
  return {
    async get(source: string | null, viewer: Viewer): Promise<Stats> {
      const parameters = { source }
      const [labels, types, notices, money] = await Promise.all([
        database.read('stats/nodes-by-label', parameters, viewer),
        database.read('stats/relationships-by-type', parameters, viewer),
        database.read('stats/notices', parameters, viewer),
        database.read('stats/money', parameters, viewer),
      ])
      const count = (value: unknown) => neo4j.integer.toNumber(value as number)
      return {
        nodes: Object.fromEntries(labels.records.map((r) => [r.get('label') as string, count(r.get('count'))])),
        relationships: Object.fromEntries(types.records.map((r) => [r.get('type') as string, count(r.get('count'))])),
        notices: notices.records.map((r) => ({
          colour: r.get('colour') as string | null,
          kind: r.get('kind') as string | null,
          status: r.get('status') as string | null,
          issuedBy: r.get('issuedBy') as string | null,
          count: count(r.get('count')),
        })),
        transfers: money.records.map((r) => {
          const currency = r.get('currency') as string | null
          const total = r.get('totalMinor')
          return {
            currency,
            count: count(r.get('transfers')),
            total:
              currency !== null && isCurrencyCode(currency) && neo4j.isInt(total)
                ? formatAmount(BigInt(total.toString()), currency)
                : null,
          }
        }),
      }
    },
  }
}

export type StatsRepository = ReturnType<typeof createStatsRepository>
