/**
 * The map's data: places with their entities, and per-country facts dated by day so that
 * the viewer can recount them for any timeline range without another request.
 */
import type { Database, Viewer } from '../data/database.js'
import {
  createGeoRepository,
  type Capped,
  type GroupPeriod,
  type MoneyDay,
  type NoticeDay,
  type Place,
} from '../data/repositories/geo.js'

/** Maximum places in one response. */
export const MAX_PLACES = 5_000

/** Maximum rows of each kind of fact in one response: an estimated 2 to 3 MB of JSON per kind. */
export const MAX_FACT_ROWS = 25_000

export const DEFAULT_LINKS_PER_PLACE = 25
export const MAX_LINKS_PER_PLACE = 500

export interface GeoQuery {
  source: string | null
  since: string | null
  until: string | null
  linksPerPlace: number
}

export interface GeoReport {
  source: string | null
  since: string | null
  until: string | null
  places: Place[]
  /** True when more than `MAX_PLACES` places are visible. */
  placesTruncated: boolean
  notices: Capped<NoticeDay>
  groups: Capped<GroupPeriod>
  money: Capped<MoneyDay>
  limits: { places: number; linksPerPlace: number; rows: number }
}

export function createGeoService(database: Database) {
  const repository = createGeoRepository(database)

  return {
    async get(query: GeoQuery, viewer: Viewer): Promise<GeoReport> {
      const scan = {
        source: query.source,
        since: query.since,
        until: query.until,
        placeLimit: MAX_PLACES,
        linkLimit: query.linksPerPlace,
        rowLimit: MAX_FACT_ROWS,
      }

      const [places, notices, groups, money] = await Promise.all([
        repository.places(scan, viewer),
        repository.notices(scan, viewer),
        repository.groups(scan, viewer),
        repository.money(scan, viewer),
      ])

      return {
        source: query.source,
        since: query.since,
        until: query.until,
        places: places.rows,
        placesTruncated: places.truncated,
        notices,
        groups,
        money,
        limits: { places: MAX_PLACES, linksPerPlace: query.linksPerPlace, rows: MAX_FACT_ROWS },
      }
    },
  }
}

export type GeoService = ReturnType<typeof createGeoService>
