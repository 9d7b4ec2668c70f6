/**
 * Centrality and community detection on a projection of the stored graph. The projection
 * (labels, relationship types, source, weight) is loaded from Neo4j with the caller's
 * visibility, turned into a graphology graph, oriented, and handed to one algorithm.
 */
import { MultiDirectedGraph } from 'graphology'

import { computeCentrality, detectCommunities } from '../analytics/index.js'
import type { Viewer } from '../data/database.js'
import type { ProjectionRepository, ProjectionScope } from '../data/repositories/projection.js'

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
}

export function createAnalyticsService(projections: ProjectionRepository) {
  async function project(request: ProjectionRequest, viewer: Viewer) {
    const scope: ProjectionScope = {
      labels: request.labels,
      types: request.types,
      source: request.source,
      weightProperty: request.weightProperty,
    }
    const { nodes, relationships } = await projections.load(scope, viewer)
    const graph = new MultiDirectedGraph()
    for (const node of nodes) {
      graph.mergeNode(node.id, { label: node.label, name: node.name })
    }
    for (const relationship of relationships) {
      if (graph.hasNode(relationship.source) && graph.hasNode(relationship.target)) {
        graph.addEdge(relationship.source, relationship.target, {
          type: relationship.type,
          weight: relationship.weight ?? (request.weightProperty === null ? 1 : 0),
        })
      }
    }
    const summary: ProjectionSummary = {
      labels: request.labels,
      types: request.types,
      source: request.source,
      orientation: request.orientation,
      weightProperty: request.weightProperty,
      nodeCount: graph.order,
      relationshipCount: graph.size,
    }
    return { graph, summary }
  }

  return {
    async centrality(request: CentralityRequest, viewer: Viewer) {
      const { graph, summary } = await project(request, viewer)
      const meaning = weightMeaning(request.measure, request.weightProperty)
      const normalized = request.measure === 'pagerank' || request.measure === 'eigenvector' || request.normalized
      // The dispatcher orients the multigraph itself: parallel strengths add up, and of
      // several distances the shortest counts. Degree counts relationships, outgoing ones
      // for a directed orientation, as Neo4j GDS does.
      const scores = computeCentrality(graph, {
        measure: request.measure,
        normalized,
        orientation: request.orientation,
        ...(meaning?.meaning === 'distance' ? { distanceAttribute: 'weight' } : {}),
        ...(meaning !== null && meaning.meaning !== 'distance' ? { strengthAttribute: 'weight' } : {}),
        ...(request.measure === 'degree' && request.orientation !== 'undirected' ? { direction: 'out' as const } : {}),
      })
      const ranked = Object.entries(scores)
        .map(([id, score]) => ({ id, label: String(graph.getNodeAttribute(id, 'label')), name: String(graph.getNodeAttribute(id, 'name')), score }))
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
      const { graph, summary } = await project(request, viewer)
      const weighted = request.weightProperty !== null
      // Louvain and label propagation run on the undirected view; components follow the
      // requested orientation, which only strongly connected components would notice.
      const detected = detectCommunities(graph, {
        algorithm: request.algorithm,
        orientation: request.algorithm === 'wcc' ? request.orientation : 'undirected',
        ...(request.algorithm === 'wcc' ? {} : { seed: request.seed }),
        ...(request.algorithm === 'louvain' ? { resolution: request.resolution } : {}),
        ...(weighted ? { strengthAttribute: 'weight' } : {}),
      })
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
