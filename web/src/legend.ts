/**
 * The legend: what node colours mean in the current colour mode, what sizes mean, and in
 * money mode what edge colours and widths mean.
 */
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

      root.replaceChildren(
        createElement('h2', { text: title, attributes: { id: 'legend-title' } }),
        entryList(entries, 'legend-entries'),
        createElement('p', { className: 'muted', text: SIZE_DESCRIPTIONS[state.sizeMode] }),
        ...(state.money === null ? [] : moneyLegend(state.money)),
      )
    },
  }
}

function entryList(entries: LegendEntry[], id: string): HTMLUListElement {
  const list = createElement('ul', { className: 'legend-entries', attributes: { id } })
  for (const entry of entries) {
    const swatch = createElement('span', { className: 'swatch', attributes: { 'aria-hidden': 'true' } })
    swatch.style.backgroundColor = entry.colour
    list.append(createElement('li', {}, [swatch, document.createTextNode(entry.text)]))
  }
  return list
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
