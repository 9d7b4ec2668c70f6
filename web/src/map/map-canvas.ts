/**
 * The drawn map: country shapes shaded by a count, a dot for each counted country too small
 * for the atlas (Malta, Monaco, Hong Kong…) placed at the mean of its places, and a marker
 * per place sized by its entities. Markers keep their size on screen at any zoom, and places
 * that share coordinates are spread on a small circle so that each stays clickable.
 */
import type { GeoPlace } from '../api.js'
import { createElement } from '../dom.js'
import { countryName, countryShapes } from './countries.js'
import type { CountryValue } from './counts.js'
import { createPanZoom, type Camera } from './pan-zoom.js'
import { MAP_HEIGHT, MAP_WIDTH, project, spherePath } from './projection.js'
import { shade } from './scale.js'
import { createSvgElement as svgElement } from '../svg.js'

export type MapSelection = { kind: 'place'; id: string } | { kind: 'country'; code: string } | null

export interface Shading {
  values: ReadonlyMap<string, CountryValue>
  max: number
  /** Name of the counted unit after a value in the tooltip, such as "groups operating". */
  unit: string
}

interface Marker {
  place: GeoPlace
  element: SVGCircleElement
  x: number
  y: number
  /** Offset from the place's point in screen pixels, for places that share coordinates. */
  offset: [number, number]
  radius: number
}

interface Dot {
  code: string
  element: SVGCircleElement
  x: number
  y: number
}

const DOT_RADIUS = 4

/** Returns a marker's radius in pixels: the area grows with the number of entities. */
function markerRadius(entityCount: number): number {
  return entityCount === 0 ? 3 : Math.min(13, 3 + 1.6 * Math.sqrt(entityCount))
}

export function placeTitle(place: GeoPlace): string {
  const country = place.country === null ? null : countryName(place.country)
  return country === null || country === place.name ? place.name : `${place.name}, ${country}`
}

export function entityCountText(count: number): string {
  return count === 1 ? '1 entity' : `${count.toLocaleString('en')} entities`
}

