/**
 * PageRank by power iteration. Edges are unweighted or carry a strength: a
 * node passes its score to its out-neighbours in proportion to the strength
 * of each edge.
 *
 * The iteration is networkx 3.6.1's `pagerank` (`_pagerank_scipy`) with a
 * uniform personalisation vector:
 * - a dangling node (no outgoing strength, including edges of strength 0)
 *   spreads its score uniformly over all nodes;
 * - it starts from 1/N everywhere and stops once the L1 change between two
 *   iterates is below N * tolerance;
 * - a self-loop counts once and parallel edges add up, as in the adjacency
 *   matrix networkx builds.
 * Scores sum to 1.
 *
 * The default tolerance is 1e-10, not networkx's 1e-6. At 1e-6 the
 * iteration stops up to 2.4e-5 away from the fixed point on Les Misérables.
 * At 1e-10 it ends within 4e-9 of it, in under 60 iterations on both the
 * karate club and Les Misérables. With tolerance: 1e-6 and maxIterations:
 * 100 this returns networkx's own iterate to 1e-15.
 *
 * [References]:
 * Lawrence Page, Sergey Brin, Rajeev Motwani and Terry Winograd, The PageRank
 * citation ranking: bringing order to the Web. Stanford InfoLab, 1999.
 *
 * Amy Langville and Carl Meyer, A survey of eigenvector methods of web
 * information retrieval.
 */
import type { AbstractGraph } from 'graphology-types'

import { buildAdjacency, collectScores } from '../adjacency.js'
import { AnalyticsError } from '../errors.js'
import { checkIterationOptions, notConverged } from './iteration.js'

export interface PageRankOptions {
  /** Edge attribute read as a strength; without it every edge has strength 1. */
  strengthAttribute?: string
  /** Probability of following an edge rather than jumping to a random node. */
  dampingFactor?: number
  maxIterations?: number
  /** Per-node convergence tolerance, scaled by N as networkx does. */
  tolerance?: number
}

const DEFAULTS = {
  dampingFactor: 0.85,
  maxIterations: 1000,
  tolerance: 1e-10,
} as const

export function pagerank(graph: AbstractGraph, options: PageRankOptions = {}): Record<string, number> {
  const alpha = options.dampingFactor ?? DEFAULTS.dampingFactor
  const maxIterations = options.maxIterations ?? DEFAULTS.maxIterations
  const tolerance = options.tolerance ?? DEFAULTS.tolerance

  if (!(alpha >= 0 && alpha <= 1)) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/pagerank: invalid dampingFactor ${String(alpha)}, expected a number from 0 to 1`,
    )
  }

  checkIterationOptions('pagerank', maxIterations, tolerance)

  const adjacency = buildAdjacency(graph, {
    traversal: 'out',
    weightAttribute: options.strengthAttribute,
    meaning: 'strength',
  })

  const n = adjacency.keys.length

  if (n === 0) return collectScores([], [])

  const outStrengths = adjacency.weights.map((weights) => weights.reduce((sum, weight) => sum + weight, 0))
  let scores = new Float64Array(n).fill(1 / n)

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let danglingScore = 0

    for (let i = 0; i < n; i++) {
      if (outStrengths[i] === 0) danglingScore += scores[i] as number
    }

    // Teleportation and dangling nodes both spread uniformly, over 1/N each.
    const next = new Float64Array(n).fill((alpha * danglingScore + (1 - alpha)) / n)

    for (let i = 0; i < n; i++) {
      const outStrength = outStrengths[i] as number

      if (outStrength === 0) continue

      const share = (alpha * (scores[i] as number)) / outStrength
      const neighbors = adjacency.neighbors[i] as number[]
      const weights = adjacency.weights[i] as number[]

      for (let j = 0; j < neighbors.length; j++) {
        const target = neighbors[j] as number
        next[target] = (next[target] as number) + share * (weights[j] as number)
      }
    }

    let change = 0

    for (let i = 0; i < n; i++) change += Math.abs((next[i] as number) - (scores[i] as number))

    scores = next

    if (change < n * tolerance) return collectScores(adjacency.keys, scores)
  }

  throw notConverged('pagerank', maxIterations, tolerance)
}
