/**
 * Import: reads a file with the reader its format needs, then stores the records in
 * batches. Rows the reader rejects and rows that conflict with stored data are reported
 * with their line and reason; every other row is stored.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'

import type { Database } from '../data/database.js'
import type { ImportRepository, WriteCounts, WriteProgress } from '../data/repositories/import.js'
import { detectFormat, readFile as readImportFile, readText, type ReaderFormat } from '../import/readers/index.js'
import type { NodeRecord, ReadResult, RelationshipRecord } from '../model/records.js'

export const DEFAULT_BATCH_SIZE = 2000

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
  rejected: ImportRejection[]
}

/** Formats a caller may name. Karate and Montagna need their file names, so they are detected only. */
export const IMPORT_FORMATS = ['csv', 'graph-json', 'caviar', 'fincen', 'gml'] as const satisfies readonly ReaderFormat[]
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

export interface ImportOptions {
  file: string
  format?: ImportFormat
  source?: string
  batchSize?: number
  onProgress?: (progress: WriteProgress) => void
}

export function createImportService(database: Database, repository: ImportRepository) {
  async function importRecords(
    file: string,
    nodes: NodeRecord[],
    relationships: RelationshipRecord[],
    options: Pick<ImportOptions, 'batchSize' | 'onProgress'> = {},
  ): Promise<Omit<ImportReport, 'format'>> {
    const written = await repository.write(nodes, relationships, {
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      onProgress: options.onProgress,
    })
    return {
      file,
      nodes: written.nodes,
      relationships: written.relationships,
      rejected: written.rejected.map((rejection) => ({
        file,
        line: rejection.line ?? null,
        id: rejection.id,
        reason: rejection.reason,
      })),
    }
  }

  async function storeRead(result: ReadResult, format: string, options: ImportOptions): Promise<ImportReport> {
    const stored = await importRecords(options.file, result.nodes, result.relationships, options)
    const readerRejections: ImportRejection[] = result.rejected.map((row: ReadResult['rejected'][number]) => ({ file: row.file, line: row.line, reason: row.reason }))
    return { ...stored, format, rejected: [...readerRejections, ...stored.rejected] }
  }

  return {
    importRecords,

    /** Imports the text of one file, in the named format or the one its name and header show. */
    async importText(text: string, options: ImportOptions): Promise<ImportReport> {
      const format = options.format ?? detectFormat(options.file, text) ?? 'unknown'
      const result = readText(options.file, text, { source: options.source, format: options.format })
      return storeRead(result, format, options)
    },

    /** Imports a file from disk; a karate edge list brings its club file along. */
    async importFile(filePath: string, options: Omit<ImportOptions, 'file'> = {}): Promise<ImportReport> {
      const file = path.basename(filePath)
      const text = await readFile(filePath, 'utf8')
      if (options.format !== undefined) {
        const result = readText(file, text, { source: options.source, format: options.format })
        return storeRead(result, options.format, { ...options, file })
      }
      const format = detectFormat(filePath, text) ?? 'unknown'
      return storeRead(await readImportFile(filePath, { source: options.source }), format, { ...options, file })
    },

    applySchema: () => database.applySchema(),
  }
}

export type ImportService = ReturnType<typeof createImportService>
