/**
 * `POST /api/import`: imports one file sent as the request body (CSV as text/csv, graph
 * JSON as application/json, GEXF and GraphML as XML) as the calling editor or admin, under
 * the owner rules of `src/services/import.ts`. The body is kept as bytes, so a CSV in
 * windows-1251 or UTF-16 is decoded in its declared or detected encoding.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { AppError } from '../errors.js'
import { EncodingError, encodingName } from '../import/encoding.js'
import { DATE_FORMATS, NUMBER_LOCALES, type NumberLocale } from '../import/readers/formats.js'
import { parseColumnMapping } from '../import/readers/mapped-csv.js'
import { ValueError } from '../import/readers/values.js'
import { viewerOf } from '../server/plugins/auth.js'
import { IMPORT_FORMATS, REJECTED_LIST_LIMIT } from '../services/import.js'
import { errorResponse, sourceParam, standardErrors } from '../schemas/common.js'

export const IMPORT_BODY_LIMIT_BYTES = 50 * 1024 * 1024

const countsSchema = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() })

const importResponse = z.object({
  file: z.string(),
  format: z.string(),
  nodes: countsSchema,
  relationships: countsSchema,
  rejected: z
    .array(z.object({ file: z.string(), line: z.number().nullable(), id: z.string().optional(), reason: z.string() }))
    .describe(`The first ${REJECTED_LIST_LIMIT} rejected rows in line order; rejectedCount gives the total`),
  rejectedCount: z.number().describe('Number of rejected rows, including those beyond the list'),
  encoding: z.string().optional().describe('The encoding the body was read in, and whether it was declared or detected'),
})

const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' } as const

const encodingParam = z.string().max(40).refine(
  (label) => {
    try {
      encodingName(label)
      return true
    } catch (error) {
      if (error instanceof EncodingError) return false
      throw error
    }
  },
  { error: 'a WHATWG encoding label such as utf-8, utf-16le, windows-1251 or koi8-r' },
)

/** Hands the body on as bytes, so that readers see the file as sent, decoded in its own encoding. */
function keepBytes(_request: unknown, body: string | Buffer, done: (error: Error | null, body?: unknown) => void): void {
  done(null, body)
}

export default async function importRoutes(app: FastifyInstance): Promise<void> {
  const fileTypes = [
    'text/csv',
    'text/plain',
    'text/tab-separated-values',
    'application/x-ndjson',
    'application/xml',
    'text/xml',
    'application/gexf+xml',
    'application/graphml+xml',
    'application/octet-stream',
  ]
  app.addContentTypeParser(fileTypes, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT_BYTES }, keepBytes)
  // This plugin is encapsulated, so graph JSON stays unparsed here while other routes parse JSON.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT_BYTES }, keepBytes)

  app.withTypeProvider<ZodTypeProvider>().post(
    '/import',
    {
      preHandler: app.authorize('editor'),
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
      schema: {
        tags: ['import'],
        summary: 'Imports one file: the CSV node or edge file, graph JSON, or a known dataset',
        description:
          'Stores every row that the caller may write and rejects the others with their line and reason. ' +
          "A non-admin caller imports records for the token's country. " +
          `The response lists the first ${REJECTED_LIST_LIMIT} rejected rows; rejectedCount gives the total.`,
        querystring: z.strictObject({
          filename: z.string().regex(/^[\w.\- ]{1,128}$/, { error: 'a file name of letters, digits, ".", "-", "_" or spaces' }).default('upload'),
          format: z.enum(IMPORT_FORMATS, { error: `one of ${IMPORT_FORMATS.join(', ')}` }).optional(),
          source: sourceParam.optional(),
          encoding: encodingParam.optional(),
          delimiter: z.enum(['comma', 'semicolon', 'tab'], { error: 'one of comma, semicolon, tab' }).optional(),
          locale: z.enum(NUMBER_LOCALES as [NumberLocale, ...NumberLocale[]], { error: `one of ${NUMBER_LOCALES.join(', ')}` }).optional(),
          dateFormat: z.enum(DATE_FORMATS, { error: `one of ${DATE_FORMATS.join(', ')}` }).optional(),
          mapping: z.string().max(8000, { error: 'a column mapping of at most 8000 characters of JSON' }).optional(),
        }),
        response: { ...standardErrors, 200: importResponse, 413: errorResponse },
      },
    },
    async (request, reply) => {
      const { filename, format, source, encoding, delimiter, locale, dateFormat } = request.query
      const body = Buffer.isBuffer(request.body) ? request.body : undefined
      const caller = { viewer: viewerOf(request.caller), role: request.caller.role }

      if (body === undefined || body.length === 0) {
        throw new AppError('MLN_INVALID_PARAMETER', 'Invalid body: empty; expected the file to import')
      }
      const mapping = readMapping(request.query.mapping)
      const csv = { delimiter: delimiter === undefined ? undefined : DELIMITERS[delimiter], locale, dateFormat }
      const report = await app.services.imports.importText(body, {
        file: filename,
        format,
        source,
        caller,
        encoding: encoding ?? mapping?.encoding,
        csv,
        mapping,
      })

      request.log.info(
        { file: filename, nodes: report.nodes, relationships: report.relationships, rejected: report.rejectedCount },
        'import finished',
      )
      const { nodes, relationships, rejectedCount } = report
      const changed = nodes.created + nodes.updated + relationships.created + relationships.updated
      reply.auditCount(changed, { nodes, relationships, rejected: rejectedCount })
      return report
    },
  )
}

/** Parses the `mapping` query parameter; an invalid one is a 400 that names the field at fault. */
function readMapping(text: string | undefined) {
  if (text === undefined) {
    return undefined
  }
  try {
    const mapping = parseColumnMapping(text)
    if (mapping.encoding !== undefined) {
      encodingName(mapping.encoding)
    }
    return mapping
  } catch (error) {
    if (error instanceof ValueError || error instanceof EncodingError) {
      throw new AppError('MLN_INVALID_PARAMETER', `Invalid query parameter "mapping": ${error.message}`)
    }
    throw error
  }
}
