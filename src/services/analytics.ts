/**
 * Centrality, communities, brokers and arrest simulation on a scoped projection of the
 * stored graph. The projection (labels, types, dataset, time window, group, country, stored
 * community, neighbourhood) is loaded from Neo4j with the caller's visibility and handed to
 * one algorithm in a worker thread. Results are cached by graph version, caller visibility
 * and parameters. Work that would outlast a request is rejected here and runs as a job.
 */
import { createHash } from 'node:crypto'

import type { EdgeList } from '../analytics/compact.js'
import { BROKERAGE_ROLES, numberPartition, type BrokerageCounts, type CommunityResult, type DisruptionResult, type RemovalResult } from '../analytics/index.js'
import { OPEN_NETWORK, type Viewer } from '../data/database.js'
import {
  ProjectionTooLarge,
  type LoadedProjection,
  type ProjectionRepository,
  type ProjectionScope,
} from '../data/repositories/projection.js'
import { AppError, invalidParameter } from '../errors.js'
import type { GdsEngine } from '../data/repositories/gds.js'
import type { AnalyticsRunner, RunOptions } from './analytics-runner.js'
import type { AnalyticsTask, BrokerMeasure } from './analytics-task.js'
import { createResultCache } from './result-cache.js'

export const CENTRALITY_MEASURES = ['degree', 'betweenness', 'closeness', 'harmonic', 'pagerank', 'eigenvector', 'kcore'] as const
export type CentralityMeasure = (typeof CENTRALITY_MEASURES)[number]

export const COMMUNITY_ALGORITHMS = ['louvain', 'label-propagation', 'wcc', 'scc'] as const
export type CommunityAlgorithm = (typeof COMMUNITY_ALGORITHMS)[number]

export const BROKER_MEASURES = ['articulation-points', 'bridges', 'brokerage'] as const satisfies readonly BrokerMeasure[]

/** Measures a disruption run can remove nodes by. */
export const DISRUPTION_MEASURES = ['degree', 'betweenness', 'closeness', 'harmonic', 'pagerank', 'eigenvector', 'kcore'] as const

export type Orientation = 'undirected' | 'natural' | 'reverse'
export type Direction = 'in' | 'out' | 'total'

/** The weight property read when the caller asks for a weighted run without naming one. */
export const DEFAULT_WEIGHT_PROPERTY = 'weight'

export interface ScopeRequest {
  labels: string[]
  types: string[]
  source: string | null
  since: string | null
  until: string | null
  group: string | null
  country: string | null
  community: { property: string; value: number } | null
  around: string[] | null
  radius: number | null
  orientation: Orientation
  /** Relationship property to read as the weight, or null for unweighted. */
  weightProperty: string | null
}

export interface CentralityRequest extends ScopeRequest {
  measure: CentralityMeasure
  normalized: boolean
  direction: Direction | null
  /** Sampled betweenness from this many source nodes, or null for exact. */
  samples: number | null
  seed: number
  /** Personalised PageRank from these node ids, or null. */
  seeds: string[] | null
  limit: number
}

export interface CommunityRequest extends ScopeRequest {
  algorithm: CommunityAlgorithm
  seed: number
  resolution: number
}

export interface BrokerRequest extends ScopeRequest {
  measure: BrokerMeasure
  /** brokerage: the node property giving each node's group, or null for the group it is a MEMBER_OF. */
  groupProperty: string | null
  limit: number
}

export interface DisruptionRequest extends ScopeRequest {
  /** Remove these nodes and report what falls apart; otherwise remove by `measure`. */
  remove: string[] | null
  measure: (typeof DISRUPTION_MEASURES)[number]
  strategy: 'recompute' | 'static'
  blockSize: number
  maxSteps: number
}

export interface ProjectionSummary {
  labels: string[]
  types: string[]
  source: string | null
  since: string | null
  until: string | null
  group: string | null
  country: string | null
  community: { property: string; value: number } | null
  around: string[] | null
  radius: number | null
  orientation: Orientation
  weightProperty: string | null
  nodeCount: number
  relationshipCount: number
  /** Relationships in scope without a numeric weight, counted as weight 0. */
  weightMissing: number
}

/** Context of a run: a request must finish within its time limit, a job may take long. */
export interface RunContext extends RunOptions {
  job: boolean
  /** Engine that computes: in-process unless the request or the configuration names gds. */
  engine?: Engine
}

export type Engine = 'inprocess' | 'gds'

