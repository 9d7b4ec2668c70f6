/**
 * `GET /api/export/:format` writes a scope of the visible network (the overview's
 * parameters, plus `labels` and `types`), and `POST /api/export/:format` writes the nodes and
 * relationships of a posted graph payload, as GEXF 1.3, GraphML or CSV. The posted payload
 * only selects: every element is read again from Neo4j with the caller's visibility, so an
 * export contains nothing the caller could not read, and elements that are not stored or not
 * visible are left out and counted. Node positions, sizes and colours come from the payload.
 *
 * CSV is two files: `part=nodes` or `part=edges` picks one. The body streams, and the counts go
 * in the headers `X-Export-Nodes`, `X-Export-Edges`, `X-Export-Truncated` and, for a posted
 * payload, `X-Export-Omitted-Nodes` and `X-Export-Omitted-Edges`.
 */
import { Readable } from 'node:stream'

import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { AppError } from '../errors.js'
import { writeEdgesCsv, writeNodesCsv } from '../export/csv.js'
import { writeGexf } from '../export/gexf.js'
import { writeGraphml } from '../export/graphml.js'
import type { Drawing, ExportGraph } from '../export/model.js'
import { integerParam, labelsParam, sourceParam, standardErrors, typesParam } from '../schemas/common.js'
import { viewerOf } from '../server/plugins/auth.js'

export const EXPORT_FORMATS = ['gexf', 'graphml', 'csv'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Nodes and relationships one export writes at most; a larger scope is cut and flagged. */
export const MAX_EXPORT_NODES = 20_000
export const MAX_EXPORT_EDGES = 100_000
export const EXPORT_BODY_LIMIT_BYTES = 20 * 1024 * 1024

const formatParams = z.strictObject({
  format: z.enum(EXPORT_FORMATS, { error: `one of ${EXPORT_FORMATS.join(', ')}` }),
})

const partParam = z.enum(['nodes', 'edges'], { error: 'nodes or edges' })

const elementKey = z.string().min(1).max(1000)

/** A graph payload as the graph routes return it; only keys and drawing attributes are read. */
const payloadBody = z.strictObject({
  attributes: z.record(z.string(), z.unknown()).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  nodes: z.array(z.object({ key: elementKey, attributes: z.record(z.string(), z.unknown()).optional() })).max(MAX_EXPORT_NODES),
  edges: z
    .array(z.object({ key: elementKey, source: z.string(), target: z.string(), attributes: z.record(z.string(), z.unknown()).optional() }))
    .max(MAX_EXPORT_EDGES)
    .default([]),
})

const MEDIA_TYPES: Record<ExportFormat, string> = {
  gexf: 'application/gexf+xml; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
}

export default async function exportRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(
    '/export/:format',
    {
      preHandler: app.authorize('investigator'),
      schema: {
        tags: ['export'],
        summary: 'The visible network, or a scope of it, as GEXF, GraphML or CSV',
        description:
          `The most connected nodes first, at most \`limit\` (up to ${MAX_EXPORT_NODES}) and ${MAX_EXPORT_EDGES} ` +
          'relationships among them; X-Export-Truncated says whether the scope was cut. CSV needs part=nodes or part=edges.',
        params: formatParams,
        querystring: z.strictObject({
          limit: integerParam(1, MAX_EXPORT_NODES).default(MAX_EXPORT_NODES),
          source: sourceParam.optional(),
          labels: labelsParam.optional(),
          types: typesParam.optional(),
          part: partParam.optional(),
        }),
        response: { ...standardErrors },
      },
    },
    async (request, reply) => {
      const { format } = request.params
      const { limit, source, labels, types, part } = request.query
      checkPart(format, part)

      const scoped = await app.services.exports.scope(
        { limit, source: source ?? null, labels: labels ?? [], types: types ?? [] },
        MAX_EXPORT_EDGES,
        viewerOf(request.caller),
      )

      reply.header('X-Export-Truncated', String(scoped.truncated))
      return send(reply, format, part, scoped.graph)
    },
  )

  routes.post(
    '/export/:format',
    {
      preHandler: app.authorize('viewer'),
      bodyLimit: EXPORT_BODY_LIMIT_BYTES,
      schema: {
        tags: ['export'],
        summary: 'The nodes and relationships of a graph payload, as GEXF, GraphML or CSV',
        description:
          'The payload selects elements by key; each is read again with the caller\'s visibility, and ' +
          'those not stored or not visible are left out (X-Export-Omitted-Nodes, X-Export-Omitted-Edges). ' +
          'Node attributes x, y, size and color are kept as drawn. CSV needs part=nodes or part=edges.',
        params: formatParams,
        querystring: z.strictObject({ part: partParam.optional() }),
        body: payloadBody,
        response: { ...standardErrors },
      },
    },
    async (request, reply) => {
      const { format } = request.params
      const { part } = request.query
      checkPart(format, part)

      const selection = {
        nodes: request.body.nodes.map((node) => ({ key: node.key, drawing: drawingOf(node.attributes ?? {}) })),
        edges: request.body.edges.map((edge) => edge.key),
      }
      const selected = await app.services.exports.selection(selection, viewerOf(request.caller))

      reply.header('X-Export-Truncated', 'false')
      reply.header('X-Export-Omitted-Nodes', String(selected.omitted.nodes))
      reply.header('X-Export-Omitted-Edges', String(selected.omitted.edges))
      return send(reply, format, part, selected.graph)
    },
  )
}

function checkPart(format: ExportFormat, part: 'nodes' | 'edges' | undefined): void {
  if (format === 'csv' && part === undefined) {
    throw new AppError(
      'MLN_INVALID_PARAMETER',
      'Invalid parameter "part": missing; a CSV export is two files, so expected part=nodes or part=edges',
    )
  }
}

/** Streams the graph in `format`, named after the format and the day. */
function send(reply: FastifyReply, format: ExportFormat, part: 'nodes' | 'edges' | undefined, graph: ExportGraph): FastifyReply {
  const day = new Date().toISOString().slice(0, 10)
  const fileName = format === 'csv' ? `millennium-${day}-${part}.csv` : `millennium-${day}.${format}`
  reply.header('X-Export-Nodes', String(graph.nodes.length))
  reply.header('X-Export-Edges', String(graph.edges.length))
  reply.header('Content-Disposition', `attachment; filename="${fileName}"`)
  reply.type(MEDIA_TYPES[format])
  return reply.send(Readable.from(chunks(format, part, graph)))
}

function chunks(format: ExportFormat, part: 'nodes' | 'edges' | undefined, graph: ExportGraph): Iterable<string> {
  switch (format) {
    case 'gexf':
      return writeGexf(graph)
    case 'graphml':
      return writeGraphml(graph)
    case 'csv':
      return part === 'edges' ? writeEdgesCsv(graph) : writeNodesCsv(graph)
  }
}

/** Reads the viewer's drawing attributes of a posted node; anything else in the payload is ignored. */
function drawingOf(attributes: Record<string, unknown>): Drawing | undefined {
  const drawing: Drawing = {}
  if (typeof attributes.x === 'number' && Number.isFinite(attributes.x)) drawing.x = attributes.x
  if (typeof attributes.y === 'number' && Number.isFinite(attributes.y)) drawing.y = attributes.y
  if (typeof attributes.size === 'number' && Number.isFinite(attributes.size) && attributes.size >= 0) drawing.size = attributes.size
  if (typeof attributes.color === 'string' && /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i.test(attributes.color)) drawing.color = attributes.color
  return Object.keys(drawing).length === 0 ? undefined : drawing
}
