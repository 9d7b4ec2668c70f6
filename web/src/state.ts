/**
 * The viewer's state apart from the graph itself: what is selected, the path being traced,
 * how nodes are coloured and sized, and the money trail shown in money mode. Components subscribe and redraw from it, and the
 * renderer's reducers read it, so one `update` call keeps canvas and panels in step.
 */
import type { CentralityMeasure } from './api.js'
import type { CommunityColouring } from './appearance.js'
import type { DateRange, MoneyView } from './money-view.js'

export type ColourMode = 'label' | 'community'

export type SizeMode = 'uniform' | CentralityMeasure

export type PathOutcome =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'not-found'; maxHops: number }
  | {
      status: 'found'
      length: number
      /** Nodes and relationships highlighted: those of every path, or of the one at `highlightedIndex`. */
      nodes: string[]
      relationships: Set<string>
      paths: FoundPath[]
      /** Index in `paths` of the one path highlighted; null highlights them all. */
      highlightedIndex: number | null
      /** True when the service returned as many paths as were requested, so more may exist. */
      truncated: boolean
    }

export interface FoundPath {
  nodes: string[]
  relationships: string[]
}

export interface ViewerState {
  selected: string | null
  pathFrom: string | null
  pathTo: string | null
  path: PathOutcome
  colourMode: ColourMode
  /** Colours by node id, set once the communities have been fetched. */
  communities: CommunityColouring | null
  sizeMode: SizeMode
  /** Sizes by node id for the current `sizeMode`; null while nodes are drawn at one size. */
  nodeSizes: Map<string, number> | null
  /** The money trail on screen; null outside money mode. */
  money: MoneyView | null
  /**
   * The workspace timeline's range (first and last day, YYYY-MM-DD, inclusive); null shows
   * every date. Dated relationships and notices outside it are hidden, and the map counts
   * only what falls inside it.
   */
  timeRange: DateRange | null
  /** Nodes a disruption simulation removed: drawn greyed, with their relationships faded. */
  removedNodes: ReadonlySet<string> | null
  /** Nodes picked together with shift+click, `selected` among them; graph actions apply to these. */
  selection: ReadonlySet<string>
  /** Nodes the analyst hid; they stay in the graph until shown again. */
  hiddenNodes: ReadonlySet<string>
  /** Nodes the layout must not move. */
  pinnedNodes: ReadonlySet<string>
  /** Group nodes of the workspace by key, each with the keys of the nodes it stands for. */
  groups: ReadonlyMap<string, readonly string[]>
  /** Whether ForceAtlas2 is running in its worker. */
  layoutRunning: boolean
}

export const INITIAL_STATE: ViewerState = {
  selected: null,
  pathFrom: null,
  pathTo: null,
  path: { status: 'idle' },
  colourMode: 'label',
  communities: null,
  sizeMode: 'uniform',
  nodeSizes: null,
  money: null,
  timeRange: null,
  removedNodes: null,
  selection: new Set(),
  hiddenNodes: new Set(),
  pinnedNodes: new Set(),
  groups: new Map(),
  layoutRunning: false,
}

type Listener = (state: Readonly<ViewerState>) => void

export interface Store {
  get(): Readonly<ViewerState>
  update(patch: Partial<ViewerState>): void
  /** Calls `listener` after every update; the returned function stops that. */
  subscribe(listener: Listener): () => void
}

export function createStore(initial: ViewerState): Store {
  let state = initial
  const listeners: Listener[] = []

  return {
    get: () => state,

    update(patch) {
      state = { ...state, ...patch }
      for (const listener of listeners) listener(state)
    },

    subscribe(listener) {
      listeners.push(listener)
      return () => {
        const index = listeners.indexOf(listener)
        if (index >= 0) listeners.splice(index, 1)
      }
    },
  }
}
