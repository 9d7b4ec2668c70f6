/**
 * Loads the exchange-rate file that MILLENNIUM_FX_RATES names at start-up, so an invalid file
 * stops the service with the line at fault rather than mispricing a trail later.
 */
import { readFileSync } from 'node:fs'

import { NO_RATES, parseRateFile, RateTable, type RateRow } from '../money/rates.js'
import type { Config } from './env.js'

/** Builds the rate table from the configured file, or from `fallback` rows when no file is set. */
export function loadRates(config: Config['rates'], fallback: readonly RateRow[] = []): RateTable {
  if (config.file === null) {
    return fallback.length === 0 ? NO_RATES : new RateTable(fallback, config.maxAgeDays)
  }
  let text: string
  try {
    text = readFileSync(config.file, 'utf8')
  } catch (error) {
    throw new Error(
      `Failed to read the MILLENNIUM_FX_RATES file ${config.file}: ${(error as Error).message}. ` +
        'Check the path, or unset MILLENNIUM_FX_RATES to run without exchange rates.',
    )
  }
  return new RateTable(parseRateFile(text, config.file), config.maxAgeDays)
}
