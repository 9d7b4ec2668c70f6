/**
 * Import: reads a file with the reader its format needs, then stores the records in
 * batches as the caller. Every other row is stored, but these are reported with their line
 * and reason: rows the reader rejects, rows the caller may not write, and rows that conflict
 * with stored data.
 *
 * Who may write what:
 * - A non-admin caller imports records for their own country. `ownerNcb` must be empty or
 *   the caller's `ncb`, and an empty one becomes the caller's `ncb`. A caller without `ncb`
 *   imports open data. An admin may set any owner.
 * - A stored record may be changed by its owner country, by anyone who can see it when it has
 *   no owner, or by an admin. The repository checks this in the write transaction.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'

import type { Role } from '../auth/tokens.js'
import { SEE_ALL, type Database, type Viewer } from '../data/database.js'
import type { ImportRepository, WriteCounts, WriteProgress, WriteRejection } from '../data/repositories/import.js'
import { decodeBytes } from '../import/encoding.js'
import { detectFormat, readFile as readImportFile, readText, type CsvDeclarations, type ReaderFormat } from '../import/readers/index.js'
import type { ColumnMapping } from '../import/readers/mapped-csv.js'
import type { NodeRecord, ReadResult, RelationshipRecord } from '../model/records.js'

export const DEFAULT_BATCH_SIZE = 2000

/** Rejected rows a report lists; `rejectedCount` gives the total. */
export const REJECTED_LIST_LIMIT = 1000

export interface ImportRejection {
  file: string
  line: number | null
  id?: string
  reason: string
}

export interface ImportReport {
  file: string
  format: string
  nodes: WriteCounts
  relationships: WriteCounts
  /** The first REJECTED_LIST_LIMIT rejected rows, in line order. */
  rejected: ImportRejection[]
  /** All rejected rows, listed or not. */
  rejectedCount: number
  /** The encoding the file was read in, and whether it was declared or detected. */
  encoding?: string
}

/** The caller of an import: its visibility and its role. */
export interface ImportCaller {
  viewer: Viewer
  role: Role
}

/** The caller of the command line and the demo loaders, which may write every record. */
export const ADMIN_CALLER: ImportCaller = { viewer: SEE_ALL, role: 'admin' }

/** Formats a caller may name. Karate and Montagna need their file names, so they are detected only. */
export const IMPORT_FORMATS = ['csv', 'graph-json', 'caviar', 'fincen', 'gml', 'ftm', 'gexf', 'graphml'] as const satisfies readonly ReaderFormat[]
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

export interface ImportOptions {
  file: string
  format?: ImportFormat
  source?: string
  batchSize?: number
  onProgress?: (progress: WriteProgress) => void
  /**
   * The caller of the import. The API passes the request's caller, and trusted callers such
   * as tests may leave it out to import as ADMIN_CALLER.
   */
  caller?: ImportCaller
  /** The encoding of a file given as bytes; detected when absent (see src/import/encoding.ts). */
  encoding?: string
  /** The declarations of a CSV file: delimiter, number locale, date format. */
  csv?: CsvDeclarations
  /** A column mapping for a CSV file of any layout. */
  mapping?: ColumnMapping
}

