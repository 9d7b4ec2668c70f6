/**
 * The Neo4j Graph Data Science engine: the same measures as the in-process engine of
 * src/analytics, computed inside the database where the GDS plugin is installed (the
 * open-source GDS 2.13 for Neo4j 5.26). Each call projects the scope into the GDS catalog
 * under a generated name, runs one algorithm in stream or mutate mode, and drops the
 * in-memory graph in a `finally`. Scores come back keyed by node id.
 *
 * The projection reads the same nodes as the in-process engine (analytics/projection-nodes)
 * and the same relationships (gds/project repeats the filters of
 * analytics/projection-relationships). Measures that read the weight as a strength keep
 * parallel relationships apart, so that their weights add up. Measures that read a distance,
 * and the structural ones, merge parallel relationships into the shortest.
 *
 * Where GDS defines a measure differently from networkx 3.6.1, which the in-process engine
 * follows, the scores are rescaled here (the test gds.test.ts checks each one):
 * - degree: GDS counts outgoing relationships on a directed graph; `direction` picks
 *   NATURAL, REVERSE or UNDIRECTED. Normalised degree divides by n - 1 here.
 * - betweenness: GDS's raw scores equal networkx's, halved on an undirected graph;
 *   normalising divides by (n - 1)(n - 2) and doubles undirected scores. GDS's sampled
 *   betweenness sums over its k sources without rescaling, so it is multiplied by n / k,
 *   which makes it unbiased for sources drawn uniformly. The sources are not the ones the
 *   in-process engine draws for the same seed.
 * - closeness: GDS computes networkx's normalised closeness over incoming distances, with
 *   Wasserman-Faust's correction on request; outgoing distances use the reversed graph.
 *   GDS has no weighted closeness, and no unnormalised (Freeman) closeness.
 * - harmonic: GDS divides by n - 1, which is networkx's normalised harmonic centrality;
 *   unnormalised, the scores are multiplied back by n - 1. Unweighted only.
 * - pagerank: GDS does not spread the score of dangling nodes and starts each node at
 *   1 - d, so its scores do not sum to 1. Networkx spreads dangling scores the way it
 *   teleports (uniformly, or over the seeds when personalised), which changes the
 *   fixed point only by a factor, so GDS's `L1Norm` scaler gives networkx's scores.
 * - eigenvector: unweighted GDS matches networkx (in-neighbours, unit Euclidean norm).
 *   Weighted GDS divides each weight by the sender's total weight, a random walk rather
 *   than the adjacency matrix, so weighted eigenvector is not offered.
 * - louvain and label propagation: GDS 2.13 takes no random seed and no resolution. Both
 *   run with concurrency 1 so that a repeated call returns the same partition, but not
 *   the partition of the in-process engine. Modularity is computed by GDS at resolution 1.
 */
import { randomUUID } from 'node:crypto'

import neo4j, { Neo4jError } from 'neo4j-driver'

import { AnalyticsError } from '../../analytics/errors.js'
import type { Orientation } from '../../analytics/orientation.js'
import { SEE_ALL, type Database, type Viewer } from '../database.js'
import { ProjectionTooLarge, scopeParameters, type ProjectionLimits, type ProjectionScope } from './projection.js'

export const GDS_MEASURES = ['degree', 'betweenness', 'closeness', 'harmonic', 'pagerank', 'eigenvector', 'kcore'] as const
export type GdsMeasure = (typeof GDS_MEASURES)[number]

export const GDS_COMMUNITY_ALGORITHMS = ['louvain', 'label-propagation', 'wcc', 'scc'] as const
export type GdsCommunityAlgorithm = (typeof GDS_COMMUNITY_ALGORITHMS)[number]

export type Direction = 'in' | 'out' | 'total'

