/**
 * Request helpers for the route tests: fixtures imported through `POST /api/import`,
 * removal of a test file's own fixtures, and checks on the catalogue's error body.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'

import { bearer } from '../helpers/app.js'

/** The fields of every error body, sorted. */
export const ERROR_FIELDS = ['code', 'error', 'message', 'statusCode']

export interface ErrorBody {
  statusCode: number
  code: string
  error: string
  message: string
}

interface WriteCounts {
  created: number
  updated: number
  unchanged: number
}

export interface ImportReport {
  file: string
  format: string
  nodes: WriteCounts
  relationships: WriteCounts
  rejected: { file: string; line: number | null; id?: string; reason: string }[]
}

/** Posts CSV text to the import route as an editor and returns the response. */
export function postCsv(app: FastifyInstance, filename: string, text: string, source: string): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/import',
    query: { filename, source },
    headers: { ...bearer('editor'), 'content-type': 'text/csv' },
    payload: text,
  })
}

/** Imports CSV text and returns the report. Throws when the route returns any status but 200. */
export async function importCsv(app: FastifyInstance, filename: string, text: string, source: string): Promise<ImportReport> {
  const response = await postCsv(app, filename, text, source)

  if (response.statusCode !== 200) {
    throw new Error(`Importing ${filename} failed with status ${response.statusCode}: ${response.body}`)
  }
  return response.json<ImportReport>()
}

/**
 * Deletes the nodes whose id starts with `prefix`, with their relationships. Each test file
 * uses its own prefix, so this removes only what that file created.
 */
export async function removeFixtures(app: FastifyInstance, prefix: string): Promise<void> {
  await app.database.driver.executeQuery(
    'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n',
    { prefix },
    { database: app.config.neo4j.database },
  )
}

/**
 * Asserts that `response` is an error with this status and code, whose body has exactly the
 * catalogue's four fields, and returns the body.
 */
export function expectError(t: Test, response: LightMyRequestResponse, status: number, code: string): ErrorBody {
  t.equal(response.statusCode, status, `status ${status}`)

  const body = parseBody(response)
  t.same(Object.keys(body).sort(), ERROR_FIELDS, 'error body has exactly statusCode, code, error, message')
  t.equal(body.code, code, `code ${code}`)
  t.equal(body.statusCode, response.statusCode, 'statusCode field matches the HTTP status')
  t.type(body.message, 'string', 'message is a string')
  return body as unknown as ErrorBody
}

function parseBody(response: LightMyRequestResponse): Record<string, unknown> {
  try {
    const body: unknown = response.json()
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
