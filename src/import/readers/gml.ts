/**
 * A small parser for GML, the Graph Modelling Language, and a reader that turns a GML graph
 * of people into records. It was written for Newman's `lesmis.gml`, the co-appearances of
 * characters in Les Misérables (Knuth 1993).
 *
 * The parser reads keys, integers, reals, double-quoted strings (with the entities &amp;
 * &quot; &lt; &gt; &apos; and &#N; decoded), nested `[ ... ]` lists, and `#` comments that
 * run to the end of the line.
 *
 * The reader makes each `node` a Person `<prefix>:<id>` named by its `label`, and each `edge`
 * an ASSOCIATE_OF `<prefix>:<source>-><target>` with `weight` taken from `value`, where the
 * prefix is the file name's stem (`lesmis`). Edges keep the direction written in the file,
 * and a repeated pair gets `#2`, `#3`, ... as in the CSV reader. Other scalar attributes
 * become properties, and nested lists such as `graphics` are skipped.
 */
import type { NodeRecord, Properties, ReadResult } from '../../model/records.js'
import { fileStem, openDataProvenance, quote, ReadCollector, rejectFile, RelationshipIds, type ReadOptions } from './common.js'

export type GmlValue = number | string | GmlEntry[]

export interface GmlEntry {
  key: string
  value: GmlValue
  /** 1-based line of the key. */
  line: number
}

export class GmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message)
    this.name = 'GmlSyntaxError'
  }
}

const TOKEN = /\s+|#[^\n]*|\[|\]|"[^"]*"|[A-Za-z_][A-Za-z0-9_]*|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y

/** Parses GML text into a list of entries. Throws a GmlSyntaxError with the line at fault. */
export function parseGml(text: string): GmlEntry[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const tokens = tokenize(body)
  let position = 0

  const parseList = (closing: boolean): GmlEntry[] => {
    const entries: GmlEntry[] = []
    for (;;) {
      const token = tokens[position]
      if (token === undefined) {
        if (closing) {
          throw new GmlSyntaxError('Unexpected end of file: a "[" list is never closed with "]".', lastLine(tokens))
        }
        return entries
      }
      if (token.text === ']') {
        if (!closing) {
          throw new GmlSyntaxError('Unexpected "]" with no open list.', token.line)
        }
        position += 1
        return entries
      }
      if (!/^[A-Za-z_]/.test(token.text)) {
        throw new GmlSyntaxError(`Expected a key but found ${quote(token.text)}.`, token.line)
      }

      const value = tokens[position + 1]
      if (value === undefined) {
        throw new GmlSyntaxError(`The key ${quote(token.text)} has no value.`, token.line)
      }
      position += 2
      entries.push({ key: token.text, value: parseValue(value), line: token.line })
    }
  }

  const parseValue = (token: Token): GmlValue => {
    if (token.text === '[') {
      return parseList(true)
    }
    if (token.text.startsWith('"')) {
      return decodeEntities(token.text.slice(1, -1))
    }
    const number = Number(token.text)
    if (Number.isFinite(number) && /^[+-.\d]/.test(token.text)) {
      return number
    }
    throw new GmlSyntaxError(`Expected a number, a string or a list but found ${quote(token.text)}.`, token.line)
  }

  return parseList(false)
}

interface Token {
  text: string
  line: number
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let line = 1
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex
    const match = TOKEN.exec(text)
    if (!match) {
      const rest = text.slice(start).split(/\s/, 1)[0] ?? ''
      const reason = rest.startsWith('"') ? 'A string is never closed' : `Unexpected text ${quote(rest)}`
      throw new GmlSyntaxError(`${reason}.`, line)
    }
    const token = match[0]
    if (!/^\s/.test(token) && !token.startsWith('#')) {
      tokens.push({ text: token, line })
    }
    line += token.split('\n').length - 1
  }
  return tokens
}

function lastLine(tokens: Token[]): number {
  return tokens[tokens.length - 1]?.line ?? 1
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" }

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|[a-z]+);/g, (entity: string, name: string) => {
    if (name.startsWith('#')) {
      return String.fromCodePoint(Number(name.slice(1)))
    }
    return ENTITIES[name] ?? entity
  })
}

