/**
 * The viewer's actions on user input: load the overview, select, expand, trace a path,
 * colour and size nodes. Each action calls the API, merges what comes back into the
 * graph, and updates the state that the canvas and the panels draw from.
 */
import {
  ApiError,
  MEASURE_NAMES,
  type ApiClient,
  type CentralityMeasure,
  type GraphPayload,
  type SearchResult,
} from './api.js'
import { colourCommunities, plural, sizeByScore } from './appearance.js'
import type { DetailPanel } from './detail-panel.js'
import { layoutFromScratch, placeNewNodes } from './layout.js'
import { displayName, mergePayload, type MergeResult, type NetworkGraph } from './network.js'
import { INITIAL_STATE, type ColourMode, type SizeMode, type Store } from './state.js'
import type { StatusBar } from './status-bar.js'

const OVERVIEW_LIMIT = 300
const NEIGHBOURHOOD_LIMIT = 200
const CENTRALITY_LIMIT = 1000
/** Louvain is randomised; a fixed seed keeps community colours the same between visits. */
const LOUVAIN_SEED = 42

export interface ControllerParts {
  api: ApiClient
  graph: NetworkGraph
  store: Store
  status: StatusBar
  detail: DetailPanel
  /** Redraws what depends on the graph's content: counts, legend, path names. */
  onGraphChanged(): void
  focus(key: string): void
  fit(keys: string[]): void
  onUnauthorized(error: ApiError): void
}

export function createController(parts: ControllerParts) {
  const { api, graph, store, status, detail } = parts
  const sizeCache = new Map<CentralityMeasure, Map<string, number>>()
  let requestedSizeMode: SizeMode = 'uniform'

  function fail(action: string, error: unknown): void {
    if (error instanceof ApiError && error.status === 401) {
      parts.onUnauthorized(error)
      return
    }
    status.notify('error', `${action} failed: ${describeError(error)}`)
  }

  function merge(payload: GraphPayload, anchor: string | null): MergeResult {
    const merged = mergePayload(graph, payload)
    placeNewNodes(graph, merged.addedNodes, anchor)
    parts.onGraphChanged()
    return merged
  }

  async function select(key: string | null): Promise<void> {
    store.update({ selected: key })
    if (key === null || !graph.hasNode(key)) {
      detail.hide()
      return
    }

    const name = displayName(graph, key)
    const label = graph.getNodeAttribute(key, 'label')
    detail.showLoading(key, name, label)

    try {
      const entity = await api.entity(key)
      if (store.get().selected === key) detail.showEntity(entity)
    } catch (error) {
      if (store.get().selected !== key) return
      if (error instanceof ApiError && error.status === 401) parts.onUnauthorized(error)
      else detail.showFailure(key, name, label, `Loading the details failed: ${describeError(error)}`)
    }
  }

  return {
    select,

    /** Reports a failed action in the status bar, or signs out when the token was rejected. */
    reportFailure: fail,

    /** Forgets everything shown, as after signing out. */
    reset(): void {
      graph.clear()
      sizeCache.clear()
      requestedSizeMode = 'uniform'
      detail.hide()
      status.clear()
      store.update(INITIAL_STATE)
      parts.onGraphChanged()
    },

    async loadOverview(): Promise<void> {
      status.notify('info', 'Loading the overview…')
      try {
        const response = await api.overview(OVERVIEW_LIMIT)
        graph.clear()
        mergePayload(graph, response.graph)
        layoutFromScratch(graph)
        parts.onGraphChanged()

        if (graph.order === 0) {
          status.notify('info', 'The overview is empty: the service returned no entities that this token may see.')
        } else if (response.truncated) {
          const text = `Showing the ${OVERVIEW_LIMIT} most connected entities. Search or expand nodes to see more.`
          status.notify('info', text)
        } else {
          status.clear()
        }
      } catch (error) {
        fail('Loading the overview', error)
      }
    },

    async expand(key: string): Promise<void> {
      const name = displayName(graph, key)
      status.notify('info', `Expanding ${name}…`)

      try {
        const response = await api.neighbourhood(key, 1, NEIGHBOURHOOD_LIMIT)
        const merged = merge(response.graph, key)
        let text =
          merged.addedNodes.length === 0 && merged.addedEdges === 0
            ? `${name} has no neighbours that are not already shown.`
            : `Added ${plural(merged.addedNodes.length, 'node')} and ${plural(merged.addedEdges, 'relationship')} around ${name}.`
        if (response.truncated) text += ` The service returned only the first ${NEIGHBOURHOOD_LIMIT} neighbours.`
        status.notify('info', text)
      } catch (error) {
        fail(`Expanding ${name}`, error)
      }
    },

    /** Shows a search result, first fetching its neighbourhood when it is not on screen. */
    async openSearchResult(result: SearchResult): Promise<void> {
      if (!graph.hasNode(result.id)) {
        status.notify('info', `Loading ${result.name}…`)
        try {
          const response = await api.neighbourhood(result.id, 1, NEIGHBOURHOOD_LIMIT)
          merge(response.graph, null)
        } catch (error) {
          fail(`Loading ${result.name}`, error)
          return
        }
        if (!graph.hasNode(result.id)) {
          status.notify('error', `The service returned a neighbourhood without ${result.name} (id ${result.id}).`)
          return
        }
        status.clear()
      }

      parts.focus(result.id)
      await select(result.id)
    },

    async setColourMode(mode: ColourMode): Promise<void> {
      if (mode === 'community' && store.get().communities === null) {
        status.notify('info', 'Detecting communities with Louvain…')
        try {
          const response = await api.communities(LOUVAIN_SEED)
          store.update({ communities: colourCommunities(response) })
          const modularity = response.modularity.toFixed(3)
          status.notify('info', `Louvain found ${plural(response.communities.length, 'community', 'communities')} (modularity ${modularity}).`)
        } catch (error) {
          fail('Detecting communities', error)
          return
        }
      }
      store.update({ colourMode: mode })
    },

    async setSizeMode(mode: SizeMode): Promise<void> {
      requestedSizeMode = mode
      if (mode === 'uniform') {
        store.update({ sizeMode: mode, nodeSizes: null })
        return
      }

      let sizes = sizeCache.get(mode)
      if (sizes === undefined) {
        status.notify('info', `Computing ${MEASURE_NAMES[mode]}…`)
        try {
          sizes = sizeByScore(await api.centrality(mode, CENTRALITY_LIMIT))
        } catch (error) {
          fail(`Computing ${MEASURE_NAMES[mode]}`, error)
          return
        }
        sizeCache.set(mode, sizes)
        status.clear()
      }

      // A later choice made while this one was loading wins.
      if (requestedSizeMode === mode) store.update({ sizeMode: mode, nodeSizes: sizes })
    },
  }
}

export type Controller = ReturnType<typeof createController>

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
