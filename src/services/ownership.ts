/**
 * Ultimate ownership of a company or asset: loads the holdings above it that the viewer
 * may see and finds the owners at the top of them, with effective shares and chains.
 */
import type { Database, Viewer } from '../data/database.js'
import { createOwnershipRepository, type Holder } from '../data/repositories/ownership.js'
import { notFound } from '../errors.js'
import { ultimateOwners, type OwnershipChain } from '../money/ownership.js'

/** The maximum number of ownership relationships loaded; a report that reaches it is marked truncated. */
export const MAX_OWNERSHIP_RELATIONSHIPS = 5000

export interface OwnershipQuery {
  threshold: number
  maxDepth: number
}

export interface OwnerReport extends Holder {
  share: number
  control: boolean
  shareUnknown: boolean
  /** The owner sits on the last level loaded and has owners of its own above it. */
  ownersBeyondDepth: boolean
  chains: OwnershipChain[]
  chainCount: number
}

export interface OwnershipReport {
  target: Holder
  threshold: number
  maxDepth: number
  owners: OwnerReport[]
  belowThreshold: number
  relationships: number
  truncated: boolean
  chainsComplete: boolean
}

export function createOwnershipService(database: Database) {
  const repository = createOwnershipRepository(database)
  return {
    /** Throws a 404 AppError when the entity does not exist or the viewer may not see it. */
    async ultimate(id: string, query: OwnershipQuery, viewer: Viewer): Promise<OwnershipReport> {
      const graph = await repository.holdingsAbove(
        id,
        { maxDepth: query.maxDepth, maxRelationships: MAX_OWNERSHIP_RELATIONSHIPS },
        viewer,
      )
      if (graph === null) {
        throw notFound('Entity', id)
      }

      const persons = new Set(
        [...graph.holders.values()].filter((holder) => holder.label === 'Person').map((holder) => holder.id),
      )
      const result = ultimateOwners(graph.target.id, graph.links, { threshold: query.threshold, persons })

      const owners = result.owners.map((owner) => ({
        ...(graph.holders.get(owner.id) ?? { id: owner.id, label: 'Entity', name: owner.id }),
        ...owner,
        ownersBeyondDepth: graph.ownersBeyondDepth.has(owner.id),
      }))
      return {
        target: graph.target,
        threshold: query.threshold,
        maxDepth: query.maxDepth,
        owners,
        belowThreshold: result.belowThreshold,
        relationships: graph.links.length,
        truncated: graph.truncated,
        chainsComplete: result.chainsComplete,
      }
    },
  }
}

export type OwnershipService = ReturnType<typeof createOwnershipService>
