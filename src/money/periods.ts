/**
 * Calendar periods for money over time, in UTC: the period a `YYYY-MM-DD` date falls in,
 * written as `2024-03-05` (day), `2024-W10` (ISO week), `2024-03` (month), `2024-Q1`
 * (quarter) or `2024` (year).
 */
import { dayNumber } from './duration.js'

export const INTERVALS = ['day', 'week', 'month', 'quarter', 'year'] as const
export type Interval = (typeof INTERVALS)[number]

/** Returns the period of `interval` that contains `date`, in the formats listed above. */
export function periodOf(date: string, interval: Interval): string {
  switch (interval) {
    case 'day':
      return date
    case 'month':
      return date.slice(0, 7)
    case 'quarter':
      return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`
    case 'year':
      return date.slice(0, 4)
    case 'week':
      return isoWeek(date)
  }
}

/**
 * Returns the ISO 8601 week of a date. Weeks start on Monday, and week 1 contains the year's
 * first Thursday.
 */
function isoWeek(date: string): string {
  const day = dayNumber(date)
  // 1970-01-01 was a Thursday, so (day + 3) mod 7 counts days since Monday.
  const weekday = (((day + 3) % 7) + 7) % 7
  const thursday = day - weekday + 3
  const year = new Date(thursday * 86_400_000).getUTCFullYear()
  const januaryFirst = dayNumber(`${year}-01-01`)
  const januaryFirstWeekday = (((januaryFirst + 3) % 7) + 7) % 7
  const weekOneThursday = januaryFirst + ((3 - januaryFirstWeekday + 7) % 7)
  const week = Math.floor((thursday - weekOneThursday) / 7) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}
