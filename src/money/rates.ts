/**
 * Dated exchange rates and exact conversion. A rate row states that on `date` one unit of
 * `currency` was worth `rate` units of `quote`.
 *
 * Converting an amount on a day uses the latest row dated on or before that day and at most
 * `maxAgeDays` older. The inverse pair counts too, and so does one pivot currency: USD to RUB
 * goes through EUR when the table quotes both against EUR, as central banks publish them.
 * Where no such row exists, the conversion returns null and callers report the transfer, so
 * an amount is never counted 1:1.
 *
 * Rates are kept as exact fractions, and a converted amount is rounded once, half to even,
 * to the minor unit of the target currency.
 */
import { currencyExponent, isCurrencyCode } from '../model/money.js'
import { isIsoDate } from './duration.js'

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

/** Maximum age in days of a rate row, counted back from the transfer's date. */
export const DEFAULT_MAX_RATE_AGE_DAYS = 31

const RATE_TEXT = /^\d{1,12}(\.\d{1,12})?$/
const MS_PER_DAY = 86_400_000

export class RateTable {
  /** Rows by "FROM/TO", sorted by date, including the inverse of each row. */
  private readonly pairs = new Map<string, DatedFraction[]>()
  /** Every currency in the table, sorted by code, so pivots are tried in code order. */
  private readonly currencies: string[]

  constructor(
    rows: readonly RateRow[],
    readonly maxAgeDays: number = DEFAULT_MAX_RATE_AGE_DAYS,
  ) {
    const currencies = new Set<string>()
    for (const row of rows) {
      const rate = toFraction(row.rate)
      this.add(row.currency, row.quote, { date: row.date, ...rate })
      this.add(row.quote, row.currency, { date: row.date, numerator: rate.denominator, denominator: rate.numerator })
      currencies.add(row.currency)
      currencies.add(row.quote)
    }
    this.currencies = [...currencies].sort()
    for (const list of this.pairs.values()) {
      list.sort((a, b) => compareDates(a.date, b.date))
    }
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

  /**
   * Finds the rates that convert `from` into `to` on `date`: the direct pair when it has a
   * row, else two legs through one pivot currency. Returns null when neither exists.
   */
  private route(from: string, to: string, date: string): DatedFraction[] | null {
    const direct = this.find(from, to, date)
    if (direct !== null) {
      return [direct]
    }

    // Prefer the pivot whose older leg is the most recent. `currencies` is sorted and only a
    // strictly more recent leg replaces the best, so ties go to the pivot whose code sorts first.
    let best: DatedFraction[] | null = null
    let bestOlderDate = ''
    for (const pivot of this.currencies) {
      if (pivot === from || pivot === to) {
        continue
      }
      const first = this.find(from, pivot, date)
      if (first === null) {
        continue
      }
      const second = this.find(pivot, to, date)
      if (second === null) {
        continue
      }
      const olderDate = first.date < second.date ? first.date : second.date
      if (best === null || olderDate > bestOlderDate) {
        best = [first, second]
        bestOlderDate = olderDate
      }
    }
    return best
  }

  /** Finds the latest `from`/`to` row dated on or before `date`, or null if none is within `maxAgeDays`. */
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
 * Parses a rate file: CSV with the header `date,currency,quote,rate` and one row per dated
 * rate. Throws a RateFileError that names the line and the value of the first invalid row.
 */
export function parseRateFile(text: string, file: string): RateRow[] {
  const lines = text.split(/\r?\n/)
  const header = (lines[0] ?? '').trim().replace(/^\uFEFF/, '')
  if (header !== 'date,currency,quote,rate') {
    throw new RateFileError(
      `${file}, line 1: invalid header "${header}"; expected "date,currency,quote,rate" as the first line`,
    )
  }
  const rows: RateRow[] = []
  const seen = new Set<string>()
  lines.slice(1).forEach((line, index) => {
    const lineNumber = index + 2
    if (line.trim() === '') {
      return
    }
    const [date = '', currency = '', quote = '', rate = '', ...extra] = line.split(',').map((cell) => cell.trim())
    const row = { date, currency, quote, rate }
    const problem = rowProblem(row, extra.length, seen)
    if (problem !== null) {
      throw new RateFileError(`${file}, line ${lineNumber}: ${problem}`)
    }
    seen.add(`${date}/${currency}/${quote}`)
    rows.push(row)
  })
  return rows
}

/** Describes what is wrong with one row of a rate file, or returns null for a valid row. */
function rowProblem(row: RateRow, extraFields: number, seen: ReadonlySet<string>): string | null {
  const { date, currency, quote, rate } = row
  if (extraFields > 0) {
    return `invalid row: expected 4 fields (date,currency,quote,rate), found ${4 + extraFields}`
  }
  if (!isIsoDate(date)) {
    return `invalid date "${date}": expected YYYY-MM-DD`
  }
  if (!isCurrencyCode(currency)) {
    return `invalid currency "${currency}": expected an ISO 4217 code`
  }
  if (!isCurrencyCode(quote) || quote === currency) {
    return `invalid quote currency "${quote}": expected an ISO 4217 code other than ${currency}`
  }
  if (!RATE_TEXT.test(rate) || /^0+(\.0+)?$/.test(rate)) {
    return `invalid rate "${rate}": expected a positive decimal number such as 0.9234`
  }
  if (seen.has(`${date}/${currency}/${quote}`)) {
    return `duplicate rate for ${currency} in ${quote} on ${date}: keep one row per date and pair`
  }
  return null
}

function toFraction(text: string): Fraction {
  const [whole = '0', fraction = ''] = text.split('.')
  return { numerator: BigInt(whole + fraction), denominator: 10n ** BigInt(fraction.length) }
}

/** Rounds `numerator / denominator` half to even. The denominator must be positive. */
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

function compareDates(a: string, b: string): number {
  if (a < b) {
    return -1
  }
  return a > b ? 1 : 0
}

function daysBetween(earlier: string, later: string): number {
  return (Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / MS_PER_DAY
}
