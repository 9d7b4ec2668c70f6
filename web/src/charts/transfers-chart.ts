/**
 * Transfers over time: the total and the number of transfers per month or year, in one
 * currency at a time, as two bar panels over a shared time axis. Periods without transfers
 * show as gaps. Bars of periods inside the workspace timeline's range are highlighted.
 */
import type { SeriesInterval, TransferSeriesResponse } from '../api.js'
import type { DateRange } from '../money-view.js'
import { createChartCard, createChartSelect } from './chart-card.js'
import { periodOverlaps, periodRange, sumDecimals } from './periods.js'
import { formatCount, groupDigits, linearScale, niceTicks, svgElement, svgText, valueAxis } from './svg.js'

/**
 * Periods drawn at most, the latest ones. A few transfers decades older than the rest would
 * otherwise squeeze every bar below a pixel. The table still lists every period.
 */
export const MAX_PERIODS = 240
const PANEL_GAP = 28
const TOTAL_HEIGHT = 150
const COUNT_HEIGHT = 100
const MARGIN = { top: 16, right: 12, bottom: 40, left: 72 }
const HEIGHT = MARGIN.top + TOTAL_HEIGHT + PANEL_GAP + COUNT_HEIGHT + MARGIN.bottom
/** Room a period label needs on the time axis, in pixels. */
const LABEL_WIDTH = { month: 58, year: 40 }

type Series = TransferSeriesResponse['series'][number]

interface Bar {
  period: string
  count: number
  total: string | null
  inRange: boolean | null
}

export interface TransfersChartOptions {
  /** Called when the user picks another interval; the view fetches that series. */
  onIntervalChange(interval: SeriesInterval): void
}

export function createTransfersChart(options: TransfersChartOptions) {
  const currency = createChartSelect('chart-transfers-currency', 'Currency', [])
  const interval = createChartSelect('chart-transfers-interval', 'Per', [
    ['month', 'Month'],
    ['year', 'Year'],
  ])
  const card = createChartCard('chart-transfers', 'Transfers over time', [currency.element, interval.element])
  let response: TransferSeriesResponse | null = null
  let range: DateRange | null = null

  currency.select.addEventListener('change', () => draw())
  interval.select.addEventListener('change', () => options.onIntervalChange(interval.select.value as SeriesInterval))

  function fillCurrencies(series: readonly Series[]): void {
    const previous = currency.select.value
    const busiest = [...series].sort((a, b) => countOf(b) - countOf(a))[0]
    const choices = series.map((entry) => {
      const option = document.createElement('option')
      option.value = entry.currency ?? ''
      option.textContent = `${entry.currency ?? 'no currency'} (${formatCount(countOf(entry))})`
      return option
    })
    currency.select.replaceChildren(...choices)
    const keep = series.some((entry) => (entry.currency ?? '') === previous)
    currency.select.value = keep ? previous : (busiest?.currency ?? '')
  }

  function draw(): void {
    if (response === null) return
    const series = response.series.find((entry) => (entry.currency ?? '') === currency.select.value)
    if (series === undefined || series.periods.length === 0) {
      const undated = series === undefined ? 0 : series.undated
      const note = undated > 0 ? ` ${formatCount(undated)} transfers have no date, so no period counts them.` : ''
      card.showMessage('empty', `No dated transfers are visible to you.${note}`)
      return
    }

    const first = series.periods[0]?.period ?? ''
    const last = series.periods.at(-1)?.period ?? first
    const periods = periodRange(first, last, response.interval).slice(-MAX_PERIODS)

    const byPeriod = new Map(series.periods.map((entry) => [entry.period, entry]))
    const bars: Bar[] = periods.map((period) => ({
      period,
      count: byPeriod.get(period)?.count ?? 0,
      total: byPeriod.get(period)?.total ?? (byPeriod.has(period) ? null : '0'),
      inRange: range === null ? null : periodOverlaps(period, range),
    }))
    const name = series.currency ?? 'no currency'
    const svg = drawPanels(bars, card.width(), response.interval, name)

    const columns = [
      { heading: response.interval === 'month' ? 'Month' : 'Year' },
      { heading: 'Transfers', numeric: true },
      { heading: `Total (${name})`, numeric: true },
    ]
    if (range !== null) columns.push({ heading: 'In timeline range' })
    const rows = series.periods.map((entry) => {
      const row = [entry.period, String(entry.count), entry.total ?? 'unknown']
      if (range !== null) row.push(periodOverlaps(entry.period, range) ? 'yes' : 'no')
      return row
    })
    card.show(svg, summarise(series, name, range, periods[0] ?? first), columns, rows)
  }

  return {
    element: card.element,
    showMessage: card.showMessage,

    render(data: TransferSeriesResponse): void {
      response = data
      interval.select.value = data.interval
      fillCurrencies(data.series)
      draw()
    },

    /** Highlights the periods inside the timeline's range; null removes the highlight. */
    setRange(next: DateRange | null): void {
      range = next
      draw()
    },

    /** Redraws at the card's current width. */
    redraw: draw,
  }
}

function countOf(series: Series): number {
  return series.periods.reduce((sum, entry) => sum + entry.count, 0)
}

