/**
 * The chart helpers that need no browser: period runs, overlap with the timeline's range,
 * exact sums of decimal strings, and zero-safe scales and ticks.
 */
import t from 'tap'

import { periodOverlaps, periodRange, sumDecimals } from '../../web/src/charts/periods.js'
import { groupDigits, linearScale, niceTicks } from '../../web/src/charts/svg.js'

t.test('period runs fill the gaps', async (t) => {
  t.same(periodRange('2023-11', '2024-02', 'month'), ['2023-11', '2023-12', '2024-01', '2024-02'])
  t.same(periodRange('2024-03', '2024-03', 'month'), ['2024-03'])
  t.same(periodRange('2024-03', '2024-01', 'month'), [], 'a reversed run is empty')
  t.same(periodRange('1999', '2002', 'year'), ['1999', '2000', '2001', '2002'])
})

t.test('periods overlap the range by day', async (t) => {
  const range = { since: '2024-01-31', until: '2024-03-01' }
  t.equal(periodOverlaps('2023-12', range), false, 'the month before')
  t.equal(periodOverlaps('2024-01', range), true, 'the range starts on its last day')
  t.equal(periodOverlaps('2024-02', range), true, 'inside')
  t.equal(periodOverlaps('2024-03', range), true, 'the range ends on its first day')
  t.equal(periodOverlaps('2024-04', range), false, 'the month after')
  t.equal(periodOverlaps('2024', range), true, 'the year')
  t.equal(periodOverlaps('2023', range), false, 'the year before')
})

t.test('decimal sums are exact', async (t) => {
  t.equal(sumDecimals(['0.10', '0.20']), '0.30', 'no binary rounding')
  t.equal(sumDecimals(['90071992547409.93', '0.07']), '90071992547410.00', 'beyond 2^53 minor units')
  t.equal(sumDecimals(['1500', '25']), '1525', 'no fraction for a currency without minor units')
  t.equal(sumDecimals(['5.00', '-7.50']), '-2.50', 'a negative total')
  t.equal(sumDecimals([]), '0')
  t.equal(groupDigits('90071992547410.00'), '90,071,992,547,410.00')
  t.equal(groupDigits('-1234'), '-1,234')
})

t.test('scales and ticks survive zero', async (t) => {
  t.equal(linearScale(0, 100)(5), 0, 'a zero maximum maps to 0')
  t.equal(linearScale(Number.NaN, 100)(5), 0, 'a NaN maximum maps to 0')
  t.equal(linearScale(10, 100)(5), 50)
  t.same(niceTicks(0), [0, 1])
  t.same(niceTicks(14, 5, true), [0, 5, 10, 15])
  t.same(niceTicks(3, 5, true), [0, 1, 2, 3])
  t.same(niceTicks(0.37, 4), [0, 0.1, 0.2, 0.3, 0.4])
})
