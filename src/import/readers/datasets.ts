/**
 * The public datasets a demo loads, as laid out in the data folder: one subfolder per dataset
 * (`karate/`, `lesmis/`, `montagna/`, `caviar/`, `fincen/`).
 */
import { join } from 'node:path'

import type { ReadResult } from '../../model/records.js'
import { exists, readFile, type ReaderFormat } from './index.js'

export interface DatasetFile {
  /** A short label for logs, such as "caviar phase 3". */
  name: string
  path: string
  format: ReaderFormat
  /** Reads the file, and for karate its club file, from disk. */
  read(): Promise<ReadResult>
}

const CAVIAR_PHASES = Array.from({ length: 11 }, (_, index) => index + 1)

/** Files in loading order, relative to the data folder, with the format readFile detects for each. */
const DATASET_FILES: ReadonlyArray<{ name: string; path: string; format: ReaderFormat }> = [
  { name: 'karate', path: 'karate/karate_networkx_weighted_edgelist.txt', format: 'karate' },
  { name: 'lesmis', path: 'lesmis/lesmis.gml', format: 'gml' },
  { name: 'montagna meetings', path: 'montagna/Montagna_meetings_edgelist.csv', format: 'montagna' },
  { name: 'montagna phone calls', path: 'montagna/Montagna_phonecalls_edgelist.csv', format: 'montagna' },
  { name: 'caviar', path: 'caviar/morselli_caviar.csv', format: 'caviar' },
  ...CAVIAR_PHASES.map((phase) => ({
    name: `caviar phase ${phase}`,
    path: `caviar/phase${phase}.csv`,
    format: 'caviar' as const,
  })),
  { name: 'fincen', path: 'fincen/download_transactions_map.csv', format: 'fincen' },
]

/**
 * Lists the dataset files found under `dataDir`, each with the reader that fits it. Missing
 * files are left out, so a partial data folder still loads what it has.
 */
export async function listDatasetFiles(dataDir: string): Promise<DatasetFile[]> {
  const files: DatasetFile[] = []
  for (const { name, path: relativePath, format } of DATASET_FILES) {
    const path = join(dataDir, relativePath)
    if (await exists(path)) {
      files.push({ name, path, format, read: () => readFile(path) })
    }
  }
  return files
}
