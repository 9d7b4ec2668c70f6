/**
 * Louvain community detection on the undirected view of the graph, edges
 * unweighted or carrying a strength, with a seeded random source so that a
 * seed reproduces a partition.
 *
 * It follows networkx 3.6.1's `louvain_communities(G, weight, resolution,
 * threshold=1e-7, seed)`. Each level shuffles its nodes once, then sweeps
 * them in that order until a sweep moves nothing. A sweep moves each node to
 * the neighbouring community with the largest positive modularity gain, the
 * first one seen winning a tie. The communities then become the nodes of the
 * next level, numbered in the order of their first node. The run stops when a
 * level raises modularity by no more than the threshold (that level's moves
 * are kept), or when a level moves no node.
 *
 * NOTE: the same seed gives a different partition here than in networkx,
 * whose random source differs, so only the modularity reached is comparable.
 * On edges whose strengths are all 0, networkx raises ZeroDivisionError, but
 * this leaves every node in its own community.
 *
 * [Reference]:
 * Vincent D. Blondel, Jean-Loup Guillaume, Renaud Lambiotte and Etienne
 * Lefebvre, Fast unfolding of communities in large networks.
 * Journal of Statistical Mechanics 2008(10):P10008, 2008.
 */
import type { AbstractGraph } from 'graphology-types'

import { collectScores, compact, edgeListOf, type CompactGraph, type Neighbourhoods } from '../compact.js'
import { AnalyticsError } from '../errors.js'
import { createRandom, shuffle, type RandomSource } from '../random.js'
import { checkResolution, checkUndirected, qualityOfRows } from './modularity.js'
import { renumberLabels } from './partition.js'

export interface LouvainOptions {
  /** Edge attribute read as a strength; without it every relationship has strength 1. */
  strengthAttribute?: string
  /** Modularity resolution γ: above 1 favours smaller communities. */
  resolution?: number
  seed?: number
}

export interface LouvainSettings {
  /** Modularity resolution γ: above 1 favours smaller communities. */
  resolution?: number
  seed?: number
  /** Minimum modularity gain of a level for the run to go on to the next one. */
  threshold?: number
  /** Polled before every sweep, and when it returns true the run throws ANALYTICS_CANCELLED. */
  shouldStop?: () => boolean
}

export interface LouvainResult {
  /** Community of each node, numbered 0..count-1 in no particular order. */
  labels: Int32Array
  count: number
  /** Modularity of the partition, at the given resolution. */
  modularity: number
  /** Number of levels whose moves the partition contains. */
  levels: number
}

const DEFAULTS = {
  resolution: 1,
  seed: 0,
  threshold: 1e-7,
} as const