export interface GdsCentralityOptions {
  measure: GdsMeasure
  /** Orientation of the relationships: as stored, reversed, or undirected. */
  orientation: Orientation
  normalized: boolean
  /**
   * Degree: which relationships count (default `out`). Closeness, harmonic, eigenvector:
   * which distances or neighbours count (default `in`, as networkx). Ignored when undirected.
   */
  direction?: Direction
  /** Closeness only: Wasserman-Faust correction, default true. */
  wfImproved?: boolean
  /** Betweenness only: sum over `size` sources drawn with `seed`. */
  sample?: { size: number; seed: number }
  /** PageRank only: ids of the seed nodes of personalised PageRank. */
  seeds?: string[]
  /** PageRank only; default 0.85. */
  dampingFactor?: number
  /** PageRank and eigenvector; default 1000. */
  maxIterations?: number
  /** PageRank and eigenvector: GDS's per-node change threshold, default 1e-10. */
  tolerance?: number
}

export interface GdsCommunityOptions {
  algorithm: GdsCommunityAlgorithm
  /** Read by scc only: the other algorithms run on the undirected graph. */
  orientation: Orientation
  /** Only 1 (the default): GDS 2.13's Louvain and modularity have no resolution. */
  resolution?: number
  /** Label propagation only; default 100. */
  maxIterations?: number
}

export interface GdsCommunities {
  /** GDS's community id of each node id; the ids are GDS's own, not numbered by size. */
  assignments: Map<string, number>
  communityCount: number
  /** Newman's modularity at resolution 1 on the undirected graph. */
  modularity: number
}

type Merge = 'none' | 'min'

interface Projection {
  graphName: string
  /** Node id of each internal id. */
  idOf: Map<number, string>
  nodeCount: number
}

const ITERATION_DEFAULTS = { dampingFactor: 0.85, maxIterations: 1000, tolerance: 1e-10 }
const LABEL_PROPAGATION_MAX_ITERATIONS = 100
const NO_LIMITS: ProjectionLimits = { maxNodes: Number.MAX_SAFE_INTEGER, maxRelationships: Number.MAX_SAFE_INTEGER }

