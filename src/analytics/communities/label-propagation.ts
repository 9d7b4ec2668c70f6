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

import { collectScores, compact, edgeListOf, type CompactGraph } from '../compact.js'
import { AnalyticsError } from '../errors.js'
import { createRandom, randomIndex, shuffle } from '../random.js'
import { checkUndirected } from './modularity.js'
import { renumberLabels } from './partition.js'

export interface LabelPropagationOptions {
  /** Edge attribute read as a strength; without it every relationship has strength 1. */
  strengthAttribute?: string
  seed?: number
  /** Maximum number of sweeps over all nodes. */
  maxIterations?: number
}

export interface LabelPropagationSettings {
  seed?: number
  /** Maximum number of sweeps over all nodes. */
  maxIterations?: number
  /** Polled before every sweep, and when it returns true the run throws ANALYTICS_CANCELLED. */
  shouldStop?: () => boolean
}

const DEFAULTS = {
  seed: 0,
  maxIterations: 100,
} as const

/**
 * Labels the communities of an undirected compact graph (parallel strengths
 * summed), numbered 0..count-1 in no particular order.
 */
export function labelPropagationCommunities(
  graph: CompactGraph,
  settings: LabelPropagationSettings = {},
): { labels: Int32Array; count: number } {
  const maxIterations = settings.maxIterations ?? DEFAULTS.maxIterations
  const random = createRandom(settings.seed ?? DEFAULTS.seed)

  checkIterations(maxIterations)
  checkUndirected(graph, 'label-propagation')

  const n = graph.keys.length
  const { offsets, targets, weights } = graph.out
  const labels = new Int32Array(n)
  const order: number[] = []

  for (let i = 0; i < n; i++) {
    labels[i] = i
    order.push(i)
  }

  // Summed strength of each label among the current node's neighbours, the
  // labels in first-seen order, and those that weigh most.
  const strengths = new Float64Array(n)
  const seen = new Uint8Array(n)
  const touched = new Int32Array(n)
  const heaviest = new Int32Array(n)

  for (let sweep = 0; sweep < maxIterations; sweep++) {
    if (settings.shouldStop?.() === true) {
      throw new AnalyticsError('ANALYTICS_CANCELLED', 'analytics/label-propagation: run cancelled by the caller')
    }

    let changed = false

    shuffle(order, random)

    for (const node of order) {
      const end = offsets[node + 1] as number
      let touchedCount = 0

      for (let k = offsets[node] as number; k < end; k++) {
        const label = labels[targets[k] as number] as number

        if (seen[label] === 0) {
          seen[label] = 1
          touched[touchedCount++] = label
        }

        strengths[label] = (strengths[label] as number) + (weights[k] as number)
      }

      let maximum = -Infinity

      for (let t = 0; t < touchedCount; t++) maximum = Math.max(maximum, strengths[touched[t] as number] as number)

      let heaviestCount = 0
      let keeps = false

      for (let t = 0; t < touchedCount; t++) {
        const label = touched[t] as number

        if (strengths[label] === maximum) {
          heaviest[heaviestCount++] = label
          if (label === labels[node]) keeps = true
        }

        strengths[label] = 0
        seen[label] = 0
      }

      if (heaviestCount === 0 || keeps) continue

      labels[node] = heaviest[randomIndex(random, heaviestCount)] as number
      changed = true
    }

    if (!changed) return { labels, count: renumberLabels(labels) }
  }

  throw new AnalyticsError(
    'ANALYTICS_NOT_CONVERGED',
    `analytics/label-propagation: labels still changed after ${maxIterations} sweeps; raise maxIterations`,
  )
}

/** Returns the label of each node; labels are arbitrary integers. */
export function labelPropagation(
  graph: AbstractGraph,
  options: LabelPropagationOptions = {},
): Record<string, number> {
  const settings = { seed: options.seed, maxIterations: options.maxIterations }

  // Check the options before reading the graph.
  checkIterations(settings.maxIterations ?? DEFAULTS.maxIterations)
  createRandom(settings.seed ?? DEFAULTS.seed)

  const view = compact(edgeListOf(graph, options.strengthAttribute, 'strength'), {
    orientation: 'undirected',
    merge: 'sum',
  })

  return collectScores(view.keys, labelPropagationCommunities(view, settings).labels)
}

export function checkIterations(maxIterations: number): void {
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/label-propagation: invalid maxIterations ${String(maxIterations)}, expected an integer >= 1`,
    )
  }
}
