/**
 * Counts for dashboards: nodes by label, relationships by type, notices and diffusions by
 * colour, kind, status and issuing country, transfer totals by currency, and transfers per
 * month or year.
 */
import neo4j from 'neo4j-driver'

import { formatAmount, isCurrencyCode } from '../../model/money.js'
import type { Database, Viewer } from '../database.js'
import { isoDateToNeo4j } from '../values.js'

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

export type SeriesInterval = 'month' | 'year'

export interface TransferSeriesQuery {
  interval: SeriesInterval
  currency: string | null
  /** First and last day counted (YYYY-MM-DD, inclusive). Null leaves that side open. */
  since: string | null
  until: string | null
  source: string | null
}

export interface TransferPeriod {
  /** `YYYY-MM` for months, `YYYY` for years. */
  period: string
  count: number
  /** Exact decimal string in the series' currency, or null when the currency is not ISO 4217. */
  total: string | null
}

export interface TransferSeries {
  currency: string | null
  /** Transfers without a date, which no period counts. */
  undated: number
  periods: TransferPeriod[]
}

const PERIOD_LENGTH: Record<SeriesInterval, number> = { month: 7, year: 4 }

function toCount(value: unknown): number {
  return neo4j.integer.toNumber(value as number)
}

/** Formats a sum of minor units, or returns null when the currency has no known minor unit. */
function formatTotal(currency: string | null, totalMinor: unknown): string | null {
  if (currency === null || !isCurrencyCode(currency) || !neo4j.isInt(totalMinor)) {
    return null
  }
  return formatAmount(BigInt(totalMinor.toString()), currency)
}

export function createStatsRepository(database: Database) {
  return {
    /**
     * Counts and sums the visible transfers per period, one series per currency, in period
     * order. Periods without transfers are left out.
     */
    async transferSeries(query: TransferSeriesQuery, viewer: Viewer): Promise<TransferSeries[]> {
      const result = await database.read(
        'stats/transfers-by-period',
        {
          length: PERIOD_LENGTH[query.interval],
          currency: query.currency,
          since: query.since === null ? null : isoDateToNeo4j(query.since),
          until: query.until === null ? null : isoDateToNeo4j(query.until),
          source: query.source,
        },
        viewer,
      )

      const series = new Map<string | null, TransferSeries>()
      for (const record of result.records) {
        const currency = record.get('currency') as string | null
        const period = record.get('period') as string | null
        const count = toCount(record.get('transfers'))
        let entry = series.get(currency)
        if (entry === undefined) {
          entry = { currency, undated: 0, periods: [] }
          series.set(currency, entry)
        }

        if (period === null) entry.undated += count
        else entry.periods.push({ period, count, total: formatTotal(currency, record.get('totalMinor')) })
      }
      return [...series.values()]
    },

    async get(source: string | null, viewer: Viewer): Promise<Stats> {
      const parameters = { source }
      const [labels, types, notices, money] = await Promise.all([
        database.read('stats/nodes-by-label', parameters, viewer),
        database.read('stats/relationships-by-type', parameters, viewer),
        database.read('stats/notices', parameters, viewer),
        database.read('stats/money', parameters, viewer),
      ])
      const count = toCount
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
          return { currency, count: count(r.get('transfers')), total: formatTotal(currency, r.get('totalMinor')) }
        }),
      }
    },
  }
}

export type StatsRepository = ReturnType<typeof createStatsRepository>
