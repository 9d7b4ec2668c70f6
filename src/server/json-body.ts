/**
 * The JSON body parser. It replaces Fastify's own, which rejects both a syntax error and a
 * prototype-polluting key with the same "Body is not valid JSON" and drops the reason. This one
 * reports what is wrong and where: the parser's message for invalid JSON, and the path of a
 * `__proto__` key, or of a `constructor` object with a `prototype`, which it rejects as Fastify
 * does by default.
 */
import type { FastifyRequest } from 'fastify'

import { AppError } from '../errors.js'

/**
 * No request body of this API nests deeper than a few levels. A body of hundreds of thousands
 * of brackets is short, but every later walk over it (the prototype check, the schemas) costs
 * time and stack in proportion to its depth, so it is refused before it is parsed.
 */
export const MAX_BODY_DEPTH = 64

/**
 * Returns the path (object keys and array indexes) of the value at which JSON text opens more
 * than `max` arrays or objects inside one another, empty when the top level is too deep
 * already, or null when it never does. The scan reads the text once.
 */
export function pathBeyondDepth(text: string, max: number): string[] | null {
  const frames: Array<{ array: boolean; key: string | null; index: number }> = []
  let stringStart = -1
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index)
    if (stringStart >= 0) {
      if (code === 0x5c) {
        index += 1
      } else if (code === 0x22) {
        let next = index + 1
        while (next < text.length && /\s/.test(text[next] as string)) next += 1
        const top = frames[frames.length - 1]
        if (text[next] === ':' && top !== undefined && !top.array) {
          top.key = text.slice(stringStart + 1, index)
        }
        stringStart = -1
      }
    } else if (code === 0x22) {
      stringStart = index
    } else if (code === 0x5b || code === 0x7b) {
      if (frames.length >= max) {
        return frames.map((frame) => (frame.array ? String(frame.index) : (frame.key ?? '')))
      }
      frames.push({ array: code === 0x5b, key: null, index: 0 })
    } else if (code === 0x5d || code === 0x7d) {
      frames.pop()
    } else if (code === 0x2c) {
      const top = frames[frames.length - 1]
      if (top?.array === true) {
        top.index += 1
      }
    }
  }
  return null
}

export function parseJsonBody(_request: FastifyRequest, body: string | Buffer, done: (error: Error | null, body?: unknown) => void): void {
  const text = typeof body === 'string' ? body : body.toString('utf8')
  if (text.length === 0) {
    done(new AppError('MLN_INVALID_PARAMETER', 'Invalid body: empty; expected JSON, or no Content-Type header for no body'))
    return
  }
  const deep = pathBeyondDepth(text, MAX_BODY_DEPTH)
  if (deep !== null) {
    const displayed = deep.length > 4 ? `${deep.slice(0, 4).join('.')}...` : deep.join('.')
    const where = deep.length === 0 ? 'Invalid body' : `Invalid body field "${displayed}"`
    done(new AppError('MLN_INVALID_PARAMETER', `${where}: nested deeper than ${MAX_BODY_DEPTH} levels of arrays and objects; expected a flat value`))
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
  // An explicit stack of entries that point to their parent, so no path is copied until one
  // is found: copying it at every level made a wide or deep body cost quadratic time.
  interface Entry {
    value: unknown
    key: string | null
    parent: Entry | null
  }
  const pathOf = (entry: Entry, last: string[] = []): string[] => {
    const path = [...last]
    for (let at: Entry | null = entry; at !== null && at.key !== null; at = at.parent) {
      path.unshift(at.key)
    }
    return path
  }
  const stack: Entry[] = [{ value, key: null, parent: null }]
  while (stack.length > 0) {
    const entry = stack.pop() as Entry
    const item = entry.value
    if (item === null || typeof item !== 'object') {
      continue
    }
    for (const [key, child] of Object.entries(item)) {
      if (key === '__proto__') {
        return pathOf(entry, [key])
      }
      if (key === 'constructor' && child !== null && typeof child === 'object' && Object.hasOwn(child, 'prototype')) {
        return pathOf(entry, [key, 'prototype'])
      }
      if (child !== null && typeof child === 'object') {
        stack.push({ value: child, key, parent: entry })
      }
    }
  }
  return null
}
