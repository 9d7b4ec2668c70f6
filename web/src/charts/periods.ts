/**
 * Calendar periods of the transfer series (`YYYY-MM` months, `YYYY` years): the full run
 * between two periods, the days a period covers, and exact sums of decimal strings.
 */
import type { SeriesInterval } from '../api.js'

/** Returns every period from `first` to `last` inclusive, or [] when `last` comes first. */
export function periodRange(first: string, last: string, interval: SeriesInterval): string[] {
  const periods: string[] = []
  if (interval === 'year') {
    for (let year = Number(first); year <= Number(last); year += 1) periods.push(String(year).padStart(4, '0'))
    return periods
  }

  let year = Number(first.slice(0, 4))
  let month = Number(first.slice(5, 7))
  const end = Number(last.slice(0, 4)) * 12 + Number(last.slice(5, 7))
  while (year * 12 + month <= end) {
    periods.push(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`)
    month += 1
    if (month > 12) {
      month = 1
      year += 1
    }
  }
  return periods
}

/**
 * Returns the first and last day of a period as YYYY-MM-DD. The last day of a month is
 * written as the 31st, which compares correctly with any real date as text.
 */
export function periodDays(period: string): { first: string; last: string } {
  return period.length === 4
    ? { first: `${period}-01-01`, last: `${period}-12-31` }
    : { first: `${period}-01`, last: `${period}-31` }
}

/** Returns whether a period shares at least one day with the range. */
export function periodOverlaps(period: string, range: { since: string; until: string }): boolean {
  const { first, last } = periodDays(period)
  return first <= range.until && last >= range.since
}

/** Adds exact decimal strings ("10.50", "0.07") without floating-point rounding. */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map((value) => /^(-?)(\d+)(?:\.(\d+))?$/.exec(value)).filter((match) => match !== null)
  const scale = Math.max(0, ...parsed.map((match) => (match[3] ?? '').length))
  let total = 0n
  for (const [, sign, whole = '0', fraction = ''] of parsed) {
    const units = BigInt(whole + fraction.padEnd(scale, '0'))
    total += sign === '-' ? -units : units
  }

  const negative = total < 0n
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : ''
  return `${negative ? '-' : ''}${whole}${fraction}`
}
