/**
 * Builds every service from one database handle. Routes reach services only through the
 * object returned here.
 */
import type { Database } from '../data/database.js'
import { NO_RATES, type RateTable } from '../money/rates.js'
import { createEntityRepository } from '../data/repositories/entities.js'
import { createExportRepository } from '../data/repositories/export.js'
import { createGraphRepository } from '../data/repositories/graph.js'
import { createGdsEngine } from '../data/repositories/gds.js'
import { createImportRepository } from '../data/repositories/import.js'
import { createMoneyRepository } from '../data/repositories/money.js'
import { createProjectionRepository } from '../data/repositories/projection.js'
import { createReviewRepository } from '../data/repositories/review.js'
import { createStatsRepository } from '../data/repositories/stats.js'
import { createAnalyticsService } from './analytics.js'
import { createAnalyticsRunner } from './analytics-runner.js'
import { createCycleService } from './cycles.js'
import { createFtmExportService } from './export-ftm.js'
import { createDuplicateRepository } from '../data/repositories/duplicates.js'
import { createDuplicateService } from './duplicates.js'
import { createFlowService } from './flows.js'
import { createGeoService } from './geo.js'
import { createImportService } from './import.js'
import { createJobService } from './jobs.js'
import { createMergeService } from './merge.js'
import { createOwnershipService } from './ownership.js'
import { createMoneyService } from './money.js'
import { createPathService } from './paths.js'
import { createPatternService } from './patterns.js'
import { createQueryService } from './queries.js'
import { createSearchService } from './search.js'
import { createSummaryService } from './summaries.js'

export interface ServiceOptions {
  /** Analytics runs at once in worker threads, and how long one may take. */
  analyticsConcurrency?: number
  analyticsTimeoutMs?: number
  /** Dated exchange rates for money trails; none by default. */
  rates?: RateTable
  /** Search steps an analytics request may take before it must run as a job. */
  analyticsMaxWork?: number
  /** How long one analytics job may run. */
  jobTimeoutMs?: number
  /** Turns a failed job's error into the code and message the API reports. */
  describeError?: (error: unknown) => { code: string; message: string }
}

export function createServices(database: Database, options: ServiceOptions = {}) {
  const entities = createEntityRepository(database)
  const graph = createGraphRepository(database)
  const moneyRepository = createMoneyRepository(database)
  const rates = options.rates ?? NO_RATES
  const money = createMoneyService(moneyRepository, rates)
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
      () => database.graphVersion(),
      options.analyticsMaxWork,
      createGdsEngine(database),
    ),
    jobs: createJobService({
      maxJobs: 200,
      maxActivePerOwner: 4,
      timeoutMs: options.jobTimeoutMs ?? 3_600_000,
      describeError: options.describeError ?? ((error) => ({ code: 'MLN_INTERNAL', message: String(error) })),
    }),
    queries: createQueryService(database),
    patterns: createPatternService(database),
    stats: createStatsRepository(database),
    imports: createImportService(database, createImportRepository(database)),
    ownership: createOwnershipService(database),
    money,
    flows: createFlowService(moneyRepository, money, rates),
    cycles: createCycleService(moneyRepository),
    geo: createGeoService(database),
    review: createReviewRepository(database),
    ftmExport: createFtmExportService(database),
    merges: createMergeService(database),
    exports: createExportRepository(database),
    duplicates: createDuplicateService(createDuplicateRepository(database)),
    summaries: createSummaryService({
      graph,
      stats: createStatsRepository(database),
      geo: createGeoService(database),
      projections: createProjectionRepository(database),
      graphVersion: () => database.graphVersion(),
    }),
  }
}

export type Services = ReturnType<typeof createServices>