/** Partitions an undirected compact graph (parallel strengths summed) into Louvain communities. */
export function louvainCommunities(graph: CompactGraph, settings: LouvainSettings = {}): LouvainResult {
  const resolution = settings.resolution ?? DEFAULTS.resolution
  const threshold = settings.threshold ?? DEFAULTS.threshold
  const random = createRandom(settings.seed ?? DEFAULTS.seed)

  checkResolution(resolution)
  checkUndirected(graph, 'louvain')

  if (!Number.isFinite(threshold) || threshold < 0) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/louvain: invalid threshold ${String(threshold)}, expected a finite number >= 0`,
    )
  }

  const n = graph.keys.length
  const labels = identity(n)
  const total = totalStrength(graph.out, n)

  if (total === 0) return { labels, count: n, modularity: 0, levels: 0 }

  const stop = settings.shouldStop ?? (() => false)
  let rows = graph.out
  let size = n
  let quality = qualityOfRows(rows, size, identity(size), resolution)
  let count = n
  let levels = 0

  for (;;) {
    const level = moveNodes(rows, size, total, resolution, random, stop)

    // A later level that moves nothing leaves the partition as it is.
    if (levels > 0 && !level.moved) break

    levels += 1

    for (let i = 0; i < n; i++) labels[i] = level.communityOf[labels[i] as number] as number

    const next = qualityOfRows(rows, size, level.communityOf, resolution)
    const gain = next - quality

    quality = next
    count = level.count

    if (gain <= threshold) break

    rows = aggregate(rows, size, level.communityOf, level.count)
    size = level.count
  }

  return { labels, count, modularity: quality, levels }
}

/** Returns the Louvain community label of each node; labels are arbitrary integers. */
export function louvain(graph: AbstractGraph, options: LouvainOptions = {}): Record<string, number> {
  const settings = { resolution: options.resolution, seed: options.seed }

  // Check the options before reading the graph.
  checkResolution(settings.resolution ?? DEFAULTS.resolution)
  createRandom(settings.seed ?? DEFAULTS.seed)

  const view = compact(edgeListOf(graph, options.strengthAttribute, 'strength'), {
    orientation: 'undirected',
    merge: 'sum',
  })

  return collectScores(view.keys, louvainCommunities(view, settings).labels)
}

interface LevelResult {
  /** Community of each node of the level, numbered 0..count-1 in the order of their first node. */
  communityOf: Int32Array
  count: number
  moved: boolean
}

/** Sweeps the shuffled nodes of one level until a sweep moves none. */
function moveNodes(
  rows: Neighbourhoods,
  size: number,
  total: number,
  resolution: number,
  random: RandomSource,
  stop: () => boolean,
): LevelResult {
  const { offsets, targets, weights } = rows
  const degrees = strengthDegrees(rows, size)
  // Summed degree of each community, where community c starts as node c alone.
  const communityTotals = Float64Array.from(degrees)
  const communityOf = identity(size)
  const order = identity(size)
  // Strength from the current node to each neighbouring community, and
  // those communities in first-seen order. Both are reset after every node.
  const weightTo = new Float64Array(size)
  const seen = new Uint8Array(size)
  const touched = new Int32Array(size)
  const scale = resolution / (2 * total * total)
  let moved = false
  let moves = 1

  shuffle(order, random)

  while (moves > 0) {
    if (stop()) throw new AnalyticsError('ANALYTICS_CANCELLED', 'analytics/louvain: run cancelled by the caller')

    moves = 0

    for (let index = 0; index < size; index++) {
      const u = order[index] as number
      const own = communityOf[u] as number
      const end = offsets[u + 1] as number
      let touchedCount = 0

      for (let k = offsets[u] as number; k < end; k++) {
        const v = targets[k] as number

        if (v === u) continue

        const community = communityOf[v] as number

        if (seen[community] === 0) {
          seen[community] = 1
          touched[touchedCount++] = community
        }

        weightTo[community] = (weightTo[community] as number) + (weights[k] as number)
      }

      // Gain of moving u from its community, alone, into another one.
      const degree = degrees[u] as number

      communityTotals[own] = (communityTotals[own] as number) - degree

      const removeCost = -(weightTo[own] as number) / total + (communityTotals[own] as number) * degree * scale
      let best = own
      let bestGain = 0

      for (let t = 0; t < touchedCount; t++) {
        const community = touched[t] as number
        const joinGain = (weightTo[community] as number) / total - (communityTotals[community] as number) * degree * scale
        const gain = removeCost + joinGain

        if (gain > bestGain) {
          bestGain = gain
          best = community
        }

        weightTo[community] = 0
        seen[community] = 0
      }

      communityTotals[best] = (communityTotals[best] as number) + degree

      if (best !== own) {
        communityOf[u] = best
        moves += 1
        moved = true
      }
    }
  }

  const count = renumberLabels(communityOf)

  return { communityOf, count, moved }
}

/**
 * Builds the next level: one node per community, the strengths between two
 * communities summed, and the strength inside a community as its self-loop.
 */
function aggregate(rows: Neighbourhoods, size: number, communityOf: Int32Array, count: number): Neighbourhoods {
  const { offsets, targets, weights } = rows
  let edgeCount = 0

  // Each undirected edge once: from its smaller end, a self-loop from its node.
  for (let u = 0; u < size; u++) {
    for (let k = offsets[u] as number; k < (offsets[u + 1] as number); k++) {
      if ((targets[k] as number) >= u) edgeCount += 1
    }
  }

  const sources = new Int32Array(edgeCount)
  const ends = new Int32Array(edgeCount)
  const strengths = new Float64Array(edgeCount)
  let e = 0

  for (let u = 0; u < size; u++) {
    for (let k = offsets[u] as number; k < (offsets[u + 1] as number); k++) {
      const v = targets[k] as number

      if (v < u) continue

      sources[e] = communityOf[u] as number
      ends[e] = communityOf[v] as number
      strengths[e++] = weights[k] as number
    }
  }

  const keys = new Array<string>(count).fill('')
  const next = compact({ keys, directed: false, sources, targets: ends, weights: strengths }, { merge: 'sum' })

  return next.out
}

/** Returns each node's strength degree, a self-loop counted twice as networkx does. */
function strengthDegrees(rows: Neighbourhoods, size: number): Float64Array {
  const { offsets, targets, weights } = rows
  const degrees = new Float64Array(size)

  for (let u = 0; u < size; u++) {
    let degree = 0

    for (let k = offsets[u] as number; k < (offsets[u + 1] as number); k++) {
      degree += (targets[k] as number) === u ? 2 * (weights[k] as number) : (weights[k] as number)
    }

    degrees[u] = degree
  }

  return degrees
}

/** Returns m, the total edge strength, a self-loop counted once. */
function totalStrength(rows: Neighbourhoods, size: number): number {
  let doubled = 0

  for (const degree of strengthDegrees(rows, size)) doubled += degree

  return doubled / 2
}

function identity(size: number): Int32Array {
  const numbers = new Int32Array(size)

  for (let i = 0; i < size; i++) numbers[i] = i

  return numbers
}
