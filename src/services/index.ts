/**
 * Builds every service from one database handle. Routes reach services only through the
 * object returned here.
 */
import type { Database } from '../data/database.js'
import { createEntityRepository } from '../data/repositories/entities.js'
import { createGraphRepository } from '../data/repositories/graph.js'
import { createImportRepository } from '../data/repositories/import.js'
import { createProjectionRepository } from '../data/repositories/projection.js'
import { createStatsRepository } from '../data/repositories/stats.js'
import { createAnalyticsService } from './analytics.js'
import { createAnalyticsRunner } from './analytics-runner.js'
import { createImportService } from './import.js'
import { createPathService } from './paths.js'
import { createQueryService } from './queries.js'
import { createSearchService } from './search.js'

export interface ServiceOptions {
  /** Analytics runs at once in worker threads, and how long one may take. */
  analyticsConcurrency?: number
  analyticsTimeoutMs?: number
}

export function createServices(database: Database, options: ServiceOptions = {}) {
  const entities = createEntityRepository(database)
  const graph = createGraphRepository(database)
  return {
    entities,
    graph,
    search: createSearchService(entities),
    paths: createPathService(entities, graph),
    analytics: createAnalyticsService(
      createProjectionRepository(database),
      createAnalyticsRunner({
        concurrency: options.analyticsConcurrency ?? 2,
        timeoutMs: options.analyticsTimeoutMs ?? 120_000,
      }),
    ),
    queries: createQueryService(database),
    stats: createStatsRepository(database),
    imports: createImportService(database, createImportRepository(database)),
  }
}

export type Services = ReturnType<typeof createServices>
