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
import { createImportService } from './import.js'
import { createPathService } from './paths.js'
import { createQueryService } from './queries.js'
import { createSearchService } from './search.js'

export function createServices(database: Database) {
  const entities = createEntityRepository(database)
  const graph = createGraphRepository(database)
  return {
    entities,
    graph,
    search: createSearchService(entities),
    paths: createPathService(entities, graph),
    analytics: createAnalyticsService(createProjectionRepository(database)),
    queries: createQueryService(database),
    stats: createStatsRepository(database),
    imports: createImportService(database, createImportRepository(database)),
  }
}

export type Services = ReturnType<typeof createServices>
