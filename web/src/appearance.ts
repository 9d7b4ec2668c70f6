/**
 * Colours and sizes for nodes. Colours come from the Tableau 10 palette, which stays
 * distinguishable for the common forms of colour blindness.
 */
import type { CentralityResponse, CommunitiesResponse } from './api.js'

export const LABEL_COLOURS: Readonly<Record<string, string>> = {
  Person: '#e15759',
  Group: '#b07aa1',
  Company: '#4e79a7',
  Fund: '#edc948',
  Account: '#59a14f',
  Asset: '#f28e2b',
  Notice: '#ff9da7',
  Location: '#76b7b2',
}

/** Colour of nodes outside every known group: unknown labels, small communities. */
export const OTHER_COLOUR = '#9c9c9c'

const COMMUNITY_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#17becf',
]

/** Money mode's edges: transfers priced in the trail's currency, those without a rate, a highlighted path. */
export const TRANSFER_COLOURS = { converted: '#4e79a7', unconverted: '#f28e2b', path: '#d62728' } as const

/** Node sizes in pixels at zoom 1. */
export const NODE_SIZE = { min: 3, max: 16, uniform: 6 } as const

export interface LegendEntry {
  colour: string
  text: string
}

export function colourForLabel(label: unknown): string {
  return typeof label === 'string' ? (LABEL_COLOURS[label] ?? OTHER_COLOUR) : OTHER_COLOUR
}

export interface CommunityColouring {
  colourOf: Map<string, string>
  legend: LegendEntry[]
}

/**
 * Gives the largest communities a colour each and the rest a shared grey. Communities are
 * ranked by size, then by id, so the same result always gives the same colours.
 */
export function colourCommunities(response: CommunitiesResponse): CommunityColouring {
  const ranked = [...response.communities].sort(
    (a, b) => b.size - a.size || String(a.id).localeCompare(String(b.id)),
  )

  const colourOf = new Map<string, string>()
  const legend: LegendEntry[] = []
  let otherMembers = 0

  ranked.forEach((community, rank) => {
    const colour = COMMUNITY_PALETTE[rank] ?? OTHER_COLOUR
    for (const member of community.members) colourOf.set(member, colour)

    if (rank < COMMUNITY_PALETTE.length) {
      legend.push({ colour, text: `Community ${rank + 1}: ${plural(community.size, 'member')}` })
    } else {
      otherMembers += community.size
    }
  })

  const others = ranked.length - COMMUNITY_PALETTE.length
  if (others > 0) {
    const text = `${plural(others, 'smaller community', 'smaller communities')}: ${plural(otherMembers, 'member')}`
    legend.push({ colour: OTHER_COLOUR, text })
  }

  return { colourOf, legend }
}

/**
 * Maps centrality scores linearly onto node sizes. When every score is equal there is no
 * spread to scale by, so every scored node gets the middle size.
 */
export function sizeByScore(response: CentralityResponse): Map<string, number> {
  const finite = response.scores.filter((entry) => Number.isFinite(entry.score))
  const scores = finite.map((entry) => entry.score)
  const lowest = Math.min(...scores)
  const spread = Math.max(...scores) - lowest

  const sizes = new Map<string, number>()
  for (const entry of finite) {
    const share = spread > 0 ? (entry.score - lowest) / spread : 0.5
    sizes.set(entry.id, NODE_SIZE.min + share * (NODE_SIZE.max - NODE_SIZE.min))
  }
  return sizes
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? singular : pluralForm}`
}
