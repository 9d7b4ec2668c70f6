/**
 * The sequential colour scale of the shading: light blue for the smallest count above zero
 * to dark blue for the maximum. Countries with a count of zero keep the land colour.
 */

const LIGHTEST: readonly [number, number, number] = [214, 230, 244]
const DARKEST: readonly [number, number, number] = [8, 48, 107]

/** Part of the ramp that the smallest non-zero count starts from, so that it stays visible. */
const FLOOR = 0.12

/** Returns the fill colour of `value` on a scale from 0 to `max`, or null for no count. */
export function shade(value: number, max: number): string | null {
  if (!(max > 0) || !(value > 0)) return null
  const position = FLOOR + (1 - FLOOR) * Math.min(value / max, 1)
  const channels = LIGHTEST.map((light, index) => Math.round(light + ((DARKEST[index] ?? light) - light) * position))
  return `rgb(${channels.join(', ')})`
}

/** Returns the CSS gradient of the legend bar, from the lightest shade to the darkest. */
export function legendGradient(): string {
  return `linear-gradient(to right, ${shade(FLOOR, 1) ?? ''}, ${shade(1, 1) ?? ''})`
}
