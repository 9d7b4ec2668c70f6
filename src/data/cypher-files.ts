/**
 * Loads the Cypher statements under `cypher/` once. A statement is named by its path
 * without the extension, such as `entities/get`. The only text ever added to a statement
 * is fixed: the visibility predicate, a hop bound from 1 to 10, or a type from the
 * allow-list. Every value from a request reaches Neo4j as a parameter.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { PROJECT_ROOT } from '../config/env.js'
import { RELATIONSHIP_TYPES, isRelationshipType } from '../model/schema.js'

export const CYPHER_DIR = path.join(PROJECT_ROOT, 'cypher')

/**
 * The record-level access rule as a Cypher predicate over one node or relationship. A caller
 * who sees everything (an admin) sees the record. Anyone else sees it when it is open (no
 * `restrictedTo`) or their country owns it or is listed in `restrictedTo`, and it has not
 * expired: `expiresAt` is unset or later than `$viewer.now`. `$viewer` is
 * `{ncb: string | null, all: boolean, now: datetime}`, and `now` comes from the service with
 * each query, so a cached plan never holds a stale time. An `expiresAt` stored as anything but
 * a datetime compares as null, which hides the record from everyone but admins.
 * Statements write `{{visible x}}` where the rule applies to `x`.
 */
export function visibilityPredicate(variable: string): string {
  if (!/^[a-z][A-Za-z0-9_]*$/.test(variable)) {
    throw new Error(`Invalid Cypher variable "${variable}" in a visibility placeholder`)
  }
  return (
    `($viewer.all OR ((size(coalesce(${variable}.restrictedTo, [])) = 0 ` +
    `OR ${variable}.ownerNcb = $viewer.ncb OR $viewer.ncb IN ${variable}.restrictedTo) ` +
    `AND (${variable}.expiresAt IS NULL OR ${variable}.expiresAt > $viewer.now)))`
  )
}

const PLACEHOLDER = /\{\{visible ([^}]+)\}\}/g
const HOPS_PLACEHOLDER = '{{hops}}'

/**
 * Path patterns need a literal upper bound on their length, which a parameter cannot give.
 * A statement that writes `{{hops}}` is loaded once per bound from 1 to this maximum, as
 * `name@1` to `name@10`, and the caller picks one by the validated number.
 */
export const MAX_PATTERN_HOPS = 10

/**
 * A relationship type given as a parameter (`:$($type)`) hides it from the planner, which
 * then cannot use the type's index on `id`. A statement that writes `{{type}}` is loaded
 * once per type of the fixed allow-list, as `name#TRANSFER` and so on.
 */
const TYPE_PLACEHOLDER = '{{type}}'

export function expandPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, (_match, variable: string) => visibilityPredicate(variable.trim()))
}

/** Reads every `.cypher` file under `directory` into a map from statement name to text. */
export function loadStatements(directory: string = path.join(CYPHER_DIR, 'statements')): Map<string, string> {
  const statements = new Map<string, string>()
  for (const file of listCypherFiles(directory)) {
    const name = path.relative(directory, file).replace(/\.cypher$/, '').split(path.sep).join('/')
    const text = expandPlaceholders(readFileSync(file, 'utf8'))
    if (text.includes(TYPE_PLACEHOLDER)) {
      for (const type of RELATIONSHIP_TYPES) {
        statements.set(`${name}#${type}`, text.replaceAll(TYPE_PLACEHOLDER, type))
      }
      continue
    }
    if (!text.includes(HOPS_PLACEHOLDER)) {
      statements.set(name, text)
      continue
    }
    for (let hops = 1; hops <= MAX_PATTERN_HOPS; hops += 1) {
      statements.set(`${name}@${hops}`, text.replaceAll(HOPS_PLACEHOLDER, String(hops)))
    }
  }
  return statements
}

/** Splits a schema file into its statements, dropping `//` comment lines. */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0)
}

export function listCypherFiles(directory: string): string[] {
  const files: string[] = []
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name)
    if (entry.isDirectory()) {
      files.push(...listCypherFiles(full))
    } else if (entry.name.endsWith('.cypher')) {
      files.push(full)
    }
  }
  return files.sort()
}

/** Names the variant of a `{{hops}}` statement for a bound from 1 to MAX_PATTERN_HOPS. */
export function withHops(name: string, hops: number): string {
  if (!Number.isInteger(hops) || hops < 1 || hops > MAX_PATTERN_HOPS) {
    throw new RangeError(`Invalid hop bound ${hops}: expected an integer from 1 to ${MAX_PATTERN_HOPS}`)
  }
  return `${name}@${hops}`
}

/** Names the variant of a `{{type}}` statement for one type of the allow-list. */
export function withType(name: string, type: string): string {
  if (!isRelationshipType(type)) {
    throw new RangeError(`Invalid relationship type "${type}": expected one of ${RELATIONSHIP_TYPES.join(', ')}`)
  }
  return `${name}#${type}`
}

/** Looks a statement up by name; a missing name is a programming error. */
export function statement(statements: Map<string, string>, name: string): string {
  const text = statements.get(name)
  if (text === undefined) {
    throw new Error(`No Cypher statement named "${name}" under ${CYPHER_DIR}/statements`)
  }
  return text
}