function drawPanels(bars: Bar[], available: number, interval: SeriesInterval, currency: string): SVGSVGElement {
  const width = Math.max(300, available)
  const plotWidth = width - MARGIN.left - MARGIN.right
  const slot = plotWidth / bars.length
  const barWidth = Math.max(1, slot * 0.8)
  const svg = svgElement('svg', { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, class: 'chart-svg' })

  const totalTop = MARGIN.top
  const countTop = MARGIN.top + TOTAL_HEIGHT + PANEL_GAP
  const totals = bars.map((bar) => Number(bar.total ?? 0))
  const totalTicks = niceTicks(Math.max(0, ...totals), 4)
  const countTicks = niceTicks(Math.max(0, ...bars.map((bar) => bar.count)), 3, true)
  const totalScale = linearScale(totalTicks.at(-1) ?? 1, TOTAL_HEIGHT)
  const countScale = linearScale(countTicks.at(-1) ?? 1, COUNT_HEIGHT)

  svg.append(
    valueAxis({ ticks: totalTicks, top: totalTop, left: MARGIN.left, width: plotWidth, height: TOTAL_HEIGHT, title: `Total (${currency})` }),
    valueAxis({ ticks: countTicks, top: countTop, left: MARGIN.left, width: plotWidth, height: COUNT_HEIGHT, title: 'Transfers' }),
  )

  const group = svgElement('g', { class: 'bars' })
  for (const [index, bar] of bars.entries()) {
    const x = MARGIN.left + index * slot + (slot - barWidth) / 2
    let state = ''
    if (bar.inRange === true) state = ' in-range'
    else if (bar.inRange === false) state = ' out-of-range'
    const label = `${bar.period}: ${formatCount(bar.count)} transfers, total ${bar.total === null ? 'unknown' : groupDigits(bar.total)} ${currency}`
    const totalHeight = totalScale(Number(bar.total ?? 0))
    const countHeight = countScale(bar.count)
    group.append(
      svgElement('rect', {
        class: `bar bar-total${state}`,
        x,
        y: totalTop + TOTAL_HEIGHT - totalHeight,
        width: barWidth,
        height: totalHeight,
        'data-period': bar.period,
        'data-total': bar.total ?? '',
      }, [svgElement('title', {}, [label])]),
      svgElement('rect', {
        class: `bar bar-count${state}`,
        x,
        y: countTop + COUNT_HEIGHT - countHeight,
        width: barWidth,
        height: countHeight,
        'data-period': bar.period,
        'data-count': bar.count,
      }, [svgElement('title', {}, [label])]),
    )
  }
  svg.append(group)

  const every = Math.max(1, Math.ceil(LABEL_WIDTH[interval] / slot))
  const axis = svgElement('g', { class: 'axis axis-time' })
  const baseline = countTop + COUNT_HEIGHT
  axis.append(svgElement('line', { class: 'axis-line', x1: MARGIN.left, x2: MARGIN.left + plotWidth, y1: baseline, y2: baseline }))
  for (let index = 0; index < bars.length; index += every) {
    const bar = bars[index]
    if (bar === undefined) continue
    axis.append(svgText(bar.period, { class: 'axis-label', x: MARGIN.left + (index + 0.5) * slot, y: baseline + 16, 'text-anchor': 'middle' }))
  }
  axis.append(svgText(interval === 'month' ? 'Month' : 'Year', { class: 'axis-title', x: MARGIN.left + plotWidth / 2, y: HEIGHT - 4, 'text-anchor': 'middle' }))
  svg.append(axis)
  return svg
}

function summarise(series: Series, currency: string, range: DateRange | null, firstDrawn: string): string {
  const count = countOf(series)
  const known = series.periods.flatMap((entry) => (entry.total === null ? [] : [entry.total]))
  const busiest = series.periods.reduce((best, entry) => (entry.count > best.count ? entry : best))
  const first = series.periods[0]?.period ?? ''
  const last = series.periods.at(-1)?.period ?? ''
  const total = known.length > 0 ? `, totalling ${groupDigits(sumDecimals(known))} ${currency}` : ''

  let text =
    `${formatCount(count)} transfers in ${currency}${total}, from ${first} to ${last}. ` +
    `The busiest period is ${busiest.period} with ${formatCount(busiest.count)}.`
  if (range !== null) {
    const inside = series.periods.filter((entry) => periodOverlaps(entry.period, range))
    const insideCount = inside.reduce((sum, entry) => sum + entry.count, 0)
    text += ` ${formatCount(insideCount)} of them fall in periods that overlap the timeline's range, ${range.since} to ${range.until}.`
  }
  const earlier = series.periods.filter((entry) => entry.period < firstDrawn)
  if (earlier.length > 0) {
    const count = earlier.reduce((sum, entry) => sum + entry.count, 0)
    text +=
      ` The bars start at ${firstDrawn}, so ${formatCount(count)} earlier transfers, back to ${first}, are left out` +
      ' of the drawing but listed in the data table.'
  }
  if (series.undated > 0) text += ` ${formatCount(series.undated)} more have no date.`
  return text
}
