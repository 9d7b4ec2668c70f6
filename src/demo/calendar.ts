/**
 * Calendar days as whole numbers (days since 1970-01-01, UTC), so the generator can add
 * and compare dates cheaply and format them only when it writes a record. Nothing here
 * reads the clock.
 */
import { IsoDate } from '../model/records.js'
import type { Random } from './random.js'

const MS_PER_DAY = 86_400_000
const DAYS_PER_YEAR = 365.25

export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY
}

/** Formatted dates by day. Sharing one `IsoDate` between records is safe because it is immutable. */
const ISO_DATES = new Map<number, IsoDate>()

export function isoDateOf(day: number): IsoDate {
  let date = ISO_DATES.get(day)
  if (date === undefined) {
    date = new IsoDate(new Date(day * MS_PER_DAY).toISOString().slice(0, 10))
    ISO_DATES.set(day, date)
  }
  return date
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear()
}

export function addYears(day: number, years: number): number {
  return day + Math.round(years * DAYS_PER_YEAR)
}

/** Returns a day in [from, to], both ends included. */
export function randomDay(random: Random, from: number, to: number): number {
  return random.integer(from, Math.max(from, to))
}

/** First and last day of the money transfers in the demo network. */
export const TRANSFERS_FROM = dayOf(2019, 1, 1)
export const TRANSFERS_TO = dayOf(2025, 12, 31)

/** Last day on which the demo network records a new membership, crowning or notice. */
export const RECORDS_TO = dayOf(2025, 6, 30)
