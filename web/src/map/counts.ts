/**
 * Counts per country for the shading, recomputed in the browser from the API's dated rows
 * for any timeline range. A row is counted when its day lies in the range, both ends
 * included; an undated row only when there is no range. A group counts in a country when one
 * of its periods there overlaps the range (an open end overlaps everything on its side).
 */
import type { DateRange } from '../money-view.js'

export type Measure = 'notices' | 'groups' | 'money'

export const MEASURES: readonly Measure[] = ['notices', 'groups', 'money']

export interface NoticeRow {
  country: string
  date: string | null
  count: number
}

export interface GroupRow {
  country: string
  groupId: string
  since: string | null
  until: string | null
}

export interface MoneyRow {
  country: string
  date: string | null
  currency: string
  transfers: number
  total: string
}

/** A country's count, and how the legend and tooltip write it. */
export interface CountryValue {
  value: number
  text: string
}

export function inRange(date: string | null, range: DateRange | null): boolean {
  if (range === null) return true
  return date !== null && date >= range.since && date <= range.until
}

export function overlaps(since: string | null, until: string | null, range: DateRange | null): boolean {
  if (range === null) return true
  return (since === null || since <= range.until) && (until === null || until >= range.since)
}

function countText(value: number): string {
  return value.toLocaleString('en')
}

/** Notices and diffusions per issuing country. */
export function countNotices(rows: readonly NoticeRow[], range: DateRange | null): Map<string, CountryValue> {
  const totals = new Map<string, number>()
  for (const row of rows) {
    if (inRange(row.date, range)) totals.set(row.country, (totals.get(row.country) ?? 0) + row.count)
  }
  return new Map([...totals].map(([country, value]) => [country, { value, text: countText(value) }]))
}

/** Distinct groups per country with a period that overlaps the range. */
export function countGroups(rows: readonly GroupRow[], range: DateRange | null): Map<string, CountryValue> {
  const groups = new Map<string, Set<string>>()
  for (const row of rows) {
    if (!overlaps(row.since, row.until, range)) continue
    let ids = groups.get(row.country)
    if (ids === undefined) {
      ids = new Set()
      groups.set(row.country, ids)
    }
    ids.add(row.groupId)
  }
  return new Map([...groups].map(([country, ids]) => [country, { value: ids.size, text: countText(ids.size) }]))
}

/** An exact decimal amount as an integer of its smallest written digit, and that digit's place. */
interface Decimal {
  units: bigint
  scale: number
}

function parseDecimal(text: string): Decimal | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (match === null) return null
  const [, sign = '', whole = '', fraction = ''] = match
  const units = BigInt(whole + fraction)
  return { units: sign === '-' ? -units : units, scale: fraction.length }
}

function rescale(amount: Decimal, scale: number): bigint {
  return amount.units * 10n ** BigInt(scale - amount.scale)
}

/** Writes `units` at `scale` decimal places as a plain decimal string. */
export function formatDecimal(units: bigint, scale: number): string {
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',')
  const text = scale === 0 ? grouped : `${grouped}.${digits.slice(digits.length - scale)}`
  return negative ? `-${text}` : text
}

/**
 * Money received per country in one currency, added exactly. `value` is the total as a
 * floating-point number, close enough for a shade, and `text` the exact total with its currency.
 */
export function sumMoney(rows: readonly MoneyRow[], currency: string, range: DateRange | null): Map<string, CountryValue> {
  const totals = new Map<string, Decimal[]>()
  let scale = 0
  for (const row of rows) {
    if (row.currency !== currency || !inRange(row.date, range)) continue
    const amount = parseDecimal(row.total)
    if (amount === null) continue
    scale = Math.max(scale, amount.scale)
    const amounts = totals.get(row.country) ?? []
    amounts.push(amount)
    totals.set(row.country, amounts)
  }

  const result = new Map<string, CountryValue>()
  for (const [country, amounts] of totals) {
    const units = amounts.reduce((sum, amount) => sum + rescale(amount, scale), 0n)
    result.set(country, { value: Number(units) / 10 ** scale, text: `${formatDecimal(units, scale)} ${currency}` })
  }
  return result
}

/** Currencies of the money rows, the one with the most transfers first. */
export function currenciesOf(rows: readonly MoneyRow[]): string[] {
  const transfers = new Map<string, number>()
  for (const row of rows) transfers.set(row.currency, (transfers.get(row.currency) ?? 0) + row.transfers)
  return [...transfers].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([currency]) => currency)
}
