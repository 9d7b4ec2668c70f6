/**
 * Pan and zoom of an SVG map by a transform on one group: the mouse wheel zooms at the
 * pointer, dragging pans, and when the SVG has focus the arrow keys pan, + and - zoom and 0
 * resets. Positions are in the SVG's user units, so the same code serves any element size.
 */

export interface Camera {
  /** Translation in user units, applied after `scale`. */
  x: number
  y: number
  scale: number
}

export const MIN_SCALE = 1
export const MAX_SCALE = 40

/** Pointer travel in pixels past which a press is a drag rather than a click. */
const DRAG_THRESHOLD = 4

/** Part of the frame's width or height that one arrow-key press pans. */
const KEY_PAN = 0.1

const ZOOM_STEP = 1.5

export function createPanZoom(
  svg: SVGSVGElement,
  viewport: SVGGElement,
  size: { width: number; height: number },
  onChange: (camera: Camera) => void,
) {
  let camera: Camera = { x: 0, y: 0, scale: 1 }

  function apply(next: Camera): void {
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, next.scale))
    // Keep the map covering the frame: no pan past an edge of the world.
    const x = Math.min(0, Math.max(size.width * (1 - scale), next.x))
    const y = Math.min(0, Math.max(size.height * (1 - scale), next.y))
    camera = { x, y, scale }
    viewport.setAttribute('transform', `translate(${x.toFixed(2)} ${y.toFixed(2)}) scale(${scale.toFixed(4)})`)
    onChange(camera)
  }

  /** Converts a pointer position to the SVG's user units. */
  function toUser(clientX: number, clientY: number): [number, number] {
    const matrix = svg.getScreenCTM()
    if (matrix === null) return [size.width / 2, size.height / 2]
    const point = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse())
    return [point.x, point.y]
  }

  function zoomBy(factor: number, centre: [number, number] = [size.width / 2, size.height / 2]): void {
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, camera.scale * factor))
    const ratio = scale / camera.scale
    const [cx, cy] = centre
    apply({ x: cx - (cx - camera.x) * ratio, y: cy - (cy - camera.y) * ratio, scale })
  }

  function panBy(dx: number, dy: number): void {
    apply({ ...camera, x: camera.x + dx, y: camera.y + dy })
  }

  svg.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault()
      zoomBy(event.deltaY < 0 ? 1.25 : 0.8, toUser(event.clientX, event.clientY))
    },
    { passive: false },
  )

  let press: { id: number; clientX: number; clientY: number; start: [number, number]; from: Camera } | null = null
  let dragged = false

  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return
    press = {
      id: event.pointerId,
      clientX: event.clientX,
      clientY: event.clientY,
      start: toUser(event.clientX, event.clientY),
      from: camera,
    }
    dragged = false
  })

  svg.addEventListener('pointermove', (event) => {
    if (press === null || event.pointerId !== press.id) return
    const travel = Math.hypot(event.clientX - press.clientX, event.clientY - press.clientY)
    if (!dragged && travel < DRAG_THRESHOLD) return
    if (!dragged) svg.setPointerCapture(event.pointerId)
    dragged = true
    svg.classList.add('dragging')
    const [x, y] = toUser(event.clientX, event.clientY)
    apply({ ...press.from, x: press.from.x + x - press.start[0], y: press.from.y + y - press.start[1] })
  })

  function release(event: PointerEvent): void {
    if (press === null || event.pointerId !== press.id) return
    press = null
    svg.classList.remove('dragging')
  }
  svg.addEventListener('pointerup', release)
  svg.addEventListener('pointercancel', release)

  // A drag ends with a click on whatever lies under the pointer; it must not select it.
  svg.addEventListener(
    'click',
    (event) => {
      if (!dragged) return
      dragged = false
      event.stopPropagation()
    },
    true,
  )

  svg.addEventListener('keydown', (event) => {
    if (event.target !== svg) return
    const stepX = size.width * KEY_PAN
    const stepY = size.height * KEY_PAN
    const actions: Record<string, () => void> = {
      ArrowLeft: () => panBy(stepX, 0),
      ArrowRight: () => panBy(-stepX, 0),
      ArrowUp: () => panBy(0, stepY),
      ArrowDown: () => panBy(0, -stepY),
      '+': () => zoomBy(ZOOM_STEP),
      '=': () => zoomBy(ZOOM_STEP),
      '-': () => zoomBy(1 / ZOOM_STEP),
      '0': () => apply({ x: 0, y: 0, scale: 1 }),
    }
    const action = actions[event.key]
    if (action === undefined) return
    event.preventDefault()
    action()
  })

  return {
    camera: () => camera,
    zoomIn: () => zoomBy(ZOOM_STEP),
    zoomOut: () => zoomBy(1 / ZOOM_STEP),
    reset: () => apply({ x: 0, y: 0, scale: 1 }),
  }
}

export type PanZoom = ReturnType<typeof createPanZoom>
