/**
 * One analytics run on a projection, as plain data in and out, so that it can run in a
 * worker thread: builds the graphology multigraph and calls the algorithm.
 */
import { MultiDirectedGraph } from 'graphology'

import {
  computeCentrality,
  detectCommunities,
  type CentralityOptions,
  type CommunityOptions,
  type CommunityResult,
} from '../analytics/index.js'

export interface ProjectedGraph {
  nodes: string[]
  /** Source index, target index and weight of each relationship. */
  edges: { source: number; target: number; weight: number }[]
}

export type AnalyticsTask =
  | { kind: 'centrality'; graph: ProjectedGraph; options: CentralityOptions }
  | { kind: 'communities'; graph: ProjectedGraph; options: CommunityOptions }

export type AnalyticsTaskResult = Record<string, number> | CommunityResult

export function buildGraph(projected: ProjectedGraph): MultiDirectedGraph {
  const graph = new MultiDirectedGraph()
  for (const node of projected.nodes) {
    graph.mergeNode(node)
  }
  for (const edge of projected.edges) {
    graph.addEdge(projected.nodes[edge.source], projected.nodes[edge.target], { weight: edge.weight })
  }
  return graph
}

export function runTask(task: AnalyticsTask): AnalyticsTaskResult {
  const graph = buildGraph(task.graph)
  return task.kind === 'centrality' ? computeCentrality(graph, task.options) : detectCommunities(graph, task.options)
}
