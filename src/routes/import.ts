/**
 * `POST /api/import`: imports one file sent as the request body (CSV as text/csv, graph
 * JSON as application/json) as the calling editor or admin, under the owner rules of
 * `src/services/import.ts`.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { AppError } from '../errors.js'
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
})

/** Hands the body on as text, so that readers see the file as sent, with its line numbers. */
function keepText(_request: unknown, body: string | Buffer, done: (error: Error | null, body?: unknown) => void): void {
  done(null, body)
}

export default async function importRoutes(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser(['text/csv', 'text/plain', 'text/tab-separated-values', 'application/x-ndjson'], { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT_BYTES }, keepText)
  // This plugin is encapsulated, so graph JSON stays text here while other routes parse JSON.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT_BYTES }, keepText)

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
        }),
        response: { ...standardErrors, 200: importResponse, 413: errorResponse },
      },
    },
    async (request, reply) => {
      const { filename, format, source } = request.query
      const text = typeof request.body === 'string' ? request.body : undefined
      const caller = { viewer: viewerOf(request.caller), role: request.caller.role }

      if (text === undefined || text.length === 0) {
        throw new AppError('MLN_INVALID_PARAMETER', 'Invalid body: empty; expected the file to import')
      }
      const report = await app.services.imports.importText(text, { file: filename, format, source, caller })

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
