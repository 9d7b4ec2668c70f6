/**
 * `POST /api/import`: imports one file sent as the request body (CSV as text/csv, graph
 * JSON as application/json). Editors and admins only.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

import { AppError } from '../errors.js'
import { IMPORT_FORMATS } from '../services/import.js'
import { errorResponse, sourceParam } from '../schemas/common.js'

export const IMPORT_BODY_LIMIT_BYTES = 50 * 1024 * 1024

const countsSchema = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() })

const importResponse = z.object({
  file: z.string(),
  format: z.string(),
  nodes: countsSchema,
  relationships: countsSchema,
  rejected: z.array(z.object({ file: z.string(), line: z.number().nullable(), id: z.string().optional(), reason: z.string() })),
})

export default async function importRoutes(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser(['text/csv', 'text/plain', 'text/tab-separated-values'], { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT_BYTES }, (_request, body, done) => {
    done(null, body)
  })

  app.withTypeProvider<ZodTypeProvider>().post(
    '/import',
    {
      preHandler: app.authorize('editor'),
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
      schema: {
        tags: ['import'],
        summary: 'Imports one file: the CSV node or edge file, graph JSON, or a known dataset',
        querystring: z.object({
          filename: z.string().regex(/^[\w.\- ]{1,128}$/, { error: 'a file name of letters, digits, ".", "-", "_" or spaces' }).default('upload'),
          format: z.enum(IMPORT_FORMATS, { error: `one of ${IMPORT_FORMATS.join(', ')}` }).optional(),
          source: sourceParam.optional(),
        }),
        response: { 200: importResponse, 400: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const { filename, format, source } = request.query
      const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body)

      if (text === undefined || text.length === 0) {
        throw new AppError('MLN_INVALID_PARAMETER', 'Invalid body: empty; expected the file to import')
      }
      const report = await app.services.imports.importText(text, { file: filename, format, source })

      request.log.info({ file: filename, nodes: report.nodes, relationships: report.relationships, rejected: report.rejected.length }, 'import finished')
      return report
    },
  )
}
