/**
 * Panning a large graph by moving the pictures already drawn. While the stage is dragged,
 * Sigma's layers are shifted with a CSS transform, which the browser's compositor moves
 * without drawing the graph again. When the button comes up, the camera takes the whole
 * move at once and Sigma draws one frame. On a software WebGL renderer a frame of 10,000
 * nodes took a few hundred milliseconds, so moving the camera on every mouse move made a pan
 * crawl.
 */
import type Sigma from 'sigma'

export interface PanPreviewOptions {
  /** Whether the graph is large enough for a pan to move pictures rather than redraw. */
  isLarge(): boolean
  /** Called once for each animation frame in which the shifted pictures moved. */
  onFrame(): void
}

export interface PanPreview {
  /** Whether a pan is under way: the button is down and the pictures follow the mouse. */
  isPanning(): boolean
  /** Whether a pan ended within the last few hundred milliseconds, so a stage click is its end. */
  justPanned(): boolean
  remove(): void
}

/** Time after a pan during which a click on the stage belongs to that pan, ms. */
const CLICK_AFTER_PAN_MS = 300

export function installPanPreview(renderer: Sigma, options: PanPreviewOptions): PanPreview {
  const container = renderer.getContainer()
  const captor = renderer.getMouseCaptor()
  let pan: { startX: number; startY: number; dx: number; dy: number; drawnX: number; drawnY: number } | null = null
  let frame: number | null = null
  let lastPanEnd = -Infinity
  const justPanned = (): boolean => performance.now() - lastPanEnd < CLICK_AFTER_PAN_MS

  // Every layer but the mouse layer, which must stay put because mouse positions are read against it.
  const layers = (): HTMLElement[] =>
    [...container.children].filter((child): child is HTMLElement => child instanceof HTMLElement && !child.classList.contains('sigma-mouse'))

  function paint(): void {
    frame = null
    if (pan === null || (pan.dx === pan.drawnX && pan.dy === pan.drawnY)) return
    pan.drawnX = pan.dx
    pan.drawnY = pan.dy
    const transform = `translate(${pan.dx}px, ${pan.dy}px)`
    for (const layer of layers()) layer.style.transform = transform
    options.onFrame()
  }

  const onDown = ({ event }: { event: { x: number; y: number; original: MouseEvent | TouchEvent } }): void => {
    if (!options.isLarge() || !(event.original instanceof MouseEvent) || event.original.button !== 0) return
    pan = { startX: event.x, startY: event.y, dx: 0, dy: 0, drawnX: 0, drawnY: 0 }
  }

  const onMove = (event: { x: number; y: number; preventSigmaDefault(): void }): void => {
    if (pan === null) return
    pan.dx = event.x - pan.startX
    pan.dy = event.y - pan.startY
    // Sigma must not move its camera meanwhile: the shifted pictures stand in for it.
    event.preventSigmaDefault()
    frame ??= requestAnimationFrame(paint)
  }

  const onUp = (): void => {
    if (pan === null) return
    const { dx, dy } = pan
    pan = null
    if (frame !== null) cancelAnimationFrame(frame)
    frame = null
    for (const layer of layers()) layer.style.transform = ''
    if (dx === 0 && dy === 0) return
    lastPanEnd = performance.now()

    // The point now under the middle of the view is the one that was `dx`, `dy` away from it.
    const { width, height } = renderer.getDimensions()
    const target = renderer.viewportToFramedGraph({ x: width / 2 - dx, y: height / 2 - dy })
    renderer.getCamera().setState({ x: target.x, y: target.y })
  }

  // A wheel turn during a pan zooms around the cursor, so the camera first takes the move so far.
  const onWheel = (event: { x: number; y: number }): void => {
    if (pan === null) return
    onUp()
    pan = { startX: event.x, startY: event.y, dx: 0, dy: 0, drawnX: 0, drawnY: 0 }
  }

  // Two pans in quick succession must not read as a double click, which would zoom in.
  const onDoubleClickStage = (event: { preventSigmaDefault(): void }): void => {
    if (justPanned()) event.preventSigmaDefault()
  }

  renderer.on('downStage', onDown)
  renderer.on('doubleClickStage', onDoubleClickStage)
  captor.on('mousemovebody', onMove)
  captor.on('mouseup', onUp)
  captor.on('wheel', onWheel)
  return {
    isPanning: () => pan !== null,
    justPanned,
    remove() {
      renderer.off('downStage', onDown)
      renderer.off('doubleClickStage', onDoubleClickStage)
      captor.off('mousemovebody', onMove)
      captor.off('mouseup', onUp)
      captor.off('wheel', onWheel)
    },
  }
}