export function createImportService(database: Database, repository: ImportRepository) {
  /** Stores records as the caller after the owner rules, and lists every row it rejects. */
  async function store(
    file: string,
    nodes: NodeRecord[],
    relationships: RelationshipRecord[],
    options: Pick<ImportOptions, 'batchSize' | 'onProgress' | 'caller'>,
  ) {
    const caller = options.caller ?? ADMIN_CALLER
    const ownedNodes = assignOwners(nodes, caller)
    const ownedRelationships = assignOwners(relationships, caller)
    const written = await repository.write(ownedNodes.accepted, ownedRelationships.accepted, {
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      viewer: caller.viewer,
      admin: caller.role === 'admin',
      onProgress: options.onProgress,
    })

    const rejected = [...ownedNodes.rejected, ...ownedRelationships.rejected, ...written.rejected].map(
      (rejection): ImportRejection => ({ file, line: rejection.line ?? null, id: rejection.id, reason: rejection.reason }),
    )
    return { file, nodes: written.nodes, relationships: written.relationships, rejected }
  }

  /** Imports records that are already read, such as the demo network. */
  async function importRecords(
    file: string,
    nodes: NodeRecord[],
    relationships: RelationshipRecord[],
    options: Pick<ImportOptions, 'batchSize' | 'onProgress' | 'caller'> = {},
  ): Promise<Omit<ImportReport, 'format'>> {
    const stored = await store(file, nodes, relationships, options)
    return { ...stored, ...listRejected(stored.rejected) }
  }

  async function storeRead(result: ReadResult, format: string, options: ImportOptions): Promise<ImportReport> {
    const stored = await store(options.file, result.nodes, result.relationships, options)
    const readerRejections = result.rejected.map(
      (row): ImportRejection => ({ file: row.file, line: row.line, ...(row.id === undefined ? {} : { id: row.id }), reason: row.reason }),
    )
    return { ...stored, format, ...listRejected([...readerRejections, ...stored.rejected]) }
  }

  /**
   * Imports one file, in the named format or the one its name and header show. Bytes are
   * decoded in the declared encoding or the one detected; text is taken as it is.
   */
  async function importText(content: string | Uint8Array, options: ImportOptions): Promise<ImportReport> {
    const decoded = typeof content === 'string' ? { text: content, encoding: undefined } : describeDecoding(content, options.encoding)
    const text = decoded.text
    const format = options.mapping !== undefined ? 'csv' : (options.format ?? detectFormat(options.file, text) ?? 'unknown')
    const result = readText(options.file, text, {
      source: options.source,
      format: options.format,
      csv: options.csv,
      mapping: options.mapping,
    })
    const report = await storeRead(result, format, options)
    return decoded.encoding === undefined ? report : { ...report, encoding: decoded.encoding }
  }

  return {
    importRecords,

    importText,

    /** Imports a file from disk; a karate edge list brings its club file along. */
    async importFile(filePath: string, options: Omit<ImportOptions, 'file'> = {}): Promise<ImportReport> {
      const file = path.basename(filePath)
      const bytes = await readFile(filePath)
      const declared = options.format !== undefined || options.encoding !== undefined || options.csv !== undefined || options.mapping !== undefined
      if (declared) {
        return importText(bytes, { ...options, file })
      }
      const text = decodeBytes(bytes).text
      const format = detectFormat(filePath, text) ?? 'unknown'
      return storeRead(await readImportFile(filePath, { source: options.source }), format, { ...options, file })
    },

    applySchema: () => database.applySchema(),
  }
}

export type ImportService = ReturnType<typeof createImportService>

/** Decodes bytes and names the encoding with its source: `windows-1251 (detected)`. */
function describeDecoding(bytes: Uint8Array, declared: string | undefined): { text: string; encoding: string } {
  const decoded = decodeBytes(bytes, declared)
  return { text: decoded.text, encoding: `${decoded.encoding} (${decoded.how})` }
}

/**
 * Applies the owner rules for a non-admin caller: a record's `ownerNcb` must be empty or the
 * caller's `ncb`, and an empty one becomes the caller's `ncb` (null for a caller without
 * one, so the record is open data). Returns the records with their owners set, and a
 * rejection for each record owned by another country.
 */
export function assignOwners<T extends NodeRecord | RelationshipRecord>(
  records: T[],
  caller: ImportCaller,
): { accepted: T[]; rejected: WriteRejection[] } {
  if (caller.role === 'admin') {
    return { accepted: records, rejected: [] }
  }

  const ncb = caller.viewer.ncb
  const accepted: T[] = []
  const rejected: WriteRejection[] = []
  for (const record of records) {
    const owner = record.provenance.ownerNcb
    if (owner === null || owner === ncb) {
      accepted.push({ ...record, provenance: { ...record.provenance, ownerNcb: ncb } })
    } else {
      rejected.push({ id: record.id, line: record.line, reason: foreignOwnerReason(owner, ncb) })
    }
  }
  return { accepted, rejected }
}

function foreignOwnerReason(owner: string, ncb: string | null): string {
  if (ncb === null) {
    return (
      `Invalid ownerNcb "${owner}": only an admin may import records for a country, and this token ` +
      'has none. Leave ownerNcb empty to import open data.'
    )
  }
  return `Invalid ownerNcb "${owner}": only an admin may import records for another country. Leave it empty or set ${ncb}.`
}

/**
 * Returns the first REJECTED_LIST_LIMIT rejected rows and their total. Rows are in line order
 * within each file (rows without a line last), and files in the order they first appear.
 */
function listRejected(rejected: ImportRejection[]): Pick<ImportReport, 'rejected' | 'rejectedCount'> {
  const fileOrder = new Map<string, number>()
  for (const rejection of rejected) {
    if (!fileOrder.has(rejection.file)) {
      fileOrder.set(rejection.file, fileOrder.size)
    }
  }
  const fileOf = (rejection: ImportRejection): number => fileOrder.get(rejection.file) ?? 0
  const lineOf = (rejection: ImportRejection): number => rejection.line ?? Number.MAX_SAFE_INTEGER
  const ordered = [...rejected].sort((first, second) => fileOf(first) - fileOf(second) || lineOf(first) - lineOf(second))
  return { rejected: ordered.slice(0, REJECTED_LIST_LIMIT), rejectedCount: rejected.length }
}
