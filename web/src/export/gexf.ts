/**
 * GEXF 1.3 export with graphology-gexf's writer, as Gephi reads it. A node's GEXF label is
 * its name, or its key when it has none. Its Neo4j label goes to the attribute `neo4jLabel`.
 * A relationship's GEXF label is its type. Positions, sizes and colours go to `viz` elements.
 */
import writeModule from 'graphology-gexf/common/writer.js'

import { flattenValue, type ExportGraph } from './export-graph.js'
import { replaceXmlForbidden } from './graphml.js'

// CommonJS (module.exports = write): Vite and Node hand over the function, TypeScript may see `{ default }`.
const write: typeof writeModule = (writeModule as unknown as { default?: typeof writeModule }).default ?? writeModule

/** Node attributes written to `viz` rather than as GEXF attributes. */
const VISUAL = new Set(['x', 'y', 'size', 'color'])

export function toGexf(graph: ExportGraph): string {
  return write(graph, {
    version: '1.3',
    formatNode: (key: string, attributes: Record<string, unknown>) => {
      const name = typeof attributes.name === 'string' && attributes.name !== '' ? attributes.name : key
      const properties: Record<string, string | number | boolean> = {}
      for (const [property, value] of Object.entries(attributes)) {
        if (VISUAL.has(property)) continue
        const flat = xmlSafe(flattenValue(value))
        if (flat !== null) properties[property === 'label' ? 'neo4jLabel' : property] = flat
      }
      return {
        label: replaceXmlForbidden(name),
        attributes: properties,
        viz: {
          x: attributes.x as number,
          y: attributes.y as number,
          size: typeof attributes.size === 'number' ? attributes.size : 1,
          ...(typeof attributes.color === 'string' ? { color: attributes.color } : {}),
        },
      }
    },
    formatEdge: (_key: string, attributes: Record<string, unknown>) => {
      const properties: Record<string, string | number | boolean> = {}
      for (const [property, value] of Object.entries(attributes)) {
        if (property === 'color' || property === 'size') continue
        const flat = xmlSafe(flattenValue(value))
        if (flat !== null) properties[property] = flat
      }
      return {
        label: String(attributes.type),
        attributes: properties,
        viz: {
          thickness: typeof attributes.size === 'number' ? attributes.size : 1,
          ...(typeof attributes.color === 'string' ? { color: attributes.color } : {}),
        },
      }
    },
  })
}

/**
 * Makes a value writable as XML. graphology-gexf escapes markup but passes on control
 * characters that XML 1.0 forbids, which would leave the file unreadable.
 */
function xmlSafe<Value>(value: Value): Value {
  return (typeof value === 'string' ? replaceXmlForbidden(value) : value) as Value
}
