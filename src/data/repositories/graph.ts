/**
 * Reads subgraphs: a node's neighbourhood, an overview of the most connected nodes, and
 * shortest paths. Every node and relationship returned is visible to the viewer.
 */
import type { Node, Relationship } from 'neo4j-driver'
import neo4j from 'neo4j-driver'

import type { SerializedGraph } from '../../model/graph-payload.js'
import { withHops } from '../cypher-files.js'
import type { Database, Viewer } from '../database.js'
import { relationshipKey, toGraphPayload } from '../records.js'

export interface Subgraph {
  graph: SerializedGraph
  /** True when the limit left out nodes within the depth. */
  truncated: boolean
}

export interface PathRecord {
  length: number
  nodes: string[]
  relationships: string[]
}

export interface PathQuery {
  from: string
  to: string
  maxHops: number
  types: string[]
  excludeTypes: string[]
  all: boolean
  limit: number
}

export function createGraphRepository(database: Database) {
  return {
    /**
     * Walks breadth-first from a node, one query per level, so that a hub costs at most
     * `limit` rows a level instead of every path up to the depth. Returns null when the start
     * node does not exist or is not visible.
     */
    async neighbourhood(
      id: string,
      options: { depth: number; limit: number; types: string[] },
      viewer: Viewer,
    ): Promise<Subgraph | null> {
      const start = await database.read('entities/exists', { ids: [id] }, viewer)
      if (start.records.length === 0) {
        return null
      }
      const reached = [id]
      let frontier = [id]
      let truncated = false
      for (let level = 1; level <= options.depth && frontier.length > 0; level += 1) {
        const room = options.limit - (reached.length - 1)
        const result = await database.read(
          'graph/expand-frontier',
          { frontier, reached, types: options.types, limit: neo4j.int(room + 1) },
          viewer,
        )
        frontier = result.records.map((record) => record.get('id') as string)
        if (frontier.length > room) {
          frontier = frontier.slice(0, room)
          truncated = true
        }
        reached.push(...frontier)
        if (truncated) {
          break
        }
      }
      const result = await database.read('graph/subgraph', { ids: reached, types: options.types }, viewer)
      const record = result.records[0]
      const members = (record?.get('members') as Node[] | undefined) ?? []
      const relationships = (record?.get('relationships') as Relationship[] | undefined) ?? []
      return { graph: toGraphPayload(members, relationships), truncated }
    },

    async overview(options: { limit: number; source: string | null }, viewer: Viewer): Promise<SerializedGraph> {
      const result = await database.read(
        'graph/overview',
        { limit: neo4j.int(options.limit), source: options.source },
        viewer,
      )
      const record = result.records[0]
      if (record === undefined) {
        return toGraphPayload([], [])
      }
      return toGraphPayload(record.get('members') as Node[], record.get('relationships') as Relationship[])
    },

    async shortestPaths(query: PathQuery, viewer: Viewer): Promise<{ paths: PathRecord[]; graph: SerializedGraph }> {
      const result = await database.read(
        withHops(query.all ? 'paths/all-shortest' : 'paths/shortest', query.maxHops),
        {
          from: query.from,
          to: query.to,
          types: query.types,
          excludeTypes: query.excludeTypes,
          limit: neo4j.int(query.limit),
        },
        viewer,
      )
      const allNodes: Node[] = []
      const allRelationships: Relationship[] = []
      const paths = result.records.map((record) => {
        const nodes = record.get('nodes') as Node[]
        const relationships = record.get('relationships') as Relationship[]
        allNodes.push(...nodes)
        allRelationships.push(...relationships)
        return {
          length: relationships.length,
          nodes: nodes.map((node) => String(node.properties.id)),
          relationships: relationships.map(relationshipKey),
        }
      })
      paths.sort(comparePaths)
      return { paths, graph: toGraphPayload(allNodes, allRelationships) }
    },
  }
}

/** Orders paths so that the same query returns them in the same order. */
function comparePaths(a: PathRecord, b: PathRecord): number {
  const left = a.nodes.join('\u0000')
  const right = b.nodes.join('\u0000')
  if (left === right) {
    return 0
  }
  return left < right ? -1 : 1
}

export type GraphRepository = ReturnType<typeof createGraphRepository>
