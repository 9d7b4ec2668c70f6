/**
 * Canned queries: named, parameterised, read-only Cypher files in `cypher/queries/`. Each
 * file declares itself in `//` header lines:
 *
 *   // @name red-notices-near
 *   // @description Persons with an active red notice near an entity.
 *   // @param id string -- the entity to start from
 *   // @param maxHops integer 1..4 = 3 -- links to follow
 *
 * Parameter types: `string`, `integer MIN..MAX`, `number MIN..MAX`, `boolean`, `date`
 * (YYYY-MM-DD, passed as a Neo4j date) and `enum a|b|c`. A parameter with `= DEFAULT` is
 * optional. Values are validated before the query runs in a read transaction, so a query
 * that tries to write fails.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import neo4j from 'neo4j-driver'

import { CYPHER_DIR, expandPlaceholders, listCypherFiles } from '../data/cypher-files.js'
import type { Database, Viewer } from '../data/database.js'
import { isoDateToNeo4j, toPlain, type PlainValue } from '../data/values.js'
import { AppError, invalidParameter, notFound } from '../errors.js'
import { isCurrencyCode } from '../model/money.js'

export interface QueryParameter {
  name: string
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'enum' | 'currency'
  min?: number
  max?: number
  values?: string[]
  default?: string
  description: string
}

export interface CannedQuery {
  name: string
  description: string
  parameters: QueryParameter[]
  text: string
}

const NAME = /^[a-z][a-z0-9-]{0,63}$/
const PARAMETER_LINE =
  /^(\w+)\s+(string|integer|number|boolean|date|enum|currency)(?:\s+(-?[\d.]+)\.\.(-?[\d.]+)|\s+([\w-]+(?:\|[\w-]+)+))?(?:\s*=\s*(\S+))?\s*(?:--\s*(.*))?$/
const MAX_STRING_LENGTH = 500
const MAX_ROWS = 1000

export function parseCannedQuery(file: string, source: string): CannedQuery {
  const header = source.split('\n').filter((line) => line.startsWith('// @'))
  let name = ''
  let description = ''
  const parameters: QueryParameter[] = []
  for (const line of header) {
    const [, key = '', rest = ''] = /^\/\/ @(\w+)\s+(.*)$/.exec(line) ?? []
    if (key === 'name') {
      name = rest.trim()
    } else if (key === 'description') {
      description = rest.trim()
    } else if (key === 'param') {
      parameters.push(parseParameter(file, rest.trim()))
    }
  }
  if (!NAME.test(name)) {
    throw new Error(`${file}: "// @name" must be lower-case letters, digits and hyphens, got "${name}"`)
  }
  return { name, description, parameters, text: expandPlaceholders(source) }
}

function parseParameter(file: string, text: string): QueryParameter {
  const match = PARAMETER_LINE.exec(text)
  if (!match) {
    throw new Error(`${file}: cannot read the parameter declaration "${text}"`)
  }
  const [, name = '', type, min, max, values, fallback, description = ''] = match
  const parameter: QueryParameter = { name, type: type as QueryParameter['type'], description: description.trim() }
  if (min !== undefined) {
    parameter.min = Number(min)
    parameter.max = Number(max)
  }
  if (values !== undefined) {
    parameter.values = values.split('|')
  }
  if (fallback !== undefined) {
    parameter.default = fallback
  }
  return parameter
}

export function loadCannedQueries(directory: string = path.join(CYPHER_DIR, 'queries')): Map<string, CannedQuery> {
  const queries = new Map<string, CannedQuery>()
  for (const file of listCypherFiles(directory)) {
    const query = parseCannedQuery(path.basename(file), readFileSync(file, 'utf8'))
    if (queries.has(query.name)) {
      throw new Error(`Two canned queries are named "${query.name}"`)
    }
    queries.set(query.name, query)
  }
  return queries
}

/** Validates and converts request values to driver values; unknown names are rejected. */
export function bindParameters(query: CannedQuery, input: Record<string, unknown>): Record<string, unknown> {
  const known = new Set(query.parameters.map((parameter) => parameter.name))
  for (const name of Object.keys(input)) {
    if (!known.has(name)) {
      throw invalidParameter(name, input[name], `one of the parameters of "${query.name}": ${[...known].join(', ') || 'none'}`)
    }
  }
  const bound: Record<string, unknown> = {}
  for (const parameter of query.parameters) {
    const value = input[parameter.name] ?? parameter.default
    if (value === undefined) {
      throw invalidParameter(parameter.name, undefined, describe(parameter))
    }
    bound[parameter.name] = convert(parameter, value)
  }
  return bound
}

