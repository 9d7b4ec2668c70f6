/**
 * Number and date formats that a CSV file declares. Nothing here is guessed: a file read
 * without a declared locale takes numbers with a decimal point and no grouping, and a file
 * without a declared date format takes only ISO dates (YYYY-MM-DD). Any other date is a row
 * error that requests the format, because 03/04/2011 is the 3rd of April in Europe and the
 * 4th of March in the United States.
 */
import { IsoDate } from '../../model/records.js'
import { quote } from './common.js'
import { isCalendarDate, parseIsoDate, ValueError } from './values.js'

/**
 * Decimal and grouping separators by locale, as the spreadsheets of those countries write
 * them. The spaces are U+0020, the no-break space U+00A0 and the narrow no-break space
 * U+202F, which French and Russian number formats in ICU (and so Excel exports) use.
 */
const SEPARATORS = {
  en: { decimal: '.', groups: [','] },
  de: { decimal: ',', groups: ['.'] },
  fr: { decimal: ',', groups: [' ', '\u00a0', '\u202f'] },
  ru: { decimal: ',', groups: [' ', '\u00a0', '\u202f'] },
  uk: { decimal: ',', groups: [' ', '\u00a0', '\u202f'] },
  es: { decimal: ',', groups: ['.'] },
  it: { decimal: ',', groups: ['.'] },
} as const satisfies Record<string, { decimal: string; groups: readonly string[] }>

export type NumberLocale = keyof typeof SEPARATORS

export const NUMBER_LOCALES = Object.keys(SEPARATORS) as NumberLocale[]

export function isNumberLocale(value: string): value is NumberLocale {
  return (NUMBER_LOCALES as string[]).includes(value)
}

/** Declared date formats. `excel` is a day count from 1899-12-30, as Excel stores dates. */
export const DATE_FORMATS = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD-MM-YYYY', 'YYYY/MM/DD', 'excel'] as const

export type DateFormat = (typeof DATE_FORMATS)[number]

export function isDateFormat(value: string): value is DateFormat {
  return (DATE_FORMATS as readonly string[]).includes(value)
}

/** The number locale and date format a file declares. */
export interface ValueFormat {
  locale?: NumberLocale
  dateFormat?: DateFormat
}

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * Rewrites a number written in `locale` with a decimal point and no grouping, such as
 * "1.234.567,5" (de) to "1234567.5" or "1,5E+06" (de) to "1.5E+06". Group separators must
 * split the integer part into groups of three digits. Throws a ValueError that names the
 * locale otherwise. Without a locale the text is returned as it is.
 */
export function normalizeNumber(text: string, locale: NumberLocale | undefined, where: string): string {
  if (locale === undefined) {
    return text
  }
  const { decimal, groups } = SEPARATORS[locale]
  const match = /^([+-]?)([^eE]*?)(?:([eE][+-]?\d+))?$/.exec(text)
  const [, sign = '', mantissa = '', exponent = ''] = match ?? []
  const decimalAt = mantissa.lastIndexOf(decimal)
  const whole = decimalAt === -1 ? mantissa : mantissa.slice(0, decimalAt)
  const fraction = decimalAt === -1 ? '' : mantissa.slice(decimalAt + 1)

  const pieces = splitGroups(whole, groups)
  const grouped = pieces.length > 1
  const validGroups = !grouped || (/^\d{1,3}$/.test(pieces[0] ?? '') && pieces.slice(1).every((piece) => /^\d{3}$/.test(piece)))
  const plain = `${sign}${pieces.join('')}${decimalAt === -1 ? '' : `.${fraction}`}${exponent}`

  if (!match || !validGroups || !PLAIN_NUMBER.test(plain)) {
    const shown = groups.map(describeSeparator)
    throw new ValueError(
      `Invalid number ${quote(text)} in ${where} for locale ${locale}. ` +
        `Expected "${decimal}" as the decimal separator and ${shown.join(' or ')} between groups of three digits, ` +
        `such as ${example(locale)}.`,
    )
  }
  return plain
}

