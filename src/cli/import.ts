/**
 * `millennium import FILE...`: imports files as an admin, who may write records of every
 * country, with a progress line and a row-by-row report of what was rejected.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { loadConfig } from '../config/env.js'
import { EncodingError, encodingName } from '../import/encoding.js'
import { DATE_FORMATS, isDateFormat, isNumberLocale, NUMBER_LOCALES } from '../import/readers/formats.js'
import { parseColumnMapping, type ColumnMapping } from '../import/readers/mapped-csv.js'
import { ValueError } from '../import/readers/values.js'
import { ensureNeo4j } from '../db/resolve.js'
import { ADMIN_CALLER, IMPORT_FORMATS, type ImportFormat, type ImportReport } from '../services/import.js'
import { createServices } from '../services/index.js'
import { openDatabase, prepareDatabase } from './serve.js'

export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      source: { type: 'string' },
      'batch-size': { type: 'string', default: '2000' },
      encoding: { type: 'string' },
      delimiter: { type: 'string' },
      locale: { type: 'string' },
      'date-format': { type: 'string' },
      mapping: { type: 'string' },
    },
  })
  if (positionals.length === 0) {
    console.error(
      'Usage: millennium import FILE... [--format F] [--source NAME] [--batch-size N] [--encoding E] ' +
        '[--delimiter comma|semicolon|tab] [--locale L] [--date-format F] [--mapping MAPPING.json]',
    )
    return 2
  }
  const declarations = await readDeclarations(values)
  if (typeof declarations === 'string') {
    console.error(declarations)
    return 2
  }
  if (values.format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(values.format)) {
    console.error(`Invalid --format "${values.format}": expected one of ${IMPORT_FORMATS.join(', ')}`)
    return 2
  }
  const batchSize = Number(values['batch-size'])
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
    console.error(`Invalid --batch-size "${values['batch-size']}": expected an integer from 1 to 50000`)
    return 2
  }

  const config = loadConfig(process.env, { requireSecret: false })
  const uri = await ensureNeo4j(config, (message) => console.error(message))
  const database = openDatabase(config, uri)
  let failed = false
  try {
    await prepareDatabase(database, uri)
    const services = createServices(database)
    for (const file of positionals) {
      const report = await services.imports.importFile(path.resolve(file), {
        format: values.format as ImportFormat | undefined,
        source: values.source,
        batchSize,
        caller: ADMIN_CALLER,
        ...declarations,
        onProgress: ({ done, total }) => progress(path.basename(file), done, total),
      })
      printReport(report)
      failed ||= report.rejectedCount > 0
    }
  } finally {
    await database.close()
  }
  return failed ? 1 : 0
}

const DELIMITERS: Readonly<Record<string, ',' | ';' | '\t'>> = { comma: ',', semicolon: ';', tab: '\t' }

/** Checks the declarations of the command line; returns the message of the first invalid one. */
async function readDeclarations(values: Record<string, string | boolean | undefined>) {
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined)
  const encoding = text('encoding')
  const delimiter = text('delimiter')
  const locale = text('locale')
  const dateFormat = text('date-format')
  const mappingFile = text('mapping')

  try {
    if (encoding !== undefined) encodingName(encoding)
  } catch (error) {
    if (error instanceof EncodingError) return `Invalid --encoding: ${error.message}`
    throw error
  }
  if (delimiter !== undefined && DELIMITERS[delimiter] === undefined) {
    return `Invalid --delimiter "${delimiter}": expected comma, semicolon or tab`
  }
  if (locale !== undefined && !isNumberLocale(locale)) {
    return `Invalid --locale "${locale}": expected one of ${NUMBER_LOCALES.join(', ')}`
  }
  if (dateFormat !== undefined && !isDateFormat(dateFormat)) {
    return `Invalid --date-format "${dateFormat}": expected one of ${DATE_FORMATS.join(', ')}`
  }
  let mapping: ColumnMapping | undefined
  if (mappingFile !== undefined) {
    try {
      mapping = parseColumnMapping(await readFile(mappingFile, 'utf8'))
    } catch (error) {
      if (error instanceof ValueError) return `Invalid --mapping ${mappingFile}: ${error.message}`
      return `Cannot read --mapping ${mappingFile}: ${error instanceof Error ? error.message : String(error)}`
    }
  }
  const csv =
    delimiter === undefined && locale === undefined && dateFormat === undefined
      ? undefined
      : {
          delimiter: delimiter === undefined ? undefined : DELIMITERS[delimiter],
          locale: locale !== undefined && isNumberLocale(locale) ? locale : undefined,
          dateFormat: dateFormat !== undefined && isDateFormat(dateFormat) ? dateFormat : undefined,
        }
  return { encoding: encoding ?? mapping?.encoding, csv, mapping }
}

function progress(file: string, done: number, total: number): void {
  if (process.stderr.isTTY) {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100)
    process.stderr.write(`\r${file}: ${done}/${total} records (${percent}%)`)
    if (done === total) {
      process.stderr.write('\n')
    }
  }
}

/** Rejected rows printed for each file; the report holds up to REJECTED_LIST_LIMIT of them. */
const PRINTED_REJECTIONS = 50

export function printReport(report: Omit<ImportReport, 'format'> & { format?: string }): void {
  const { nodes, relationships } = report
  console.log(
    `${report.file}${report.format ? ` (${report.format})` : ''}: ` +
      `nodes ${nodes.created} created, ${nodes.updated} updated, ${nodes.unchanged} unchanged; ` +
      `relationships ${relationships.created} created, ${relationships.updated} updated, ${relationships.unchanged} unchanged; ` +
      `${report.rejectedCount} rejected`,
  )
  const listed = report.rejected.slice(0, PRINTED_REJECTIONS)
  for (const rejection of listed) {
    console.log(`  ${rejection.file}:${rejection.line ?? '?'}: ${rejection.reason}`)
  }
  if (report.rejectedCount > listed.length) {
    console.log(`  … and ${report.rejectedCount - listed.length} more`)
  }
}
