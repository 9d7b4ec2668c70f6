/**
 * Loads an analytics projection: the visible nodes and relationships in scope, as plain
 * lists that the analytics layer turns into a graphology graph.
 */
import type { Database, Viewer } from '../database.js'
import { toPlain } from '../values.js'

export interface ProjectionScope {
  labels: string[]
  types: string[]
  source: string | null
  /** Relationship property read as the weight, or null for unweighted. */
  weightProperty: string | null
}

export interface ProjectedNode {
  id: string
  label: string
  name: string
}

export interface ProjectedRelationship {
  id: string
  type: string
  source: string
  target: string
  /** The weight property's value when it is a finite number, else null. */
  weight: number | null
}

export function createProjectionRepository(database: Database) {
  return {
    async load(scope: ProjectionScope, viewer: Viewer): Promise<{ nodes: ProjectedNode[]; relationships: ProjectedRelationship[] }> {
      const parameters = {
        labels: scope.labels,
        types: scope.types,
        source: scope.source,
        weightProperty: scope.weightProperty,
      }
      const nodeResult = await database.read('analytics/projection-nodes', parameters, viewer)
      const relationshipResult = await database.read('analytics/projection-relationships', parameters, viewer)
      const nodes = nodeResult.records.map((record) => ({
        id: record.get('id') as string,
        label: record.get('label') as string,
        name: (record.get('name') as string | null) ?? (record.get('id') as string),
      }))
      const relationships = relationshipResult.records.map((record) => {
        const weight = toPlain(record.get('weight'))
        return {
          id: (record.get('id') as string | null) ?? '',
          type: record.get('type') as string,
          source: record.get('source') as string,
          target: record.get('target') as string,
          weight: typeof weight === 'number' && Number.isFinite(weight) ? weight : weightFromText(weight),
        }
      })
      return { nodes, relationships }
    },
  }
}

/** Money amounts are decimal strings; read them as numbers only for use as weights. */
function weightFromText(value: unknown): number | null {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) {
    return null
  }
  return Number(value)
}

export type ProjectionRepository = ReturnType<typeof createProjectionRepository>