/** Names a separator for a message: "space", `"."`, or its code point such as U+202F. */
function describeSeparator(separator: string): string {
  if (separator === ' ') {
    return 'space'
  }
  if (separator === '.' || separator === ',') {
    return `"${separator}"`
  }
  const code = separator.codePointAt(0) ?? 0
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
}

function splitGroups(whole: string, groups: readonly string[]): string[] {
  let pieces = [whole]
  for (const group of groups) {
    pieces = pieces.flatMap((piece) => piece.split(group))
  }
  return pieces
}

function example(locale: NumberLocale): string {
  const { decimal, groups } = SEPARATORS[locale]
  const group = groups[groups.length - 1] ?? ''
  return `1${group === '\u202f' ? '\u202f' : group}234${decimal}56`
}

const DATE_PATTERNS: Record<Exclude<DateFormat, 'excel'>, { pattern: RegExp; order: ['year' | 'month' | 'day', 'year' | 'month' | 'day', 'year' | 'month' | 'day'] }> = {
  'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: ['year', 'month', 'day'] },
  'DD.MM.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ['day', 'month', 'year'] },
  'DD/MM/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['day', 'month', 'year'] },
  'MM/DD/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['month', 'day', 'year'] },
  'DD-MM-YYYY': { pattern: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: ['day', 'month', 'year'] },
  'YYYY/MM/DD': { pattern: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, order: ['year', 'month', 'day'] },
}

/** The date forms that have a declared format, to tell an undeclared one from plain garbage. */
const DAY_MONTH_FORMS = /^\d{1,2}[./-]\d{1,2}[./-]\d{4}$/

/** Excel's serial day 1 is 1900-01-01, and it counts a 29 February 1900 that never was. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
const MS_PER_DAY = 86_400_000
const MAX_EXCEL_SERIAL = 2_958_465 // 9999-12-31

/**
 * Parses a date in the declared format, or as YYYY-MM-DD when none is declared. Throws a
 * ValueError that quotes the value and names the format expected.
 */
export function parseDate(text: string, format: DateFormat | undefined, where: string): IsoDate {
  if (format === 'excel') {
    return parseExcelSerial(text, where)
  }
  if (format === undefined) {
    if (DAY_MONTH_FORMS.test(text)) {
      throw new ValueError(
        `Ambiguous date ${quote(text)} in ${where}: no date format is declared, and day and month ` +
          `cannot be told apart. Declare the format, one of ${DATE_FORMATS.join(', ')}.`,
      )
    }
    return parseIsoDate(text, where)
  }
  const { pattern, order } = DATE_PATTERNS[format]
  const match = pattern.exec(text)
  if (match) {
    const parts = { year: 0, month: 0, day: 0 }
    order.forEach((part, index) => {
      parts[part] = Number(match[index + 1])
    })
    if (isCalendarDate(parts.year, parts.month, parts.day)) {
      const pad = (value: number): string => String(value).padStart(2, '0')
      return new IsoDate(`${String(parts.year).padStart(4, '0')}-${pad(parts.month)}-${pad(parts.day)}`)
    }
    throw new ValueError(`Invalid date ${quote(text)} in ${where}: no such day in the calendar (read as ${format}).`)
  }
  throw new ValueError(`Invalid date ${quote(text)} in ${where}. Expected a calendar date as ${format}.`)
}

function parseExcelSerial(text: string, where: string): IsoDate {
  const serial = Number(text)
  if (!/^\d+(?:\.\d+)?$/.test(text) || serial < 1 || serial > MAX_EXCEL_SERIAL) {
    throw new ValueError(
      `Invalid date ${quote(text)} in ${where}. Expected an Excel serial day number from 1 to ${MAX_EXCEL_SERIAL}.`,
    )
  }
  const whole = Math.floor(serial)
  if (whole === 60) {
    throw new ValueError(`Invalid date ${quote(text)} in ${where}: Excel's day 60 is 1900-02-29, which never was.`)
  }
  // Days before the phantom 1900-02-29 are one fewer from the epoch.
  const day = new Date(EXCEL_EPOCH_MS + (whole < 60 ? whole + 1 : whole) * MS_PER_DAY)
  return new IsoDate(day.toISOString().slice(0, 10))
}
