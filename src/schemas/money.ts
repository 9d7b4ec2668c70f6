/**
 * Request atoms of the money routes: calendar dates, ISO 8601 durations and amounts.
 */
import { z } from 'zod'

import { isCurrencyCode } from '../model/money.js'
import { isIsoDate, parseDuration, type CalendarDuration } from '../money/duration.js'

const DATE_EXPECTED = 'a calendar date YYYY-MM-DD'

/** A valid calendar date such as 2024-02-29, kept as its `YYYY-MM-DD` text. */
export const dateParam = z
  .string({ error: DATE_EXPECTED })
  // abort: a text that is not YYYY-MM-DD gets one message, not the calendar check's too.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: DATE_EXPECTED, abort: true })
  .refine((text) => isIsoDate(text), { error: `${DATE_EXPECTED} that exists in the calendar` })

const DURATION_EXPECTED = 'an ISO 8601 duration in years, months, weeks or days, such as P7D, P2W or P1M'

/** An ISO 8601 date duration such as P7D, parsed into a CalendarDuration. */
export const durationParam = z
  .string({ error: DURATION_EXPECTED })
  .max(40, { error: DURATION_EXPECTED })
  .transform((text, context): CalendarDuration => {
    const duration = parseDuration(text)
    if (duration === null) {
      const hint = text.includes('T') ? ' (transfers are dated to the day, so a time part cannot apply)' : ''
      context.addIssue({ code: 'custom', message: `${DURATION_EXPECTED}${hint}`, input: text })
      return z.NEVER
    }
    return duration
  })

const CURRENCY_EXPECTED = 'an ISO 4217 currency code such as EUR'

export const currencyParam = z
  .string({ error: CURRENCY_EXPECTED })
  .refine((text) => isCurrencyCode(text), { error: CURRENCY_EXPECTED })

const AMOUNT_EXPECTED =
  'a non-negative decimal amount of at most 15 digits before the point and 6 after, such as 10000 or 2500.50'

/** A decimal amount kept as text. The service converts it into minor units of the request's currency. */
export const amountParam = z
  .string({ error: AMOUNT_EXPECTED })
  .regex(/^\d{1,15}(\.\d{1,6})?$/, { error: AMOUNT_EXPECTED })
