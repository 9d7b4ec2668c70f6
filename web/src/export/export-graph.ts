/**
 * The graph an export writes: what the canvas shows, no more. Nodes and relationships that
 * the renderer hides (hidden by the analyst, inside a group, outside the timeline's range)
 * are left out. Each element keeps the attributes the API sent, and nodes gain their
 * position, colour and size as drawn.
 */
import { MultiDirectedGraph } from 'graphology'

import type { NetworkGraph } from '../network.js'

/** The renderer's display data for one element, or `undefined` when it has not drawn it. */
export interface DrawnElement {
  hidden?: boolean
  color?: string
  size?: number
}

export type ExportGraph = MultiDirectedGraph<Record<string, unknown>, Record<string, unknown>>

export function buildExportGraph(
  graph: NetworkGraph,
  nodeDisplay: (key: string) => DrawnElement | undefined,
  edgeDisplay: (key: string) => DrawnElement | undefined,
): ExportGraph {
  const exported: ExportGraph = new MultiDirectedGraph({ allowSelfLoops: true })

  graph.forEachNode((key, attributes) => {
    const display = nodeDisplay(key)
    if (display === undefined || display.hidden === true) return
    exported.addNode(key, { ...attributes, x: attributes.x, y: attributes.y, color: display.color, size: display.size })
  })

  graph.forEachEdge((key, attributes, source, target) => {
    const display = edgeDisplay(key)
    if (display === undefined || display.hidden === true) return
    if (!exported.hasNode(source) || !exported.hasNode(target)) return
    exported.addEdgeWithKey(key, source, target, { ...attributes, color: display.color, size: display.size })
  })

  return exported
}

/** Returns the file name of an export made at `when`, in local time: millennium-2024-05-01-0930.gexf. */
export function exportFileName(extension: string, when: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0')
  const day = `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`
  return `millennium-${day}-${pad(when.getHours())}${pad(when.getMinutes())}.${extension}`
}

/** Returns the attribute value as GEXF and GraphML store it, with arrays and objects as JSON text. */
export function flattenValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (typeof value === 'bigint') return value.toString()
  return JSON.stringify(value)
}