/** Reads a GML graph of people. See the file header for the mapping. */
export function readGml(text: string, options: ReadOptions & { prefix?: string }): ReadResult {
  let entries: GmlEntry[]
  try {
    entries = parseGml(text)
  } catch (error) {
    if (error instanceof GmlSyntaxError) {
      return rejectFile(options.file, error.line, `Invalid GML: ${error.message}`)
    }
    throw error
  }

  const graph = entries.find((entry) => entry.key === 'graph')
  if (!graph || !Array.isArray(graph.value)) {
    return rejectFile(options.file, 1, 'Invalid GML: expected a top-level "graph [ ... ]" list.')
  }

  const prefix = options.prefix ?? fileStem(options.file).toLowerCase()
  const source = options.source ?? prefix
  const collector = new ReadCollector(options.file)
  const nodeLines = new Map<string, number>()
  const relationshipIds = new RelationshipIds()

  for (const entry of graph.value) {
    if (entry.key === 'node') {
      const node = readNode(entry, prefix, source, nodeLines)
      if (typeof node === 'string') {
        collector.reject(entry.line, node)
      } else {
        nodeLines.set(node.id, entry.line)
        collector.nodes.push(node)
      }
    }
  }

  for (const entry of graph.value) {
    if (entry.key !== 'edge') {
      continue
    }
    const attributes = Array.isArray(entry.value) ? entry.value : []
    const ends = (['source', 'target'] as const).map((end) => scalar(attributes, end))
    const reasons: string[] = []
    for (const [index, end] of ends.entries()) {
      const name = index === 0 ? 'source' : 'target'
      if (end === undefined) {
        reasons.push(`Missing "${name}": expected a node id.`)
      } else if (!nodeLines.has(`${prefix}:${end}`)) {
        reasons.push(`The ${name} ${quote(String(end))} is not the id of a node that was read.`)
      }
    }
    const value = scalar(attributes, 'value')
    if (value !== undefined && typeof value !== 'number') {
      reasons.push(`Invalid "value" ${quote(value)}: expected a number.`)
    }
    if (reasons.length > 0) {
      collector.reject(entry.line, reasons.join(' '))
      continue
    }

    const [from, to] = ends.map(String) as [string, string]
    const properties = otherScalars(attributes, ['source', 'target', 'value', 'id'])
    if (typeof value === 'number') {
      properties.weight = value
    }
    collector.relationships.push({
      id: relationshipIds.derive(`${prefix}:${from}->${to}`),
      type: 'ASSOCIATE_OF',
      source: `${prefix}:${from}`,
      target: `${prefix}:${to}`,
      properties,
      provenance: openDataProvenance(source),
    })
  }

  return collector.result()
}

function readNode(entry: GmlEntry, prefix: string, source: string, nodeLines: Map<string, number>): NodeRecord | string {
  if (!Array.isArray(entry.value)) {
    return 'Invalid node: expected a "[ ... ]" list.'
  }
  const id = scalar(entry.value, 'id')
  const label = scalar(entry.value, 'label')
  const name = label === undefined ? '' : String(label).trim()
  const reasons: string[] = []

  if (id === undefined) {
    reasons.push('Missing "id" in node.')
  } else if (nodeLines.has(`${prefix}:${id}`)) {
    reasons.push(`Duplicate node id ${quote(String(id))}: line ${nodeLines.get(`${prefix}:${id}`)} has the same id.`)
  }
  if (name === '') {
    reasons.push('Missing "label" in node: every node needs a name.')
  }
  if (reasons.length > 0 || id === undefined) {
    return reasons.join(' ')
  }

  return {
    id: `${prefix}:${id}`,
    label: 'Person',
    name,
    properties: otherScalars(entry.value, ['id', 'label']),
    provenance: openDataProvenance(source),
  }
}

/** Returns the first scalar value under `key`. */
function scalar(entries: GmlEntry[], key: string): number | string | undefined {
  const value = entries.find((entry) => entry.key === key)?.value
  return Array.isArray(value) ? undefined : value
}

function otherScalars(entries: GmlEntry[], skipped: string[]): Properties {
  const properties: Properties = {}
  for (const entry of entries) {
    if (!skipped.includes(entry.key) && !Array.isArray(entry.value) && !(entry.key in properties)) {
      properties[entry.key] = entry.value
    }
  }
  return properties
}
