/**
 * Reads the graphs that exports write: a scope of the visible network, or the elements of a
 * posted graph payload that the caller may see. Both read from Neo4j, so an export never
 * contains more than the caller could read through the other routes.
 */
import neo4j, { type Node, type Relationship } from 'neo4j-driver'

import { exportEdge, exportNode, type Drawing, type ExportGraph } from '../../export/model.js'
import type { Database, Viewer } from '../database.js'

export interface ExportScope {
  limit: number
  source: string | null
  labels: string[]
  types: string[]
}

export interface ScopedExport {
  graph: ExportGraph
  /** True when the node or relationship limit left out part of the scope. */
  truncated: boolean
}

export interface Selection {
  nodes: { key: string; drawing?: Drawing }[]
  edges: string[]
}

export interface SelectedExport {
  graph: ExportGraph
  /** Elements of the payload that are not stored or not visible to the caller. */
  omitted: { nodes: number; edges: number }
}

export function createExportRepository(database: Database) {
  async function relationshipsAmong(
    ids: string[],
    options: { types: string[]; source: string | null; relationshipIds: string[] | null; limit: number },
    viewer: Viewer,
  ) {
    const result = await database.read(
      'export/relationships',
      {
        ids,
        types: options.types,
        source: options.source,
        relationshipIds: options.relationshipIds,
        limit: neo4j.int(options.limit),
      },
      viewer,
    )
    return result.records.map((record) =>
      exportEdge(record.get('r') as Relationship, record.get('source') as string, record.get('target') as string),
    )
  }

  return {
    /** Reads the scope, most connected nodes first, up to `limit` nodes and `maxEdges` relationships. */
    async scope(scope: ExportScope, maxEdges: number, viewer: Viewer): Promise<ScopedExport> {
      const nodeResult = await database.read(
        'export/nodes',
        { limit: neo4j.int(scope.limit + 1), source: scope.source, labels: scope.labels },
        viewer,
      )
      const nodes = nodeResult.records.map((record) => exportNode(record.get('n') as Node))
      let truncated = nodes.length > scope.limit
      if (truncated) {
        nodes.pop()
      }
      const ids = nodes.map((node) => node.key)
      const edges = await relationshipsAmong(
        ids,
        { types: scope.types, source: scope.source, relationshipIds: null, limit: maxEdges + 1 },
        viewer,
      )
      if (edges.length > maxEdges) {
        edges.pop()
        truncated = true
      }
      return { graph: { nodes, edges }, truncated }
    },

    /** Reads the posted nodes and relationships that the caller may see, keeping how they were drawn. */
    async selection(selection: Selection, viewer: Viewer): Promise<SelectedExport> {
      const drawings = new Map(selection.nodes.map((node) => [node.key, node.drawing]))
      const nodeResult = await database.read('export/nodes-by-id', { ids: [...drawings.keys()] }, viewer)
      const nodes = nodeResult.records.map((record) => {
        const node = record.get('n') as Node
        return exportNode(node, drawings.get(String(node.properties.id)))
      })
      const edgeIds = [...new Set(selection.edges)]
      const edges = await relationshipsAmong(
        nodes.map((node) => node.key),
        { types: [], source: null, relationshipIds: edgeIds, limit: edgeIds.length },
        viewer,
      )
      return {
        graph: { nodes, edges },
        omitted: { nodes: drawings.size - nodes.length, edges: edgeIds.length - edges.length },
      }
    },
  }
}

export type ExportRepository = ReturnType<typeof createExportRepository>
