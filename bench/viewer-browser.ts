/**
 * Measurements inside Chromium for the viewer benchmark: the WebGL renderer's name, the
 * first frame after the overview's response, the JavaScript heap, the frame rate while
 * the mouse drags the view, and the positions that the viewer's Sigma renderer drew.
 */
import type { CDPSession, Page } from 'playwright-core'

/** Name of the overview route's resource entry, which both pages fetch. */
const OVERVIEW_PATH = '/api/graph/overview'

const HEAP_SAMPLE_MS = 50

/** Time between two mouse moves while panning, ms: more than one a frame at 60 frames per second. */
const MOVE_INTERVAL_MS = 8

/** Time of one circle of the mouse while panning, ms. */
const TURN_MS = 1500

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface FirstFrame {
  /** From the last byte of the overview's response to the first frame that shows nodes, ms. */
  ms: number
  /** From the overview's request to the last byte of its response, ms. */
  responseMs: number
  /** Size of the overview's response body as received, bytes. */
  responseBytes: number
}

export interface PanTiming {
  seconds: number
  /** Intervals between consecutive animation frames during the drag, ms. */
  frameIntervalsMs: number[]
  /** Intervals between consecutive frames that the renderer drew during the drag, ms. */
  renderIntervalsMs: number[]
  /** Frames that the renderer drew during the drag. */
  renders: number
  /** Mouse move events sent. */
  moves: number
}

/** Returns WebGL's unmasked renderer string, such as SwiftShader's, or why there is none. */
export async function webglRenderer(page: Page): Promise<string> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas')
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl')
    if (gl === null) return 'no WebGL context'
    const info = gl.getExtension('WEBGL_debug_renderer_info')
    if (info === null) return `${String(gl.getParameter(gl.RENDERER))} (unmasked name not available)`
    return String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL))
  })
}

/**
 * Waits for the performance mark `markName`, then measures from the end of the overview's
 * response, as the page's own resource timing recorded it, to that mark. Both are on the
 * page's clock.
 */
export async function waitForFirstFrame(page: Page, markName: string, timeoutMs: number): Promise<FirstFrame> {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, markName, {
    timeout: timeoutMs,
    polling: 100,
  })
  const timing = await page.evaluate(
    ({ name, path }) => {
      const mark = performance.getEntriesByName(name)[0]
      const resources = performance
        .getEntriesByType('resource')
        .filter((entry): entry is PerformanceResourceTiming => entry.name.includes(path))
      const response = resources[resources.length - 1]
      if (mark === undefined || response === undefined) return null
      return {
        ms: mark.startTime - response.responseEnd,
        responseMs: response.responseEnd - response.startTime,
        responseBytes: response.encodedBodySize,
      }
    },
    { name: markName, path: OVERVIEW_PATH },
  )
  if (timing === null) throw new Error(`The page made no request to ${OVERVIEW_PATH} before the mark ${markName}`)
  return timing
}

/** Returns the frame count that the page keeps in `selector`'s `data-frames`. */
export async function frameCount(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (element) => Number((element as HTMLElement).dataset.frames ?? '0'))
}

/**
 * Waits until the page has drawn no frame for `quietMs`, such as when a layout that runs
 * after the first frame stops moving nodes, or until `timeoutMs`. Returns the wait in ms and
 * whether the page went quiet.
 */
export async function waitForQuiet(page: Page, selector: string, quietMs: number, timeoutMs: number) {
  const started = performance.now()
  let last = await frameCount(page, selector)
  let lastChange = performance.now()
  while (performance.now() - started < timeoutMs) {
    await page.waitForTimeout(100)
    const now = await frameCount(page, selector)
    if (now !== last) {
      last = now
      lastChange = performance.now()
    } else if (performance.now() - lastChange >= quietMs) {
      return { ms: lastChange - started, quiet: true }
    }
  }
  return { ms: performance.now() - started, quiet: false }
}

/**
 * Samples the page's V8 heap through the DevTools protocol until `stop`, which returns the
 * highest used size and the highest size of array buffer backing stores seen, in bytes.
 * NOTE: a long task in the page can delay a sample, so a short peak can be missed.
 */
