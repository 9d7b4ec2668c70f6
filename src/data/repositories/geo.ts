/**
 * Reads what the map draws: locations with the entities placed there, and dated facts per
 * country (notices by issuing country, groups operating there, money received there).
 */
import neo4j from 'neo4j-driver'

import { formatAmount, isCurrencyCode } from '../../model/money.js'
import type { Database, Viewer } from '../database.js'

/** An entity's LOCATED_IN or OPERATES_IN link to a place, with the link's period when stored. */
export interface PlaceLink {
  id: string
  label: string
  name: string
  type: 'LOCATED_IN' | 'OPERATES_IN'
  /** First and last day of the link, `YYYY-MM-DD`; null when open or not stored. */
  since: string | null
  until: string | null
}

export interface Place {
  id: string
  name: string
  city: string | null
  /** ISO 3166-1 alpha-2, as stored on the location; null when it has none. */
  country: string | null
  /** WGS 84 degrees; null when the location has no coordinates or they are out of range. */
  latitude: number | null
  longitude: number | null
  /** Distinct visible entities linked to the place. */
  entityCount: number
  /** Visible links to the place, of which `links` contains the first `linkLimit` by entity name. */
  linkCount: number
  links: PlaceLink[]
  truncated: boolean
}

export interface NoticeDay {
  country: string
  date: string | null
  colour: string | null
  kind: string | null
  count: number
}

export interface GroupPeriod {
  country: string
  groupId: string
  name: string
  since: string | null
  until: string | null
}

export interface MoneyDay {
  country: string
  date: string | null
  currency: string
  transfers: number
  /** Exact decimal string in `currency`. */
  total: string
}

export interface GeoScan {
  source: string | null
  since: string | null
  until: string | null
  placeLimit: number
  linkLimit: number
  /** Maximum rows returned for each kind of fact. */
  rowLimit: number
}

/** Rows of one kind of fact, with `truncated` set when more than the limit matched. */
export interface Capped<Row> {
  rows: Row[]
  truncated: boolean
}

function count(value: unknown): number {
  return neo4j.integer.toNumber(value as number)
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

function coordinate(value: unknown, bound: number): number | null {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= bound ? value : null
}

function capped<Row>(rows: Row[], limit: number): Capped<Row> {
  return { rows: rows.slice(0, limit), truncated: rows.length > limit }
}

export function createGeoRepository(database: Database) {
  return {
    /** Returns at most `scan.placeLimit` places, with `truncated` set when more are visible. */
    async places(scan: GeoScan, viewer: Viewer): Promise<Capped<Place>> {
      const parameters = {
        source: scan.source,
        placeLimit: neo4j.int(scan.placeLimit + 1),
        linkLimit: neo4j.int(scan.linkLimit),
      }
      const result = await database.read('geo/places', parameters, viewer)
      const places = result.records.map((record): Place => {
        const links = (record.get('links') as Record<string, unknown>[]).map((link) => ({
          id: String(link.id),
          label: text(link.label) ?? 'Entity',
          name: text(link.name) ?? String(link.id),
          type: link.type as PlaceLink['type'],
          since: text(link.since),
          until: text(link.until),
        }))
        const linkCount = count(record.get('linkCount'))
        const id = String(record.get('id'))
        return {
          id,
          name: text(record.get('name')) ?? text(record.get('city')) ?? id,
          city: text(record.get('city')),
          country: text(record.get('country')),
          latitude: coordinate(record.get('latitude'), 90),
          longitude: coordinate(record.get('longitude'), 180),
          entityCount: count(record.get('entityCount')),
          linkCount,
          links,
          truncated: linkCount > links.length,
        }
      })
      return capped(places, scan.placeLimit)
    },

    async notices(scan: GeoScan, viewer: Viewer): Promise<Capped<NoticeDay>> {
      const result = await database.read('geo/notices', factParameters(scan), viewer)
      const rows = result.records.map((record) => ({
        country: record.get('country') as string,
        date: text(record.get('date')),
        colour: text(record.get('colour')),
        kind: text(record.get('kind')),
        count: count(record.get('count')),
      }))
      return capped(rows, scan.rowLimit)
    },

    async groups(scan: GeoScan, viewer: Viewer): Promise<Capped<GroupPeriod>> {
      const result = await database.read('geo/groups', factParameters(scan), viewer)
      const rows = result.records.map((record) => {
        const groupId = String(record.get('groupId'))
        return {
          country: record.get('country') as string,
          groupId,
          name: text(record.get('name')) ?? groupId,
          since: text(record.get('since')),
          until: text(record.get('until')),
        }
      })
      return capped(rows, scan.rowLimit)
    },

    /** Money received per country, day and currency. Currencies that are not ISO 4217 codes are left out. */
    async money(scan: GeoScan, viewer: Viewer): Promise<Capped<MoneyDay>> {
      const result = await database.read('geo/money', factParameters(scan), viewer)
      const rows: MoneyDay[] = []
      for (const record of result.records) {
        const currency = record.get('currency')
        const totalMinor = record.get('totalMinor')
        if (typeof currency !== 'string' || !isCurrencyCode(currency) || !neo4j.isInt(totalMinor)) continue
        rows.push({
          country: record.get('country') as string,
          date: text(record.get('date')),
          currency,
          transfers: count(record.get('transfers')),
          total: formatAmount(BigInt(totalMinor.toString()), currency),
        })
      }
      // The statement read one row past the limit, so a full page still reports the cut.
      return { rows: rows.slice(0, scan.rowLimit), truncated: result.records.length > scan.rowLimit }
    },
  }
}

function factParameters(scan: GeoScan): Record<string, unknown> {
  return { source: scan.source, since: scan.since, until: scan.until, limit: neo4j.int(scan.rowLimit + 1) }
}

export type GeoRepository = ReturnType<typeof createGeoRepository>
