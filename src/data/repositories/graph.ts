/**
 * Reads subgraphs: a node's neighbourhood, an overview of the most connected nodes, and
 * shortest paths. Every node and relationship returned is visible to the viewer.
 */
import type { Node, Relationship } from 'neo4j-driver'
import neo4j from 'neo4j-driver'

import type { SerializedGraph } from '../../model/graph-payload.js'
import type { Database, Viewer } from '../database.js'
import { relationshipKey, toGraphPayload } from '../records.js'

export interface Subgraph {
  graph: SerializedGraph
  /** Nodes that matched but were left out by the limit. */
  omitted: number
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
    /** Returns null when the start node does not exist or is not visible. */
    async neighbourhood(
      id: string,
      options: { depth: number; limit: number; types: string[] },
      viewer: Viewer,
    ): Promise<Subgraph | null> {
      const result = await database.read(
        'graph/neighbourhood',
        { id, depth: neo4j.int(options.depth), limit: neo4j.int(options.limit), types: options.types },
        viewer,
      )
      const record = result.records[0]
      if (record === undefined) {
        return null
      }
      const members = record.get('members') as Node[]
      const reachable = neo4j.integer.toNumber(record.get('reachable') as number)
      return {
        graph: toGraphPayload(members, record.get('relationships') as Relationship[]),
        omitted: Math.max(0, reachable - (members.length - 1)),
      }
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
        query.all ? 'paths/all-shortest' : 'paths/shortest',
        {
          from: query.from,
          to: query.to,
          maxHops: neo4j.int(query.maxHops),
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
  return left < right ? -1 : left > right ? 1 : 0
}

export type GraphRepository = ReturnType<typeof createGraphRepository>
