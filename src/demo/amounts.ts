/** Exact money arithmetic for the demo generator, in minor units (`bigint`). */
import { currencyExponent } from '../model/money.js'
import type { Random } from './random.js'

/** Minor units per major unit by currency, cached because `currencyExponent` builds an Intl formatter. */
const MINOR_PER_MAJOR = new Map<string, bigint>()

/** Converts a whole number of major units (euros, roubles ...) into minor units. */
export function minorUnits(major: number, currency: string): bigint {
  let factor = MINOR_PER_MAJOR.get(currency)
  if (factor === undefined) {
    factor = 10n ** BigInt(currencyExponent(currency))
    MINOR_PER_MAJOR.set(currency, factor)
  }
  return BigInt(Math.round(major)) * factor
}

/** Draws an amount between `minMajor` and `maxMajor` major units, a multiple of `stepMajor`. */
export function drawAmount(
  random: Random,
  currency: string,
  minMajor: number,
  maxMajor: number,
  stepMajor = 1,
): bigint {
  const steps = random.integer(Math.ceil(minMajor / stepMajor), Math.floor(maxMajor / stepMajor))
  return minorUnits(steps * stepMajor, currency)
}

/** Deducts a fee of `basisPoints` hundredths of a percent, rounding the rest down. */
export function deductFee(amount: bigint, basisPoints: number): bigint {
  return (amount * (10_000n - BigInt(basisPoints))) / 10_000n
}

/** Splits `total` into `parts` random positive amounts that add up to it exactly. */
export function splitAmount(random: Random, total: bigint, parts: number): bigint[] {
  const weights = Array.from({ length: parts }, () => random.integer(50, 150))
  const weightSum = BigInt(weights.reduce((sum, weight) => sum + weight, 0))
  const amounts = weights.map((weight) => (total * BigInt(weight)) / weightSum)
  const rest = total - amounts.reduce((sum, amount) => sum + amount, 0n)
  amounts[0] = (amounts[0] ?? 0n) + rest
  return amounts
}
