/**
 * Centrality and community detection on a projection of the stored graph. The projection
 * (labels, relationship types, source, weight) is loaded from Neo4j with the caller's
 * visibility, checked against the caps, and handed to one algorithm in a worker thread.
 */
import type { CommunityResult } from '../analytics/index.js'
import type { Viewer } from '../data/database.js'
import type { ProjectionRepository, ProjectionScope } from '../data/repositories/projection.js'
import { AppError, invalidParameter } from '../errors.js'
import type { AnalyticsRunner } from './analytics-runner.js'
import type { ProjectedGraph } from './analytics-task.js'

export const CENTRALITY_MEASURES = ['degree', 'betweenness', 'closeness', 'pagerank', 'eigenvector'] as const
export type CentralityMeasure = (typeof CENTRALITY_MEASURES)[number]

export const COMMUNITY_ALGORITHMS = ['louvain', 'label-propagation', 'wcc'] as const
export type CommunityAlgorithm = (typeof COMMUNITY_ALGORITHMS)[number]

export type Orientation = 'undirected' | 'natural' | 'reverse'

/** The weight property read for each meaning when the caller asks for a weighted run. */
export const DEFAULT_WEIGHT_PROPERTY = 'weight'

export interface ProjectionRequest {
  labels: string[]
  types: string[]
  source: string | null
  orientation: Orientation
  /** Relationship property to read as the weight, or null for unweighted. */
  weightProperty: string | null
}

export interface CentralityRequest extends ProjectionRequest {
  measure: CentralityMeasure
  normalized: boolean
  limit: number
}

export interface CommunityRequest extends ProjectionRequest {
  algorithm: CommunityAlgorithm
  seed: number
  resolution: number
}

export interface ProjectionSummary {
  labels: string[]
  types: string[]
  source: string | null
  orientation: Orientation
  weightProperty: string | null
  nodeCount: number
  relationshipCount: number
  /** Relationships in scope without a numeric weight, counted as weight 0. */
  weightMissing: number
}

/**
 * Caps of the synchronous analytics routes. Betweenness and closeness cost a search from
 * every node (O(n·m)), so their cap is lower; larger scopes need narrowing.
 */
export const MAX_PROJECTION_NODES = 200_000
export const MAX_PROJECTION_RELATIONSHIPS = 2_000_000
export const MAX_ALL_PAIRS_NODES = 20_000

export function createAnalyticsService(projections: ProjectionRepository, runner: AnalyticsRunner) {
  async function project(request: ProjectionRequest, viewer: Viewer, allPairs: boolean) {
    const scope: ProjectionScope = {
      labels: request.labels,
      types: request.types,
      source: request.source,
      weightProperty: request.weightProperty,
    }
    const { nodes, relationships } = await projections.load(scope, viewer)
    const cap = allPairs ? MAX_ALL_PAIRS_NODES : MAX_PROJECTION_NODES
    if (nodes.length > cap || relationships.length > MAX_PROJECTION_RELATIONSHIPS) {
      throw new AppError(
        'MLN_INVALID_PARAMETER',
        `Invalid scope: ${nodes.length} nodes and ${relationships.length} relationships; this measure takes at most ` +
          `${cap} nodes and ${MAX_PROJECTION_RELATIONSHIPS} relationships, so narrow it with source, labels or types`,
      )
    }

    const index = new Map(nodes.map((node, position) => [node.id, position]))
    const edges: ProjectedGraph['edges'] = []
    let weightMissing = 0
    for (const relationship of relationships) {
      const source = index.get(relationship.source)
      const target = index.get(relationship.target)
      if (source === undefined || target === undefined) {
        continue
      }
      if (request.weightProperty !== null && relationship.weight === null) {
        weightMissing += 1
      }
      edges.push({ source, target, weight: relationship.weight ?? (request.weightProperty === null ? 1 : 0) })
    }
    if (request.weightProperty !== null && edges.length > 0 && weightMissing === edges.length) {
      throw invalidParameter(
        'weightProperty',
        request.weightProperty,
        'a relationship property that holds a number on the relationships in scope (none has one)',
      )
    }

    const summary: ProjectionSummary = {
      labels: request.labels,
      types: request.types,
      source: request.source,
      orientation: request.orientation,
      weightProperty: request.weightProperty,
      nodeCount: nodes.length,
      relationshipCount: edges.length,
      weightMissing: request.weightProperty === null ? 0 : weightMissing,
    }
    return { nodes, graph: { nodes: nodes.map((node) => node.id), edges }, summary }
  }

  return {
    async centrality(request: CentralityRequest, viewer: Viewer) {
      const allPairs = request.measure === 'betweenness' || request.measure === 'closeness'
      const { nodes, graph, summary } = await project(request, viewer, allPairs)
      const meaning = weightMeaning(request.measure, request.weightProperty)
      const normalized = request.measure === 'pagerank' || request.measure === 'eigenvector' || request.normalized
      // The dispatcher orients the multigraph itself: parallel strengths add up, and of
      // several distances the shortest counts. Degree counts relationships, outgoing ones
      // for a directed orientation, as Neo4j GDS does.
      const scores = (await runner.run({
        kind: 'centrality',
        graph,
        options: {
          measure: request.measure,
          normalized,
          orientation: request.orientation,
          ...(meaning?.meaning === 'distance' ? { distanceAttribute: 'weight' } : {}),
          ...(meaning !== null && meaning.meaning !== 'distance' ? { strengthAttribute: 'weight' } : {}),
          ...(request.measure === 'degree' && request.orientation !== 'undirected' ? { direction: 'out' as const } : {}),
        },
      })) as Record<string, number>
      const ranked = nodes
        .map((node) => ({ id: node.id, label: node.label, name: node.name, score: scores[node.id] ?? 0 }))
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      return {
        measure: request.measure,
        normalized,
        weight: meaning,
        projection: summary,
        scores: ranked.slice(0, request.limit),
      }
    },

    async communities(request: CommunityRequest, viewer: Viewer) {
      const { graph, summary } = await project(request, viewer, false)
      const weighted = request.weightProperty !== null
      // Louvain and label propagation run on the undirected view; components follow the
      // requested orientation, which only strongly connected components would notice.
      const detected = (await runner.run({
        kind: 'communities',
        graph,
        options: {
          algorithm: request.algorithm,
          orientation: request.algorithm === 'wcc' ? request.orientation : 'undirected',
          ...(request.algorithm === 'wcc' ? {} : { seed: request.seed }),
          ...(request.algorithm === 'louvain' ? { resolution: request.resolution } : {}),
          ...(weighted ? { strengthAttribute: 'weight' } : {}),
        },
      })) as CommunityResult
      return {
        algorithm: request.algorithm,
        seed: request.algorithm === 'wcc' ? null : request.seed,
        resolution: request.algorithm === 'louvain' ? request.resolution : null,
        weight: request.weightProperty === null ? null : { property: request.weightProperty, meaning: 'strength' as const },
        projection: summary,
        modularity: detected.modularity,
        communityCount: detected.communities.length,
        communities: detected.communities.map((community) => ({
          id: community.id,
          size: community.members.length,
          members: community.members,
        })),
      }
    },
  }
}

/** PageRank and eigenvector read a weight as strength; betweenness and closeness as distance. */
function weightMeaning(measure: CentralityMeasure, property: string | null) {
  if (property === null) {
    return null
  }
  if (measure === 'betweenness' || measure === 'closeness') {
    return { property, meaning: 'distance' as const }
  }
  return { property, meaning: measure === 'degree' ? ('sum' as const) : ('strength' as const) }
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>
