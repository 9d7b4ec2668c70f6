/**
 * The status bar: how much of the network is on screen, and one line of news (progress,
 * an empty result, a failed request).
 */
import type { NetworkGraph } from './network.js'
import { showBidiControls } from './text.js'

export interface StatusElements {
  nodeCount: HTMLElement
  edgeCount: HTMLElement
  notice: HTMLElement
  /** The words after the counts, made singular for a count of one. */
  nodeNoun?: HTMLElement
  edgeNoun?: HTMLElement
}

export type NoticeKind = 'info' | 'error'

export function createStatusBar(elements: StatusElements) {
  return {
    /** Shows the counts of nodes (`order`) and relationships (`size`) on screen. */
    showCounts(graph: Pick<NetworkGraph, 'order' | 'size'>): void {
      elements.nodeCount.textContent = graph.order.toLocaleString('en')
      elements.edgeCount.textContent = graph.size.toLocaleString('en')
      if (elements.nodeNoun !== undefined) elements.nodeNoun.textContent = graph.order === 1 ? 'node' : 'nodes'
      if (elements.edgeNoun !== undefined) elements.edgeNoun.textContent = graph.size === 1 ? 'relationship' : 'relationships'
    },

    notify(kind: NoticeKind, text: string): void {
      elements.notice.textContent = showBidiControls(text)
      elements.notice.dataset.kind = kind
      elements.notice.hidden = false
    },

    clear(): void {
      elements.notice.textContent = ''
      elements.notice.hidden = true
    },
  }
}

export type StatusBar = ReturnType<typeof createStatusBar>
