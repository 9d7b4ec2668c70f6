/**
 * The Natural Earth projection (Tom Patterson, 2007) in the polynomial form by Bojan Šavrič,
 * Tom Patterson and Bernhard Jenny that PROJ implements as `natearth`, and SVG path text
 * for GeoJSON polygons drawn with it.
 *
 * Projected coordinates are scaled so that the map is `MAP_WIDTH` wide, with y growing
 * downwards as in SVG. The atlas keeps rings that cross the antimeridian (Russia, Fiji) or
 * encircle a pole (Antarctica) whole. So `geometryPath` unwraps their longitudes and draws a
 * second copy one turn over, and the map must be clipped to `spherePath` to hide what lies
 * beyond the edges.
 */
import type { Geometry, Position } from 'geojson'

const RADIANS = Math.PI / 180

/**
 * Projects longitude and latitude in radians from a unit sphere:
 * x = λ (A0 + A1 φ² + A2 φ⁴ + A3 φ¹⁰ + A4 φ¹²) and y = φ (B0 + B1 φ² + B2 φ⁶ + B3 φ⁸ + B4 φ¹⁰).
 */
export function naturalEarth(lambda: number, phi: number): [number, number] {
  const p2 = phi * phi
  const p4 = p2 * p2
  const p6 = p4 * p2
  const p8 = p4 * p4
  const p10 = p8 * p2
  const p12 = p8 * p4
  const x = lambda * (0.8707 - 0.131979 * p2 - 0.013791 * p4 + 0.003971 * p10 - 0.001529 * p12)
  const y = phi * (1.007226 + 0.015085 * p2 - 0.044475 * p6 + 0.028874 * p8 - 0.005916 * p10)
  return [x, y]
}

/** Width of the projected map in SVG user units. */
export const MAP_WIDTH = 1000

const [EDGE_X] = naturalEarth(Math.PI, 0)
const [, EDGE_Y] = naturalEarth(0, Math.PI / 2)
const SCALE = MAP_WIDTH / (2 * EDGE_X)

/** Height of the projected map: the span from pole to pole. */
export const MAP_HEIGHT = 2 * EDGE_Y * SCALE

/** Projects WGS 84 degrees to SVG user units, with (0, 0) at the map's top-left corner. */
export function project(longitude: number, latitude: number): [number, number] {
  const [x, y] = naturalEarth(longitude * RADIANS, latitude * RADIANS)
  return [MAP_WIDTH / 2 + x * SCALE, MAP_HEIGHT / 2 - y * SCALE]
}

function pathText(points: readonly (readonly [number, number])[]): string {
  const parts = points.map(([longitude, latitude], index) => {
    const [x, y] = project(longitude, latitude)
    return `${index === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`
  })
  return parts.length > 0 ? `${parts.join('')}Z` : ''
}

/**
 * Returns the SVG path text of one ring. Longitudes are unwrapped so that no step jumps
 * across the antimeridian. A ring that then ends a whole turn from where it started
 * encircles a pole, so it is closed along that pole's line.
 */
function ringPath(ring: readonly Position[]): string {
  const points: [number, number][] = []
  let previous: number | null = null
  let shift = 0
  for (const [longitude = 0, latitude = 0] of ring) {
    if (previous !== null && Math.abs(longitude - previous) > 180) shift += longitude > previous ? -360 : 360
    previous = longitude
    points.push([longitude + shift, latitude])
  }
  const first = points[0]
  const last = points[points.length - 1]
  if (first === undefined || last === undefined) return ''

  if (Math.abs(last[0] - first[0]) > 180) {
    const meanLatitude = points.reduce((sum, point) => sum + point[1], 0) / points.length
    const pole = meanLatitude < 0 ? -90 : 90
    points.push([last[0], pole], [first[0], pole])
  }

  const longitudes = points.map(([longitude]) => longitude)
  const copies = [0]
  if (Math.max(...longitudes) > 180) copies.push(-360)
  if (Math.min(...longitudes) < -180) copies.push(360)
  return copies.map((offset) => pathText(points.map(([longitude, latitude]) => [longitude + offset, latitude] as const))).join('')
}

/** Returns the SVG path text of a polygon or multipolygon; other geometries draw nothing. */
export function geometryPath(geometry: Geometry | null): string {
  if (geometry === null) return ''
  if (geometry.type === 'Polygon') return geometry.coordinates.map(ringPath).join('')
  if (geometry.type === 'MultiPolygon') {
    return geometry.coordinates.map((polygon) => polygon.map(ringPath).join('')).join('')
  }
  return ''
}

/** Returns the outline of the projected world: the edge meridians from pole to pole. */
export function spherePath(): string {
  const points: [number, number][] = []
  for (let latitude = -90; latitude <= 90; latitude += 2) points.push([180, latitude])
  for (let latitude = 90; latitude >= -90; latitude -= 2) points.push([-180, latitude])
  return pathText(points)
}
