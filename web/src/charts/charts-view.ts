/**
 * The Charts view: notices and diffusions by colour and kind, transfers over time, and the
 * top members by a centrality measure. Each chart fetches its data when the tab opens, so
 * the view shows what the database contains now, and redraws when the window is resized.
 */
import './charts.css'

import { ApiError, requestJson, type ApiClient, type CentralityMeasure, type SeriesInterval, type StatsResponse, type TransferSeriesResponse } from '../api.js'
import { createElement } from '../dom.js'
import type { DateRange } from '../money-view.js'
import type { Store } from '../state.js'
import { createMembersChart, TOP_MEMBERS, type Member } from './members-chart.js'
import { createNoticesChart } from './notices-chart.js'
import { createTransfersChart } from './transfers-chart.js'

export interface ChartsViewOptions {
  api: ApiClient
  readToken: () => string | null
  store: Store
  /** Opens a member in the network view. */
  onOpenMember(member: Member): void
  /** Called when the service rejects the token, so that the workspace signs out. */
  onUnauthorized(error: ApiError): void
}

export function createChartsView(container: HTMLElement, options: ChartsViewOptions) {
  const notices = createNoticesChart()
  const transfers = createTransfersChart({ onIntervalChange: (interval) => void loadTransfers(interval) })
  const members = createMembersChart({
    onMeasureChange: (measure) => void loadMembers(measure),
    onOpen: (member) => options.onOpenMember(member),
  })
  container.replaceChildren(
    createElement('div', { className: 'charts' }, [notices.element, transfers.element, members.element]),
  )

  // Each load bumps its counter, so a slow response to an earlier request cannot overwrite a later one.
  const generation = { notices: 0, transfers: 0, members: 0 }
  let visible = false
  let range: DateRange | null = options.store.get().timeRange
  let interval: SeriesInterval = 'month'

  function describe(subject: string, error: unknown): string {
    if (error instanceof ApiError) {
      if (error.status === 401) options.onUnauthorized(error)
      if (error.status === 403) return `Your role may not see ${subject}: ${error.detail}`
      return `Could not load ${subject}: ${error.detail}`
    }
    return `Could not load ${subject}: ${String(error)}`
  }

  async function loadNotices(): Promise<void> {
    const current = ++generation.notices
    notices.showMessage('loading', 'Loading notices and diffusions…')
    try {
      const stats = await requestJson<StatsResponse>('/api/stats', { readToken: options.readToken })
      if (current === generation.notices) notices.render(stats.notices)
    } catch (error) {
      if (current === generation.notices) notices.showMessage('error', describe('the notice counts', error))
    }
  }

  async function loadTransfers(next: SeriesInterval = interval): Promise<void> {
    interval = next
    const current = ++generation.transfers
    transfers.showMessage('loading', 'Loading transfers…')
    try {
      const series = await requestJson<TransferSeriesResponse>('/api/stats/transfers', {
        query: { interval },
        readToken: options.readToken,
      })
      if (current !== generation.transfers) return
      transfers.setRange(range)
      transfers.render(series)
    } catch (error) {
      if (current === generation.transfers) transfers.showMessage('error', describe('the transfers', error))
    }
  }

  async function loadMembers(measure: CentralityMeasure = members.measure()): Promise<void> {
    const current = ++generation.members
    members.showMessage('loading', 'Ranking members…')
    try {
      const response = await options.api.centrality(measure, TOP_MEMBERS)
      if (current === generation.members) members.render(response)
    } catch (error) {
      if (current === generation.members) members.showMessage('error', describe('the member ranking', error))
    }
  }

  options.store.subscribe((state) => {
    if (state.timeRange === range) return
    range = state.timeRange
    transfers.setRange(range)
  })

  let frame = 0
  let lastWidth = 0
  new ResizeObserver(() => {
    const width = container.clientWidth
    if (!visible || width === lastWidth) return
    lastWidth = width
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(() => {
      notices.redraw()
      transfers.redraw()
      members.redraw()
    })
  }).observe(container)

  return {
    show(): void {
      visible = true
      lastWidth = container.clientWidth
      void loadNotices()
      void loadTransfers()
      void loadMembers()
    },

    hide(): void {
      visible = false
    },
  }
}
