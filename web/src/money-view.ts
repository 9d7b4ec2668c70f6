/**
 * Money mode's view of a trail: which relationships are its transfers, how wide each is
 * drawn, the dates the timeline runs over and the range chosen on it, and the ranked path
 * picked for highlighting. Amounts stay the exact decimal strings the API sent, and they are
 * read as numbers only to size edges.
 */
import type { TraceQuery, TraceResponse } from './api.js'
import type { NetworkGraph } from './network.js'

/** Edge widths in pixels at zoom 1: the smallest transfer and the largest one. */
export const TRANSFER_WIDTH = { min: 1, max: 12 } as const

export interface DateRange {
  /** First day shown, YYYY-MM-DD, inclusive. */
  since: string
  /** Last day shown, YYYY-MM-DD, inclusive. */
  until: string
}

export interface PathHighlight {
  index: number
  nodes: Set<string>
  transfers: Set<string>
}

export interface MoneyView {
  query: TraceQuery
  trace: TraceResponse
  /** Keys of the trail's TRANSFER relationships. */
  transfers: Set<string>
  /** Transfer date by key. */
  dateOf: Map<string, string>
  /** Distinct transfer dates, ascending: the stops of the timeline. */
  dates: string[]
  range: DateRange
  /** Nodes with at least one transfer inside `range`, plus the start nodes. */
  activeNodes: Set<string>
  /** Nodes whose names are always drawn: the start nodes and the endpoints. */
  labelled: Set<string>
  /** Width by transfer key; a transfer without a converted amount is drawn at the minimum. */
  widths: Map<string, number>
  /** The largest converted amount, as the API wrote it; null when nothing was converted. */
  largest: string | null
  highlight: PathHighlight | null
}

/**
 * Builds the view of a trail just loaded into `graph`. The timeline starts on the whole
 * trail and no path is highlighted.
 */
export function createMoneyView(graph: NetworkGraph, trace: TraceResponse, query: TraceQuery): MoneyView {
  const transfers = new Set<string>()
  const dateOf = new Map<string, string>()
  const converted = new Map<string, string>()

  for (const edge of trace.graph.edges) {
    if (edge.key === undefined || !graph.hasEdge(edge.key)) continue
    transfers.add(edge.key)
    const date = edge.attributes?.date
    if (typeof date === 'string') dateOf.set(edge.key, date)
    const amount = edge.attributes?.converted
    if (typeof amount === 'string') converted.set(edge.key, amount)
  }

  const dates = [...new Set(dateOf.values())].sort()
  const range = { since: dates[0] ?? '', until: dates.at(-1) ?? '' }
  const { widths, largest } = sqrtWidths(transfers, converted)
  const labelled = new Set(trace.endpoints.map((endpoint) => endpoint.id))
  graph.forEachNode((key, attributes) => {
    if (attributes.hop === 0) labelled.add(key)
  })
  const view: MoneyView = {
    query,
    trace,
    transfers,
    dateOf,
    dates,
    range,
    activeNodes: new Set(),
    labelled,
    widths,
    largest,
    highlight: null,
  }
  return { ...view, activeNodes: activeNodes(graph, view, range) }
}

/** Returns the view with another date range; `since` after `until` is swapped. */
export function withRange(graph: NetworkGraph, view: MoneyView, range: DateRange): MoneyView {
  const ordered = range.since <= range.until ? range : { since: range.until, until: range.since }
  return { ...view, range: ordered, activeNodes: activeNodes(graph, view, ordered) }
}

/** Returns the view with ranked path `index` highlighted, or with none when `index` is null. */
export function withHighlight(view: MoneyView, index: number | null): MoneyView {
  const path = index === null ? undefined : view.trace.paths[index]
  if (index === null || path === undefined) return { ...view, highlight: null }
  return { ...view, highlight: { index, nodes: new Set(path.nodes), transfers: new Set(path.transfers) } }
}

export function inRange(date: string | undefined, range: DateRange): boolean {
  return date !== undefined && date >= range.since && date <= range.until
}

/** Counts the trail's transfers dated inside the view's range. */
export function countInRange(view: MoneyView): number {
  let count = 0
  for (const key of view.transfers) {
    if (inRange(view.dateOf.get(key), view.range)) count += 1
  }
  return count
}

function activeNodes(graph: NetworkGraph, view: MoneyView, range: DateRange): Set<string> {
  const active = new Set<string>()
  graph.forEachNode((key, attributes) => {
    if (attributes.hop === 0) active.add(key)
  })
  for (const key of view.transfers) {
    if (!inRange(view.dateOf.get(key), range)) continue
    active.add(graph.source(key))
    active.add(graph.target(key))
  }
  return active
}

/**
 * Maps converted amounts onto widths by square root, so that the width's square (the
 * stroke's area per unit of length) grows with the amount: a transfer four times larger
 * is drawn twice as wide.
 */
function sqrtWidths(transfers: Set<string>, converted: Map<string, string>) {
  let largestValue = 0
  let largest: string | null = null
  for (const amount of converted.values()) {
    const value = Number(amount)
    if (Number.isFinite(value) && value > largestValue) {
      largestValue = value
      largest = amount
    }
  }

  const widths = new Map<string, number>()
  for (const key of transfers) {
    const value = Number(converted.get(key) ?? Number.NaN)
    const ratio = largestValue > 0 && Number.isFinite(value) && value > 0 ? Math.sqrt(value / largestValue) : 0
    widths.set(key, TRANSFER_WIDTH.min + ratio * (TRANSFER_WIDTH.max - TRANSFER_WIDTH.min))
  }
  return { widths, largest }
}

/** Writes an exact decimal amount with thousands separators, without reading it as a number. */
export function groupThousands(amount: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(amount)
  if (match === null) return amount
  const [, sign = '', whole = '', fraction = ''] = match
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`
}

/** Writes a share from 0 to 1 as a percentage with one decimal. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)} %`
}

/** Descriptions of the API's `stop` codes: the reason money stopped at an endpoint. */
export const STOP_REASONS: Readonly<Record<string, string>> = {
  'only-receives': 'only receives: sends nothing on',
  'no-later-transfer': 'sent nothing after the money arrived',
  kept: 'kept: sent on less than it received',
  'returned-to-start': 'returned to the start',
  'hop-limit': 'hop limit reached',
  'not-followed': 'sent on by transfers the trail did not follow',
  'no-earlier-transfer': 'received nothing before it paid: the money starts here',
  'outside-the-trail': 'received the money from outside the trail',
  'own-funds': 'the start’s own funds',
}

export function describeStop(stop: string): string {
  return STOP_REASONS[stop] ?? stop
}
