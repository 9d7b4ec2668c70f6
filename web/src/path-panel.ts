/**
 * The path panel: the two endpoints the user picked and the shortest path between them.
 */
import { plural } from './appearance.js'
import { createElement } from './dom.js'
import { displayName, type NetworkGraph } from './network.js'
import type { ViewerState } from './state.js'

export function createPathPanel(root: HTMLElement, graph: NetworkGraph, onClear: () => void) {
  function endpointText(key: string | null): string {
    return key === null ? 'not chosen: use “Path from” or “Path to” on a node' : displayName(graph, key)
  }

  function summaryText(state: Readonly<ViewerState>): string {
    const path = state.path
    switch (path.status) {
      case 'idle':
        return state.pathFrom !== null && state.pathFrom === state.pathTo
          ? 'Pick two different nodes.'
          : 'Pick the other end of the path.'
      case 'searching':
        return 'Searching for the shortest path…'
      case 'not-found':
        return `No path of at most ${plural(path.maxHops, 'hop')} joins these nodes.`
      case 'found':
        return `Shortest path: ${plural(path.length, 'hop')}`
    }
  }

  return {
    render(state: Readonly<ViewerState>): void {
      if (state.pathFrom === null && state.pathTo === null) {
        root.replaceChildren()
        root.hidden = true
        return
      }

      const endpoints = createElement('dl', {}, [
        createElement('dt', { text: 'From' }),
        createElement('dd', { text: endpointText(state.pathFrom), attributes: { id: 'path-from' } }),
        createElement('dt', { text: 'To' }),
        createElement('dd', { text: endpointText(state.pathTo), attributes: { id: 'path-to' } }),
      ])
      const summary = createElement('p', {
        className: 'path-summary',
        text: summaryText(state),
        attributes: { id: 'path-summary', role: 'status' },
      })

      const steps = createElement('ol', { className: 'path-steps' })
      if (state.path.status === 'found') {
        for (const key of state.path.nodes) steps.append(createElement('li', { text: displayName(graph, key) }))
      }

      const clear = createElement('button', { text: 'Clear path', attributes: { type: 'button' } })
      clear.addEventListener('click', onClear)

      root.replaceChildren(createElement('h2', { text: 'Shortest path' }), endpoints, summary, steps, clear)
      root.hidden = false
    },
  }
}