export function sampleHeap(cdp: CDPSession) {
  let heapPeak = 0
  let backingPeak = 0
  let running = true
  const sample = async () => {
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number }
    heapPeak = Math.max(heapPeak, usage.usedSize)
    backingPeak = Math.max(backingPeak, usage.backingStorageSize ?? 0)
  }
  const loop = (async () => {
    while (running) {
      await sample().catch(() => undefined)
      await new Promise((resolve) => setTimeout(resolve, HEAP_SAMPLE_MS))
    }
  })()
  return {
    async stop(): Promise<{ heapBytes: number; backingStoreBytes: number }> {
      running = false
      await loop
      await sample()
      return { heapBytes: heapPeak, backingStoreBytes: backingPeak }
    },
  }
}

/**
 * Drags the view with the mouse in circles around the centre of `box` for `seconds`. A
 * move goes out every MOVE_INTERVAL_MS without waiting for Chromium to take the one before,
 * as a real mouse does. Chromium merges the moves that queue up while the page is busy, so
 * the page, not the benchmark, sets the pace. The page records each animation frame, and each
 * frame that the renderer drew as a change of `data-frames` in `selector`.
 */
export async function dragInCircles(
  page: Page,
  cdp: CDPSession,
  box: Box,
  selector: string,
  seconds: number,
  start?: { x: number; y: number },
): Promise<PanTiming> {
  const radius = Math.min(box.width, box.height) / 4
  // The drag starts at `start`, when given, and circles round a centre `radius` to its left.
  const centre = start === undefined ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : { x: start.x - radius, y: start.y }
  const at = (elapsedMs: number) => {
    const angle = (2 * Math.PI * elapsedMs) / TURN_MS
    return { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) }
  }
  const mouse = (type: 'mousePressed' | 'mouseMoved' | 'mouseReleased', point: { x: number; y: number }) =>
    cdp.send('Input.dispatchMouseEvent', { type, ...point, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: 1 })

  // A string, because tsx's transform would wrap a named function here in a helper that
  // exists only in Node.
  await page.evaluate(`{
    const recorder = { frames: [], renders: [], running: true }
    const tick = (time) => {
      recorder.frames.push(time)
      if (recorder.running) requestAnimationFrame(tick)
    }
    const observer = new MutationObserver(() => {
      if (recorder.running) recorder.renders.push(performance.now())
    })
    observer.observe(document.querySelector(${JSON.stringify(selector)}), { attributeFilter: ['data-frames'] })
    recorder.observer = observer
    requestAnimationFrame(tick)
    window.frameRecorder = recorder
  }`)

  await mouse('mousePressed', at(0))
  const pending: Promise<unknown>[] = []
  const started = performance.now()
  let moves = 0
  while (performance.now() - started < seconds * 1000) {
    pending.push(mouse('mouseMoved', at(performance.now() - started)))
    moves += 1
    await new Promise((resolve) => setTimeout(resolve, MOVE_INTERVAL_MS))
  }
  const { frames, renders } = (await page.evaluate(`{
    const recorder = window.frameRecorder
    recorder.running = false
    recorder.observer.disconnect()
    ;({ frames: recorder.frames, renders: recorder.renders })
  }`)) as { frames: number[]; renders: number[] }
  const elapsed = (performance.now() - started) / 1000
  await Promise.all(pending)
  await mouse('mouseReleased', at(performance.now() - started))

  return { seconds: elapsed, frameIntervalsMs: intervals(frames), renderIntervalsMs: intervals(renders), renders: renders.length, moves }
}

function intervals(times: number[]): number[] {
  return times.slice(1).map((time, index) => time - (times[index] ?? time))
}

/**
 * Finds the viewer's Sigma renderer through the DevTools protocol: Sigma's mouse captor
 * listens on the `.sigma-mouse` layer with handlers bound to itself, and keeps the renderer
 * as `renderer`. Returns a remote object id for `Runtime.callFunctionOn`.
 */
