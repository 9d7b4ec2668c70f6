/**
 * One error handler for the whole API. Known errors keep their status and code; Neo4j's
 * unavailable and timeout errors become 503 and 504; anything else is a 500 whose details
 * stay in the log. 4xx responses are logged at info, 5xx at error with the request id.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { Neo4jError } from 'neo4j-driver'

import { AnalyticsError } from '../../analytics/errors.js'
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../../data/database.js'
import { AppError, ERROR_CODES, type ErrorCode } from '../../errors.js'

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** Fastify's own codes mapped onto the catalogue. */
const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'MLN_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'MLN_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MLN_INVALID_PARAMETER',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MLN_INVALID_PARAMETER',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MLN_INVALID_PARAMETER',
  FST_ERR_VALIDATION: 'MLN_INVALID_PARAMETER',
}

/** Clearer words for framework errors whose own message omits the limit or the fix. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'Request body too large: the limit is 1 MiB, and 50 MiB for POST /api/import',
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    'Unsupported Content-Type: send application/json; POST /api/import also takes text/csv and text/plain',
}

export function classifyError(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message }
  }
  if (error instanceof AnalyticsError) {
    return error.code === 'ANALYTICS_NOT_CONVERGED'
      ? { code: 'MLN_NOT_CONVERGED', message: `${error.message}. Try orientation=undirected or another measure.` }
      : { code: 'MLN_INVALID_PARAMETER', message: error.message }
  }
  if (isDatabaseUnavailable(error)) {
    return { code: 'MLN_DATABASE_UNAVAILABLE', message: 'The graph database is unavailable; try again shortly' }
  }
  if (error instanceof Neo4jError) {
    if (error.code.startsWith('Neo.ClientError.Security.')) {
      return { code: 'MLN_DATABASE_UNAVAILABLE', message: 'The graph database is unavailable; try again shortly' }
    }
    if (error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') || error.code.includes('TransactionTimedOut')) {
      return { code: 'MLN_QUERY_TIMEOUT', message: 'The query ran past the transaction time limit; narrow it and try again' }
    }
    if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return { code: 'MLN_CONFLICT', message: 'The change conflicts with a stored record' }
    }
  }
  const frameworkCode = (error as FastifyError | undefined)?.code
  if (typeof frameworkCode === 'string' && frameworkCode.startsWith('FAST_JWT_')) {
    // The token verifier maps fast-jwt's errors itself; this catches any that escape it.
    return frameworkCode === 'FAST_JWT_EXPIRED'
      ? { code: 'MLN_TOKEN_EXPIRED', message: 'The token has expired' }
      : { code: 'MLN_TOKEN_INVALID', message: `Invalid token: ${(error as Error).message}` }
  }
  if (typeof frameworkCode === 'string' && frameworkCode in FRAMEWORK_CODES) {
    const code = FRAMEWORK_CODES[frameworkCode] as ErrorCode
    return { code, message: FRAMEWORK_MESSAGES[frameworkCode] ?? (error as Error).message }
  }
  return { code: 'MLN_INTERNAL', message: 'Internal server error' }
}

export function sendError(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  const statusCode = ERROR_CODES[code]
  if (code === 'MLN_DATABASE_UNAVAILABLE') {
    void reply.header('Retry-After', String(RETRY_AFTER_SECONDS))
  }
  return reply.code(statusCode).send({ statusCode, code, error: STATUS_TEXT[statusCode] ?? 'Error', message })
}

async function errorsPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { code, message } = classifyError(error)
    const statusCode = ERROR_CODES[code]
    if (code === 'MLN_DATABASE_UNAVAILABLE') {
      // An outage fails every request, so these stay one line each, without the stack.
      request.log.warn({ code, cause: (error as Error).message }, 'request failed: database unavailable')
    } else if (statusCode >= 500) {
      request.log.error({ err: error, code }, 'request failed')
    } else {
      request.log.info({ code, message }, 'request rejected')
    }
    return sendError(reply, code, message)
  })

  app.setNotFoundHandler((request, reply) => {
    const route = (request.url.split('?')[0] ?? '').slice(0, 200)
    return sendError(reply, 'MLN_ROUTE_NOT_FOUND', `Route ${request.method} ${route} not found`)
  })
}

export default fp(errorsPlugin, { name: 'errors' })
