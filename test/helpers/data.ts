/**
 * Where the real public datasets are, and a skip reason when they are absent.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'

import { PROJECT_ROOT } from '../../src/config/env.js'

export const DATA_DIR = process.env.MILLENNIUM_DATA_DIR || path.resolve(PROJECT_ROOT, '../shared/data')

/** Returns false when the dataset file exists, or a skip message naming the missing file. */
export function skipUnlessData(...parts: string[]): string | false {
  const file = path.join(DATA_DIR, ...parts)
  return existsSync(file) ? false : `dataset file ${file} not found (set MILLENNIUM_DATA_DIR)`
}

export function dataFile(...parts: string[]): string {
  return path.join(DATA_DIR, ...parts)
}