export function createGdsEngine(database: Database, limits: ProjectionLimits = NO_LIMITS) {
  /** Runs `work` on a fresh projection of `scope`, and drops the projection in a `finally`. */
  async function withProjection<T>(
    scope: ProjectionScope,
    shape: { orientation: Orientation; merge: Merge; communities?: Map<string, number> },
    viewer: Viewer,
    work: (projection: Projection) => Promise<T>,
  ): Promise<T> {
    const nodes = await database.read('analytics/projection-nodes', scopeParameters(scope), viewer)
    if (nodes.records.length > limits.maxNodes) {
      throw new ProjectionTooLarge(nodes.records.length, 0)
    }

    const keys: number[] = []
    const idOf = new Map<number, string>()
    for (const record of nodes.records) {
      const key = toNumber(record.get('key'))
      keys.push(key)
      idOf.set(key, record.get('id') as string)
    }

    const graphName = `millennium-${randomUUID()}`
    try {
      const projected = await database.read(
        'gds/project',
        {
          ...scopeParameters(scope),
          graphName,
          keys,
          orientation: shape.orientation,
          merge: shape.merge,
          communities: shape.communities === undefined ? null : communitiesByKey(shape.communities, idOf),
        },
        viewer,
      )
      const relationships = toNumber(projected.records[0]?.get('relationshipCount') ?? 0)
      if (relationships > limits.maxRelationships) {
        throw new ProjectionTooLarge(keys.length, relationships)
      }

      return await work({ graphName, idOf, nodeCount: keys.length })
    } finally {
      await database.read('gds/drop', { graphName }, SEE_ALL)
    }
  }

  /** Runs a statement that returns `key` and `score`, and keys the scores by node id. */
  async function streamScores(name: string, projection: Projection, config: Record<string, unknown>, viewer: Viewer) {
    const result = await database.read(`gds/${name}`, { graphName: projection.graphName, config }, viewer)
    const scores = new Map<string, number>()
    for (const record of result.records) {
      const id = projection.idOf.get(toNumber(record.get('key')))
      if (id !== undefined) {
        scores.set(id, toNumber(record.get('score')))
      }
    }
    return scores
  }

  return {
    /** Returns GDS's version, or null when the database has no GDS. */
    async version(): Promise<string | null> {
      try {
        const result = await database.read('gds/version', {}, SEE_ALL)
        return (result.records[0]?.get('version') as string | undefined) ?? null
      } catch (error) {
        if (error instanceof Neo4jError && /gds\.version/.test(error.message) && /Unknown function/i.test(error.message)) {
          return null
        }
        throw error
      }
    },

    /** Computes one centrality measure over the scope, keyed by node id. */
    async centrality(scope: ProjectionScope, options: GdsCentralityOptions, viewer: Viewer): Promise<Map<string, number>> {
      const weighted = scope.weightProperty !== null
      checkCentralityOptions(options, weighted)

      const plan = centralityPlan(options, weighted)
      return withProjection(scope, plan.shape, viewer, async (projection) => {
        const config = plan.config(projection)
        const scores = await streamScores(plan.statement, projection, config, viewer)
        const factor = plan.scale(projection.nodeCount)
        if (factor !== 1) {
          for (const [id, score] of scores) scores.set(id, score * factor)
        }
        return scores
      })
    },

    /** Partitions the scope into communities and scores the partition by modularity. */
    async communities(scope: ProjectionScope, options: GdsCommunityOptions, viewer: Viewer): Promise<GdsCommunities> {
      if (options.resolution !== undefined && options.resolution !== 1) {
        throw unsupported(`resolution ${options.resolution}: GDS 2.13's Louvain and modularity have no resolution`)
      }
      const weight = scope.weightProperty === null ? {} : { relationshipWeightProperty: 'weight' }
      const modularityConfig = { communityProperty: 'community', ...weight }

      if (options.algorithm === 'scc') {
        // Components follow the orientation, but modularity is measured on the undirected
        // graph, so the partition is projected again with the undirected relationships.
        const assignments = await withProjection(scope, { orientation: options.orientation, merge: 'min' }, viewer, async (projection) => {
          await database.read('gds/scc', { graphName: projection.graphName, config: { mutateProperty: 'community' } }, viewer)
          return readCommunities(projection, viewer)
        })
        const modularity = await withProjection(
          scope,
          { orientation: 'undirected', merge: 'none', communities: assignments },
          viewer,
          (projection) => readModularity(projection, modularityConfig, viewer),
        )
        return { assignments, communityCount: new Set(assignments.values()).size, modularity }
      }

      const config = communityConfig(options, weight)
      return withProjection(scope, { orientation: 'undirected', merge: 'none' }, viewer, async (projection) => {
        await database.read(`gds/${options.algorithm}`, { graphName: projection.graphName, config }, viewer)
        const assignments = await readCommunities(projection, viewer)
        const modularity = await readModularity(projection, modularityConfig, viewer)
        return { assignments, communityCount: new Set(assignments.values()).size, modularity }
      })
    },

    /** Returns the ids of the nodes whose removal splits their component, ignoring direction. */
    async articulationPoints(scope: ProjectionScope, viewer: Viewer): Promise<string[]> {
      return withProjection(scope, { orientation: 'undirected', merge: 'min' }, viewer, async (projection) => {
        const result = await database.read('gds/articulation-points', { graphName: projection.graphName }, viewer)
        return result.records.map((record) => projection.idOf.get(toNumber(record.get('key'))) as string).sort()
      })
    },

    /**
     * Returns the relationships whose removal splits their component, ignoring direction,
     * as pairs of node ids. Parallel relationships count as one, so one of a pair of
     * parallel relationships can be a bridge.
     */
    async bridges(scope: ProjectionScope, viewer: Viewer): Promise<[string, string][]> {
      return withProjection(scope, { orientation: 'undirected', merge: 'min' }, viewer, async (projection) => {
        const result = await database.read('gds/bridges', { graphName: projection.graphName }, viewer)
        return result.records.map((record) => {
          const ends = [record.get('from'), record.get('to')].map((key) => projection.idOf.get(toNumber(key)) as string)
          return ends.sort() as [string, string]
        })
      })
    },
  }

  async function readCommunities(projection: Projection, viewer: Viewer): Promise<Map<string, number>> {
    const result = await database.read('gds/communities', { graphName: projection.graphName }, viewer)
    const assignments = new Map<string, number>()
    for (const record of result.records) {
      const id = projection.idOf.get(toNumber(record.get('key')))
      if (id !== undefined) {
        assignments.set(id, toNumber(record.get('community')))
      }
    }
    return assignments
  }

  async function readModularity(projection: Projection, config: Record<string, unknown>, viewer: Viewer): Promise<number> {
    const result = await database.read('gds/modularity', { graphName: projection.graphName, config }, viewer)
    return toNumber(result.records[0]?.get('modularity') ?? 0)
  }
}

