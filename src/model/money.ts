/**
 * Exact money. An amount is kept as a count of the currency's minor units in a `bigint`
 * (cents for USD, yen for JPY) and written out as a plain decimal string. No amount ever
 * passes through a binary floating-point number, so totals above 2^53 minor units stay exact.
 *
 * Currency codes and their minor-unit exponents come from the ICU data bundled with Node.js
 * (`Intl.supportedValuesOf('currency')` and the currency's maximum fraction digits), which
 * follow ISO 4217 for the active codes.
 */

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'))

/** Fraction digits ICU gives where they differ from ISO 4217's minor units. */
const ISO_EXPONENT_OVERRIDES: Record<string, number> = {
  // ICU formats these without decimals in daily use; ISO 4217 keeps two minor digits.
  IDR: 2,
  ISK: 0,
  HUF: 2,
  TWD: 2,
  PKR: 2,
  IQD: 3,
  LBP: 2,
  MMK: 2,
  RSD: 2,
}

export interface Money {
  /** Minor units of `currency`. */
  minor: bigint
  /** ISO 4217 alphabetic code. */
  currency: string
}

export class MoneyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MoneyError'
  }
}

export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && KNOWN_CURRENCIES.has(code)
}

const exponents = new Map<string, number>()

/** Returns the number of minor-unit digits of an ISO 4217 currency (2 for USD, 0 for JPY). */
export function currencyExponent(currency: string): number {
  const known = exponents.get(currency)
  if (known !== undefined) {
    return known
  }
  if (!isCurrencyCode(currency)) {
    throw new MoneyError(`Invalid currency "${currency}": expected an ISO 4217 code such as USD`)
  }
  const exponent =
    ISO_EXPONENT_OVERRIDES[currency] ??
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
    2
  exponents.set(currency, exponent)
  return exponent
}

/**
 * Parses a decimal amount such as "1234.50", "-7" or "5.689852347E7" into exact minor units.
 * Rejects thousands separators, decimal commas and digits below the currency's minor unit
 * (a fraction of a cent), because guessing there would change the amount.
 */
export function parseAmount(text: string, currency: string): Money {
  const exponent = currencyExponent(currency)
  const match = DECIMAL.exec(text.trim())
  if (!match) {
    throw new MoneyError(
      `Invalid amount "${text}": expected a decimal number with a point, such as 1234.56 or 1.2E6`,
    )
  }
  const [, sign, whole = '', fraction = '', power = '0'] = match
  const shift = Number(power) + exponent - fraction.length
  if (Math.abs(Number(power)) > 40) {
    throw new MoneyError(`Invalid amount "${text}": exponent ${power} is out of range`)
  }
  let digits = BigInt(whole + fraction)
  if (shift >= 0) {
    digits *= 10n ** BigInt(shift)
  } else {
    const divisor = 10n ** BigInt(-shift)
    if (digits % divisor !== 0n) {
      throw new MoneyError(
        `Invalid amount "${text}": ${currency} has ${exponent} decimal places, so this amount is not exact`,
      )
    }
    digits /= divisor
  }
  return { minor: sign === '-' ? -digits : digits, currency }
}

/** Writes minor units as a plain decimal string with exactly the currency's decimal places. */
export function formatAmount(minor: bigint, currency: string): string {
  const exponent = currencyExponent(currency)
  const negative = minor < 0n
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0')
  const whole = digits.slice(0, digits.length - exponent)
  const fraction = digits.slice(digits.length - exponent)
  const text = exponent === 0 ? whole : `${whole}.${fraction}`
  return negative ? `-${text}` : text
}

/** Adds amounts of one currency exactly. */
export function sumAmounts(amounts: Iterable<Money>, currency: string): Money {
  let total = 0n
  for (const amount of amounts) {
    if (amount.currency !== currency) {
      throw new MoneyError(`Cannot add ${amount.currency} to a ${currency} total without a rate`)
    }
    total += amount.minor
  }
  return { minor: total, currency }
}
