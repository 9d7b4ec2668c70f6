/**
 * The legend: what node colours mean in the current colour mode, and what sizes mean.
 */
import { LABEL_COLOURS, OTHER_COLOUR, plural, type LegendEntry } from './appearance.js'
import { createElement } from './dom.js'
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

      const list = createElement('ul', { className: 'legend-entries', attributes: { id: 'legend-entries' } })
      for (const entry of entries) {
        const swatch = createElement('span', { className: 'swatch', attributes: { 'aria-hidden': 'true' } })
        swatch.style.backgroundColor = entry.colour
        list.append(createElement('li', {}, [swatch, document.createTextNode(entry.text)]))
      }

      root.replaceChildren(
        createElement('h2', { text: title, attributes: { id: 'legend-title' } }),
        list,
        createElement('p', { className: 'muted', text: SIZE_DESCRIPTIONS[state.sizeMode] }),
      )
    },
  }
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
