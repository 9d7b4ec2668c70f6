/**
 * Request validation with zod. A failed check becomes a 400 whose message names the
 * parameter, quotes the value received and states what was expected.
 */
import type { FastifySchemaCompiler } from 'fastify'
import { z } from 'zod'

import { AppError, describeValue } from '../errors.js'

const PART_NAMES: Record<string, string> = {
  querystring: 'query parameter',
  params: 'path parameter',
  body: 'body field',
  headers: 'header',
}

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data)
    if (result.success) {
      return { value: result.data }
    }
    const known = schema instanceof z.ZodObject ? Object.keys(schema.shape) : []
    return { error: requestError(result.error, data, PART_NAMES[httpPart ?? ''] ?? 'field', known) }
  }

function requestError(error: z.ZodError, data: unknown, part: string, known: string[]): AppError {
  const messages = error.issues.slice(0, 5).map((issue) => {
    if (issue.code !== 'unrecognized_keys') {
      return describeIssue(issue, data, part)
    }
    const names = issue.keys.map((key) => JSON.stringify([...issue.path.map(String), key].join('.'))).join(', ')
    // Nested objects name their own fields in their schema's messages, so only the top level lists them.
    if (issue.path.length > 0) {
      return `Unknown ${part} ${names}: remove it, it is not one of the fields accepted there`
    }
    return `Unknown ${part} ${names}: expected ${known.length > 0 ? `only ${known.join(', ')}` : 'none'}`
  })
  return new AppError('MLN_INVALID_PARAMETER', messages.join('; '))
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, part: string): string {
  const name = issue.path.length > 0 ? issue.path.map(String).join('.') : '(whole)'
  const value = valueAt(data, issue.path)
  return `Invalid ${part} "${name}": ${describeValue(value)}; ${expectation(issue)}`
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let current = data
  for (const key of path) {
    if (current === null || typeof current !== 'object') {
      return undefined
    }
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

function expectation(issue: z.core.$ZodIssue): string {
  const message = issue.message
  const index = message.indexOf('expected ')
  if (index >= 0) {
    return message.slice(index)
  }
  return `expected ${message.charAt(0).toLowerCase()}${message.slice(1)}`
}

/**
 * Names the path parameter that a URL's bad segment would fill, for errors the router raises
 * before any route runs (an invalid percent-encoding, a segment past the length limit). Returns
 * null when no registered route pattern has a parameter at that segment.
 */
export function pathParameterAt(patterns: Iterable<string>, url: string, isBad: (segment: string) => boolean): string | null {
  const segments = (url.split('?')[0] ?? '').split('/')
  const index = segments.findIndex(isBad)
  if (index < 0) {
    return null
  }
  for (const pattern of patterns) {
    const parts = pattern.split('/')
    const name = parts[index]
    if (parts.length !== segments.length || name === undefined || !name.startsWith(':')) {
      continue
    }
    // The other segments must be those of the pattern, or fill parameters of it.
    if (parts.every((part, i) => i === index || part.startsWith(':') || part === segments[i])) {
      return name.slice(1)
    }
  }
  return null
}

/** Tells whether a URL segment fails to decode as percent-encoded UTF-8. */
export function isBadlyEncoded(segment: string): boolean {
  try {
    decodeURIComponent(segment)
    return false
  } catch {
    return true
  }
}
