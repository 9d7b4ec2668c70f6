/**
 * Reference rates for the demo network: one row per month from December 2018 to January
 * 2026, on the first day, quoting USD, RUB, GEL and AED against EUR as central banks do. The
 * figures follow a smooth made-up curve near the real levels, so they are not market data.
 * AED is pegged to USD at 3.6725, as the real dirham is.
 */
import type { RateRow } from '../money/rates.js'

const FIRST_MONTH = { year: 2018, month: 12 }
const MONTHS = 86

/** Returns the demo's made-up monthly rates, four rows per month. */
export function demoRates(): RateRow[] {
  const rows: RateRow[] = []
  for (let index = 0; index < MONTHS; index++) {
    const month = FIRST_MONTH.month - 1 + index
    const year = FIRST_MONTH.year + Math.floor(month / 12)
    const date = `${year}-${String((month % 12) + 1).padStart(2, '0')}-01`
    const usd = 1.1 + 0.06 * Math.sin(index / 7)
    rows.push(
      { date, currency: 'EUR', quote: 'USD', rate: usd.toFixed(4) },
      { date, currency: 'EUR', quote: 'RUB', rate: (80 + 12 * Math.sin(index / 5)).toFixed(4) },
      { date, currency: 'EUR', quote: 'GEL', rate: (3.1 + 0.25 * Math.sin(index / 9)).toFixed(4) },
      { date, currency: 'EUR', quote: 'AED', rate: (Number(usd.toFixed(4)) * 3.6725).toFixed(4) },
    )
  }
  return rows
}
