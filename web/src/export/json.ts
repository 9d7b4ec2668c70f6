/**
 * JSON export: graphology's serialised form, the shape the API sends and `POST /api/import`
 * reads, with each node's position, colour and size as drawn.
 */
import type { ExportGraph } from './export-graph.js'

export function toJson(graph: ExportGraph): string {
  return JSON.stringify(graph.export(), null, 2)
}
