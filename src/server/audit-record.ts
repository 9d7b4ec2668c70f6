/**
 * The request parameters and response count that an audit event keeps. Every secret in the
 * parameters is redacted and large values are shortened.
 */

/** Field names whose values are never stored, in any letter case. */
const SECRET_FIELD = /pass(word|phrase)?|pwd|secret|token|authori[sz]ation|api[-_]?key|credential|cookie|private[-_]?key|jwk/i

/** A JSON Web Token anywhere in a string: three base64url parts, the first a JSON object. */
const JWT_IN_TEXT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/

export const REDACTED = '[redacted]'
const MAX_STRING_LENGTH = 200
const MAX_KEY_LENGTH = 100
const MAX_ITEMS = 50
const MAX_DEPTH = 6
/** Maximum length of the stored parameters' JSON, beyond which the body is summarised. */
export const MAX_PARAMETERS_LENGTH = 8192

/** The parts of a request whose values an audit event keeps. */
export interface RequestInput {
  params: unknown
  query: unknown
  /** The body as parsed, before validation, or undefined when the request has none. */
  body: unknown
  contentType: string | null
  /** The body's size in bytes, from the Content-Length header when the body was not read. */
  bytes: number | null
}

/**
 * Returns a request URL for the log with the values of secret-looking query parameters, and
 * any value that contains a token or one of `secrets`, replaced by "[redacted]".
 */
export function redactUrl(url: string, secrets: readonly string[]): string {
  const mark = url.indexOf('?')
  if (mark < 0) {
    return url
  }
  const query = new URLSearchParams(url.slice(mark + 1))
  let changed = false
  for (const [name, value] of [...query.entries()]) {
    if (SECRET_FIELD.test(name) || JWT_IN_TEXT.test(value) || secrets.some((secret) => secret.length > 0 && value.includes(secret))) {
      query.set(name, '[redacted]')
      changed = true
    }
  }
  return changed ? `${url.slice(0, mark)}?${query.toString()}` : url
}

/**
 * Serialises the request's parameters for the audit trail. A text body, such as an import
 * file, is recorded by its content type and size only. Values under secret-looking field
 * names, tokens and the given secret strings become "[redacted]".
 */
export function describeParameters(input: RequestInput, secrets: readonly string[]): string {
  const known = secrets.filter((secret) => secret.length >= 8)
  const redact = (value: unknown) => redactValue(value, known, 0)
  const described: Record<string, unknown> = {}

  if (hasFields(input.params)) {
    described.params = redact(input.params)
  }
  if (hasFields(input.query)) {
    described.query = redact(input.query)
  }
  if (input.body !== undefined && input.body !== null && input.body !== '') {
    described.body = typeof input.body === 'object' && !Buffer.isBuffer(input.body) ? redact(input.body) : summariseBody(input)
  } else if (input.body === undefined && (input.bytes ?? 0) > 0) {
    // A body rejected before it was parsed, such as one of an unsupported content type.
    described.body = summariseBody(input)
  }

  const full = JSON.stringify(described)
  let text = full
  if (text.length > MAX_PARAMETERS_LENGTH && described.body !== undefined) {
    text = JSON.stringify({ ...described, body: summariseBody(input) })
  }
  if (text.length > MAX_PARAMETERS_LENGTH) {
    text = JSON.stringify({ omitted: `parameters of ${full.length} characters` })
  }
  return text
}

function hasFields(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0
}

/** Summarises a body by its content type, size and, for a JSON object, its top-level field names. */
function summariseBody(input: RequestInput): Record<string, unknown> {
  const body = input.body
  let bytes = input.bytes
  if (typeof body === 'string') {
    bytes = Buffer.byteLength(body, 'utf8')
  } else if (Buffer.isBuffer(body)) {
    bytes = body.length
  }
  const summary: Record<string, unknown> = { contentType: input.contentType, bytes }
  if (typeof body === 'object' && body !== null && !Buffer.isBuffer(body) && !Array.isArray(body)) {
    summary.fields = Object.keys(body).slice(0, MAX_ITEMS).map(shortenKey)
  }
  return summary
}

function redactValue(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') {
    return redactString(value, secrets)
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') {
    return value
  }
  if (typeof value !== 'object') {
    return String(value)
  }
  if (depth >= MAX_DEPTH) {
    return '[nested too deep]'
  }
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => redactValue(item, secrets, depth + 1))
    return value.length > MAX_ITEMS ? [...items, `[${value.length - MAX_ITEMS} more items]`] : items
  }
  const keys = Object.keys(value)
  // Object.fromEntries defines own properties, so a "__proto__" key stays an ordinary field.
  const entries = keys.slice(0, MAX_ITEMS).map((key) => {
    const field = (value as Record<string, unknown>)[key]
    return [shortenKey(key), SECRET_FIELD.test(key) ? REDACTED : redactValue(field, secrets, depth + 1)]
  })
  if (keys.length > MAX_ITEMS) {
    entries.push(['[more fields]', keys.length - MAX_ITEMS])
  }
  return Object.fromEntries(entries)
}

function redactString(text: string, secrets: readonly string[]): string {
  if (JWT_IN_TEXT.test(text) || secrets.some((secret) => text.includes(secret))) {
    return REDACTED
  }
  return text.length > MAX_STRING_LENGTH ? `${text.slice(0, MAX_STRING_LENGTH)}... (${text.length} characters)` : text
}

function shortenKey(key: string): string {
  return key.length > MAX_KEY_LENGTH ? `${key.slice(0, MAX_KEY_LENGTH)}...` : key
}

/** Arrays of records in response bodies, by the field names the routes use, first match wins. */
const RECORD_LISTS = [
  'results',
  'items',
  'rows',
  'hits',
  'entries',
  'events',
  'scores',
  'communities',
  'owners',
  'cycles',
  'paths',
  'endpoints',
  'places',
  'duplicates',
  'jobs',
  'queries',
  'series',
  'directions',
]

/**
 * Counts the records in a response body when the route did not report its count. A graph
 * payload counts its nodes and relationships. Otherwise the first list of records counts,
 * else a `count` field, else the records of a job's `result`, else 1 for any other object.
 */
export function countRecords(body: unknown): number {
  if (typeof body !== 'object' || body === null) {
    return 0
  }
  if (Array.isArray(body)) {
    return body.length
  }
  const fields = body as Record<string, unknown>

  const graph = (typeof fields.graph === 'object' && fields.graph !== null ? fields.graph : fields) as Record<string, unknown>
  if (Array.isArray(graph.nodes) && Array.isArray(graph.edges)) {
    return graph.nodes.length + graph.edges.length
  }
  for (const name of RECORD_LISTS) {
    const list = fields[name]
    if (Array.isArray(list)) {
      return list.length
    }
  }
  if (typeof fields.count === 'number' && Number.isInteger(fields.count)) {
    return fields.count
  }
  if (typeof fields.result === 'object' && fields.result !== null) {
    return countRecords(fields.result)
  }
  return 1
}
