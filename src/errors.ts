/**
 * The error catalogue. Every error the API returns has a stable `code` and an HTTP status,
 * listed in the README; the body is `{statusCode, code, error, message}`.
 */

export const ERROR_CODES = {
  MLN_INVALID_PARAMETER: 400,
  MLN_INVALID_QUERY: 400,
  MLN_UNAUTHORIZED: 401,
  MLN_TOKEN_EXPIRED: 401,
  MLN_TOKEN_INVALID: 401,
  MLN_INVALID_CREDENTIALS: 401,
  MLN_FORBIDDEN: 403,
  MLN_NOT_FOUND: 404,
  MLN_ROUTE_NOT_FOUND: 404,
  MLN_SIGN_IN_DISABLED: 404,
  MLN_CONFLICT: 409,
  MLN_CANCELLED: 409,
  MLN_RESULT_EXPIRED: 410,
  MLN_PAYLOAD_TOO_LARGE: 413,
  MLN_NOT_CONVERGED: 422,
  MLN_UNSUPPORTED_MEDIA_TYPE: 415,
  MLN_TOO_MANY_JOBS: 429,
  MLN_TOO_MANY_ATTEMPTS: 429,
  MLN_RATE_LIMITED: 429,
  MLN_INTERNAL: 500,
  MLN_DATABASE_UNAVAILABLE: 503,
  MLN_TOKEN_KEYS_UNAVAILABLE: 503,
  MLN_QUERY_TIMEOUT: 504,
} as const

export type ErrorCode = keyof typeof ERROR_CODES

export class AppError extends Error {
  readonly statusCode: number

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'AppError'
    this.statusCode = ERROR_CODES[code]
  }
}

export function notFound(what: string, id: string): AppError {
  return new AppError('MLN_NOT_FOUND', `${what} "${id}" not found`)
}

export function invalidParameter(name: string, value: unknown, expected: string): AppError {
  return new AppError('MLN_INVALID_PARAMETER', `Invalid parameter "${name}": ${describeValue(value)}; expected ${expected}`)
}

/** Quotes a value for an error message, shortened so a huge input cannot flood the log. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'missing'
  }
  const text = typeof value === 'string' ? JSON.stringify(value) : safeStringify(value)
  // A string's own length, not that of its quoted form, is what the caller sent.
  const length = typeof value === 'string' ? value.length : text.length
  return text.length > 80 ? `${text.slice(0, 77)}..." (${length} characters)` : text
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item)) ?? String(value)
  } catch {
    return String(value)
  }
}
