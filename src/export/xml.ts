/** Text escaping and shared values for the GEXF and GraphML writers. */
import type { ExportValue } from './model.js'

/** Characters that XML 1.0 forbids even as references: most C0 controls, lone surrogates, U+FFFE, U+FFFF. */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * Escapes text for an XML attribute value or element content. Forbidden characters become
 * U+FFFD, and tabs, line breaks and the U+2028 and U+2029 separators become references,
 * because a parser normalises them as written but keeps a reference as the character.
 */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\u2028/g, '&#8232;')
    .replace(/\u2029/g, '&#8233;')
}

/** One attribute declaration per property name and type, numbered in order of appearance. */
/** Provenance fields that both XML writers declare first on nodes and on edges. */
export const PROVENANCE_FIELDS: readonly { name: string; type: string }[] = [
  { name: 'source', type: 'string' },
  { name: 'ownerNcb', type: 'string' },
  { name: 'restrictedTo', type: 'string' },
  { name: 'currency', type: 'string' },
]

/** Fixed edge fields of both XML writers: the relationship type, then provenance. */
export const EDGE_FIELDS: readonly { name: string; type: string }[] = [{ name: 'type', type: 'string' }, ...PROVENANCE_FIELDS]

export interface Declaration {
  id: string
  name: string
  type: string
}

/**
 * Declares the attributes of a set of elements. Each (name, type) pair gets an id such as
 * `n3:date`: the type after the colon lets our readers tell a date from a string, which
 * GEXF and GraphML types cannot. A name that takes two types gets two declarations.
 */
export function declare(
  elements: Iterable<{ values: { name: string; type: string }[] }>,
  prefix: string,
  fixed: readonly { name: string; type: string }[] = [],
): Map<string, Declaration> {
  const declarations = new Map<string, Declaration>()
  const add = (name: string, type: string): void => {
    const key = `${name}\u0000${type}`
    if (!declarations.has(key)) {
      // `[]` may not appear in an XML name token, so a string list is `:list`.
      const suffix = type === 'string' ? '' : `:${type === 'string[]' ? 'list' : type}`
      declarations.set(key, { id: `${prefix}${declarations.size}${suffix}`, name, type })
    }
  }
  fixed.forEach(({ name, type }) => add(name, type))
  for (const element of elements) {
    for (const value of element.values) {
      add(value.name, value.type)
    }
  }
  return declarations
}

export function declarationOf(declarations: Map<string, Declaration>, name: string, type: string): Declaration {
  const declaration = declarations.get(`${name}\u0000${type}`)
  if (declaration === undefined) {
    throw new Error(`No declaration for ${name} of type ${type}`)
  }
  return declaration
}

/** Returns the `ownerNcb` and `restrictedTo` values (items joined by `|`) that a record has. */
export function provenanceValues(record: { ownerNcb: string | null; restrictedTo: string[] }): ExportValue[] {
  const values: ExportValue[] = []
  if (record.ownerNcb !== null) {
    values.push({ name: 'ownerNcb', type: 'string', text: record.ownerNcb })
  }
  if (record.restrictedTo.length > 0) {
    values.push({ name: 'restrictedTo', type: 'string', text: record.restrictedTo.join('|') })
  }
  return values
}
