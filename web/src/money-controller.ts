/**
 * Money mode's actions: trace a trail and load it in place of the graph on screen, highlight
 * a ranked path, narrow the timeline, and go back to the overview.
 */
import { ApiError, type ApiClient, type TraceQuery, type TraceResponse } from './api.js'
import { plural } from './appearance.js'
import type { DetailPanel } from './detail-panel.js'
import { createMoneyView, groupThousands, withHighlight, withRange, type DateRange } from './money-view.js'
import { mergePayload, type NetworkGraph } from './network.js'
import type { Store } from './state.js'
import type { StatusBar } from './status-bar.js'
import { layoutTrail } from './trail-layout.js'

export interface MoneyControllerParts {
  api: ApiClient
  graph: NetworkGraph
  store: Store
  status: StatusBar
  detail: DetailPanel
  /** Redraws what depends on the graph's content: counts, legend, path names. */
  onGraphChanged(): void
  resetCamera(): void
  reportFailure(action: string, error: unknown): void
  loadOverview(): Promise<void>
}

export function createMoneyController(parts: MoneyControllerParts) {
  const { api, graph, store, status } = parts
  // Only the latest trace request may replace the graph, however the responses arrive.
  let latestRequest = 0

  return {
    async trace(query: TraceQuery, name: string): Promise<void> {
      latestRequest += 1
      const request = latestRequest
      const towards = query.direction === 'out' ? 'from' : 'into'
      status.notify('info', `Tracing money ${towards} ${name}…`)

      let trace: TraceResponse
      try {
        trace = await api.trace(query)
      } catch (error) {
        if (request === latestRequest || (error instanceof ApiError && error.status === 401)) {
          parts.reportFailure(`Tracing money ${towards} ${name}`, error)
        }
        return
      }
      if (request !== latestRequest) return

      graph.clear()
      mergePayload(graph, trace.graph)
      layoutTrail(graph, trace.direction, trace.from)
      parts.detail.hide()
      store.update({
        selected: null,
        pathFrom: null,
        pathTo: null,
        path: { status: 'idle' },
        money: createMoneyView(graph, trace, query),
      })
      parts.onGraphChanged()
      parts.resetCamera()
      status.notify('info', summarise(trace, name))
    },

    /** Highlights ranked path `index`, or removes the highlight when `index` is null. */
    highlightPath(index: number | null): void {
      const money = store.get().money
      if (money === null) return
      store.update({ money: withHighlight(money, index) })
    },

    setRange(range: DateRange): void {
      const money = store.get().money
      if (money === null) return
      store.update({ money: withRange(graph, money, range) })
    },

    /** Leaves money mode and loads the overview again. */
    async leave(): Promise<void> {
      latestRequest += 1
      store.update({ money: null, selected: null })
      parts.detail.hide()
      await parts.loadOverview()
    },
  }
}

export type MoneyController = ReturnType<typeof createMoneyController>

function summarise(trace: TraceResponse, name: string): string {
  if (trace.counts.transfers === 0) {
    const way = trace.direction === 'out' ? 'leaves' : 'reaches'
    return `No transfer ${way} ${name} within these limits.`
  }
  const total = trace.total === null ? 'nothing' : `${groupThousands(trace.total)} ${trace.currency ?? ''}`.trim()
  return (
    `Traced ${plural(trace.counts.transfers, 'transfer')} among ${plural(trace.counts.nodes, 'node')}: ` +
    `${total} attributed to ${plural(trace.endpoints.length, 'endpoint')}.`
  )
}
