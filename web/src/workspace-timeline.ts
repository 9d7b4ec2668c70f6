/**
 * The workspace timeline: two sliders over the days on which something in the graph on
 * screen is dated (transfer dates, membership and other spans, notice issue dates). A Play
 * button moves the last day forward, so the network grows in time. It sets the
 * store's `timeRange`; the renderer hides what falls outside, and the map and the charts
 * count only what falls inside. "Show all" sets the range back to null.
 */
import './workspace-timeline.css'

import { plural } from './appearance.js'
import { dayOf, isDatedInside } from './dates.js'
import { createElement } from './dom.js'
import type { DateRange } from './money-view.js'
import type { NetworkGraph } from './network.js'
import type { Store } from './state.js'

/** Frames per second of playback, and how long one pass over all the stops takes at each speed. */
const PLAY_FPS = 10
const PLAY_SECONDS = { slow: 30, normal: 12, fast: 4 } as const
type Speed = keyof typeof PLAY_SECONDS

export function createWorkspaceTimeline(root: HTMLElement, graph: NetworkGraph, store: Store) {
  let stops: string[] = []
  let datedCount = 0
  let timer: ReturnType<typeof setInterval> | null = null

  const startSlider = slider('workspace-timeline-start', 'First day shown')
  const endSlider = slider('workspace-timeline-end', 'Last day shown')
  const summary = createElement('p', {
    className: 'timeline-summary',
    attributes: { id: 'workspace-timeline-summary', role: 'status', 'aria-live': 'polite' },
  })
  const playButton = createElement('button', {
    text: 'Play',
    attributes: { id: 'workspace-timeline-play', type: 'button', 'aria-pressed': 'false' },
  })
  const speedSelect = createElement('select', { attributes: { id: 'workspace-timeline-speed' } }, [
    createElement('option', { text: 'Slow', attributes: { value: 'slow' } }),
    createElement('option', { text: 'Normal', attributes: { value: 'normal', selected: '' } }),
    createElement('option', { text: 'Fast', attributes: { value: 'fast' } }),
  ])
  const showAllButton = createElement('button', {
    text: 'Show all dates',
    attributes: { id: 'workspace-timeline-all', type: 'button' },
  })
  const empty = createElement('p', {
    className: 'muted',
    text: 'Timeline: nothing on screen carries a date.',
    attributes: { id: 'workspace-timeline-empty' },
  })
  const controls = createElement('div', { className: 'timeline-controls' }, [
    labelled(startSlider, 'From'),
    labelled(endSlider, 'To'),
    playButton,
    createElement('label', { className: 'visually-hidden', text: 'Playback speed', attributes: { for: 'workspace-timeline-speed' } }),
    speedSelect,
    showAllButton,
  ])
  root.replaceChildren(empty, controls, summary)

  function setRange(range: DateRange | null): void {
    store.update({ timeRange: range })
  }

  function rangeFromSliders(moved: 'start' | 'end'): DateRange | null {
    let start = Number(startSlider.value)
    let end = Number(endSlider.value)
    // The slider being moved pushes the other one along rather than crossing it.
    if (start > end) {
      if (moved === 'start') end = start
      else start = end
    }
    const since = stops[start]
    const until = stops[end]
    return since === undefined || until === undefined ? null : { since, until }
  }

  function stop(): void {
    if (timer !== null) clearInterval(timer)
    timer = null
    playButton.textContent = 'Play'
    playButton.setAttribute('aria-pressed', 'false')
  }

  function play(): void {
    if (stops.length < 2) return
    let start = Number(startSlider.value)
    let end = Number(endSlider.value)
    // Playing from the end starts again from the first stop shown.
    if (end >= stops.length - 1) end = start
    if (start > end) start = end

    const speed = speedSelect.value as Speed
    const frames = Math.max(1, PLAY_SECONDS[speed] * PLAY_FPS)
    const step = Math.max(1, Math.ceil((stops.length - 1 - end) / frames))
    playButton.textContent = 'Pause'
    playButton.setAttribute('aria-pressed', 'true')

    const since = stops[start] ?? null
    timer = setInterval(() => {
      end = Math.min(stops.length - 1, end + step)
      const until = stops[end]
      if (since !== null && until !== undefined) setRange({ since, until })
      if (end >= stops.length - 1) stop()
    }, 1000 / PLAY_FPS)
  }

  startSlider.addEventListener('input', () => {
    stop()
    setRange(rangeFromSliders('start'))
  })
  endSlider.addEventListener('input', () => {
    stop()
    setRange(rangeFromSliders('end'))
  })
  playButton.addEventListener('click', () => (timer === null ? play() : stop()))
  showAllButton.addEventListener('click', () => {
    stop()
    setRange(null)
  })

  function render(range: DateRange | null): void {
    const last = Math.max(0, stops.length - 1)
    const start = range === null ? 0 : nearestStop(stops, range.since, 'after')
    const end = range === null ? last : nearestStop(stops, range.until, 'before')
    startSlider.value = String(start)
    endSlider.value = String(end)
    const since = range?.since ?? stops[0] ?? ''
    const until = range?.until ?? stops[last] ?? ''
    startSlider.setAttribute('aria-valuetext', since)
    endSlider.setAttribute('aria-valuetext', until)
    showAllButton.disabled = range === null

    if (stops.length === 0) {
      summary.textContent = ''
      return
    }
    const inside = range === null ? datedCount : countDatedInside(graph, range)
    const rangeText = range === null ? 'all dates' : `${range.since} to ${range.until}`
    summary.textContent =
      `Showing ${rangeText}: ${inside.toLocaleString('en')} of ${plural(datedCount, 'dated item')} ` +
      `(relationships and notices) fall inside; undated ones always show.`
  }

  // Counting what falls inside scans the whole graph, so it runs only when the range changes.
  let renderedRange: DateRange | null | undefined
  store.subscribe((state) => {
    if (state.timeRange === renderedRange) return
    renderedRange = state.timeRange
    render(state.timeRange)
  })

  return {
    /** Recollects the dates after the graph on screen changed, keeping the range chosen. */
    rebuild(): void {
      const collected = collectDates(graph)
      stops = collected.stops
      datedCount = collected.count
      for (const input of [startSlider, endSlider]) {
        input.max = String(Math.max(0, stops.length - 1))
        input.disabled = stops.length < 2
      }
      playButton.disabled = stops.length < 2
      empty.hidden = stops.length > 0
      controls.hidden = stops.length === 0

      const range = store.get().timeRange
      if (stops.length === 0 && range !== null) setRange(null)
      else render(range)
    },

    stop,
  }
}

