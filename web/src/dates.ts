/**
 * Date filters shared by the network, the map and the charts. Records are dated by a day
 * (`date`, `issuedAt`) or by a span (`since` to `until`, either end open), written as ISO 8601
 * text. Only the calendar day is compared, as written, so no result depends on the browser's
 * time zone.
 */
import type { DateRange } from './money-view.js'

const DAY = /^\d{4}-\d{2}-\d{2}/

/**
 * Tells whether a node or relationship falls inside `range`: a `date` or `issuedAt` on one of
 * its days, or a `since`-`until` span that overlaps it. A record without any date is inside,
 * because undated facts stay on screen, and so is everything when `range` is null.
 */
export function isDatedInside(attributes: Readonly<Record<string, unknown>>, range: DateRange | null): boolean {
  if (range === null) return true

  const day = dayOf(attributes.date) ?? dayOf(attributes.issuedAt)
  if (day !== null) return day >= range.since && day <= range.until

  const since = dayOf(attributes.since)
  const until = dayOf(attributes.until)
  if (since === null && until === null) return true
  return (since === null || since <= range.until) && (until === null || until >= range.since)
}

/** Returns the YYYY-MM-DD day that starts an ISO 8601 date or date-time, or null for anything else. */
export function dayOf(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const match = DAY.exec(value)
  return match === null ? null : match[0]
}
