/**
 * The "Open saved view" control: reads a JSON file chosen by the user, checks it, and only
 * then replaces the graph on screen with it.
 */
import { plural } from './appearance.js'
import { layoutFromScratch } from './layout.js'
import { mergePayload, type NetworkGraph } from './network.js'
import { SAVED_VIEW_LIMITS, SavedViewError, parseSavedView } from './saved-view.js'
import type { StatusBar } from './status-bar.js'

export interface OpenViewParts {
  input: HTMLInputElement
  graph: NetworkGraph
  status: StatusBar
  /** Leaves money mode, clears the selection and paths: whatever the old graph needed. */
  beforeReplace(): Promise<void>
  onGraphChanged(): void
  resetCamera(): void
  /** Starts ForceAtlas2 in its worker, for a graph too large to lay out before the first frame. */
  runLayout(): void
}

export function createOpenView(parts: OpenViewParts): void {
  const { input, graph, status } = parts

  input.addEventListener('change', () => {
    const file = input.files?.[0]
    if (file === undefined) return
    void open(file).finally(() => {
      // Choosing the same file again must fire another change event.
      input.value = ''
    })
  })

  async function open(file: File): Promise<void> {
    if (file.size > SAVED_VIEW_LIMITS.bytes) {
      const megabytes = SAVED_VIEW_LIMITS.bytes / 1024 / 1024
      status.notify('error', `Opening “${file.name}” failed: the file is larger than ${megabytes} MB.`)
      return
    }

    let view
    try {
      view = parseSavedView(await file.text())
    } catch (error) {
      const reason = error instanceof SavedViewError ? error.message : String(error)
      status.notify('error', `Opening “${file.name}” failed: ${reason} The graph on screen is unchanged.`)
      return
    }

    await parts.beforeReplace()
    const previous = graph.export()
    graph.clear()
    try {
      mergePayload(graph, view.payload)
    } catch (error) {
      // NOTE: the file passed every check above, so this is a case they miss; the old graph comes back.
      graph.clear()
      graph.import(previous)
      parts.onGraphChanged()
      status.notify('error', `Opening “${file.name}” failed: ${String(error)} The graph on screen is unchanged.`)
      return
    }
    if (view.positionProblem === null) {
      for (const node of view.payload.nodes) {
        graph.mergeNodeAttributes(node.key, { x: Number(node.attributes?.x), y: Number(node.attributes?.y) })
      }
    }
    // The graph was just cleared, so nothing is pinned or hidden yet.
    const refine = view.positionProblem !== null && layoutFromScratch(graph, { pinned: new Set(), hidden: new Set() })
    parts.onGraphChanged()
    parts.resetCamera()
    if (refine) parts.runLayout()

    let text = `Opened “${file.name}”: ${plural(graph.order, 'node')} and ${plural(graph.size, 'relationship')}.`
    if (graph.order === 0) text = `Opened “${file.name}”: the saved view is empty, so there is nothing to draw.`
    else if (view.positionProblem !== null) text += ` The layout was computed again because ${view.positionProblem}.`
    status.notify('info', text)
  }
}
