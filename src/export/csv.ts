/**
 * CSV writer for the two files of the CSV reader: nodes (`id,type,name,...`) and
 * relationships (`id,source,target,type,...`), so an export imports back as it is. Property
 * columns carry their type as the reader reads it (`born:date`, `count:int`,
 * `aliases:string[]` with `|` between items, `amount:money` with the row's `currency`).
 * Fields are quoted when they need it, after RFC 4180, and lines end in CRLF.
 *
 * A text cell or node name that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * gets a leading `'`, because spreadsheets run such cells as formulas: `-2+3+cmd|...` is a
 * known payload, so a leading minus is defused even before a digit. Numbers are not text
 * cells (their columns are typed, such as `count:int`), so they stay as written. NOTE: the
 * apostrophe stays in the text when the file is imported again.
 */
import type { ExportEdge, ExportGraph, ExportNode, ExportValue } from './model.js'

/** Column names the reader takes as roles, not properties; properties with these names are left out. */
const NODE_ROLES = new Set(['id', 'type', 'name', 'source', 'dataSource', 'ownerNcb', 'restrictedTo', 'currency'])
const EDGE_ROLES = new Set(['id', 'source', 'target', 'type', 'dataSource', 'ownerNcb', 'restrictedTo', 'currency'])

export function* writeNodesCsv(graph: ExportGraph): Generator<string> {
  const columns = propertyColumns(graph.nodes, NODE_ROLES)
  yield row(['id', 'type', 'name', 'source', 'ownerNcb', 'restrictedTo', 'currency', ...columns.map((column) => column.header)])
  for (const node of graph.nodes) {
    const provenance = [node.ownerNcb ?? '', node.restrictedTo.join('|')]
    yield row([node.key, node.label, defuseFormula(node.name), node.source ?? '', ...provenance, node.currency ?? '', ...cells(node, columns)])
  }
}

export function* writeEdgesCsv(graph: ExportGraph): Generator<string> {
  const columns = propertyColumns(graph.edges, EDGE_ROLES)
  yield row(['id', 'source', 'target', 'type', 'dataSource', 'ownerNcb', 'restrictedTo', 'currency', ...columns.map((column) => column.header)])
  for (const edge of graph.edges) {
    const provenance = [edge.ownerNcb ?? '', edge.restrictedTo.join('|')]
    yield row([edge.key, edge.source, edge.target, edge.type, edge.dataSource ?? '', ...provenance, edge.currency ?? '', ...cells(edge, columns)])
  }
}

interface Column {
  name: string
  type: ExportValue['type']
  header: string
}

/**
 * Lists one column per property name, typed by the first type it takes. A value of another type
 * under the same name is written as text in that column.
 */
function propertyColumns(elements: (ExportNode | ExportEdge)[], roles: Set<string>): Column[] {
  const columns = new Map<string, Column>()
  for (const element of elements) {
    for (const value of element.values) {
      if (!roles.has(value.name) && !columns.has(value.name)) {
        const typed = value.type === 'string' || value.type === 'json' ? '' : `:${value.type}`
        columns.set(value.name, { name: value.name, type: value.type, header: `${value.name}${typed}` })
      }
    }
  }
  return [...columns.values()]
}

function cells(element: ExportNode | ExportEdge, columns: Column[]): string[] {
  const byName = new Map(element.values.map((value) => [value.name, value]))
  return columns.map((column) => {
    const value = byName.get(column.name)
    if (value === undefined) {
      return ''
    }
    const text = Array.isArray(value.text) ? value.text.join('|') : value.text
    return column.type === 'string' || column.type === 'json' ? defuseFormula(text) : text
  })
}

function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

function row(fields: string[]): string {
  return `${fields.map(quoteField).join(',')}\r\n`
}

function quoteField(field: string): string {
  return /[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field
}
