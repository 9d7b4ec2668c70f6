/**
 * Notices and diffusions by colour and kind: grouped bars, one group per colour and one bar
 * per kind within it, each filled with the notice's own colour. Diffusions have a dashed
 * outline so that the two kinds differ by more than position. Counts are those of
 * GET /api/stats summed over status and issuing country.
 */
import type { NoticeCount } from '../api.js'
import { createChartCard } from './chart-card.js'
import { noticeFill } from './colours.js'
import { formatCount, linearScale, niceTicks, svgElement, svgText, valueAxis } from './svg.js'

const COLOUR_ORDER = ['red', 'yellow', 'blue', 'black', 'green', 'orange', 'purple']
const KIND_ORDER = ['notice', 'diffusion']
const HEIGHT = 280
const MARGIN = { top: 20, right: 12, bottom: 64, left: 60 }
const MAX_BAR_WIDTH = 48

export interface NoticeBar {
  colour: string | null
  kind: string | null
  count: number
}

/** Sums the counts per (colour, kind) pair, in the order colours and kinds are usually listed. */
export function noticeBars(notices: readonly NoticeCount[]): NoticeBar[] {
  const sums = new Map<string, NoticeBar>()
  for (const notice of notices) {
    const key = JSON.stringify([notice.colour, notice.kind])
    const bar = sums.get(key) ?? { colour: notice.colour, kind: notice.kind, count: 0 }
    bar.count += notice.count
    sums.set(key, bar)
  }
  return [...sums.values()]
    .filter((bar) => bar.count > 0)
    .sort((a, b) => rank(a.colour, COLOUR_ORDER) - rank(b.colour, COLOUR_ORDER) || compareNames(a.colour, b.colour) ||
      rank(a.kind, KIND_ORDER) - rank(b.kind, KIND_ORDER) || compareNames(a.kind, b.kind))
}

/** Known names first in their order, then other names, then null. */
function rank(name: string | null, order: string[]): number {
  if (name === null) return order.length + 1
  const index = order.indexOf(name)
  return index < 0 ? order.length : index
}

function compareNames(a: string | null, b: string | null): number {
  return (a ?? '').localeCompare(b ?? '')
}

function colourName(colour: string | null): string {
  return colour ?? 'no colour'
}

function kindName(kind: string | null): string {
  return kind ?? 'no kind'
}

export function createNoticesChart() {
  const card = createChartCard('chart-notices', 'Notices and diffusions by colour')
  let latest: readonly NoticeCount[] | null = null

  function draw(): void {
    if (latest === null) return
    const bars = noticeBars(latest)
    if (bars.length === 0) {
      card.showMessage('empty', 'No notices or diffusions are visible to you in this database.')
      return
    }

    const width = Math.max(300, card.width())
    const plotWidth = width - MARGIN.left - MARGIN.right
    const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
    const ticks = niceTicks(Math.max(...bars.map((bar) => bar.count)), 5, true)
    const scale = linearScale(ticks.at(-1) ?? 1, plotHeight)
    const svg = svgElement('svg', { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, class: 'chart-svg' })
    svg.append(valueAxis({ ticks, top: MARGIN.top, left: MARGIN.left, width: plotWidth, height: plotHeight, title: 'Count' }))

    const colours = [...new Set(bars.map((bar) => bar.colour))]
    const groupWidth = plotWidth / colours.length
    const baseline = MARGIN.top + plotHeight
    const group = svgElement('g', { class: 'bars' })
    for (const [index, colour] of colours.entries()) {
      const members = bars.filter((bar) => bar.colour === colour)
      const barWidth = Math.min(MAX_BAR_WIDTH, (groupWidth * 0.8) / members.length)
      const groupLeft = MARGIN.left + index * groupWidth + (groupWidth - barWidth * members.length) / 2

      for (const [position, bar] of members.entries()) {
        const x = groupLeft + position * barWidth
        const height = scale(bar.count)
        const label = `${colourName(bar.colour)} ${kindName(bar.kind)}: ${formatCount(bar.count)}`
        group.append(
          svgElement(
            'rect',
            {
              class: `bar bar-${bar.kind === 'diffusion' ? 'diffusion' : 'notice'}`,
              x: x + 1,
              y: baseline - height,
              width: Math.max(1, barWidth - 2),
              height,
              fill: noticeFill(bar.colour),
              'data-colour': bar.colour ?? '',
              'data-kind': bar.kind ?? '',
              'data-count': bar.count,
            },
            [svgElement('title', {}, [label])],
          ),
          svgText(formatCount(bar.count), { class: 'bar-value', x: x + barWidth / 2, y: baseline - height - 4, 'text-anchor': 'middle' }),
          svgText(bar.kind === null ? '?' : bar.kind.charAt(0).toUpperCase(), {
            class: 'bar-kind',
            x: x + barWidth / 2,
            y: baseline + 14,
            'text-anchor': 'middle',
          }, kindName(bar.kind)),
        )
      }
      group.append(
        svgText(colourName(colour), { class: 'axis-label', x: MARGIN.left + (index + 0.5) * groupWidth, y: baseline + 32, 'text-anchor': 'middle' }),
      )
    }
    svg.append(
      group,
      svgElement('line', { class: 'axis-line', x1: MARGIN.left, x2: MARGIN.left + plotWidth, y1: baseline, y2: baseline }),
      svgText('N: notice (solid outline) · D: diffusion (dashed outline)', {
        class: 'chart-note',
        x: MARGIN.left,
        y: HEIGHT - 8,
      }),
    )

    card.show(svg, summarise(bars), [
      { heading: 'Colour' },
      { heading: 'Kind' },
      { heading: 'Count', numeric: true },
    ], bars.map((bar) => [colourName(bar.colour), kindName(bar.kind), String(bar.count)]))
  }

  return {
    element: card.element,
    showMessage: card.showMessage,

    render(notices: readonly NoticeCount[]): void {
      latest = notices
      draw()
    },

    /** Redraws at the card's current width. */
    redraw: draw,
  }
}

function summarise(bars: NoticeBar[]): string {
  const total = bars.reduce((sum, bar) => sum + bar.count, 0)
  const byKind = (kind: string) => bars.filter((bar) => bar.kind === kind).reduce((sum, bar) => sum + bar.count, 0)
  const largest = bars.reduce((best, bar) => (bar.count > best.count ? bar : best))
  return (
    `${formatCount(total)} notices and diffusions are visible to you: ${formatCount(byKind('notice'))} notices and ` +
    `${formatCount(byKind('diffusion'))} diffusions, in ${bars.length} colour and kind pairs. ` +
    `The largest is ${colourName(largest.colour)} ${kindName(largest.kind)} with ${formatCount(largest.count)}.`
  )
}
