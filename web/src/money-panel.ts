/**
 * The money panel: the trail's total, its warnings (cut short, unconverted transfers, path
 * ranking stopped early), the timeline, the endpoints where the money came to rest or
 * started, the heaviest paths (click one to highlight it) and the attribution rule.
 */
import type { TraceResponse } from './api.js'
import { plural } from './appearance.js'
import { createElement } from './dom.js'
import { describeStop, formatShare, groupThousands, type DateRange, type MoneyView } from './money-view.js'
import { displayName, type NetworkGraph } from './network.js'
import type { ViewerState } from './state.js'
import { createTimeline } from './timeline.js'

/** The service lists at most this many unconverted transfers one by one. */
const MAX_UNCONVERTED_LISTED = 200

export interface MoneyPanelEvents {
  onHighlightPath(index: number | null): void
  onRangeChange(range: DateRange): void
  onLeave(): void
}

export function createMoneyPanel(root: HTMLElement, graph: NetworkGraph, events: MoneyPanelEvents) {
  const timeline = createTimeline(events.onRangeChange)
  let shownTrace: TraceResponse | null = null
  let pathButtons: HTMLButtonElement[] = []

  function build(view: MoneyView): void {
    const trace = view.trace
    const leave = createElement('button', { text: 'Back to overview', attributes: { type: 'button', id: 'money-leave' } })
    leave.addEventListener('click', events.onLeave)

    const heading = createElement('div', { className: 'panel-heading' }, [
      createElement('h2', { text: 'Money trail', attributes: { id: 'money-title' } }),
      leave,
    ])

    timeline.build(view)
    pathButtons = []
    root.replaceChildren(
      heading,
      createElement('p', { text: summaryText(trace, graph), attributes: { id: 'money-summary' } }),
      ...warnings(trace),
      createElement('h3', { text: 'Timeline' }),
      timeline.element,
      createElement('h3', { text: 'Endpoints' }),
      endpointTable(trace),
      createElement('h3', { text: 'Heaviest paths' }),
      pathList(trace),
      ...unconvertedList(trace),
      ruleDetails(trace),
    )
    root.hidden = false
  }

  function pathList(trace: TraceResponse): HTMLElement {
    if (trace.paths.length === 0) {
      return createElement('p', { className: 'muted', text: 'No ranked paths.', attributes: { id: 'money-paths' } })
    }
    const list = createElement('ol', { className: 'money-paths', attributes: { id: 'money-paths' } })
    trace.paths.forEach((path, index) => {
      const names = path.nodes.map((key) => displayName(graph, key)).join(' → ')
      const amount = `${groupThousands(path.amount)} ${trace.currency ?? ''}`.trim()
      const dates = path.firstDate === path.lastDate ? path.firstDate : `${path.firstDate} to ${path.lastDate}`
      const button = createElement('button', {
        className: 'path-button',
        attributes: { type: 'button', 'aria-pressed': 'false' },
      }, [
        createElement('span', { className: 'path-amount', text: `${amount}, ${plural(path.hops, 'hop')}` }),
        createElement('span', { text: names }),
        createElement('span', { className: 'muted', text: dates }),
      ])
      button.addEventListener('click', () => {
        const current = button.getAttribute('aria-pressed') === 'true'
        events.onHighlightPath(current ? null : index)
      })
      pathButtons.push(button)
      list.append(createElement('li', {}, [button]))
    })
    return list
  }

  return {
    render(state: Readonly<ViewerState>): void {
      const view = state.money
      if (view === null) {
        shownTrace = null
        root.replaceChildren()
        root.hidden = true
        return
      }
      // A new trail rebuilds the panel; a new range or highlight only updates it, so that a
      // slider being dragged keeps its focus.
      if (view.trace !== shownTrace) {
        shownTrace = view.trace
        build(view)
      }
      timeline.update(view)
      pathButtons.forEach((button, index) => {
        button.setAttribute('aria-pressed', String(view.highlight?.index === index))
      })
    },
  }
}

