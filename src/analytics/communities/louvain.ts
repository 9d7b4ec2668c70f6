/**
 * Louvain community detection on the undirected view of the graph, through
 * graphology-communities-louvain, with a seeded random source so that a seed
 * reproduces a partition. Edges are unweighted or carry a strength.
 *
 * [Reference]:
 * Vincent D. Blondel, Jean-Loup Guillaume, Renaud Lambiotte and Etienne
 * Lefebvre, Fast unfolding of communities in large networks.
 * Journal of Statistical Mechanics 2008(10):P10008, 2008.
 */
import louvainModule from 'graphology-communities-louvain'
import type { AbstractGraph } from 'graphology-types'

import { ORIENTED_WEIGHT, orientGraph } from '../orientation.js'
import { createRandom } from '../random.js'
import { checkResolution } from './modularity.js'

// NOTE: the package is CommonJS and its typings declare an ES default export,
// so TypeScript under NodeNext types the default import as the module object
// while Node passes the function itself.
const runLouvain = louvainModule as unknown as typeof louvainModule.default

export interface LouvainOptions {
  /** Edge attribute read as a strength; without it every relationship has strength 1. */
  strengthAttribute?: string
  /** Modularity resolution γ: above 1 favours smaller communities. */
  resolution?: number
  seed?: number
}

const DEFAULTS = {
  resolution: 1,
  seed: 0,
} as const

const COMMUNITY_ATTRIBUTE = 'community'

/** Returns the Louvain community label of each node; labels are arbitrary integers. */
export function louvain(graph: AbstractGraph, options: LouvainOptions = {}): Record<string, number> {
  const resolution = options.resolution ?? DEFAULTS.resolution
  const random = createRandom(options.seed ?? DEFAULTS.seed)

  checkResolution(resolution)

  // The undirected view sums the strengths of parallel and reciprocal edges.
  const view = orientGraph(graph, { orientation: 'undirected', weightAttribute: options.strengthAttribute })

  // Read the labels back from the view's node attributes rather than from
  // the plain object louvain() returns, where a node "__proto__" is lost.
  runLouvain.assign(view, {
    getEdgeWeight: ORIENTED_WEIGHT,
    resolution,
    rng: random,
    nodeCommunityAttribute: COMMUNITY_ATTRIBUTE,
  })

  const labels: Record<string, number> = Object.create(null)

  view.forEachNode((node, attributes) => {
    labels[node] = attributes[COMMUNITY_ATTRIBUTE] as number
  })

  return labels
}
