/**
 * Exports the current view in one of four formats and downloads it, named after the time
 * of the export.
 */
import type Sigma from 'sigma'

import type { NetworkGraph } from '../network.js'
import { download } from './download.js'
import { buildExportGraph, exportFileName, type ExportGraph } from './export-graph.js'
import { toGexf } from './gexf.js'
import { toGraphml } from './graphml.js'
import { toJson } from './json.js'
import { toPng } from './png.js'

export type ExportFormat = 'png' | 'gexf' | 'graphml' | 'json'

export const EXPORT_FORMATS: readonly { format: ExportFormat; text: string; description: string }[] = [
  { format: 'png', text: 'PNG', description: 'Image of the view as drawn' },
  { format: 'gexf', text: 'GEXF', description: 'GEXF 1.3, for Gephi' },
  { format: 'graphml', text: 'GraphML', description: 'GraphML with typed attributes, for yEd, Cytoscape or networkx' },
  { format: 'json', text: 'JSON', description: "graphology's serialised graph, which Millennium imports" },
]

const MEDIA_TYPES: Record<ExportFormat, string> = {
  png: 'image/png',
  gexf: 'application/gexf+xml',
  graphml: 'application/graphml+xml',
  json: 'application/json',
}

const WRITERS: Record<Exclude<ExportFormat, 'png'>, (graph: ExportGraph) => string> = {
  gexf: toGexf,
  graphml: toGraphml,
  json: toJson,
}

/** Exports what `renderer` shows; returns the file name given to the download. */
export async function exportView(format: ExportFormat, graph: NetworkGraph, renderer: Sigma): Promise<string> {
  const fileName = exportFileName(format, new Date())
  if (format === 'png') {
    download(await toPng(renderer), fileName)
    return fileName
  }

  // Draw once so that the display data reflects the latest state.
  renderer.refresh()
  const exported = buildExportGraph(
    graph,
    (key) => renderer.getNodeDisplayData(key),
    (key) => renderer.getEdgeDisplayData(key),
  )
  const text = WRITERS[format](exported)
  download(new Blob([text], { type: `${MEDIA_TYPES[format]};charset=utf-8` }), fileName)
  return fileName
}