/** Caller writing scores back, who may change open records without an owner, their own country's, or any open one as admin. */
export interface Writer {
  sub: string
  ncb: string | null
  admin: boolean
}

/**
 * The network write-back computes on, stored as `<property>_network` beside each value.
 * Readers of stored values (community scopes, the top-scored query) take only values so marked.
 */
export const WRITE_BACK_NETWORK = 'open' as const

/** Caps of every projection. */
export const MAX_PROJECTION_NODES = 500_000
export const MAX_PROJECTION_RELATIONSHIPS = 5_000_000
/** Nodes a neighbourhood scope may collect. */
export const MAX_NEIGHBOURHOOD_NODES = 50_000

/**
 * Work a request may do by default (MILLENNIUM_ANALYTICS_MAX_WORK), in steps of one search
 * over one relationship: an exact betweenness on n nodes and m relationships costs about
 * n × (n + m). Above it, the request is rejected with a pointer to the job endpoint. About
 * 10 s on one core.
 */
export const MAX_REQUEST_WORK = 1_000_000_000

const CACHE_ENTRIES = 64

export function createAnalyticsService(
  projections: ProjectionRepository,
  runner: AnalyticsRunner,
  graphVersion: () => Promise<number>,
  maxRequestWork: number = MAX_REQUEST_WORK,
  gds: GdsEngine | null = null,
) {
  const results = createResultCache({
    graphVersion,
    expiryInstants: () => projections.expiryInstants(),
    maxEntries: CACHE_ENTRIES,
  })
  const cached = results.cached

  /**
   * Fingerprints the `expiresAt` instants that have passed at `now`. Two equal stamps taken
   * under the same graph version mean that no record expired in between. A job stores the
   * stamp of its start, and its result is withheld once the stamp has changed.
   */
  async function expiryStamp(now: Date = new Date()): Promise<string> {
    const passed = await results.passedInstants(await graphVersion(), now)
    return createHash('sha256').update(passed.join(',')).digest('base64url')
  }

  /** Resolves the stored scope of a request, a neighbourhood included as its node ids. */
  async function scopeOf(request: ScopeRequest, viewer: Viewer): Promise<ProjectionScope> {
    const seen = seenBy(viewer)
    let ids: string[] | null = null
    if (request.around !== null) {
      ids = await projections.neighbourhood(request.around, request.radius ?? 1, request.types, viewer, MAX_NEIGHBOURHOOD_NODES)
      if (ids.length === 0) {
        throw invalidParameter('around', request.around.join(','), `ids of ${seen}`)
      }
      if (ids.length > MAX_NEIGHBOURHOOD_NODES) {
        throw invalidParameter('radius', request.radius, `a radius whose neighbourhood contains at most ${MAX_NEIGHBOURHOOD_NODES} nodes`)
      }
    }
    if (request.group !== null) {
      const visible = await projections.neighbourhood([request.group], 0, [], viewer, 1)
      if (visible.length === 0) {
        throw invalidParameter('group', request.group, `the id of a group among the ${seen}`)
      }
    }
    return {
      labels: request.labels,
      types: request.types,
      source: request.source,
      weightProperty: request.weightProperty,
      since: request.since,
      until: request.until,
      group: request.group,
      country: request.country,
      community: request.community,
      ids,
    }
  }

  async function project(request: ScopeRequest, viewer: Viewer): Promise<{ projection: LoadedProjection; summary: ProjectionSummary; scope: ProjectionScope }> {
    const scope = await scopeOf(request, viewer)
    let projection: LoadedProjection
    try {
      projection = await projections.load(scope, viewer, { maxNodes: MAX_PROJECTION_NODES, maxRelationships: MAX_PROJECTION_RELATIONSHIPS })
    } catch (error) {
      if (error instanceof ProjectionTooLarge) {
        throw new AppError(
          'MLN_INVALID_PARAMETER',
          `Invalid scope: ${error.nodes} nodes and at least ${error.relationships} relationships; a projection takes at most ` +
            `${MAX_PROJECTION_NODES} nodes and ${MAX_PROJECTION_RELATIONSHIPS} relationships, so narrow it with source, labels, types, a window, a group, a country or a neighbourhood`,
        )
      }
      throw error
    }
    if (request.since !== null || request.until !== null) {
      projection = withoutIsolatedNodes(projection)
    }
    checkWeights(request, projection)

    const summary: ProjectionSummary = {
      labels: request.labels,
      types: request.types,
      source: request.source,
      since: request.since,
      until: request.until,
      group: request.group,
      country: request.country,
      community: request.community,
      around: request.around,
      radius: request.around === null ? null : (request.radius ?? 1),
      orientation: request.orientation,
      weightProperty: request.weightProperty,
      nodeCount: projection.nodes.length,
      relationshipCount: projection.edges.sources.length,
      weightMissing: request.weightProperty === null ? 0 : projection.weightMissing,
    }
    return { projection, summary, scope }
  }

  function rejectLongWork(context: RunContext, work: number, description: string, parameter: string, value: unknown) {
    if (!context.job && work > maxRequestWork) {
      throw invalidParameter(
        parameter,
        value,
        `a scope small enough to answer within a request (${description} would take about ${formatWork(work)} steps, the limit is ${formatWork(maxRequestWork)}); ` +
          'narrow the scope, or run it as a job: POST /api/jobs',
      )
    }
  }

  async function run(task: AnalyticsTask, context: RunContext) {
    return runner.run(task, context)
  }

  async function centrality(request: CentralityRequest, viewer: Viewer, context: RunContext = { job: false }) {
    const { limit, ...key } = request
    const engine = context.engine ?? 'inprocess'
    const { value, cached: hit, graphVersion: version } = await cached({ kind: 'centrality', engine, ...key }, viewer, async (viewer) => {
      const { projection, summary, scope } = await project(request, viewer)
      const n = projection.nodes.length
      const size = n + projection.edges.sources.length * (request.orientation === 'undirected' ? 2 : 1)
      if (request.measure === 'betweenness' || request.measure === 'closeness' || request.measure === 'harmonic') {
        const sources = request.measure === 'betweenness' && request.samples !== null ? Math.min(request.samples, n) : n
        rejectLongWork(context, sources * size, `exact ${request.measure} on ${n} nodes`, 'measure', request.measure)
      }
      const seeds = request.seeds === null ? undefined : seedNumbers(request.seeds, projection)
      const meaning = weightMeaning(request.measure, request.weightProperty)
      const normalized = request.measure === 'pagerank' || request.measure === 'eigenvector' || (request.measure !== 'kcore' && request.normalized)
      const scores = engine === 'gds' && gds !== null
        ? scoresByNode(
            projection,
            await gds.centrality(
              scope,
              {
                measure: request.measure,
                orientation: request.orientation,
                normalized: request.measure === 'kcore' ? false : normalized,
                ...directionOption(request),
                ...(request.samples !== null && request.measure === 'betweenness' ? { sample: { size: Math.min(request.samples, n), seed: request.seed } } : {}),
                ...(request.seeds === null ? {} : { seeds: request.seeds }),
              },
              viewer,
            ),
          )
        : ((await run(
        {
          kind: 'centrality',
          edges: projection.edges,
          options: {
            measure: request.measure === 'harmonic' ? 'closeness' : request.measure,
            normalized: request.measure === 'kcore' ? false : normalized,
            orientation: request.orientation,
            ...(meaning?.meaning === 'distance' ? { distanceAttribute: 'weight' } : {}),
            ...(meaning !== null && meaning.meaning !== 'distance' ? { strengthAttribute: 'weight' } : {}),
            ...directionOption(request),
            ...(request.measure === 'harmonic' ? { harmonic: true } : {}),
            ...(request.samples !== null && request.measure === 'betweenness' ? { sample: { k: Math.min(request.samples, n), seed: request.seed } } : {}),
            ...(seeds === undefined ? {} : { personalization: seeds }),
          },
        },
        context,
      )) as Float64Array)
      const ranked = projection.nodes
        .map((node, i) => ({ id: node.id, label: node.label, name: node.name, score: scores[i] ?? 0 }))
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      return {
        measure: request.measure,
        normalized: request.measure === 'kcore' ? false : normalized,
        direction: effectiveDirection(request),
        weight: meaning,
        sample:
          request.measure === 'betweenness' && request.samples !== null
            ? { k: Math.min(request.samples, n), seed: request.seed, exact: request.samples >= n }
            : null,
        seeds: request.seeds,
        projection: summary,
        scores: ranked,
      }
    })
    return { ...value, engine, graphVersion: version, cached: hit, scores: value.scores.slice(0, limit) }
  }

  async function communities(request: CommunityRequest, viewer: Viewer, context: RunContext = { job: false }) {
    const engine = context.engine ?? 'inprocess'
    const { value, cached: hit, graphVersion: version } = await cached({ kind: 'communities', engine, ...request }, viewer, async (viewer) => {
      const { projection, summary, scope } = await project(request, viewer)
      const weighted = request.weightProperty !== null
      const randomised = request.algorithm === 'louvain' || request.algorithm === 'label-propagation'
      // Louvain and label propagation run on the undirected view; components follow the
      // requested orientation, which only strongly connected components notice.
      const detected = engine === 'gds' && gds !== null
        ? partitionOf(projection, await gds.communities(scope, { algorithm: request.algorithm, orientation: request.orientation, resolution: request.resolution }, viewer))
        : ((await run(
        {
          kind: 'communities',
          edges: projection.edges,
          options: {
            algorithm: request.algorithm,
            orientation: randomised ? 'undirected' : request.orientation,
            ...(randomised ? { seed: request.seed } : {}),
            ...(request.algorithm === 'louvain' ? { resolution: request.resolution } : {}),
            ...(weighted ? { strengthAttribute: 'weight' } : {}),
          },
        },
        context,
      )) as CommunityResult)
      return {
        algorithm: request.algorithm,
        seed: randomised ? request.seed : null,
        resolution: request.algorithm === 'louvain' ? request.resolution : null,
        weight: weighted ? { property: request.weightProperty as string, meaning: 'strength' as const } : null,
        projection: summary,
        modularity: detected.modularity,
        communityCount: detected.communities.length,
        communities: detected.communities.map((community) => ({ id: community.id, size: community.members.length, members: community.members })),
        assignments: detected.assignments,
      }
    })
    const { assignments: _assignments, ...response } = value
    return { ...response, engine, graphVersion: version, cached: hit }
  }

  async function brokers(request: BrokerRequest, viewer: Viewer, context: RunContext = { job: false }) {
    const { limit, ...key } = request
    const { value, cached: hit, graphVersion: version } = await cached({ kind: 'brokers', ...key }, viewer, async (viewer) => {
      const { projection, summary } = await project(request, viewer)
      const groups =
        request.measure === 'brokerage'
          ? await projections.groupsOf(projection.nodes.map((node) => node.id), request.groupProperty, viewer)
          : undefined
      const orientation = request.measure === 'brokerage' ? request.orientation : 'undirected'
      const result = await run({ kind: 'brokers', edges: projection.edges, options: { measure: request.measure, orientation, groups } }, context)
      return { measure: request.measure, groupProperty: request.groupProperty, projection: summary, result, nodes: projection.nodes }
    })
    return { ...brokerResponse(value, limit), engine: 'inprocess' as const, graphVersion: version, cached: hit }
  }

  async function disruption(request: DisruptionRequest, viewer: Viewer, context: RunContext = { job: false }) {
    const { value, cached: hit, graphVersion: version } = await cached({ kind: 'disruption', ...request }, viewer, async (viewer) => {
      const { projection, summary } = await project(request, viewer)
      if (request.remove !== null) {
        const known = new Set(projection.edges.keys)
        const unknown = request.remove.filter((id) => !known.has(id))
        if (unknown.length > 0) {
          throw invalidParameter('remove', unknown.join(','), 'ids of nodes in the scope')
        }
        const result = (await run({ kind: 'removal', edges: projection.edges, options: { remove: request.remove } }, context)) as RemovalResult
        return { mode: 'list' as const, projection: summary, ...result }
      }
      const n = projection.nodes.length
      const size = n + projection.edges.sources.length * 2
      const steps = Math.min(request.maxSteps, Math.ceil(n / request.blockSize))
      const perStep = request.measure === 'betweenness' || request.measure === 'closeness' || request.measure === 'harmonic' ? n * size : 20 * size
      rejectLongWork(context, (request.strategy === 'recompute' ? steps : 1) * perStep, `this simulation on ${n} nodes`, 'strategy', request.strategy)
      const result = (await run(
        {
          kind: 'disruption',
          edges: projection.edges,
          options: {
            measure: request.measure === 'harmonic' ? 'closeness' : request.measure,
            strategy: request.strategy,
            blockSize: request.blockSize,
            maxSteps: request.maxSteps,
            measureOptions: { orientation: request.orientation, ...(request.measure === 'harmonic' ? { harmonic: true } : {}) },
            ...(request.weightProperty === null ? {} : { weighted: true }),
          },
        },
        context,
      )) as DisruptionResult
      return {
        mode: 'measure' as const,
        measure: request.measure,
        strategy: request.strategy,
        blockSize: request.blockSize,
        tieRule: 'highest score first; scores equal within a relative 1e-9 are taken in ascending order of node id',
        projection: summary,
        ...result,
      }
    })
    return { ...value, engine: 'inprocess' as const, graphVersion: version, cached: hit }
  }

  /**
   * Checks that `engine` can run here. Neo4j Graph Data Science is used only where
   * `gds.version()` returns a version, and a request for it elsewhere is a 400.
   */
  async function checkEngine(engine: Engine): Promise<Engine> {
    if (engine === 'gds' && (gds === null || (await gds.version()) === null)) {
      throw invalidParameter('engine', engine, 'inprocess: Neo4j Graph Data Science is not installed on this Neo4j')
    }
    return engine
  }

  /**
   * Computes a full centrality or community result on the open network and stores it on the
   * open nodes in scope: `score_<measure>` or `community_<algorithm>`, with
   * `<property>_computedAt`, `<property>_parameters` (the request as JSON) and
   * `<property>_network` ('open'). Every writer, admins included, computes on the open
   * network, so a stored value derives only from records that every reader sees. Open nodes
   * the writer may not change (another country's) are skipped and counted.
   */
  async function writeBack(
    run: { kind: 'centrality'; request: CentralityRequest } | { kind: 'communities'; request: CommunityRequest },
    writer: Writer,
  ) {
    const computedAt = new Date().toISOString()
    let property: string
    let values: { id: string; value: number }[]
    let parameters: unknown
    let projection: ProjectionSummary
    if (run.kind === 'centrality') {
      const { limit: _limit, ...request } = run.request
      const result = await centrality(run.request, OPEN_NETWORK)
      property = `score_${run.request.measure}`
      values = result.scores.map((score) => ({ id: score.id, value: score.score }))
      parameters = request
      projection = result.projection
    } else {
      const result = await communities(run.request, OPEN_NETWORK)
      property = `community_${run.request.algorithm.replace(/-/g, '_')}`
      values = result.communities.flatMap((community) => community.members.map((id) => ({ id, value: community.id })))
      parameters = run.request
      projection = result.projection
    }
    const counts = await projections.writeScores(property, values, { computedAt, parameters: JSON.stringify(parameters), network: WRITE_BACK_NETWORK }, writer)
    return { property, network: WRITE_BACK_NETWORK, computedAt, parameters, projection, ...counts }
  }

  return { centrality, communities, brokers, disruption, writeBack, checkEngine, project, expiryStamp }
}