/** Fields that date a relationship (a day, or a span with either end open) and a notice, as the renderer's filter reads them. */
const EDGE_DATE_FIELDS = ['date', 'since', 'until'] as const
const NOTICE_DATE_FIELDS = ['issuedAt'] as const

/** Collects the distinct days, ascending, on which something in the graph is dated, and counts the dated items. */
function collectDates(graph: NetworkGraph): { stops: string[]; count: number } {
  const days = new Set<string>()
  let count = 0

  function collect(attributes: Readonly<Record<string, unknown>>, fields: readonly string[]): void {
    const found = fields.map((field) => dayOf(attributes[field])).filter((day) => day !== null)
    if (found.length === 0) return
    count += 1
    for (const day of found) days.add(day)
  }

  graph.forEachEdge((_key, attributes) => collect(attributes, EDGE_DATE_FIELDS))
  graph.forEachNode((_key, attributes) => {
    if (attributes.label === 'Notice') collect(attributes, NOTICE_DATE_FIELDS)
  })

  return { stops: [...days].sort(), count }
}

function countDatedInside(graph: NetworkGraph, range: DateRange): number {
  let count = 0
  graph.forEachEdge((_key, attributes) => {
    if (isDated(attributes, EDGE_DATE_FIELDS) && isDatedInside(attributes, range)) count += 1
  })
  graph.forEachNode((_key, attributes) => {
    if (attributes.label === 'Notice' && isDated(attributes, NOTICE_DATE_FIELDS) && isDatedInside(attributes, range)) count += 1
  })
  return count
}

function isDated(attributes: Readonly<Record<string, unknown>>, fields: readonly string[]): boolean {
  return fields.some((field) => dayOf(attributes[field]) !== null)
}

/** Index of the first stop on or after `day` ('after'), or the last stop on or before it ('before'). */
function nearestStop(stops: string[], day: string, side: 'after' | 'before'): number {
  if (side === 'after') {
    const index = stops.findIndex((stop) => stop >= day)
    return index < 0 ? Math.max(0, stops.length - 1) : index
  }
  for (let index = stops.length - 1; index >= 0; index -= 1) {
    if ((stops[index] ?? '') <= day) return index
  }
  return 0
}

function slider(id: string, name: string): HTMLInputElement {
  return createElement('input', {
    attributes: { id, type: 'range', min: '0', max: '0', step: '1', value: '0', 'aria-label': name },
  })
}

function labelled(input: HTMLInputElement, text: string): HTMLElement {
  return createElement('span', { className: 'timeline-slider' }, [
    createElement('label', { text, attributes: { for: input.id, 'aria-hidden': 'true' } }),
    input,
  ])
}
