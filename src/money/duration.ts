/**
 * ISO 8601 durations over calendar dates. Transfers are dated to the day, so a duration is
 * years, months, weeks and days (`P1Y2M`, `P2W`, `P10D`). A time part such as `PT12H` cannot
 * apply, so it is rejected. Dates are plain `YYYY-MM-DD` strings read as UTC days, so nothing
 * here depends on the server's time zone.
 */

const DURATION = /^P(?:(\d{1,4})Y)?(?:(\d{1,5})M)?(?:(\d{1,5})W)?(?:(\d{1,6})D)?$/

const MS_PER_DAY = 86_400_000

export interface CalendarDuration {
  /** The text as given, such as `P1M2D`. */
  text: string
  years: number
  months: number
  weeks: number
  days: number
}

/** Parses an ISO 8601 date duration, or returns null when `text` is not one. */
export function parseDuration(text: string): CalendarDuration | null {
  const match = DURATION.exec(text)
  if (match === null || text === 'P') {
    return null
  }
  const [, years = '0', months = '0', weeks = '0', days = '0'] = match
  return { text, years: Number(years), months: Number(months), weeks: Number(weeks), days: Number(days) }
}

/**
 * Tells whether `text` is a `YYYY-MM-DD` date that exists in the calendar (2024-02-29 does,
 * 2023-02-29 and 2024-13-01 do not). Text of any other shape gives false, never an error.
 */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isoDay(dayNumber(text)) === text
}

/** Returns the number of days from 1970-01-01 to a `YYYY-MM-DD` date. */
export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY
}

/** Returns the `YYYY-MM-DD` date of a day number (days since 1970-01-01). */
export function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

/**
 * Adds a duration to a date. Years and months move the calendar month and keep the day of
 * the month, clamped to the month's last day, so 2024-01-31 plus P1M is 2024-02-29. Weeks
 * and days are added after that.
 */
export function addDuration(iso: string, duration: CalendarDuration): string {
  const year = Number(iso.slice(0, 4))
  const month = Number(iso.slice(5, 7)) - 1 + duration.years * 12 + duration.months
  const targetYear = year + Math.floor(month / 12)
  const targetMonth = ((month % 12) + 12) % 12
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate()
  const day = Math.min(Number(iso.slice(8, 10)), lastDay)
  const moved = Date.UTC(targetYear, targetMonth, day) / MS_PER_DAY
  return isoDay(moved + duration.weeks * 7 + duration.days)
}

/** Returns the number of days that a duration spans when it starts on `iso`. */
export function durationDays(iso: string, duration: CalendarDuration): number {
  return dayNumber(addDuration(iso, duration)) - dayNumber(iso)
}
