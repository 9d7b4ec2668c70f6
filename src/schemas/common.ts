/**
 * Shared request atoms. Query strings arrive as text, so numbers and flags are parsed from
 * strict patterns (no "1e3", "0x10" or " 3"), and each atom's message states what it accepts.
 */
import { z } from 'zod'

import { NODE_LABELS, RELATIONSHIP_TYPES } from '../model/schema.js'

export const MAX_TEXT_LENGTH = 200

export function integerParam(min: number, max: number) {
  const expected = `an integer from ${min} to ${max}`
  return z
    .string({ error: expected })
    .regex(/^-?\d{1,9}$/, { error: expected })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: expected }).max(max, { error: expected }))
}

export function numberParam(min: number, max: number) {
  const expected = `a number from ${min} to ${max}`
  return z
    .string({ error: expected })
    .regex(/^-?\d{1,12}(\.\d{1,12})?$/, { error: expected })
    .transform(Number)
    .pipe(z.number().min(min, { error: expected }).max(max, { error: expected }))
}

export const booleanParam = z
  .enum(['true', 'false'], { error: 'true or false' })
  .transform((value) => value === 'true')

export const entityId = z
  .string({ error: 'an entity id' })
  .min(1, { error: 'a non-empty entity id' })
  .max(MAX_TEXT_LENGTH, { error: `an entity id of at most ${MAX_TEXT_LENGTH} characters` })

export const sourceParam = z
  .string({ error: 'a dataset name' })
  .regex(/^[\w.:-]{1,64}$/, { error: 'a dataset name of letters, digits, ".", ":", "_" or "-" (at most 64)' })

/** A comma-separated list of values from a fixed list; empty means none given. */
export function listParam<T extends string>(allowed: readonly T[], what: string) {
  const expected = `a comma-separated list of ${what} from: ${allowed.join(', ')}`
  return z
    .string({ error: expected })
    .max(1000, { error: expected })
    .transform((text, context) => {
      const items = text.split(',').map((item) => item.trim()).filter((item) => item.length > 0)
      for (const item of items) {
        if (!(allowed as readonly string[]).includes(item)) {
          context.addIssue({ code: 'custom', message: `${expected} ("${item}" is not one)`, input: text })
          return z.NEVER
        }
      }
      return [...new Set(items)] as T[]
    })
}

export const labelsParam = listParam(NODE_LABELS, 'labels')
export const typesParam = listParam(RELATIONSHIP_TYPES, 'relationship types')

export const orientationParam = z.enum(['undirected', 'natural', 'reverse'], {
  error: 'one of undirected, natural, reverse',
})

export const errorResponse = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  error: z.string(),
  message: z.string(),
})

/** The errors any authenticated route may return, for the OpenAPI document. */
export const standardErrors = {
  400: errorResponse.describe('Invalid parameter'),
  401: errorResponse.describe('Missing, invalid or expired token'),
  403: errorResponse.describe('Role not allowed'),
  503: errorResponse.describe('Neo4j unavailable'),
  504: errorResponse.describe('Query or analytics run past its time limit'),
}

const plainValue: z.ZodType = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(plainValue), z.record(z.string(), plainValue)]),
)

export const graphPayload = z
  .object({
    attributes: z.record(z.string(), plainValue),
    options: z.object({ type: z.literal('directed'), multi: z.literal(true), allowSelfLoops: z.literal(true) }),
    nodes: z.array(z.object({ key: z.string(), attributes: z.record(z.string(), plainValue) })),
    edges: z.array(
      z.object({ key: z.string(), source: z.string(), target: z.string(), attributes: z.record(z.string(), plainValue) }),
    ),
  })
  .describe("graphology's serialised graph")
