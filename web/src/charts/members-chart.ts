/**
 * Top members by a centrality measure: horizontal bars from GET /api/analytics/centrality,
 * names as text beside them. Clicking a bar or name, or pressing Enter on it, opens the
 * member in the network view.
 */
import { CENTRALITY_MEASURES, MEASURE_NAMES, type CentralityMeasure, type CentralityResponse } from '../api.js'
import { createElement } from '../dom.js'
import { createChartCard, createChartSelect } from './chart-card.js'
import { linearScale, niceTicks, shorten, svgElement, svgText } from './svg.js'

/** Members listed. */
export const TOP_MEMBERS = 12
const ROW_HEIGHT = 26
const MARGIN = { top: 8, right: 64, bottom: 44, left: 8 }
/** Share of the width given to names, and the bounds on it in pixels. */
const NAME_SHARE = 0.38
const NAME_WIDTH = { min: 110, max: 260 }
/** Rough width of one character of a name at the chart's font size, for shortening. */
const CHARACTER_WIDTH = 8

export interface Member {
  id: string
  label: string
  name: string
}

export interface MembersChartOptions {
  onMeasureChange(measure: CentralityMeasure): void
  onOpen(member: Member): void
}

const SCORE_FORMAT = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 })

export function createMembersChart(options: MembersChartOptions) {
  const measure = createChartSelect(
    'chart-members-measure',
    'Measure',
    CENTRALITY_MEASURES.map((value) => [value, MEASURE_NAMES[value]]),
  )
  const card = createChartCard('chart-members', 'Top members', [measure.element])
  let response: CentralityResponse | null = null

  measure.select.addEventListener('change', () => options.onMeasureChange(measure.select.value as CentralityMeasure))

  function draw(): void {
    if (response === null) return
    const scores = response.scores.slice(0, TOP_MEMBERS)
    if (scores.length === 0) {
      card.showMessage('empty', 'No entities are visible to you, so there is no one to rank.')
      return
    }

    const width = Math.max(300, card.width())
    const nameWidth = Math.min(NAME_WIDTH.max, Math.max(NAME_WIDTH.min, width * NAME_SHARE))
    const left = MARGIN.left + nameWidth
    const plotWidth = width - left - MARGIN.right
    const height = MARGIN.top + scores.length * ROW_HEIGHT + MARGIN.bottom
    const ticks = niceTicks(Math.max(0, ...scores.map((score) => score.score)), 4)
    const scale = linearScale(ticks.at(-1) ?? 1, plotWidth)
    const svg = svgElement('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart-svg' })

    const axisBottom = MARGIN.top + scores.length * ROW_HEIGHT
    const axis = svgElement('g', { class: 'axis axis-value' })
    for (const tick of ticks) {
      const x = left + scale(tick)
      axis.append(
        svgElement('line', { class: 'grid', x1: x, x2: x, y1: MARGIN.top, y2: axisBottom }),
        svgText(SCORE_FORMAT.format(tick), { x, y: axisBottom + 14, 'text-anchor': 'middle' }),
      )
    }
    axis.append(
      svgElement('line', { class: 'axis-line', x1: left, x2: left + plotWidth, y1: axisBottom, y2: axisBottom }),
      svgText(`Score (${MEASURE_NAMES[response.measure]})`, {
        class: 'axis-title',
        x: left + plotWidth / 2,
        y: height - 6,
        'text-anchor': 'middle',
      }),
    )
    svg.append(axis)

    const maxCharacters = Math.floor(nameWidth / CHARACTER_WIDTH)
    for (const [index, score] of scores.entries()) {
      const y = MARGIN.top + index * ROW_HEIGHT
      const name = score.name === '' ? score.id : score.name
      const row = svgElement('g', {
        class: 'member',
        tabindex: 0,
        role: 'button',
        'aria-label': `Open ${name} (${score.label}) in the network view, score ${SCORE_FORMAT.format(score.score)}`,
        'data-id': score.id,
      })
      row.append(
        svgText(shorten(name, maxCharacters), { class: 'member-name', x: left - 8, y: y + ROW_HEIGHT / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, name),
        svgElement('rect', { class: 'bar bar-member', x: left, y: y + 4, width: Math.max(1, scale(score.score)), height: ROW_HEIGHT - 8 }),
        svgText(SCORE_FORMAT.format(score.score), { class: 'bar-value', x: left + scale(score.score) + 4, y: y + ROW_HEIGHT / 2, 'dominant-baseline': 'middle' }),
      )
      const member = { id: score.id, label: score.label, name }
      row.addEventListener('click', () => options.onOpen(member))
      row.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return
        event.preventDefault()
        options.onOpen(member)
      })
      svg.append(row)
    }

    const rows = scores.map((score, index) => {
      const name = score.name === '' ? score.id : score.name
      const open = createElement('button', { text: name, className: 'link-button', attributes: { type: 'button' } })
      open.addEventListener('click', () => options.onOpen({ id: score.id, label: score.label, name }))
      return [String(index + 1), createElement('td', {}, [open]), score.label, String(score.score)]
    })
    card.show(svg, summarise(response, scores.length), [
      { heading: 'Rank', numeric: true },
      { heading: 'Name' },
      { heading: 'Label' },
      { heading: 'Score', numeric: true },
    ], rows)
  }

  return {
    element: card.element,
    showMessage: card.showMessage,
    measure: () => measure.select.value as CentralityMeasure,

    render(data: CentralityResponse): void {
      response = data
      measure.select.value = data.measure
      draw()
    },

    redraw: draw,
  }
}

function summarise(response: CentralityResponse, count: number): string {
  const top = response.scores[0]
  if (top === undefined) return ''
  const topName = top.name === '' ? top.id : top.name
  return (
    `The ${count} members ranked highest by ${MEASURE_NAMES[response.measure]}. ` +
    `First is ${topName} (${top.label}) with ${SCORE_FORMAT.format(top.score)}. Select a bar or a name to open it in the network view.`
  )
}
