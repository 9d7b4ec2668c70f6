/**
 * Actions of the detail panel beyond the general ones: expanding a node along the
 * relationships of one type only.
 */
import type { ApiClient, GraphPayload } from './api.js'
import { plural } from './appearance.js'
import { displayName, type MergeResult, type NetworkGraph } from './network.js'
import type { StatusBar } from './status-bar.js'

/** Neighbours fetched at most per typed expansion, as for a plain expansion. */
export const TYPED_NEIGHBOURHOOD_LIMIT = 200

export interface DetailControllerParts {
  api: ApiClient
  graph: NetworkGraph
  status: StatusBar
  /** Merges the payload around the anchor as one undoable step named after the expansion. */
  mergeExpansion(payload: GraphPayload, anchor: string, name: string): MergeResult
  reportFailure(action: string, error: unknown): void
}

export function createDetailController(parts: DetailControllerParts) {
  const { api, graph, status } = parts

  return {
    /** Adds the neighbours linked to `key` by relationships of `type`, and those relationships. */
    async expandType(key: string, type: string): Promise<void> {
      const name = displayName(graph, key)
      status.notify('info', `Expanding ${type} of ${name}…`)

      try {
        const response = await api.neighbourhoodOfTypes(key, [type], TYPED_NEIGHBOURHOOD_LIMIT)
        const merged = parts.mergeExpansion(response.graph, key, `${type} of ${name}`)

        let text =
          merged.addedNodes.length === 0 && merged.addedEdges === 0
            ? `${name} has no ${type} neighbours that are not already shown.`
            : `Added ${plural(merged.addedNodes.length, 'node')} and ${plural(merged.addedEdges, 'relationship')} of type ${type} around ${name}.`
        if (response.truncated) text += ` The service returned only the first ${TYPED_NEIGHBOURHOOD_LIMIT} neighbours.`
        status.notify('info', text)
      } catch (error) {
        parts.reportFailure(`Expanding ${type} of ${name}`, error)
      }
    },
  }
}
