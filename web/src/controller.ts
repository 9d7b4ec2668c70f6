/**
 * The viewer's actions on user input: load the overview, select, expand, trace a path,
 * colour and size nodes, and lay the graph out. Each action calls the API, merges what comes
 * back into the graph, and updates the state that the canvas and the panels draw from.
 * Expansions and layout runs are recorded as undoable steps (graph-edits.ts).
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
import { createGraphEdits } from './graph-edits.js'
import { capturePositions, layoutFromScratch, placeNewNodes, type LayoutConstraints } from './layout.js'
import { WORKER_ITERATIONS, createLayoutRunner } from './layout-worker.js'
import { displayName, mergePayload, type MergeResult, type NetworkGraph } from './network.js'
import { INITIAL_STATE, type ColourMode, type SizeMode, type Store } from './state.js'
import type { StatusBar } from './status-bar.js'
import { layoutTrail, placeInColumns } from './trail-layout.js'

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
  /** The graph canvas's smaller side in pixels, for sizing nodes during overlap removal. */
  pixelsAcross(): number
  /** Whether the analyst is panning the graph, during which the layout shows no new positions. */
  isPanning(): boolean
}

export function createController(parts: ControllerParts) {
  const { api, graph, store, status, detail } = parts
  const sizeCache = new Map<CentralityMeasure, Map<string, number>>()
  let requestedSizeMode: SizeMode = 'uniform'
  const edits = createGraphEdits({ graph, store })
  const layout = createLayoutRunner({
    graph,
    store,
    pixelsAcross: parts.pixelsAcross,
    isPanning: parts.isPanning,
    onSettled: (before, after, recorded) => {
      if (recorded) edits.recordMove('Run the layout', before, after)
      parts.onGraphChanged()
    },
  })

  // A new graph (overview, money trail, sign-out) starts with no edits, groups or pins.
  graph.on('cleared', () => {
    edits.reset()
    store.update({
      selection: new Set(),
      hiddenNodes: new Set(),
      pinnedNodes: new Set(),
      groups: new Map(),
      removedNodes: null,
    })
  })

  // The detail panel follows the selected node out of view when it is hidden, grouped or removed.
  let shownInPanel: string | null = null
  store.subscribe((state) => {
    if (shownInPanel !== null && state.selected === null) detail.hide()
    shownInPanel = state.selected
  })

  function constraints(): LayoutConstraints {
    const state = store.get()
    const hidden = new Set(state.hiddenNodes)
    for (const members of state.groups.values()) for (const member of members) hidden.add(member)
    return { pinned: state.pinnedNodes, hidden }
  }

  /** Starts the worker after the next frame, so that the seeded picture shows first. */
  function refineAfterFirstFrame(iterations: number): void {
    requestAnimationFrame(() => setTimeout(() => layout.start(iterations, false), 0))
  }

  function fail(action: string, error: unknown): void {
    if (error instanceof ApiError && error.status === 401) {
      parts.onUnauthorized(error)
      return
    }
    status.notify('error', `${action} failed: ${describeError(error)}`)
  }

  function merge(payload: GraphPayload, anchor: string | null): MergeResult {
    const merged = mergePayload(graph, payload)
    // Money mode keeps its columns: new nodes go into the column next to their neighbour.
    const money = store.get().money
    if (money !== null) placeInColumns(graph, merged.addedNodes, anchor, money.trace.direction)
    else if (placeNewNodes(graph, merged.addedNodes, anchor, constraints())) refineAfterFirstFrame(WORKER_ITERATIONS)
    edits.graphChanged()
    parts.onGraphChanged()
    return merged
  }

  /** Merges a payload around `anchor` as one step that undo takes back, described by `name`. */
  function mergeExpansion(payload: GraphPayload, anchor: string | null, name: string): MergeResult {
    const before = capturePositions(graph)
    const merged = merge(payload, anchor)
    edits.recordExpand(name, merged.addedNodes, merged.addedEdgeKeys, before)
    return merged
  }

  /**
   * Selects a node and shows its details, or clears the selection when `key` is null. With
   * `additive` (shift+click) the node joins the selection, or leaves it when it was in it.
   */
  async function select(key: string | null, additive = false): Promise<void> {
    const current = store.get()
    if (additive && key !== null) {
      const selection = new Set(current.selection)
      if (selection.has(key)) {
        selection.delete(key)
        store.update({ selection, selected: current.selected === key ? null : current.selected })
        return
      }
      selection.add(key)
      store.update({ selection, selected: key })
    } else {
      store.update({ selected: key, selection: key === null ? new Set() : new Set([key]) })
    }

    if (key === null || !graph.hasNode(key)) {
      detail.hide()
      return
    }
    if (edits.isGroup(key)) {
      detail.hide()
      const members = store.get().groups.get(key)?.length ?? 0
      status.notify('info', `${displayName(graph, key)}. This group stands for ${plural(members, 'node')}: double-click it or press Ungroup to show them.`)
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
    edits,
    layout,

    /** Runs the layout from the toolbar: ForceAtlas2 in the worker, or the trail's columns in money mode. */
    runLayout(): void {
      const money = store.get().money
      if (money === null) {
        if (!layout.start()) status.notify('info', 'There are fewer than two visible nodes to lay out.')
        return
      }
      const before = capturePositions(graph)
      layoutTrail(graph, money.trace.direction, money.trace.from)
      for (const key of store.get().pinnedNodes) {
        const point = before.get(key)
        if (point !== undefined) graph.mergeNodeAttributes(key, { x: point.x, y: point.y })
      }
      edits.recordMove('Lay out the trail in columns', before, capturePositions(graph))
    },

    /** Reports a failed action in the status bar, or signs out when the token was rejected. */
    reportFailure: fail,

    /** Forgets everything shown, as after signing out. */
    reset(): void {
      layout.cancel()
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
        // The benchmark times the first frame from here.
        performance.mark('millennium:graph-received')
        graph.clear()
        mergePayload(graph, response.graph)
        if (layoutFromScratch(graph, constraints())) refineAfterFirstFrame(WORKER_ITERATIONS)
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

    mergeExpansion,

    async expand(key: string): Promise<void> {
      const name = displayName(graph, key)
      if (edits.isGroup(key)) {
        status.notify('info', `${name} is a group: ungroup it to expand its members.`)
        return
      }
      status.notify('info', `Expanding ${name}…`)

      try {
        const response = await api.neighbourhood(key, 1, NEIGHBOURHOOD_LIMIT)
        const merged = mergeExpansion(response.graph, key, name)
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