/** Lists the nodes visible to a viewer, for messages about ids outside them. */
function seenBy(viewer: Viewer): string {
  return !viewer.all && viewer.ncb === null ? 'open nodes (no restrictedTo, not expired)' : 'nodes you can see'
}

/** GDS scores keyed by node id, in the projection's node order; a node GDS did not score gets 0. */
function scoresByNode(projection: LoadedProjection, scores: Map<string, number>): Float64Array {
  return Float64Array.from(projection.nodes, (node) => scores.get(node.id) ?? 0)
}

/** Numbers a GDS partition by the in-process rule; a node GDS left out is a community of its own. */
function partitionOf(projection: LoadedProjection, found: { assignments: Map<string, number>; modularity: number }): CommunityResult {
  const labelOf = new Map<number, number>()
  const labels = Int32Array.from(projection.nodes, (node, i) => {
    const community = found.assignments.get(node.id)
    const key = community === undefined ? -1 - i : community
    let label = labelOf.get(key)
    if (label === undefined) {
      label = labelOf.size
      labelOf.set(key, label)
    }
    return label
  })
  const { assignments, communities } = numberPartition(projection.edges.keys, labels, labelOf.size)
  return { assignments, communities, modularity: found.modularity }
}

function withoutIsolatedNodes(projection: LoadedProjection): LoadedProjection {
  const { edges } = projection
  const linked = new Uint8Array(edges.keys.length)
  for (let e = 0; e < edges.sources.length; e++) {
    linked[edges.sources[e] as number] = 1
    linked[edges.targets[e] as number] = 1
  }
  const renumber = new Int32Array(edges.keys.length).fill(-1)
  const nodes: LoadedProjection['nodes'] = []
  projection.nodes.forEach((node, i) => {
    if (linked[i] === 1) {
      renumber[i] = nodes.length
      nodes.push(node)
    }
  })
  const sources = edges.sources.map((s) => renumber[s] as number)
  const targets = edges.targets.map((t) => renumber[t] as number)
  const remaining: EdgeList = { keys: nodes.map((node) => node.id), directed: true, sources, targets, weights: edges.weights }
  return { nodes, edges: remaining, weightMissing: projection.weightMissing }
}