export function createMapCanvas(
  stage: HTMLElement,
  handlers: { onSelectPlace(place: GeoPlace): void; onSelectCountry(code: string): void },
) {
  const viewport = svgElement('g', { class: 'map-viewport' })
  const svg = svgElement(
    'svg',
    {
      id: 'map-svg',
      class: 'map-svg',
      viewBox: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT.toFixed(1)}`,
      preserveAspectRatio: 'xMidYMid meet',
      tabindex: '0',
      role: 'group',
      'aria-roledescription': 'map',
      'aria-label': 'World map. Arrow keys pan, + and - zoom, 0 shows the whole world; Tab moves to the place markers.',
    },
    [viewport],
  )
  // Rings that cross the antimeridian are drawn twice, one turn apart, and the clip hides
  // the copies' parts beyond the world's edge.
  const clip = svgElement('clipPath', { id: 'map-clip' }, [svgElement('path', { d: spherePath() })])
  const countryLayer = svgElement('g', { class: 'map-countries', 'clip-path': 'url(#map-clip)' })
  const dotLayer = svgElement('g', { class: 'map-country-dots' })
  const markerLayer = svgElement('g', { class: 'map-markers' })
  viewport.append(
    svgElement('defs', {}, [clip]),
    svgElement('path', { class: 'map-sphere', d: spherePath() }),
    countryLayer,
    dotLayer,
    markerLayer,
  )

  const tooltip = createElement('div', { className: 'map-tooltip', attributes: { id: 'map-tooltip', role: 'tooltip' } })
  tooltip.hidden = true
  const zoomIn = createElement('button', { text: '+', attributes: { type: 'button', id: 'map-zoom-in', 'aria-label': 'Zoom in' } })
  const zoomOut = createElement('button', { text: '−', attributes: { type: 'button', id: 'map-zoom-out', 'aria-label': 'Zoom out' } })
  const zoomReset = createElement('button', { text: 'Whole world', attributes: { type: 'button', id: 'map-zoom-reset' } })
  const zoomBar = createElement('div', { className: 'map-zoom', attributes: { role: 'toolbar', 'aria-label': 'Zoom' } }, [
    zoomIn,
    zoomOut,
    zoomReset,
  ])
  stage.append(svg, zoomBar, tooltip)

  const countryPaths = new Map<string, SVGPathElement>()
  for (const shape of countryShapes()) {
    const path = svgElement('path', { class: 'map-country', d: shape.path })
    path.dataset.name = shape.name
    if (shape.code !== null) {
      path.dataset.country = shape.code
      countryPaths.set(shape.code, path)
    }
    countryLayer.append(path)
  }

  let markers: Marker[] = []
  let dots: Dot[] = []
  let shading: Shading = { values: new Map(), max: 0, unit: '' }
  let selection: MapSelection = null

  const panZoom = createPanZoom(svg, viewport, { width: MAP_WIDTH, height: MAP_HEIGHT }, placeMarkers)
  zoomIn.addEventListener('click', () => panZoom.zoomIn())
  zoomOut.addEventListener('click', () => panZoom.zoomOut())
  zoomReset.addEventListener('click', () => panZoom.reset())
  new ResizeObserver(() => placeMarkers(panZoom.camera())).observe(svg)

  /** Moves and sizes markers and dots for the camera, so they keep their size in pixels. */
  function placeMarkers(camera: Camera): void {
    const pixelsPerUnit = svg.getScreenCTM()?.a ?? 1
    const unit = 1 / ((pixelsPerUnit > 0 ? pixelsPerUnit : 1) * camera.scale)
    for (const marker of markers) {
      marker.element.setAttribute('cx', (marker.x + marker.offset[0] * unit).toFixed(3))
      marker.element.setAttribute('cy', (marker.y + marker.offset[1] * unit).toFixed(3))
      marker.element.setAttribute('r', (marker.radius * unit).toFixed(3))
    }
    for (const dot of dots) {
      dot.element.setAttribute('cx', dot.x.toFixed(3))
      dot.element.setAttribute('cy', dot.y.toFixed(3))
      dot.element.setAttribute('r', (DOT_RADIUS * unit).toFixed(3))
    }
  }

  function countryText(code: string): string {
    const value = shading.values.get(code)
    const count = value === undefined ? `no ${shading.unit}` : `${value.text} ${shading.unit}`
    return `${countryName(code)} (${code}): ${count}`
  }

  function showTooltip(event: MouseEvent, text: string): void {
    const frame = stage.getBoundingClientRect()
    tooltip.textContent = text
    tooltip.hidden = false
    const left = Math.min(event.clientX - frame.left + 12, frame.width - tooltip.offsetWidth - 4)
    tooltip.style.left = `${Math.max(4, left)}px`
    tooltip.style.top = `${Math.max(4, event.clientY - frame.top + 12)}px`
  }

  svg.addEventListener('pointermove', (event) => {
    const target = event.target
    if (!(target instanceof SVGElement)) return
    const place = target.dataset.placeId === undefined ? undefined : markers.find((m) => m.place.id === target.dataset.placeId)
    if (place !== undefined) {
      showTooltip(event, `${placeTitle(place.place)}: ${entityCountText(place.place.entityCount)}`)
      return
    }
    const code = target.dataset.country
    if (code !== undefined) showTooltip(event, countryText(code))
    else if (target.dataset.name !== undefined) showTooltip(event, `${target.dataset.name}: no ISO 3166-1 code in the atlas`)
    else tooltip.hidden = true
  })
  svg.addEventListener('pointerleave', () => {
    tooltip.hidden = true
  })

  svg.addEventListener('click', (event) => {
    const target = event.target
    if (!(target instanceof SVGElement)) return
    const marker = markers.find((candidate) => candidate.element === target)
    if (marker !== undefined) handlers.onSelectPlace(marker.place)
    else if (target.dataset.country !== undefined) handlers.onSelectCountry(target.dataset.country)
  })

  function paint(): void {
    for (const [code, path] of countryPaths) paintCountry(path, code)
    for (const dot of dots) paintCountry(dot.element, dot.code)
  }

  function paintCountry(element: SVGElement, code: string): void {
    const value = shading.values.get(code)?.value ?? 0
    const fill = shade(value, shading.max)
    if (fill === null) element.style.removeProperty('fill')
    else element.style.fill = fill
    element.dataset.count = String(value)
    element.classList.toggle('selected', selection?.kind === 'country' && selection.code === code)
  }

  return {
    svg,

    /** Draws a marker per place with coordinates, and a dot per small country among them. */
    setPlaces(places: readonly GeoPlace[]): void {
      markerLayer.replaceChildren()
      dotLayer.replaceChildren()
      const located = places.filter((place) => place.latitude !== null && place.longitude !== null)

      const byPoint = new Map<string, GeoPlace[]>()
      for (const place of located) {
        const key = `${place.latitude?.toFixed(4)},${place.longitude?.toFixed(4)}`
        byPoint.set(key, [...(byPoint.get(key) ?? []), place])
      }

      markers = []
      for (const group of byPoint.values()) {
        const spread = group.length > 1 ? Math.max(...group.map((place) => markerRadius(place.entityCount))) + 2 : 0
        for (const [index, place] of group.entries()) {
          const angle = (2 * Math.PI * index) / group.length - Math.PI / 2
          const [x, y] = project(place.longitude ?? 0, place.latitude ?? 0)
          const element = svgElement('circle', {
            class: place.entityCount === 0 ? 'map-marker empty' : 'map-marker',
            tabindex: '0',
            role: 'button',
            'aria-label': `${placeTitle(place)}: ${entityCountText(place.entityCount)}`,
          })
          element.dataset.placeId = place.id
          element.addEventListener('keydown', (event) => {
            if (event.key !== 'Enter' && event.key !== ' ') return
            event.preventDefault()
            handlers.onSelectPlace(place)
          })
          markerLayer.append(element)
          const offset: [number, number] = [spread * Math.cos(angle), spread * Math.sin(angle)]
          markers.push({ place, element, x, y, offset, radius: markerRadius(place.entityCount) })
        }
      }

      const missing = new Map<string, [number, number][]>()
      for (const place of located) {
        if (place.country === null || countryPaths.has(place.country)) continue
        const points = missing.get(place.country) ?? []
        points.push(project(place.longitude ?? 0, place.latitude ?? 0))
        missing.set(place.country, points)
      }
      dots = [...missing].map(([code, points]) => {
        const element = svgElement('circle', { class: 'map-country-dot' })
        element.dataset.country = code
        dotLayer.append(element)
        const x = points.reduce((sum, point) => sum + point[0], 0) / points.length
        const y = points.reduce((sum, point) => sum + point[1], 0) / points.length
        return { code, element, x, y }
      })

      placeMarkers(panZoom.camera())
      paint()
    },

    setShading(next: Shading): void {
      shading = next
      paint()
    },

    setSelection(next: MapSelection): void {
      selection = next
      for (const marker of markers) {
        marker.element.classList.toggle('selected', next?.kind === 'place' && next.id === marker.place.id)
      }
      paint()
    },

    /** Countries drawn on the map, as a shape or as a dot. */
    drawnCountries(): Set<string> {
      return new Set([...countryPaths.keys(), ...dots.map((dot) => dot.code)])
    },
  }
}

export type MapCanvas = ReturnType<typeof createMapCanvas>
