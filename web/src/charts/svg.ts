/**
 * SVG building blocks for the charts: text elements, a linear scale
 * that never divides by zero, round tick values and the axes. Text reaches the SVG only
 * through `textContent`.
 */

import { createSvgElement as svgElement } from '../svg.js'

// Chart modules import every SVG helper from here.
export { svgElement }

/** Returns a text element. A `title` adds a tooltip with the full text when `text` was shortened. */
export function svgText(text: string, attributes: Record<string, string | number>, title?: string): SVGTextElement {
  const element = svgElement('text', attributes)
  element.textContent = text
  if (title !== undefined && title !== text) element.append(svgElement('title', {}, [title]))
  return element
}

/**
 * Maps 0..`max` onto 0..`length`. A `max` of zero or less (no data, or only zeros) maps
 * everything to 0 rather than dividing by zero.
 */
export function linearScale(max: number, length: number): (value: number) => number {
  if (!(max > 0) || !Number.isFinite(max)) return () => 0
  return (value) => (Math.max(0, value) / max) * length
}

/**
 * Returns tick values from 0 to a round top at or above `max`, in steps of 1, 2 or 5 times a
 * power of ten, about `count` of them. With `integers` the steps are whole numbers. A `max`
 * of zero or less gives [0, 1].
 */
export function niceTicks(max: number, count = 5, integers = false): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1]
  const rough = max / Math.max(1, count)
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power
  const roundedStep = integers ? Math.max(1, Math.ceil(step)) : step
  const ticks: number[] = []
  for (let value = 0; value < max + roundedStep; value += roundedStep) {
    ticks.push(Number(value.toPrecision(12)))
    if (value >= max) break
  }
  return ticks
}

const COMPACT = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 })
const GROUPED = new Intl.NumberFormat('en')

/** Formats an axis value briefly: 1200 as "1.2K". */
export function formatTick(value: number): string {
  return Math.abs(value) < 10_000 ? GROUPED.format(value) : COMPACT.format(value)
}

export function formatCount(value: number): string {
  return GROUPED.format(value)
}

/**
 * Groups the digits of an exact decimal string ("1234567.50" as "1,234,567.50") without
 * passing it through a floating-point number.
 */
export function groupDigits(decimal: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(decimal)
  if (match === null) return decimal
  const [, sign = '', whole = '', fraction = ''] = match
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`
}

/** Shortens `text` to `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  const characters = [...text]
  return characters.length <= max ? text : `${characters.slice(0, Math.max(1, max - 1)).join('')}…`
}

/**
 * Draws a vertical value axis at x = `left` from `top` down to `top + height`, with grid
 * lines across `width` and a rotated title.
 */
export function valueAxis(options: {
  ticks: number[]
  top: number
  left: number
  width: number
  height: number
  title: string
}): SVGGElement {
  const { ticks, top, left, width, height, title } = options
  const highest = ticks.at(-1) ?? 1
  const scale = linearScale(highest, height)
  const group = svgElement('g', { class: 'axis axis-value' })
  for (const tick of ticks) {
    const y = top + height - scale(tick)
    group.append(
      svgElement('line', { class: 'grid', x1: left, x2: left + width, y1: y, y2: y }),
      svgText(formatTick(tick), { x: left - 6, y, 'text-anchor': 'end', 'dominant-baseline': 'middle' }),
    )
  }
  group.append(
    svgElement('line', { class: 'axis-line', x1: left, x2: left, y1: top, y2: top + height }),
    svgText(title, {
      class: 'axis-title',
      transform: `translate(${Math.max(10, left - 44)} ${top + height / 2}) rotate(-90)`,
      'text-anchor': 'middle',
    }),
  )
  return group
}
