/**
 * The status bar: how much of the network is on screen, and one line of news (progress,
 * an empty result, a failed request).
 */
import type { NetworkGraph } from './network.js'

export interface StatusElements {
  nodeCount: HTMLElement
  edgeCount: HTMLElement
  notice: HTMLElement
}

export type NoticeKind = 'info' | 'error'

export function createStatusBar(elements: StatusElements) {
  return {
    /** Shows the counts of nodes (`order`) and relationships (`size`) on screen. */
    showCounts(graph: Pick<NetworkGraph, 'order' | 'size'>): void {
      elements.nodeCount.textContent = graph.order.toLocaleString('en')
      elements.edgeCount.textContent = graph.size.toLocaleString('en')
    },

    notify(kind: NoticeKind, text: string): void {
      elements.notice.textContent = text
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
