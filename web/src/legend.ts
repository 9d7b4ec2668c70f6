/**
 * The legend: what node colours mean in the current colour mode (with a bar for each
 * community's size), what sizes mean, and in money mode what edge colours and widths mean.
 */
import './legend.css'

import { LABEL_COLOURS, OTHER_COLOUR, TRANSFER_COLOURS, plural, type LegendEntry } from './appearance.js'
import { createElement } from './dom.js'
import { groupThousands, type MoneyView } from './money-view.js'
import type { NetworkGraph } from './network.js'
import type { ViewerState } from './state.js'

const SIZE_DESCRIPTIONS: Record<ViewerState['sizeMode'], string> = {
  uniform: 'Size: all nodes alike.',
  degree: 'Size: degree centrality (larger = more links).',
  betweenness: 'Size: betweenness centrality (larger = more shortest paths pass through).',
  closeness: 'Size: closeness centrality (larger = closer to everyone else).',
  pagerank: 'Size: PageRank (larger = linked from more important nodes).',
  eigenvector: 'Size: eigenvector centrality (larger = linked to well-linked nodes).',
}

export function createLegend(root: HTMLElement, graph: NetworkGraph) {
  return {
    render(state: Readonly<ViewerState>): void {
      const byCommunity = state.colourMode === 'community' && state.communities !== null
      const title = byCommunity ? 'Colour: community (Louvain)' : 'Colour: Neo4j label'
      const entries = byCommunity ? (state.communities?.legend ?? []) : labelEntries(graph)

      const sizes = byCommunity && state.communities !== null ? membersByColour(state.communities.colourOf) : null
      root.replaceChildren(
        createElement('h2', { text: title, attributes: { id: 'legend-title' } }),
        entryList(entries, 'legend-entries', sizes),
        ...(sizes === null ? [] : [createElement('p', { className: 'muted', text: 'Bars: members of each community, relative to the largest.' })]),
        createElement('p', { className: 'muted', text: SIZE_DESCRIPTIONS[state.sizeMode] }),
        ...(state.money === null ? [] : moneyLegend(state.money)),
      )
    },
  }
}

/**
 * Lists the entries. With `sizes` (members by colour) each entry gets a bar as long as its
 * share of the largest. The bar is hidden from screen readers because the text gives the count.
 */
function entryList(entries: LegendEntry[], id: string, sizes: ReadonlyMap<string, number> | null = null): HTMLUListElement {
  const list = createElement('ul', { className: 'legend-entries', attributes: { id } })
  const largest = sizes === null ? 0 : Math.max(0, ...sizes.values())

  for (const entry of entries) {
    const swatch = createElement('span', { className: 'swatch', attributes: { 'aria-hidden': 'true' } })
    swatch.style.backgroundColor = entry.colour
    const item = createElement('li', {}, [swatch, document.createTextNode(entry.text)])

    const size = sizes?.get(entry.colour)
    if (size !== undefined && largest > 0) {
      const bar = createElement('span', { className: 'legend-bar', attributes: { 'aria-hidden': 'true', 'data-size': String(size) } })
      bar.style.width = `${(100 * size) / largest}%`
      bar.style.backgroundColor = entry.colour
      item.append(createElement('span', { className: 'legend-bar-track', attributes: { 'aria-hidden': 'true' } }, [bar]))
    }
    list.append(item)
  }
  return list
}

/** Counts the members of each community colour; the shared grey counts all the smaller communities together. */
function membersByColour(colourOf: ReadonlyMap<string, string>): Map<string, number> {
  const counts = new Map<string, number>()
  for (const colour of colourOf.values()) counts.set(colour, (counts.get(colour) ?? 0) + 1)
  return counts
}

function moneyLegend(money: MoneyView): HTMLElement[] {
  const currency = money.trace.currency ?? 'the trail’s currency'
  const entries: LegendEntry[] = [
    { colour: TRANSFER_COLOURS.converted, text: `Transfer, priced in ${currency}; the arrow points to the payee` },
    { colour: TRANSFER_COLOURS.unconverted, text: `Transfer with no rate into ${currency}, drawn thinnest` },
    { colour: TRANSFER_COLOURS.path, text: 'Transfer on the highlighted path' },
  ]
  const widest = money.largest === null ? '' : ` The widest is ${groupThousands(money.largest)} ${currency}.`
  return [
    entryList(entries, 'legend-money'),
    createElement('p', {
      className: 'muted',
      text: `Edge width: square root of the amount in ${currency}, so four times the money is twice as wide.${widest}`,
      attributes: { id: 'legend-edge-width' },
    }),
  ]
}

/** Lists each label present in the graph with the number of nodes that carry it. */
function labelEntries(graph: NetworkGraph): LegendEntry[] {
  const counts = new Map<string, number>()
  graph.forEachNode((_key, attributes) => {
    const label = typeof attributes.label === 'string' ? attributes.label : 'Unknown'
    counts.set(label, (counts.get(label) ?? 0) + 1)
  })

  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, count]) => ({ colour: LABEL_COLOURS[label] ?? OTHER_COLOUR, text: `${label}: ${plural(count, 'node')}` }))
}