function checkWeights(request: ScopeRequest, projection: LoadedProjection): void {
  const weights = projection.edges.weights
  if (request.weightProperty === null || weights === null) {
    return
  }
  if (weights.length > 0 && projection.weightMissing === weights.length) {
    throw invalidParameter(
      'weightProperty',
      request.weightProperty,
      'a relationship property that holds a number on the relationships in scope (none has one); ' +
        `weighted=true reads "${request.weightProperty}" unless weightProperty names another, so name one or drop weighted`,
    )
  }
  const negative = weights.findIndex((weight) => weight < 0)
  if (negative >= 0) {
    throw invalidParameter(
      'weightProperty',
      request.weightProperty,
      `a property that is at least 0 on every relationship in scope (one from "${projection.edges.keys[projection.edges.sources[negative] as number]}" holds ${weights[negative]})`,
    )
  }
}

function seedNumbers(seeds: string[], projection: LoadedProjection): number[] {
  const index = new Map(projection.edges.keys.map((id, i) => [id, i]))
  const missing = seeds.filter((id) => !index.has(id))
  if (missing.length > 0) {
    throw invalidParameter('seeds', missing.join(','), 'ids of nodes in the scope')
  }
  return seeds.map((id) => index.get(id) as number)
}

/** Degree counts outgoing relationships on a directed projection; closeness and harmonic incoming distances. */
function effectiveDirection(request: CentralityRequest): Direction | null {
  if (request.measure !== 'degree' && request.measure !== 'closeness' && request.measure !== 'harmonic') {
    return null
  }
  if (request.orientation === 'undirected') {
    return 'total'
  }
  return request.direction ?? (request.measure === 'degree' ? 'out' : 'in')
}

