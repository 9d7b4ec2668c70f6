/**
 * The disruption curve: the size of the largest connected component against the number of
 * members removed, as an SVG line chart with axes, tick labels and one point per step,
 * starting from the network as it is (0 removals).
 */
import type { DisruptionResponse } from './api.js'
import { createSvgElement } from './svg.js'

export interface CurvePoint {
  /** Members removed so far. */
  removals: number
  /** Node count of the largest connected component then. */
  size: number
  /** `size` divided by the original largest component. */
  fraction: number
}

const WIDTH = 340
const HEIGHT = 210
const MARGIN = { top: 12, right: 14, bottom: 42, left: 50 }
const TICKS = 5

/** Returns the curve's points: the original network, then one per step of the simulation. */
export function curvePoints(result: DisruptionResponse): CurvePoint[] {
  const points: CurvePoint[] = [{ removals: 0, size: result.originalLargestComponent, fraction: 1 }]
  let removals = 0
  for (const step of result.steps) {
    removals += step.removed.length
    points.push({ removals, size: step.largestComponent, fraction: step.fraction })
  }
  return points
}

/** Draws the curve; `titleId` and `summaryId` name the elements that describe it in words. */
export function disruptionChart(points: readonly CurvePoint[], titleId: string, summaryId: string): SVGSVGElement {
  const xAxis = axisTicks(Math.max(...points.map((point) => point.removals)))
  const yAxis = axisTicks(Math.max(...points.map((point) => point.size)))
  const xRange = xAxis.at(-1) ?? 1
  const yRange = yAxis.at(-1) ?? 1

  const plotWidth = WIDTH - MARGIN.left - MARGIN.right
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const x = (removals: number) => MARGIN.left + (removals / xRange) * plotWidth
  const y = (size: number) => MARGIN.top + plotHeight - (size / yRange) * plotHeight

  const svg = createSvgElement('svg', {
    class: 'disruption-chart',
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-labelledby': titleId,
    'aria-describedby': summaryId,
  })

  const axes = createSvgElement('g', { class: 'axes' })
  const bottom = MARGIN.top + plotHeight
  axes.append(
    createSvgElement('line', { x1: MARGIN.left, y1: bottom, x2: MARGIN.left + plotWidth, y2: bottom }),
    createSvgElement('line', { x1: MARGIN.left, y1: MARGIN.top, x2: MARGIN.left, y2: bottom }),
  )
  for (const tick of xAxis) {
    axes.append(
      createSvgElement('line', { x1: x(tick), y1: bottom, x2: x(tick), y2: bottom + 4 }),
      createSvgElement('text', { x: x(tick), y: bottom + 16, 'text-anchor': 'middle', class: 'tick x-tick' }, [String(tick)]),
    )
  }
  for (const tick of yAxis) {
    axes.append(
      createSvgElement('line', { x1: MARGIN.left - 4, y1: y(tick), x2: MARGIN.left, y2: y(tick) }),
      createSvgElement('line', { x1: MARGIN.left, y1: y(tick), x2: MARGIN.left + plotWidth, y2: y(tick), class: 'grid' }),
      createSvgElement('text', { x: MARGIN.left - 7, y: y(tick) + 4, 'text-anchor': 'end', class: 'tick y-tick' }, [tick.toLocaleString('en')]),
    )
  }
  axes.append(
    createSvgElement('text', { x: MARGIN.left + plotWidth / 2, y: HEIGHT - 6, 'text-anchor': 'middle', class: 'axis-title' }, [
      'Members removed',
    ]),
    createSvgElement(
      'text',
      { x: 12, y: MARGIN.top + plotHeight / 2, 'text-anchor': 'middle', class: 'axis-title', transform: `rotate(-90 12 ${MARGIN.top + plotHeight / 2})` },
      ['Largest component (nodes)'],
    ),
  )

  const line = createSvgElement('polyline', {
    class: 'curve',
    points: points.map((point) => `${x(point.removals)},${y(point.size)}`).join(' '),
  })

  const markers = createSvgElement('g', { class: 'points' })
  for (const point of points) {
    const percent = (point.fraction * 100).toFixed(1)
    const label = `${point.removals} removed: largest component ${point.size} nodes (${percent}%)`
    markers.append(
      createSvgElement(
        'circle',
        { cx: x(point.removals), cy: y(point.size), r: 3.5, 'data-removals': point.removals, 'data-size': point.size },
        [createSvgElement('title', {}, [label])],
      ),
    )
  }

  svg.append(axes, line, markers)
  return svg
}

/**
 * Returns about five whole-number ticks from 0, spaced 1, 2 or 5 times a power of ten, the
 * last one at or above `max`. The last tick is at least 1, so an axis never spans zero.
 */
export function axisTicks(max: number): number[] {
  const rough = Math.max(1, max / TICKS)
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = Math.max(1, Math.round([1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? rough))
  const top = Math.max(step, Math.ceil(max / step) * step)

  const ticks: number[] = []
  for (let tick = 0; tick <= top; tick += step) ticks.push(tick)
  return ticks
}
