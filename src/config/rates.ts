/**
 * Loads the exchange-rate file that MILLENNIUM_FX_RATES names at start-up, so an invalid file
 * stops the service with the line at fault rather than mispricing a trail later.
 */
import { readFileSync } from 'node:fs'

import { NO_RATES, parseRateFile, RateTable } from '../money/rates.js'
import type { Config } from './env.js'

/** Builds the rate table from the configured file, or an empty one when no file is set. */
export function loadRates(config: Config['rates']): RateTable {
  if (config.file === null) {
    return NO_RATES
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
