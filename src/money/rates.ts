/**
 * Dated exchange rates and exact conversion. A rate row says that on `date` one unit of
 * `currency` was worth `rate` units of `quote`. Converting an amount on a day uses the most
 * recent row dated on or before that day and no more than `maxAgeDays` older; the inverse
 * pair counts too, and so does one pivot currency (USD to RUB through EUR when the table
 * quotes both against EUR, as central banks publish them). Where no such row exists the
 * conversion answers null, and callers report the transfer: an amount is never counted 1:1.
 *
 * Rates are kept as exact fractions, and a converted amount is rounded once, half to even,
 * to the minor unit of the target currency.
 */
import { currencyExponent, isCurrencyCode } from '../model/money.js'

export interface RateRow {
  date: string
  currency: string
  quote: string
  /** Decimal text such as "0.9234". */
  rate: string
}

/** A positive fraction `numerator / denominator`. */
interface Fraction {
  numerator: bigint
  denominator: bigint
}

interface DatedFraction extends Fraction {
  date: string
}

export interface Conversion {
  minor: bigint
  /** Dates of the rates used, one per leg. */
  rateDates: string[]
}

/** Rows older than this many days before a transfer do not price it. */
export const DEFAULT_MAX_RATE_AGE_DAYS = 31

const RATE_TEXT = /^\d{1,12}(\.\d{1,12})?$/
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/
const MS_PER_DAY = 86_400_000

export class RateTable {
  /** Rows by "FROM/TO", sorted by date, including the inverse of each row. */
  private readonly pairs = new Map<string, DatedFraction[]>()
  private readonly currencies = new Set<string>()

  constructor(
    rows: readonly RateRow[],
    readonly maxAgeDays: number = DEFAULT_MAX_RATE_AGE_DAYS,
  ) {
    for (const row of rows) {
      const rate = toFraction(row.rate)
      this.add(row.currency, row.quote, { date: row.date, ...rate })
      this.add(row.quote, row.currency, { date: row.date, numerator: rate.denominator, denominator: rate.numerator })
      this.currencies.add(row.currency)
      this.currencies.add(row.quote)
    }
    for (const list of this.pairs.values()) {
      list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    }
  }

  get size(): number {
    let count = 0
    for (const list of this.pairs.values()) {
      count += list.length
    }
    return count / 2
  }

  /** Converts `minor` units of `from` into minor units of `to` at the rate of `date`, or null. */
  convert(minor: bigint, from: string, to: string, date: string): Conversion | null {
    if (from === to) {
      return { minor, rateDates: [] }
    }
    const legs = this.route(from, to, date)
    if (legs === null) {
      return null
    }
    let numerator = minor * 10n ** BigInt(currencyExponent(to))
    let denominator = 10n ** BigInt(currencyExponent(from))
    for (const leg of legs) {
      numerator *= leg.numerator
      denominator *= leg.denominator
    }
    return { minor: divideHalfEven(numerator, denominator), rateDates: legs.map((leg) => leg.date) }
  }

  private route(from: string, to: string, date: string): DatedFraction[] | null {
    const direct = this.find(from, to, date)
    if (direct !== null) {
      return [direct]
    }
    let best: DatedFraction[] | null = null
    for (const pivot of this.currencies) {
      if (pivot === from || pivot === to) {
        continue
      }
      const first = this.find(from, pivot, date)
      const second = first === null ? null : this.find(pivot, to, date)
      if (first !== null && second !== null) {
        // Prefer the pivot whose older leg is the most recent, then the pivot's code.
        const older = first.date < second.date ? first.date : second.date
        const bestOlder = best === null ? '' : best[0]!.date < best[1]!.date ? best[0]!.date : best[1]!.date
        if (best === null || older > bestOlder) {
          best = [first, second]
        }
      }
    }
    return best
  }

  private find(from: string, to: string, date: string): DatedFraction | null {
    const list = this.pairs.get(`${from}/${to}`)
    if (list === undefined) {
      return null
    }
    let low = 0
    let high = list.length - 1
    let found: DatedFraction | null = null
    while (low <= high) {
      const middle = (low + high) >> 1
      const row = list[middle]!
      if (row.date <= date) {
        found = row
        low = middle + 1
      } else {
        high = middle - 1
      }
    }
    if (found === null || daysBetween(found.date, date) > this.maxAgeDays) {
      return null
    }
    return found
  }

  private add(from: string, to: string, rate: DatedFraction): void {
    const key = `${from}/${to}`
    const list = this.pairs.get(key)
    if (list === undefined) {
      this.pairs.set(key, [rate])
    } else {
      list.push(rate)
    }
  }
}

export const NO_RATES = new RateTable([])

export class RateFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RateFileError'
  }
}

/**
 * Reads a rate file: CSV with the header `date,currency,quote,rate`, one row per dated rate.
 * Throws a RateFileError naming the line and the value for the first bad row.
 */
export function parseRateFile(text: string, file: string): RateRow[] {
  const lines = text.split(/\r?\n/)
  const header = (lines[0] ?? '').trim().replace(/^\uFEFF/, '')
  if (header !== 'date,currency,quote,rate') {
    throw new RateFileError(`${file}, line 1: expected the header "date,currency,quote,rate", found "${header}"`)
  }
  const rows: RateRow[] = []
  const seen = new Set<string>()
  lines.slice(1).forEach((line, index) => {
    const lineNumber = index + 2
    if (line.trim() === '') {
      return
    }
    const [date = '', currency = '', quote = '', rate = '', ...extra] = line.split(',').map((cell) => cell.trim())
    const problem =
      extra.length > 0
        ? `expected 4 fields, found ${4 + extra.length}`
        : !isCalendarDate(date)
          ? `invalid date "${date}": expected YYYY-MM-DD`
          : !isCurrencyCode(currency)
            ? `invalid currency "${currency}": expected an ISO 4217 code`
            : !isCurrencyCode(quote) || quote === currency
              ? `invalid quote currency "${quote}": expected an ISO 4217 code other than ${currency}`
              : !RATE_TEXT.test(rate) || /^0+(\.0+)?$/.test(rate)
                ? `invalid rate "${rate}": expected a positive decimal number such as 0.9234`
                : seen.has(`${date}/${currency}/${quote}`)
                  ? `a second rate for ${currency} in ${quote} on ${date}`
                  : null
    if (problem !== null) {
      throw new RateFileError(`${file}, line ${lineNumber}: ${problem}`)
    }
    seen.add(`${date}/${currency}/${quote}`)
    rows.push({ date, currency, quote, rate })
  })
  return rows
}

function toFraction(text: string): Fraction {
  const [whole = '0', fraction = ''] = text.split('.')
  return { numerator: BigInt(whole + fraction), denominator: 10n ** BigInt(fraction.length) }
}

/** Rounds `numerator / denominator` (both positive or numerator negative) half to even. */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n
  const magnitude = negative ? -numerator : numerator
  let quotient = magnitude / denominator
  const twice = (magnitude % denominator) * 2n
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) {
    quotient += 1n
  }
  return negative ? -quotient : quotient
}

function isCalendarDate(text: string): boolean {
  return DATE_TEXT.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)
}

function daysBetween(earlier: string, later: string): number {
  return (Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / MS_PER_DAY
}
