/**
 * Format detection and dispatch for the import. The readers themselves are pure: text in,
 * ReadResult out. readFile here is the one place that touches the file system, because the
 * karate edge list needs its companion club file.
 */
import { access, readFile as readFileText } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'

import { parseCsv } from '../csv-parse.js'
import { decodeBytes } from '../encoding.js'
import type { ReadResult } from '../../model/records.js'
import { readCaviar } from './caviar.js'
import { rejectFile } from './common.js'
import { readCsv } from './csv.js'
import { FINCEN_COLUMNS, readFincen } from './fincen.js'
import { looksLikeFtm, readFtm } from './ftm.js'
import { readGexf } from './gexf.js'
import { readGml } from './gml.js'
import { readGraphJson } from './graph-json.js'
import { readGraphml } from './graphml.js'
import { KARATE_CLUBS_FILE, readKarate } from './karate.js'
import { readMappedCsv, type ColumnMapping } from './mapped-csv.js'
import { montagnaKind, readMontagna } from './montagna.js'
import type { CsvDeclarations } from './common.js'

export { readCaviar, readCsv, readFincen, readFtm, readGexf, readGml, readGraphJson, readGraphml, readKarate, readMontagna }
export type { CsvDeclarations, ReadOptions } from './common.js'

export const READER_FORMATS = ['csv', 'graph-json', 'caviar', 'montagna', 'fincen', 'karate', 'gml', 'ftm', 'gexf', 'graphml'] as const

export type ReaderFormat = (typeof READER_FORMATS)[number]

const WHITESPACE_EDGE = /^\s*\d+\s+\d+\s+\d+(?:\.\d+)?\s*$/
const PLAYER_ID = /^N?\d+$/i

/**
 * Detects the format of a file from its name and the start of its content. Returns null when
 * no reader fits.
 */
export function detectFormat(file: string, text: string): ReaderFormat | null {
  const name = basename(file).toLowerCase()
  const extension = extname(name)
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text

  if (extension === '.gml' || /^\s*graph\s*\[/.test(body)) {
    return 'gml'
  }
  if (extension === '.gexf' || /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<gexf[\s>]/.test(body)) {
    return 'gexf'
  }
  if (extension === '.graphml' || /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<graphml[\s>]/.test(body)) {
    return 'graphml'
  }
  const firstLine = body.split(/\r\n|\n|\r/, 1)[0] ?? ''
  if (['.ijson', '.ndjson', '.jsonl'].includes(extension) || looksLikeFtm(firstLine)) {
    return 'ftm'
  }
  if (extension === '.json' || /^\s*\{/.test(body)) {
    return 'graph-json'
  }

  if (WHITESPACE_EDGE.test(firstLine)) {
    if (name.includes('karate')) {
      return 'karate'
    }
    return name.includes('montagna') ? 'montagna' : null
  }

  const header = (parseCsv(firstLine).records[0]?.fields ?? []).map((field) => field.trim())
  if (FINCEN_COLUMNS.every((column) => header.includes(column))) {
    return 'fincen'
  }
  const [corner = '', ...players] = header
  if ((corner === '' || corner.toLowerCase() === 'players') && players.length > 0 && players.every((cell) => PLAYER_ID.test(cell))) {
    return 'caviar'
  }
  const has = (column: string): boolean => header.some((field) => field.split(':', 1)[0] === column)
  if ((has('source') && has('target') && has('type')) || (has('id') && has('type') && has('name'))) {
    return 'csv'
  }
  return null
}

export interface ReadTextOptions {
  /** Provenance source for records that do not name one. Each reader has its own default. */
  source?: string
  /** The format to read the text as; detected from the name and content when absent. */
  format?: ReaderFormat
  /** The karate club file, for the karate edge list. */
  karateClubs?: { file: string; text: string }
  /** The declarations of a CSV file: delimiter, number locale, date format. */
  csv?: CsvDeclarations
  /** A column mapping, which makes any CSV layout readable. */
  mapping?: ColumnMapping
}

/** Reads the text of a file with the reader its name and content call for. */
export function readText(file: string, text: string, options: ReadTextOptions = {}): ReadResult {
  const readOptions = { file, source: options.source, csv: options.csv }
  if (options.mapping !== undefined && (options.format === undefined || options.format === 'csv')) {
    return readMappedCsv(text, options.mapping, readOptions)
  }
  const format = options.format ?? detectFormat(file, text)

  switch (format) {
    case 'csv':
      return readCsv(text, readOptions)
    case 'gexf':
      return readGexf(text, readOptions)
    case 'graphml':
      return readGraphml(text, readOptions)
    case 'graph-json':
      return readGraphJson(text, readOptions)
    case 'caviar':
      return readCaviar(text, readOptions)
    case 'fincen':
      return readFincen(text, readOptions)
    case 'gml':
      return readGml(text, readOptions)
    case 'ftm':
      return readFtm(text, readOptions)
    case 'karate':
      return readKarate(text, { ...readOptions, clubs: options.karateClubs })
    case 'montagna': {
      const kind = montagnaKind(file)
      if (kind === null) {
        return rejectFile(file, 1, 'Cannot tell Montagna meetings from phone calls: expected "meetings" or "phonecalls" in the file name.')
      }
      return readMontagna(text, { ...readOptions, kind })
    }
    case null:
      return rejectFile(
        file,
        1,
        'Unrecognised file format. Expected a CSV with the header id,type,name or source,target,type, ' +
          'a graphology JSON export, a GML, GEXF or GraphML graph, an FtM entity stream (one JSON entity per line), or one of the known datasets (CAVIAR, Montagna, FinCEN, karate).',
      )
  }
}

/** Reads a file from disk and dispatches it; for the karate edge list, also its club file. */
export async function readFile(path: string, options: { source?: string } = {}): Promise<ReadResult> {
  const text = decodeBytes(await readFileText(path)).text
  if (detectFormat(path, text) !== 'karate') {
    return readText(path, text, options)
  }

  const clubsPath = join(dirname(path), KARATE_CLUBS_FILE)
  const clubs = (await exists(clubsPath)) ? { file: clubsPath, text: await readFileText(clubsPath, 'utf8') } : undefined
  return readText(path, text, { ...options, karateClubs: clubs })
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}
