/**
 * The Natural Earth projection (Tom Patterson, 2007) in the polynomial form by Bojan Šavrič,
 * Tom Patterson and Bernhard Jenny that PROJ implements as `natearth`, and SVG path text
 * for GeoJSON polygons drawn with it.
 *
 * Projected coordinates are scaled so that the map is `MAP_WIDTH` wide, with y growing
 * downwards as in SVG. Natural Earth data is already cut at the antimeridian, so rings are
 * projected point by point without clipping.
 */
import type { Geometry, Position } from 'geojson'

const RADIANS = Math.PI / 180

/**
 * The raw projection of longitude and latitude in radians, on a unit sphere:
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

function ringPath(ring: Position[]): string {
  const parts: string[] = []
  for (const [index, position] of ring.entries()) {
    const [longitude = 0, latitude = 0] = position
    const [x, y] = project(longitude, latitude)
    parts.push(`${index === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`)
  }
  return parts.length > 0 ? `${parts.join('')}Z` : ''
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