export async function findSigmaRenderer(cdp: CDPSession, containerSelector: string): Promise<string> {
  const selector = `${containerSelector} .sigma-mouse`
  const { root } = (await cdp.send('DOM.getDocument', { depth: 0 })) as { root: { nodeId: number } }
  const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })) as { nodeId: number }
  if (nodeId === 0) throw new Error(`No element matches ${selector}: the viewer did not create its Sigma renderer`)
  // Chromium lists the listeners' handler functions only for an object in a named group.
  const { object } = (await cdp.send('DOM.resolveNode', { nodeId, objectGroup: 'viewer-bench' })) as {
    object: { objectId?: string }
  }
  const { listeners } = (await cdp.send('DOMDebugger.getEventListeners', { objectId: object.objectId ?? '' })) as {
    listeners: { type: string; originalHandler?: { objectId?: string } }[]
  }
  // `handler` is the target of a bound function, `originalHandler` the bound function itself.
  const handler = listeners.find((listener) => listener.type === 'mousedown')?.originalHandler?.objectId
  if (handler === undefined) {
    const types = listeners.map((listener) => listener.type).join(', ') || 'none'
    throw new Error(`${selector} has no mousedown listener, only: ${types}`)
  }

  const { internalProperties } = (await cdp.send('Runtime.getProperties', { objectId: handler, ownProperties: true })) as {
    internalProperties?: { name: string; value?: { objectId?: string } }[]
  }
  const captor = internalProperties?.find((property) => property.name === '[[BoundThis]]')?.value?.objectId
  if (captor === undefined) throw new Error(`The mousedown listener of ${selector} is not a bound method of Sigma's mouse captor`)
  const { result } = (await cdp.send('Runtime.callFunctionOn', {
    objectId: captor,
    functionDeclaration: 'function () { return this.renderer }',
  })) as { result: { objectId?: string } }
  if (result.objectId === undefined) throw new Error(`Sigma's mouse captor on ${selector} has no renderer`)
  return result.objectId
}

/**
 * Returns each node's position in the graph that the Sigma renderer draws, with y
 * pointing down as on screen and in Cytoscape.js, and the camera's state.
 */
export async function sigmaPositions(cdp: CDPSession, renderer: string) {
  const { result } = (await cdp.send('Runtime.callFunctionOn', {
    objectId: renderer,
    returnByValue: true,
    functionDeclaration: `function () {
      const positions = {}
      this.getGraph().forEachNode((key, attributes) => { positions[key] = [attributes.x, -attributes.y] })
      return positions
    }`,
  })) as { result: { value: Record<string, [number, number]> } }
  return result.value
}

/**
 * Returns the point of the Sigma container, in pixels from its top left corner, farthest
 * from every drawn node's centre on an 8-pixel grid, or null when none is `clearance` pixels
 * clear. A drag that starts there pans the camera; one that starts on a node moves the node.
 */
export async function emptyViewportPoint(cdp: CDPSession, renderer: string, clearance: number) {
  const { result } = (await cdp.send('Runtime.callFunctionOn', {
    objectId: renderer,
    returnByValue: true,
    arguments: [{ value: clearance }],
    functionDeclaration: `function (clearance) {
      const { width, height } = this.getDimensions()
      const step = 8
      const columns = Math.ceil(width / step)
      const rows = Math.ceil(height / step)
      // Distance from each grid point to its nearest node, filled node by node within reach.
      const nearest = new Float64Array(columns * rows).fill(Infinity)
      const reach = Math.ceil(clearance / step) + 1
      this.getGraph().forEachNode((key) => {
        const data = this.getNodeDisplayData(key)
        if (data === undefined || data.hidden) return
        const point = this.framedGraphToViewport(data)
        const column = Math.round(point.x / step)
        const row = Math.round(point.y / step)
        for (let c = Math.max(0, column - reach); c <= Math.min(columns - 1, column + reach); c += 1) {
          for (let r = Math.max(0, row - reach); r <= Math.min(rows - 1, row + reach); r += 1) {
            const distance = Math.hypot(c * step - point.x, r * step - point.y)
            if (distance < nearest[r * columns + c]) nearest[r * columns + c] = distance
          }
        }
      })
      let best = null
      for (let c = 1; c < columns - 1; c += 1) {
        for (let r = 1; r < rows - 1; r += 1) {
          const distance = nearest[r * columns + c]
          if (distance < clearance) continue
          const offCentre = Math.hypot(c * step - width / 2, r * step - height / 2)
          if (best === null || offCentre < best.offCentre) best = { x: c * step, y: r * step, offCentre }
        }
      }
      return best === null ? null : { x: best.x, y: best.y }
    }`,
  })) as { result: { value: { x: number; y: number } | null } }
  return result.value
}

/** Returns the camera state of the Sigma renderer: x, y, ratio and angle. */
export async function sigmaCamera(cdp: CDPSession, renderer: string): Promise<Record<string, number>> {
  const { result } = (await cdp.send('Runtime.callFunctionOn', {
    objectId: renderer,
    returnByValue: true,
    functionDeclaration: 'function () { return this.getCamera().getState() }',
  })) as { result: { value: Record<string, number> } }
  return result.value
}
