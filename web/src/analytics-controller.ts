/**
 * Analytics actions: the top members by the measure nodes are sized by, and the disruption
 * simulation whose removed members are greyed on the canvas until "Restore". A simulation
 * too long for one request runs as a background job, polled until it ends.
 */
import {
  ApiError,
  type ApiClient,
  type CentralityMeasure,
  type CentralityResponse,
  type DisruptionRequest,
  type DisruptionResponse,
} from './api.js'
import { plural } from './appearance.js'
import { displayName, type NetworkGraph } from './network.js'
import type { ColourMode, SizeMode, Store, ViewerState } from './state.js'

/** Members listed in the top list. */
export const TOP_COUNT = 10

/** How often a background simulation's progress is read, in milliseconds. */
const JOB_POLL_MS = 1000

export type TopView =
  | { status: 'idle' }
  | { status: 'loading'; measure: CentralityMeasure }
  | { status: 'done'; response: CentralityResponse }
  | { status: 'failed'; measure: CentralityMeasure; message: string }

export type DisruptionView =
  | { status: 'idle' }
  /** `progress` describes a background job's progress; null while the simulation runs within the request. */
  | { status: 'running'; request: DisruptionRequest; progress: string | null }
  | { status: 'done'; request: DisruptionRequest; result: DisruptionResponse; names: ReadonlyMap<string, string> }
  | { status: 'failed'; message: string }

export interface AnalyticsView {
  top: TopView
  disruption: DisruptionView
}

export interface AnalyticsControllerParts {
  api: ApiClient
  graph: NetworkGraph
  store: Store
  /** Sizes nodes by a measure; the general controller fetches the scores and updates the store. */
  setSizeMode(mode: SizeMode): Promise<void>
  setColourMode(mode: ColourMode): Promise<void>
  /** Redraws the panel from the view and the viewer state. */
  render(view: AnalyticsView, state: Readonly<ViewerState>): void
  onUnauthorized(error: ApiError): void
}

export function createAnalyticsController(parts: AnalyticsControllerParts) {
  const { api, graph, store } = parts
  let view: AnalyticsView = { top: { status: 'idle' }, disruption: { status: 'idle' } }
  // The measure of the last top list requested, so that a later request wins.
  let topMeasure: SizeMode = 'uniform'
  let simulation = 0
  let runningJob: string | null = null

  function show(patch: Partial<AnalyticsView>): void {
    view = { ...view, ...patch }
    parts.render(view, store.get())
  }

  function describe(action: string, error: unknown): string | null {
    if (error instanceof ApiError && error.status === 401) {
      parts.onUnauthorized(error)
      return null
    }
    return `${action} failed: ${error instanceof Error ? error.message : String(error)}`
  }

  async function loadTop(measure: SizeMode): Promise<void> {
    topMeasure = measure
    if (measure === 'uniform') {
      show({ top: { status: 'idle' } })
      return
    }

    show({ top: { status: 'loading', measure } })
    try {
      const response = await api.centrality(measure, TOP_COUNT)
      if (topMeasure === measure) show({ top: { status: 'done', response } })
    } catch (error) {
      const message = describe('Ranking the members', error)
      if (topMeasure === measure && message !== null) show({ top: { status: 'failed', measure, message } })
    }
  }

  function cancelRunningJob(): void {
    if (runningJob === null) return
    // A job that already ended cannot be cancelled, and that is not worth reporting.
    void api.cancelJob(runningJob).catch(() => undefined)
    runningJob = null
  }

  /** Runs the simulation as a background job and returns its result, or null when a newer action replaced it. */
  async function runAsJob(request: DisruptionRequest, current: number): Promise<DisruptionResponse | null> {
    let job = await api.startDisruptionJob(request)
    runningJob = job.id

    while (job.status === 'queued' || job.status === 'running') {
      if (current !== simulation) return null
      const done = job.progress === null ? '' : ` ${job.progress.done} of ${plural(job.progress.total, 'removal')} done.`
      const progress = `Too long to answer at once, so it runs as a background job (${job.status}).${done}`
      show({ disruption: { status: 'running', request, progress } })

      await new Promise((resolve) => window.setTimeout(resolve, JOB_POLL_MS))
      if (current !== simulation) return null
      job = await api.job<DisruptionResponse>(job.id)
    }

    runningJob = null
    if (job.status === 'succeeded' && job.result !== null) return job.result
    throw new Error(job.error?.message ?? `the background job ended as ${job.status}`)
  }

  /** Returns the names of the removed members: from the graph when shown, else fetched, else the id. */
  async function namesOf(ids: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>()
    const missing: string[] = []
    for (const id of ids) {
      if (graph.hasNode(id)) names.set(id, displayName(graph, id))
      else missing.push(id)
    }

    const fetched = await Promise.allSettled(missing.map((id) => api.entity(id)))
    fetched.forEach((outcome, index) => {
      const id = missing[index] ?? ''
      names.set(id, outcome.status === 'fulfilled' ? outcome.value.name : id)
    })
    return names
  }

  store.subscribe((state) => {
    // The toolbar's "Size by" select changes the measure too; the top list follows it.
    if (state.sizeMode !== topMeasure) void loadTop(state.sizeMode)
    // Signing out resets the store, which clears the removed members, so the curve is dropped too.
    if (state.removedNodes === null && view.disruption.status === 'done') {
      view = { ...view, disruption: { status: 'idle' } }
    }
    parts.render(view, state)
  })

  return {
    view: () => view,

    /** Sizes nodes by `mode` and lists the top members by it. */
    async setMeasure(mode: SizeMode): Promise<void> {
      await parts.setSizeMode(mode)
      if (store.get().sizeMode === mode && topMeasure !== mode) await loadTop(mode)
    },

    async setColourByCommunity(on: boolean): Promise<void> {
      await parts.setColourMode(on ? 'community' : 'label')
      parts.render(view, store.get())
    },

    /** Runs the arrest simulation and greys the removed members. */
    async simulate(request: DisruptionRequest): Promise<void> {
      simulation += 1
      cancelRunningJob()
      const current = simulation
      show({ disruption: { status: 'running', request, progress: null } })

      let result: DisruptionResponse | null
      let names: Map<string, string>
      try {
        try {
          result = await api.disruption(request)
        } catch (error) {
          // The service rejects work above its per-request limit and points to POST /api/jobs.
          const tooLong = error instanceof ApiError && error.status === 400 && error.detail.includes('POST /api/jobs')
          if (!tooLong) throw error
          result = await runAsJob(request, current)
        }
        if (result === null) return
        names = await namesOf(result.steps.flatMap((step) => step.removed))
      } catch (error) {
        const message = describe('The disruption simulation', error)
        if (current === simulation && message !== null) show({ disruption: { status: 'failed', message } })
        return
      }
      if (current !== simulation) return

      const removed = new Set(result.steps.flatMap((step) => step.removed))
      view = { ...view, disruption: { status: 'done', request, result, names } }
      store.update({ removedNodes: removed })
    },

    /** Clears the simulation: every member is drawn as before. */
    restore(): void {
      simulation += 1
      cancelRunningJob()
      view = { ...view, disruption: { status: 'idle' } }
      store.update({ removedNodes: null })
    },

    /** Forgets the lists and the curve, as after signing out. */
    reset(): void {
      simulation += 1
      cancelRunningJob()
      topMeasure = 'uniform'
      view = { top: { status: 'idle' }, disruption: { status: 'idle' } }
      parts.render(view, store.get())
    },
  }
}

export type AnalyticsController = ReturnType<typeof createAnalyticsController>
