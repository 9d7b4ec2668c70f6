import t from 'tap'

import { MoneyError, currencyExponent, formatAmount, parseAmount, sumAmounts } from '../../src/model/money.js'

t.test('parse keeps every digit', async (t) => {
  t.equal(parseAmount('5.689852347E7', 'USD').minor, 5689852347n)
  t.equal(parseAmount('1.1623836125E8', 'USD').minor, 11623836125n)
  t.equal(parseAmount('12345678901234567.89', 'EUR').minor, 1234567890123456789n)
  t.equal(parseAmount('-0.5', 'EUR').minor, -50n)
  t.equal(parseAmount('7', 'JPY').minor, 7n)
  t.equal(parseAmount('1.234', 'KWD').minor, 1234n)
})

t.test('format round-trips above 2^53', async (t) => {
  const text = '90071992547409931.17'
  t.equal(formatAmount(parseAmount(text, 'USD').minor, 'USD'), text)
  t.equal(formatAmount(5n, 'USD'), '0.05')
  t.equal(formatAmount(-5n, 'USD'), '-0.05')
  t.equal(formatAmount(1500n, 'JPY'), '1500')
})

t.test('exponents follow ISO 4217', async (t) => {
  t.equal(currencyExponent('USD'), 2)
  t.equal(currencyExponent('JPY'), 0)
  t.equal(currencyExponent('BHD'), 3)
  t.equal(currencyExponent('IDR'), 2)
})

t.test('rejects inexact or malformed amounts', async (t) => {
  t.throws(() => parseAmount('1.001', 'USD'), MoneyError)
  t.throws(() => parseAmount('1,50', 'EUR'), /expected a decimal number with a point/)
  t.throws(() => parseAmount('1 000', 'EUR'), MoneyError)
  t.throws(() => parseAmount('NaN', 'EUR'), MoneyError)
  t.throws(() => parseAmount('1e999', 'EUR'), /out of range/)
  t.throws(() => parseAmount('10', 'XYZ'), /Invalid currency "XYZ"/)
  t.throws(() => parseAmount('10', 'usd'), /Invalid currency/)
})

t.test('sums exactly and refuses mixed currencies', async (t) => {
  const total = sumAmounts([parseAmount('0.10', 'USD'), parseAmount('0.20', 'USD')], 'USD')
  t.equal(formatAmount(total.minor, 'USD'), '0.30')
  t.throws(() => sumAmounts([parseAmount('1', 'EUR')], 'USD'), /without a rate/)
})
