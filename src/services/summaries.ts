/**
 * Reads that summarise the whole visible graph: the overview, the map, the dashboard counts and
 * the transfer series. Each one scans every visible record, so its results are cached until a
 * write or an expiry changes what the caller sees (see result-cache.ts).
 */
import type { Viewer } from '../data/database.js'
import type { GraphRepository, Subgraph } from '../data/repositories/graph.js'
import type { ProjectionRepository } from '../data/repositories/projection.js'
import type { Stats, StatsRepository, TransferSeries, TransferSeriesQuery } from '../data/repositories/stats.js'
import type { GeoQuery, GeoReport, GeoService } from './geo.js'
import { createResultCache } from './result-cache.js'

/**
 * Results kept, least recently used evicted first. Each country and the admins have their own
 * entries, so this covers the four reads for a few dozen callers' visibilities.
 * NOTE: the bound counts entries, not bytes, and an overview of 10,000 nodes or a full map can take
 * a few MB each.
 */
export const SUMMARY_CACHE_ENTRIES = 64

export interface SummarySources {
  graph: GraphRepository
  stats: StatsRepository
  geo: GeoService
  projections: ProjectionRepository
  graphVersion: () => Promise<number>
}

export function createSummaryService(sources: SummarySources, maxEntries: number = SUMMARY_CACHE_ENTRIES) {
  const results = createResultCache({
    graphVersion: sources.graphVersion,
    expiryInstants: () => sources.projections.expiryInstants(),
    maxEntries,
  })
  const counts = { hits: 0, misses: 0 }

  async function cached<T>(key: unknown, viewer: Viewer, compute: (viewer: Viewer) => Promise<T>): Promise<T> {
    const result = await results.cached(key, viewer, compute)
    if (result.cached) counts.hits += 1
    else counts.misses += 1
    return result.value
  }

  return {
    /**
     * Returns the `limit` most connected visible nodes and the relationships among them, and
     * whether more were visible. The cached value is shared, so callers must not change it.
     */
    overview(query: { limit: number; source: string | null }, viewer: Viewer): Promise<Subgraph> {
      return cached({ kind: 'overview', ...query }, viewer, async (viewer) => {
        // One node more than requested shows whether the limit cut the graph.
        const graph = await sources.graph.overview({ limit: query.limit + 1, source: query.source }, viewer)
        const truncated = graph.nodes.length > query.limit
        if (truncated) {
          const dropped = graph.nodes.pop()?.key
          graph.edges = graph.edges.filter((edge) => edge.source !== dropped && edge.target !== dropped)
        }
        return { graph, truncated }
      })
    },

    geo(query: GeoQuery, viewer: Viewer): Promise<GeoReport> {
      return cached({ kind: 'geo', ...query }, viewer, (viewer) => sources.geo.get(query, viewer))
    },

    stats(source: string | null, viewer: Viewer): Promise<Stats> {
      return cached({ kind: 'stats', source }, viewer, (viewer) => sources.stats.get(source, viewer))
    },

    transferSeries(query: TransferSeriesQuery, viewer: Viewer): Promise<TransferSeries[]> {
      return cached({ kind: 'transfers', ...query }, viewer, (viewer) => sources.stats.transferSeries(query, viewer))
    },

    /** Counts of requests served from the cache and of requests computed, since the service was built. */
    cacheCounts(): { hits: number; misses: number } {
      return { ...counts }
    },
  }
}

export type SummaryService = ReturnType<typeof createSummaryService>