function convert(parameter: QueryParameter, value: unknown): unknown {
  const fail = () => invalidParameter(parameter.name, value, describe(parameter))
  if (parameter.type === 'string' && typeof value !== 'string') {
    throw fail()
  }
  const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value
  if (typeof text !== 'string') {
    throw fail()
  }
  switch (parameter.type) {
    case 'string':
      if (text.length === 0 || text.length > MAX_STRING_LENGTH) {
        throw fail()
      }
      return text
    case 'integer': {
      if (!/^-?\d{1,15}$/.test(text)) {
        throw fail()
      }
      const number = Number(text)
      if (!inRange(parameter, number)) {
        throw fail()
      }
      return neo4j.int(number)
    }
    case 'number': {
      const number = /^-?\d{1,15}(\.\d{1,15})?$/.test(text) ? Number(text) : Number.NaN
      if (!Number.isFinite(number) || !inRange(parameter, number)) {
        throw fail()
      }
      return number
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') {
        throw fail()
      }
      return text === 'true'
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
        throw fail()
      }
      return isoDateToNeo4j(text)
    case 'enum':
      if (!parameter.values?.includes(text)) {
        throw fail()
      }
      return text
    case 'currency':
      if (!isCurrencyCode(text)) {
        throw fail()
      }
      return text
  }
}

function inRange(parameter: QueryParameter, value: number): boolean {
  return (parameter.min === undefined || value >= parameter.min) && (parameter.max === undefined || value <= parameter.max)
}

function describe(parameter: QueryParameter): string {
  switch (parameter.type) {
    case 'integer':
      return `an integer from ${parameter.min ?? '-∞'} to ${parameter.max ?? '∞'}`
    case 'number':
      return `a number from ${parameter.min ?? '-∞'} to ${parameter.max ?? '∞'}`
    case 'boolean':
      return 'true or false'
    case 'date':
      return 'a date as YYYY-MM-DD'
    case 'enum':
      return `one of ${parameter.values?.join(', ')}`
    case 'currency':
      return 'an ISO 4217 currency code such as EUR'
    case 'string':
      return `a non-empty string of at most ${MAX_STRING_LENGTH} characters`
  }
}

export function createQueryService(database: Database, queries: Map<string, CannedQuery> = loadCannedQueries()) {
  return {
    list(): Omit<CannedQuery, 'text'>[] {
      return [...queries.values()].map(({ text: _text, ...rest }) => rest)
    },

    async run(
      name: string,
      input: Record<string, unknown>,
      viewer: Viewer,
    ): Promise<{ columns: string[]; rows: Record<string, PlainValue>[]; truncated: boolean }> {
      const query = queries.get(name)
      if (query === undefined) {
        throw notFound('Canned query', name)
      }
      const parameters = bindParameters(query, input)
      let result
      try {
        result = await database.readText(query.text, parameters, viewer)
      } catch (error) {
        const code = (error as { code?: string }).code ?? ''
        if (code.includes('AccessMode') || code.includes('ForbiddenDueToTransactionType') || code.includes('WriteOnReadOnlyAccess')) {
          throw new AppError('MLN_INVALID_QUERY', `Canned query "${name}" tried to write; canned queries are read-only`)
        }
        throw error
      }
      const rows = result.records.slice(0, MAX_ROWS).map((record) => {
        const row: Record<string, PlainValue> = {}
        for (const key of record.keys) {
          row[String(key)] = toPlain(record.get(key))
        }
        return row
      })
      return { columns: result.records[0]?.keys.map(String) ?? [], rows, truncated: result.records.length > MAX_ROWS }
    },
  }
}
