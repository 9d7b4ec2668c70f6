/**
 * The JSON body parser. It replaces Fastify's own, which rejects both a syntax error and a
 * prototype-polluting key with the same "Body is not valid JSON" and drops the reason. This one
 * says what is wrong and where: the parser's message for invalid JSON, and the path of a
 * `__proto__` key, or of a `constructor` object with a `prototype`, which it rejects as Fastify
 * does by default.
 */
import type { FastifyRequest } from 'fastify'

import { AppError } from '../errors.js'

export function parseJsonBody(_request: FastifyRequest, body: string | Buffer, done: (error: Error | null, body?: unknown) => void): void {
  const text = typeof body === 'string' ? body : body.toString('utf8')
  if (text.length === 0) {
    done(new AppError('MLN_INVALID_PARAMETER', 'Invalid body: empty; expected JSON, or no Content-Type header for no body'))
    return
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    done(new AppError('MLN_INVALID_PARAMETER', `Invalid body: not valid JSON (${(error as Error).message})`))
    return
  }
  const forbidden = findPrototypeKey(value)
  if (forbidden !== null) {
    const field = forbidden.join('.')
    done(new AppError('MLN_INVALID_PARAMETER', `Invalid body field "${field}": keys that could alter object prototypes are not accepted; remove it`))
    return
  }
  done(null, value)
}

/**
 * Returns the path of the first `__proto__` key, or `constructor.prototype` pair, in a parsed
 * JSON value, or null. JSON.parse stores such keys as own properties, so they harm nothing
 * until code copies them onto another object, which is what this check prevents.
 */
export function findPrototypeKey(value: unknown): string[] | null {
  // An explicit stack, because a body may nest deeper than the call stack allows.
  const stack: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }]
  while (stack.length > 0) {
    const { value: item, path } = stack.pop() as { value: unknown; path: string[] }
    if (item === null || typeof item !== 'object') {
      continue
    }
    for (const [key, child] of Object.entries(item)) {
      const childPath = [...path, key]
      if (key === '__proto__') {
        return childPath
      }
      if (key === 'constructor' && child !== null && typeof child === 'object' && Object.hasOwn(child, 'prototype')) {
        return [...childPath, 'prototype']
      }
      stack.push({ value: child, path: childPath })
    }
  }
  return null
}
