/**
 * Asynchronous label propagation on the undirected view of the graph: every
 * node starts in its own community, then, sweep after sweep in a random
 * order, takes the label that weighs most among its neighbours, until no node
 * changes. Edges are unweighted or carry a strength.
 *
 * This is networkx 3.6.1's `asyn_lpa_communities` with a seeded random
 * source: a node keeps its label while that label is among the heaviest, and
 * ties are broken at random. A self-loop counts the node's own label.
 *
 * NOTE: networkx sweeps without limit; this stops after `maxIterations`
 * sweeps and raises, because convergence is usual but not guaranteed.
 *
 * [Reference]:
 * Usha Nandini Raghavan, Réka Albert and Soundar Kumara, Near linear time
 * algorithm to detect community structures in large-scale networks.
 * Physical Review E 76(3):036106, 2007.
 */
import type { AbstractGraph } from 'graphology-types'

import { buildAdjacency, collectScores } from '../adjacency.js'
import { AnalyticsError } from '../errors.js'
import { createRandom, randomIndex, shuffle } from '../random.js'

export interface LabelPropagationOptions {
  /** Edge attribute read as a strength; without it every relationship has strength 1. */
  strengthAttribute?: string
  seed?: number
  /** Maximum number of sweeps over all nodes. */
  maxIterations?: number
}

const DEFAULTS = {
  seed: 0,
  maxIterations: 100,
} as const

/** Returns the label of each node; labels are arbitrary integers. */
export function labelPropagation(
  graph: AbstractGraph,
  options: LabelPropagationOptions = {},
): Record<string, number> {
  const maxIterations = options.maxIterations ?? DEFAULTS.maxIterations
  const random = createRandom(options.seed ?? DEFAULTS.seed)

  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/label-propagation: invalid maxIterations ${String(maxIterations)}, expected an integer >= 1`,
    )
  }

  const adjacency = buildAdjacency(graph, {
    traversal: 'both',
    weightAttribute: options.strengthAttribute,
    meaning: 'strength',
  })

  const labels = adjacency.keys.map((_, i) => i)
  const order = adjacency.keys.map((_, i) => i)

  for (let sweep = 0; sweep < maxIterations; sweep++) {
    let changed = false

    shuffle(order, random)

    for (const node of order) {
      const best = heaviestLabels(adjacency.neighbors[node] as number[], adjacency.weights[node] as number[], labels)

      if (best.length === 0 || best.includes(labels[node] as number)) continue

      labels[node] = best[randomIndex(random, best.length)] as number
      changed = true
    }

    if (!changed) return collectScores(adjacency.keys, labels)
  }

  throw new AnalyticsError(
    'ANALYTICS_NOT_CONVERGED',
    `analytics/label-propagation: labels still changed after ${maxIterations} sweeps; raise maxIterations`,
  )
}

/** Returns the labels with the largest summed strength among the neighbours, in first-seen order. */
function heaviestLabels(neighbors: number[], weights: number[], labels: number[]): number[] {
  const strengths = new Map<number, number>()

  neighbors.forEach((neighbor, j) => {
    const label = labels[neighbor] as number
    strengths.set(label, (strengths.get(label) ?? 0) + (weights[j] as number))
  })

  let maximum = -Infinity

  for (const strength of strengths.values()) maximum = Math.max(maximum, strength)

  return [...strengths].filter(([, strength]) => strength === maximum).map(([label]) => label)
}
