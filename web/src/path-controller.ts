/**
 * Path actions: pick the two ends, search for the shortest path or all shortest paths
 * with the chosen relationship types and hop limit, merge what comes back into the graph,
 * and highlight every path found or one of them.
 */
import type { ApiClient, GraphPayload, ShortestPathResponse } from './api.js'
import type { MergeResult, NetworkGraph } from './network.js'
import type { FoundPath, Store } from './state.js'

/** The hop limit the service accepts at most. */
export const MAX_PATH_HOPS = 10
export const DEFAULT_PATH_HOPS = 6
/** Paths requested at most in "all shortest paths" mode; the service allows 100. */
export const PATH_LIMIT = 25

/**
 * The relationship types a path may use: any, only the listed ones (sent as `types`), or
 * any but the listed ones (sent as `excludeTypes`).
 */
export type TypeFilter = 'any' | 'only' | 'except'

export interface PathOptions {
  all: boolean
  typeFilter: TypeFilter
  types: readonly string[]
  maxHops: number
}

export const DEFAULT_PATH_OPTIONS: PathOptions = {
  all: false,
  typeFilter: 'any',
  types: [],
  maxHops: DEFAULT_PATH_HOPS,
}

export interface PathControllerParts {
  api: ApiClient
  graph: NetworkGraph
  store: Store
  /** Merges the payload near the anchor as one undoable step named after the path. */
  mergeExpansion(payload: GraphPayload, anchor: string, name: string): MergeResult
  fit(keys: string[]): void
  reportFailure(action: string, error: unknown): void
}

export function createPathController(parts: PathControllerParts) {
  const { api, graph, store } = parts
  let options: PathOptions = DEFAULT_PATH_OPTIONS
  // Counts searches, so that a response arriving after a newer search started is dropped.
  let generation = 0

  async function findPath(): Promise<void> {
    const { pathFrom, pathTo } = store.get()
    if (pathFrom === null || pathTo === null || pathFrom === pathTo) return

    generation += 1
    const current = generation
    const searched = options
    store.update({ path: { status: 'searching' } })

    let response: ShortestPathResponse
    try {
      response = await api.paths({
        from: pathFrom,
        to: pathTo,
        maxHops: searched.maxHops,
        all: searched.all,
        types: searched.typeFilter === 'only' ? searched.types : [],
        excludeTypes: searched.typeFilter === 'except' ? searched.types : [],
        limit: searched.all ? PATH_LIMIT : 1,
      })
    } catch (error) {
      if (current !== generation) return
      store.update({ path: { status: 'idle' } })
      parts.reportFailure('Finding the shortest path', error)
      return
    }
    if (current !== generation) return

    parts.mergeExpansion(response.graph, pathFrom, 'the shortest paths')

    const paths: FoundPath[] = response.paths.map((path) => ({ nodes: path.nodes, relationships: path.relationships }))
    const first = response.paths[0]
    if (first === undefined) {
      store.update({ path: { status: 'not-found', maxHops: searched.maxHops } })
      return
    }

    const highlight = union(paths)
    store.update({
      path: {
        status: 'found',
        length: first.length,
        ...highlight,
        paths,
        highlightedIndex: null,
        truncated: searched.all && paths.length >= PATH_LIMIT,
      },
    })
    parts.fit(highlight.nodes)
  }

  return {
    findPath,

    /** Sets one end of the path and searches as soon as both ends are set. */
    async setPathEnd(end: 'from' | 'to', key: string): Promise<void> {
      const patch = end === 'from' ? { pathFrom: key } : { pathTo: key }
      store.update({ ...patch, path: { status: 'idle' } })
      await findPath()
    },

    clearPath(): void {
      generation += 1
      store.update({ pathFrom: null, pathTo: null, path: { status: 'idle' } })
    },

    options(): PathOptions {
      return options
    },

    /** Replaces the search options and searches again when both ends are set. */
    async setOptions(next: PathOptions): Promise<void> {
      options = next
      await findPath()
    },

    /** Highlights the path at `index` alone, or every path found when `index` is null. */
    showPath(index: number | null): void {
      const path = store.get().path
      if (path.status !== 'found') return

      const chosen = index === null ? undefined : path.paths[index]
      const highlight = chosen === undefined ? union(path.paths) : union([chosen])
      store.update({ path: { ...path, ...highlight, highlightedIndex: chosen === undefined ? null : index } })
      parts.fit(highlight.nodes)
    },
  }
}

export type PathController = ReturnType<typeof createPathController>

/** Returns the nodes (first seen first) and relationships of all the given paths. */
function union(paths: readonly FoundPath[]): { nodes: string[]; relationships: Set<string> } {
  const nodes = new Set<string>()
  const relationships = new Set<string>()
  for (const path of paths) {
    for (const node of path.nodes) nodes.add(node)
    for (const relationship of path.relationships) relationships.add(relationship)
  }
  return { nodes: [...nodes], relationships }
}