function summaryText(trace: TraceResponse, graph: NetworkGraph): string {
  const name = displayName(graph, trace.from)
  const way = trace.direction === 'out' ? `Money out of ${name}` : `Money into ${name}`
  if (trace.total === null) return `${way}: no transfers found.`
  return (
    `${way}: ${groupThousands(trace.total)} ${trace.currency ?? ''} traced over ` +
    `${plural(trace.counts.transfers, 'transfer')} and ${plural(trace.counts.nodes, 'node')}.`
  )
}

function warnings(trace: TraceResponse): HTMLElement[] {
  const notes: HTMLElement[] = []
  const warn = (id: string, text: string) =>
    notes.push(createElement('p', { className: 'warning', text, attributes: { id, role: 'alert' } }))

  if (trace.truncated) {
    warn(
      'money-truncated',
      'Truncated: the trail reached the transfer limit and was cut short, so totals and endpoints are incomplete. ' +
        'Narrow the dates, lower the hop limit or set a smallest amount.',
    )
  }
  const listed = trace.unconverted.length
  const outside = trace.counts.unconvertedOutside
  if (listed > 0 || outside > 0) {
    const onTrail = listed >= MAX_UNCONVERTED_LISTED ? `At least ${listed} transfers` : plural(listed, 'transfer')
    warn(
      'money-unconverted-warning',
      `${onTrail} on the trail and ${plural(outside, 'other transfer')} of its nodes have no exchange rate into ` +
        `${trace.currency ?? 'the trail’s currency'}, so they are left out of the totals.`,
    )
  }
  if (!trace.pathsComplete) {
    warn('money-paths-incomplete', 'The path ranking stopped before examining every path: heavier paths may be missing.')
  }
  return notes
}

function endpointTable(trace: TraceResponse): HTMLElement {
  if (trace.endpoints.length === 0) {
    return createElement('p', { className: 'muted', text: 'No endpoints.', attributes: { id: 'money-endpoints' } })
  }
  const currency = trace.currency ?? ''
  const header = createElement('tr', {}, [
    createElement('th', { text: 'Entity', attributes: { scope: 'col' } }),
    createElement('th', { text: `Amount ${currency}`.trim(), attributes: { scope: 'col' } }),
    createElement('th', { text: 'Share', attributes: { scope: 'col' } }),
    createElement('th', { text: 'Why it stops', attributes: { scope: 'col' } }),
  ])
  const rows = trace.endpoints.map((endpoint) => {
    const name = createElement('td', { className: 'endpoint-name' }, [
      document.createTextNode(endpoint.name),
      createElement('span', { className: 'muted', text: ` ${endpoint.label}` }),
    ])
    if (endpoint.holder !== null) {
      name.append(createElement('span', { className: 'muted', text: `, held by ${endpoint.holder.name}` }))
    }
    const stop = createElement('td', { text: describeStop(endpoint.stop), attributes: { title: endpoint.stop } })
    return createElement('tr', {}, [
      name,
      createElement('td', { className: 'amount', text: groupThousands(endpoint.amount) }),
      createElement('td', { className: 'amount', text: formatShare(endpoint.share) }),
      stop,
    ])
  })
  return createElement('table', { className: 'money-table', attributes: { id: 'money-endpoints' } }, [
    createElement('thead', {}, [header]),
    createElement('tbody', {}, rows),
  ])
}

function unconvertedList(trace: TraceResponse): HTMLElement[] {
  if (trace.unconverted.length === 0) return []
  const items = trace.unconverted.map((transfer) =>
    createElement('li', {
      text: `${groupThousands(transfer.amount)} ${transfer.currency} on ${transfer.date} (${transfer.id})`,
    }),
  )
  return [
    createElement('h3', { text: 'Unconverted transfers' }),
    createElement('ul', { className: 'money-unconverted', attributes: { id: 'money-unconverted' } }, items),
  ]
}

function ruleDetails(trace: TraceResponse): HTMLElement {
  return createElement('details', { attributes: { id: 'money-rule' } }, [
    createElement('summary', { text: `Attribution rule: ${trace.rule.name}` }),
    createElement('p', { text: trace.rule.text }),
  ])
}