export type GdsEngine = ReturnType<typeof createGdsEngine>

interface CentralityPlan {
  statement: string
  shape: { orientation: Orientation; merge: Merge }
  config(projection: Projection): Record<string, unknown>
  /** Factor applied to every score, given the number of nodes. */
  scale(n: number): number
}

function checkCentralityOptions(options: GdsCentralityOptions, weighted: boolean): void {
  const { measure } = options
  if (!GDS_MEASURES.includes(measure)) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/gds: invalid centrality measure "${String(measure)}", expected one of ${GDS_MEASURES.join(', ')}`,
    )
  }
  if (weighted && (measure === 'closeness' || measure === 'harmonic' || measure === 'eigenvector' || measure === 'kcore')) {
    throw unsupported(`weighted ${measure}: GDS 2.13 computes it unweighted only`)
  }
  if (measure === 'closeness' && !options.normalized) {
    throw unsupported('unnormalized closeness: GDS 2.13 computes normalised closeness only')
  }
  if ((measure === 'pagerank' || measure === 'eigenvector') && !options.normalized) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/gds: ${measure} scores are always normalised, so pass normalized: true`,
    )
  }
  if (measure === 'kcore' && options.normalized) {
    throw new AnalyticsError('ANALYTICS_INVALID_OPTION', 'analytics/gds: core numbers are whole numbers, so pass normalized: false')
  }
  if (options.sample !== undefined && !(Number.isInteger(options.sample.size) && options.sample.size >= 1)) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/gds: invalid sample size ${options.sample.size}, expected a whole number of at least 1`,
    )
  }
}

/** Chooses the projection, the statement, its configuration and the rescaling for a measure. */
function centralityPlan(options: GdsCentralityOptions, weighted: boolean): CentralityPlan {
  const weight = weighted ? { relationshipWeightProperty: 'weight' } : {}
  const strength = { orientation: options.orientation, merge: 'none' as const }
  const distance = { orientation: options.orientation, merge: 'min' as const }
  const none = () => 1

  switch (options.measure) {
    case 'degree': {
      const direction = options.direction ?? 'out'
      const gdsOrientation = { out: 'NATURAL', in: 'REVERSE', total: 'UNDIRECTED' }[direction]
      return {
        statement: 'degree',
        shape: strength,
        // An undirected graph already counts both ends, and UNDIRECTED would count them twice.
        config: () => ({ ...weight, orientation: options.orientation === 'undirected' ? 'NATURAL' : gdsOrientation }),
        scale: (n) => (options.normalized ? normalizedDegreeFactor(n) : 1),
      }
    }

    case 'betweenness': {
      const sample = options.sample
      return {
        statement: 'betweenness',
        shape: distance,
        config: (projection) =>
          sample === undefined || sample.size >= projection.nodeCount
            ? weight
            : { ...weight, samplingSize: neo4j.int(sample.size), samplingSeed: neo4j.int(sample.seed) },
        scale: (n) => {
          const sampled = sample !== undefined && sample.size < n ? n / sample.size : 1
          if (!options.normalized || n < 3) return sampled
          return (sampled * (options.orientation === 'undirected' ? 2 : 1)) / ((n - 1) * (n - 2))
        },
      }
    }

    case 'closeness':
      return {
        statement: 'closeness',
        shape: { orientation: byDirection(options.orientation, options.direction ?? 'in'), merge: 'min' },
        config: () => ({ useWassermanFaust: options.wfImproved ?? true }),
        scale: none,
      }

    case 'harmonic':
      return {
        statement: 'harmonic',
        shape: { orientation: byDirection(options.orientation, options.direction ?? 'in'), merge: 'min' },
        config: () => ({}),
        scale: (n) => (options.normalized || n <= 1 ? 1 : n - 1),
      }

    case 'pagerank':
      return {
        statement: 'pagerank',
        shape: strength,
        config: (projection) => ({
          ...weight,
          ...iterationConfig(options),
          dampingFactor: options.dampingFactor ?? ITERATION_DEFAULTS.dampingFactor,
          scaler: 'L1Norm',
          ...(options.seeds === undefined ? {} : { sourceNodes: seedKeys(options.seeds, projection) }),
        }),
        scale: none,
      }

    case 'eigenvector':
      return {
        statement: 'eigenvector',
        shape: { orientation: byDirection(options.orientation, options.direction ?? 'in'), merge: 'none' },
        config: () => iterationConfig(options),
        scale: none,
      }

    case 'kcore':
      return { statement: 'kcore', shape: { orientation: 'undirected', merge: 'min' }, config: () => ({}), scale: none }
  }
}

/**
 * Returns the orientation under which GDS's incoming reading gives the requested direction,
 * because outgoing distances or neighbours are the incoming ones of the reversed graph.
 */
function byDirection(orientation: Orientation, direction: Direction): Orientation {
  if (orientation === 'undirected' || direction === 'total') return 'undirected'
  if (direction === 'in') return orientation
  return orientation === 'natural' ? 'reverse' : 'natural'
}

/** Networkx divides degree by n - 1 and gives the single node of a one-node graph 1. */
function normalizedDegreeFactor(n: number): number {
  return n > 1 ? 1 / (n - 1) : 1
}

function iterationConfig(options: GdsCentralityOptions): Record<string, unknown> {
  return {
    maxIterations: neo4j.int(options.maxIterations ?? ITERATION_DEFAULTS.maxIterations),
    tolerance: options.tolerance ?? ITERATION_DEFAULTS.tolerance,
  }
}

function communityConfig(options: GdsCommunityOptions, weight: Record<string, unknown>): Record<string, unknown> {
  switch (options.algorithm) {
    case 'louvain':
      return { ...weight, concurrency: neo4j.int(1), mutateProperty: 'community' }
    case 'label-propagation':
      return {
        ...weight,
        concurrency: neo4j.int(1),
        maxIterations: neo4j.int(options.maxIterations ?? LABEL_PROPAGATION_MAX_ITERATIONS),
        mutateProperty: 'community',
      }
    default:
      return { mutateProperty: 'community' }
  }
}

/** Maps seed ids to internal ids, and rejects a seed outside the projection as in-process does. */
function seedKeys(seeds: string[], projection: Projection): unknown[] {
  const keyOf = new Map<string, number>()
  for (const [key, id] of projection.idOf) keyOf.set(id, key)

  if (seeds.length === 0) {
    throw new AnalyticsError('ANALYTICS_INVALID_OPTION', 'analytics/gds: personalization is empty, expected at least one seed node')
  }
  return seeds.map((seed) => {
    const key = keyOf.get(seed)
    if (key === undefined) {
      throw new AnalyticsError('ANALYTICS_NODE_NOT_FOUND', `analytics/gds: personalization node "${seed}" not found in the projection`)
    }
    return neo4j.int(key)
  })
}

/** Keys each node's community by the node's internal id as a string, for gds/project. */
function communitiesByKey(assignments: Map<string, number>, idOf: Map<number, string>): Record<string, unknown> {
  const byKey: Record<string, unknown> = {}
  for (const [key, id] of idOf) {
    const community = assignments.get(id)
    if (community !== undefined) byKey[String(key)] = neo4j.int(community)
  }
  return byKey
}

function unsupported(what: string): AnalyticsError {
  return new AnalyticsError('ANALYTICS_INVALID_OPTION', `analytics/gds: ${what}. Use engine=inprocess for it`)
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'bigint') return Number(value)
  return (value as { toNumber(): number }).toNumber()
}
