/**
 * Loads the holdings above an entity: the visible `OWNS` and `CONTROLS` relationships that
 * lead up to it, breadth-first, one query per level. Into a person only `CONTROLS` is
 * loaded, because a person is not owned.
 */
import type { Node, Relationship } from 'neo4j-driver'
import neo4j, { type Integer } from 'neo4j-driver'

import type { OwnershipLink, OwnershipType } from '../../money/ownership.js'
import type { Database, Viewer } from '../database.js'
import { nodeToEntity, relationshipKey } from '../records.js'

export interface Holder {
  id: string
  label: string
  name: string
}

export interface HoldingGraph {
  target: Holder
  /** Every holder reached, the target included. */
  holders: Map<string, Holder>
  links: OwnershipLink[]
  /** Holders on the last level whose own owners lie beyond the depth and were not loaded. */
  ownersBeyondDepth: Set<string>
  /** True when the relationship limit stopped the loading before the depth was reached. */
  truncated: boolean
}

export function createOwnershipRepository(database: Database) {
  return {
    /**
     * Returns the holdings up to `maxDepth` levels above `id`, at most `maxRelationships`
     * of them, or null when the entity does not exist or the viewer may not see it.
     */
    async holdingsAbove(
      id: string,
      options: { maxDepth: number; maxRelationships: number },
      viewer: Viewer,
    ): Promise<HoldingGraph | null> {
      const found = await database.read('ownership/target', { id }, viewer)
      const targetNode = found.records[0]?.get('n') as Node | undefined
      if (targetNode === undefined) {
        return null
      }
      const target = holderOf(targetNode)
      const holders = new Map([[target.id, target]])
      const links: OwnershipLink[] = []
      let frontier = [target.id]
      let truncated = false

      for (let level = 1; level <= options.maxDepth && frontier.length > 0 && !truncated; level += 1) {
        const room = options.maxRelationships - links.length
        const result = await database.read(
          'ownership/holders',
          { frontier, limit: neo4j.int(room + 1) },
          viewer,
        )
        let records = result.records
        if (records.length > room) {
          records = records.slice(0, room)
          truncated = true
        }
        frontier = []
        for (const record of records) {
          const owner = holderOf(record.get('owner') as Node)
          links.push(linkOf(record.get('r') as Relationship, owner.id, record.get('owned') as string))
          if (!holders.has(owner.id)) {
            holders.set(owner.id, owner)
            frontier.push(owner.id)
          }
        }
      }

      const ownersBeyondDepth = new Set<string>()
      if (frontier.length > 0 && !truncated) {
        const result = await database.read('ownership/owned-holders', { frontier }, viewer)
        for (const record of result.records) {
          ownersBeyondDepth.add(record.get('id') as string)
        }
      }
      return { target, holders, links, ownersBeyondDepth, truncated }
    },
  }
}

function holderOf(node: Node): Holder {
  const entity = nodeToEntity(node)
  return { id: entity.id, label: entity.label, name: entity.name }
}

function linkOf(relationship: Relationship, owner: string, owned: string): OwnershipLink {
  return {
    id: relationshipKey(relationship),
    type: relationship.type as OwnershipType,
    owner,
    owned,
    share: shareOf(relationship.properties.share),
  }
}

/** Reads `share` as a part from 0 to 1; a missing, non-numeric or out-of-range value is unknown. */
export function shareOf(value: unknown): number | null {
  const share = neo4j.isInt(value) ? neo4j.integer.toNumber(value as Integer) : value
  if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) {
    return null
  }
  return share
}

export type OwnershipRepository = ReturnType<typeof createOwnershipRepository>