function directionOption(request: CentralityRequest) {
  const direction = effectiveDirection(request)
  return direction === null || request.orientation === 'undirected' ? {} : { direction }
}

/** PageRank and eigenvector read a weight as strength; betweenness, closeness and harmonic as distance. */
function weightMeaning(measure: CentralityMeasure, property: string | null) {
  if (property === null || measure === 'kcore') {
    return null
  }
  if (measure === 'betweenness' || measure === 'closeness' || measure === 'harmonic') {
    return { property, meaning: 'distance' as const }
  }
  return { property, meaning: measure === 'degree' ? ('sum' as const) : ('strength' as const) }
}

function formatWork(work: number): string {
  return work.toExponential(1).replace('e+', 'e')
}

function brokerResponse(
  value: { measure: BrokerMeasure; groupProperty: string | null; projection: ProjectionSummary; result: unknown; nodes: LoadedProjection['nodes'] },
  limit: number,
) {
  return { measure: value.measure, groupProperty: value.groupProperty, projection: value.projection, ...shapeBrokers(value, limit) }
}

function shapeBrokers(value: { measure: BrokerMeasure; result: unknown; nodes: LoadedProjection['nodes'] }, limit: number) {
  const byId = new Map(value.nodes.map((node) => [node.id, node]))
  if (value.measure === 'articulation-points') {
    const points = (value.result as string[]).map((id) => byId.get(id) as LoadedProjection['nodes'][number])
    return { articulationPoints: points.slice(0, limit), count: points.length }
  }
  if (value.measure === 'bridges') {
    const pairs = value.result as [string, string][]
    return { bridges: pairs.slice(0, limit).map(([source, target]) => ({ source, target })), count: pairs.length }
  }
  const counts = value.result as BrokerageCounts
  const brokers = value.nodes
    .map((node, i) => ({
      ...node,
      total: counts.total[i] as number,
      ...Object.fromEntries(BROKERAGE_ROLES.map((role) => [role, counts[role][i] as number])),
      unclassified: counts.unclassified[i] as number,
    }))
    .filter((broker) => broker.total > 0 || broker.unclassified > 0)
    .sort((a, b) => b.total - a.total || (a.id < b.id ? -1 : 1))
  return { roles: BROKERAGE_ROLES, brokers: brokers.slice(0, limit), count: brokers.length }
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>
