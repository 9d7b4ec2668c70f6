/**
 * Reads the visible entities of one label with their links, for duplicate detection.
 */
import type { Node } from 'neo4j-driver'
import neo4j from 'neo4j-driver'

import type { Database, Viewer } from '../database.js'
import { nodeToEntity, type EntityRecord } from '../records.js'

export interface LinkedEntity {
  entity: EntityRecord
  /** Ids of the visible entities it links to, places and notices left out. */
  linked: string[]
}

export function createDuplicateRepository(database: Database) {
  return {
    async entities(label: string, source: string | null, maxEntities: number, maxLinks: number, viewer: Viewer): Promise<LinkedEntity[]> {
      const result = await database.read(
        'duplicates/candidates',
        { label, source, maxEntities: neo4j.int(maxEntities), maxLinks: neo4j.int(maxLinks) },
        viewer,
      )
      return result.records.map((record) => ({
        entity: nodeToEntity(record.get('n') as Node),
        linked: record.get('linked') as string[],
      }))
    },
  }
}

export type DuplicateRepository = ReturnType<typeof createDuplicateRepository>
