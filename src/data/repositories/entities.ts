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

/** Links of one relationship type, counted from the entity's side. Self-loops count in both directions. */
export interface LinkCount {
  type: string
  count: number
  outgoing: number
  incoming: number
}

/** A notice or diffusion about an entity, with the fields analysts filter on pulled out. */
export interface NoticeSummary extends EntityRecord {
  kind: string | null
  colour: string | null
  status: string | null
  issuedBy: string | null
  issuedAt: string | null
}

export interface EntityDetails extends EntityRecord {
  links: LinkCount[]
  notices: NoticeSummary[]
}

export interface SearchHit {
  id: string
  label: string
  name: string
  aliases: string[]
  score: number
}

/** An entity found by a full-text index, before the name matcher scores it. */
export interface SearchCandidate {
  entity: EntityRecord
  score: number
}

/** The full-text indexes search reads: names and aliases as written, or their skeleton keys. */
export type SearchIndex = 'names' | 'keys'

const SEARCH_STATEMENTS: Record<SearchIndex, string> = { names: 'entities/search', keys: 'entities/search-keys' }

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

    /**
     * Returns the entity with its links counted by type and direction and the notices it is
     * the subject of, or null when it does not exist or the viewer may not see it. Hidden
     * relationships, neighbours and notices are neither listed nor counted.
     */
    async details(id: string, viewer: Viewer): Promise<EntityDetails | null> {
      const result = await database.read('entities/details', { id }, viewer)
      const record = result.records[0]
      if (record === undefined) {
        return null
      }

      const byType = new Map<string, LinkCount>()
      for (const link of record.get('links') as { type: string; direction: string; count: unknown }[]) {
        const count = neo4j.integer.toNumber(link.count as number)
        const entry = byType.get(link.type) ?? { type: link.type, count: 0, outgoing: 0, incoming: 0 }
        entry.count += count
        if (link.direction !== 'in') entry.outgoing += count
        if (link.direction !== 'out') entry.incoming += count
        byType.set(link.type, entry)
      }
      const links = [...byType.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type))

      const notices = (record.get('notices') as Node[]).map((node) => noticeSummary(nodeToEntity(node)))
      return { ...nodeToEntity(record.get('n') as Node), links, notices }
    },

    /** Returns which of `ids` name entities the viewer may see. */
    async existing(ids: string[], viewer: Viewer): Promise<Set<string>> {
      const result = await database.read('entities/exists', { ids }, viewer)
      return new Set(result.records.map((record) => record.get('id') as string))
    },

    /** Returns the visible entities that a Lucene query over one index finds, best first. */
    async candidates(
      index: SearchIndex,
      luceneQuery: string,
      labels: string[],
      limit: number,
      viewer: Viewer,
    ): Promise<SearchCandidate[]> {
      const result = await database.read(SEARCH_STATEMENTS[index], { query: luceneQuery, labels, limit: neo4j.int(limit) }, viewer)
      return result.records.map((record) => ({
        entity: nodeToEntity(record.get('node') as Node),
        score: record.get('score') as number,
      }))
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

function noticeSummary(entity: EntityRecord): NoticeSummary {
  const { kind, colour, status, issuedBy, issuedAt, ...rest } = entity.properties
  const text = (value: unknown) => (typeof value === 'string' ? value : null)
  return {
    ...entity,
    properties: rest,
    kind: text(kind),
    colour: text(colour),
    status: text(status),
    issuedBy: text(issuedBy),
    issuedAt: text(issuedAt),
  }
}

export type EntityRepository = ReturnType<typeof createEntityRepository>
