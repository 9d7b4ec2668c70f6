/**
 * Shortest paths between two entities. A path from a node to itself has length 0; an
 * unknown or invisible endpoint is a 404 so that callers can tell "no such node" from
 * "no path".
 */
import type { Viewer } from '../data/database.js'
import type { EntityRepository } from '../data/repositories/entities.js'
import type { GraphRepository, PathQuery, PathRecord } from '../data/repositories/graph.js'
import { toGraphPayload } from '../data/records.js'
import { notFound } from '../errors.js'
import type { SerializedGraph } from '../model/graph-payload.js'

export function createPathService(entities: EntityRepository, graph: GraphRepository) {
  return {
    async shortest(query: PathQuery, viewer: Viewer): Promise<{ paths: PathRecord[]; graph: SerializedGraph }> {
      const known = await entities.existing([query.from, query.to], viewer)
      for (const id of [query.from, query.to]) {
        if (!known.has(id)) {
          throw notFound('Entity', id)
        }
      }
      if (query.from === query.to) {
        const entity = await entities.get(query.from, viewer)
        const payload = toGraphPayload([], [])
        if (entity !== null) {
          payload.nodes.push({
            key: entity.id,
            attributes: { ...entity.properties, label: entity.label, name: entity.name, source: entity.provenance.source },
          })
        }
        return { paths: [{ length: 0, nodes: [query.from], relationships: [] }], graph: payload }
      }
      return graph.shortestPaths(query, viewer)
    },
  }
}
