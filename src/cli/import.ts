/**
 * `millennium import FILE...`: imports files as an admin, who may write records of every
 * country, with a progress line and a row-by-row report of what was rejected.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'

import { loadConfig } from '../config/env.js'
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
    },
  })
  if (positionals.length === 0) {
    console.error('Usage: millennium import FILE... [--format F] [--source NAME] [--batch-size N]')
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
