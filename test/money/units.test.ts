/**
 * The pure parts of money tracing: dated rates and exact conversion, calendar durations and
 * periods, and the day ranges a trail requests.
 */
import t from 'tap'

import { addDuration, parseDuration } from '../../src/money/duration.js'
import { periodOf } from '../../src/money/periods.js'
import { divideHalfEven, parseRateFile, RateFileError, RateTable } from '../../src/money/rates.js'
import { addInterval, subtract } from '../../src/money/trail.js'

t.test('convert uses latest row within maxAgeDays', async (t) => {
  const rates = new RateTable(
    [
      { date: '2024-01-01', currency: 'EUR', quote: 'USD', rate: '1.1000' },
      { date: '2024-02-01', currency: 'EUR', quote: 'USD', rate: '1.0800' },
      { date: '2024-02-01', currency: 'EUR', quote: 'RUB', rate: '99.5' },
    ],
    31,
  )
  t.equal(rates.convert(10000n, 'EUR', 'USD', '2024-01-31')?.minor, 11000n, 'January rate on 31 January')
  t.equal(rates.convert(10000n, 'EUR', 'USD', '2024-02-01')?.minor, 10800n, 'the new row applies from its date')
  t.equal(rates.convert(10800n, 'USD', 'EUR', '2024-02-10')?.minor, 10000n, 'the inverse pair')
  // 100.00 USD → EUR at 1/1.08 → RUB at 99.5: 9212.962962... RUB, rounded to 9212.96.
  t.same(rates.convert(10000n, 'USD', 'RUB', '2024-02-10'), { minor: 921296n, rateDates: ['2024-02-01', '2024-02-01'] })
  t.equal(rates.convert(10000n, 'EUR', 'USD', '2023-12-31'), null, 'no row before the date')
  t.equal(rates.convert(10000n, 'EUR', 'USD', '2024-03-04'), null, 'a row 32 days old is too old')
  t.equal(rates.convert(10000n, 'EUR', 'GEL', '2024-02-10'), null, 'no path to GEL')
  t.equal(rates.convert(5n, 'JPY', 'JPY', '2024-02-10')?.minor, 5n, 'same currency needs no rate')
})

t.test('convert breaks pivot ties by code', async (t) => {
  // GBP and CHF both link USD to RUB with rows of the same date. GBP is added first, but CHF
  // sorts first, so CHF is the pivot: 100.00 USD / 1.10 × 100 = 9090.9090... RUB.
  const rates = new RateTable([
    { date: '2024-02-01', currency: 'GBP', quote: 'USD', rate: '1.25' },
    { date: '2024-02-01', currency: 'GBP', quote: 'RUB', rate: '115' },
    { date: '2024-02-01', currency: 'CHF', quote: 'USD', rate: '1.10' },
    { date: '2024-02-01', currency: 'CHF', quote: 'RUB', rate: '100' },
  ])
  t.equal(rates.convert(10000n, 'USD', 'RUB', '2024-02-10')?.minor, 909091n, 'converted through CHF')
})

t.test('divideHalfEven rounds half to even', async (t) => {
  t.equal(divideHalfEven(5n, 2n), 2n)
  t.equal(divideHalfEven(7n, 2n), 4n)
  t.equal(divideHalfEven(-7n, 2n), -4n)
  t.equal(divideHalfEven(10n, 3n), 3n)
})

t.test('parseRateFile names line and value', async (t) => {
  t.same(parseRateFile('date,currency,quote,rate\n2024-01-01,EUR,USD,1.1\n', 'r.csv'), [
    { date: '2024-01-01', currency: 'EUR', quote: 'USD', rate: '1.1' },
  ])
  const bad: [string, RegExp][] = [
    ['day,from,to,rate\n', /line 1: invalid header "day,from,to,rate"/],
    ['date,currency,quote,rate\n2024-02-30,EUR,USD,1.1\n', /line 2: invalid date "2024-02-30"/],
    ['date,currency,quote,rate\n2024-13-01,EUR,USD,1.1\n', /line 2: invalid date "2024-13-01"/],
    ['date,currency,quote,rate\n2024-02-01,EUR,XXX,1.1\n', /line 2: invalid quote currency "XXX"/],
    ['date,currency,quote,rate\n2024-02-01,EUR,USD,0\n', /line 2: invalid rate "0"/],
    ['date,currency,quote,rate\n2024-02-01,EUR,USD,-1\n', /invalid rate "-1"/],
    ['date,currency,quote,rate\n2024-02-01,EUR,USD,1\n2024-02-01,EUR,USD,2\n', /line 3: duplicate rate for EUR in USD on 2024-02-01/],
  ]
  for (const [text, message] of bad) {
    t.throws(() => parseRateFile(text, 'r.csv'), RateFileError)
    t.throws(() => parseRateFile(text, 'r.csv'), { message }, message.source)
  }
})

t.test('addDuration moves calendar in UTC', async (t) => {
  const month = parseDuration('P1M')!
  t.equal(addDuration('2024-01-31', month), '2024-02-29', 'clamped to the last day of February')
  t.equal(addDuration('2024-12-15', month), '2025-01-15')
  t.equal(addDuration('2024-03-01', parseDuration('P2W3D')!), '2024-03-18')
  t.equal(addDuration('2024-02-29', parseDuration('P1Y')!), '2025-02-28')
  t.equal(parseDuration('PT5H'), null)
  t.equal(parseDuration('P'), null)
  t.equal(parseDuration('7D'), null)
})

t.test('periodOf follows calendar and ISO weeks', async (t) => {
  t.equal(periodOf('2024-12-30', 'week'), '2025-W01', '30 December 2024 is in the first week of 2025')
  t.equal(periodOf('2021-01-03', 'week'), '2020-W53')
  t.equal(periodOf('2024-05-15', 'quarter'), '2024-Q2')
  t.equal(periodOf('2024-05-15', 'month'), '2024-05')
  t.equal(periodOf('2024-05-15', 'year'), '2024')
})

t.test('subtract returns only uncovered days', async (t) => {
  const covered: [number, number][] = []
  addInterval(covered, [10, 20])
  addInterval(covered, [30, Number.POSITIVE_INFINITY])
  t.same(subtract([5, 40], covered), [
    [5, 9],
    [21, 29],
  ])
  t.same(subtract([12, 18], covered), [])
  addInterval(covered, [21, 29])
  t.same(covered, [[10, Number.POSITIVE_INFINITY]], 'touching ranges merge')
  t.same(subtract([Number.NEGATIVE_INFINITY, 15], covered), [[Number.NEGATIVE_INFINITY, 9]])
})
