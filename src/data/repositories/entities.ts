/**
 * Reads entities: one by id, and full-text search over names and aliases.
 */
import type { Node } from 'neo4j-driver'
import neo4j from 'neo4j-driver'

import type { Database, Viewer } from '../database.js'
import { nodeToEntity, type EntityRecord } from '../records.js'

export interface EntityWithLinks extends EntityRecord {
  links: { type: string; count: number }[]
}

export interface SearchHit {
  id: string
  label: string
  name: string
  aliases: string[]
  score: number
}

export function createEntityRepository(database: Database) {
  return {
    /** Returns the entity, or null when it does not exist or the viewer may not see it. */
    async get(id: string, viewer: Viewer): Promise<EntityWithLinks | null> {
      const result = await database.read('entities/get', { id }, viewer)
      const record = result.records[0]
      if (record === undefined) {
        return null
      }
      const links = (record.get('links') as { type: string; count: unknown }[]).map((link) => ({
        type: link.type,
        count: neo4j.integer.toNumber(link.count as number),
      }))
      return { ...nodeToEntity(record.get('n') as Node), links }
    },

    /** Returns which of `ids` name entities the viewer may see. */
    async existing(ids: string[], viewer: Viewer): Promise<Set<string>> {
      const result = await database.read('entities/exists', { ids }, viewer)
      return new Set(result.records.map((record) => record.get('id') as string))
    },

    async search(luceneQuery: string, labels: string[], limit: number, viewer: Viewer): Promise<SearchHit[]> {
      const result = await database.read(
        'entities/search',
        { query: luceneQuery, labels, limit: neo4j.int(limit) },
        viewer,
      )
      return result.records.map((record) => {
        const entity = nodeToEntity(record.get('node') as Node)
        const aliases = entity.properties.aliases
        return {
          id: entity.id,
          label: entity.label,
          name: entity.name,
          aliases: Array.isArray(aliases) ? aliases.map(String) : [],
          score: record.get('score') as number,
        }
      })
    },
  }
}

export type EntityRepository = ReturnType<typeof createEntityRepository>
