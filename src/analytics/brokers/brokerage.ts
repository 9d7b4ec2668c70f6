/**
 * Gould-Fernandez brokerage roles. A node b brokers each open two-path
 * a → b → c: a, b and c are distinct and there is no edge a → c. With a group
 * for every node, the two-path gives b one of five roles:
 *
 *   coordinator     a, b, c in one group                 (sna: w_I)
 *   gatekeeper      b and c in one group, a in another   (b_OI)
 *   representative  a and b in one group, c in another   (b_IO)
 *   consultant      a and c in one group, b in another   (w_O, "itinerant")
 *   liaison         a, b and c in three groups           (b_O)
 *
 * The counts are raw numbers of two-paths, as the `brokerage()` function of
 * the sna R package counts them, with no expected values or z-scores. Edges
 * are read as a simple directed graph: parallel edges count once, self-loops
 * never form a two-path, and weights are ignored. A reciprocal pair a ⇄ b
 * gives no two-path a → b → a, because a = c.
 *
 * An undirected graph, or the `undirected` orientation, reads every edge in
 * both directions, as sna does with a symmetric adjacency matrix: an open path
 * a - b - c is then counted twice, as a → b → c and c → b → a, so a node that
 * is a gatekeeper on one of them is a representative on the other.
 *
 * A node without a group still carries edges and two-paths, but a two-path
 * with an ungrouped node at either end or in the middle gets no role; the
 * broker counts it as `unclassified`.
 *
 * [Reference]:
 * Roger V. Gould and Roberto M. Fernandez, Structures of mediation: a formal
 * approach to brokerage in transaction networks. Sociological Methodology
 * 19:89-126, 1989.
 */
import type { AbstractGraph } from 'graphology-types'

import { checkEdgeList, compact, edgeListOf, type CompactGraph, type EdgeList } from '../compact.js'
import { AnalyticsError } from '../errors.js'
import { checkOrientation } from '../options.js'
import type { Orientation } from '../orientation.js'

export const BROKERAGE_ROLES = ['coordinator', 'gatekeeper', 'representative', 'consultant', 'liaison'] as const
export type BrokerageRole = (typeof BROKERAGE_ROLES)[number]

/** Per-node counts, indexed by node number. */
export interface BrokerageCounts extends Record<BrokerageRole, Float64Array> {
  /** Sum of the five roles. */
  total: Float64Array
  /** Open two-paths brokered with an ungrouped node on them. */
  unclassified: Float64Array
}

export type BrokerageScores = Record<BrokerageRole | 'total' | 'unclassified', number>

export interface BrokerageControls {
  /** Called after every 1% of the nodes with the number of nodes done and the node count. */
  onProgress?: (done: number, total: number) => void
  /** Polled before each source node's two-paths, and true makes the run throw ANALYTICS_CANCELLED. */
  shouldStop?: () => boolean
}

export interface BrokerageOptions {
  /** Node attribute that contains each node's group, such as a clan. Null or missing means no group. */
  groupAttribute: string
  /** Direction in which edges are read. Without it the graph's own direction applies. */
  orientation?: Orientation
}

/**
 * Counts the brokerage roles of every node of a compact graph, where node i
 * is in group `groups[i]`, or in none when that is -1.
 */
export function brokerageCounts(
  graph: CompactGraph,
  groups: Int32Array,
  controls: BrokerageControls = {},
): BrokerageCounts {
  const n = graph.keys.length
  const { offsets, targets } = graph.out

  if (groups.length !== n) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/brokerage: ${groups.length} group numbers for ${n} nodes, expected one per node`,
    )
  }

  const counts: BrokerageCounts = {
    coordinator: new Float64Array(n),
    gatekeeper: new Float64Array(n),
    representative: new Float64Array(n),
    consultant: new Float64Array(n),
    liaison: new Float64Array(n),
    total: new Float64Array(n),
    unclassified: new Float64Array(n),
  }

  // successorOf[c] === a marks the edge a → c while a is the source.
  const successorOf = new Int32Array(n).fill(-1)
  const step = Math.max(1, Math.ceil(n / 100))

  for (let a = 0; a < n; a++) {
    if (controls.shouldStop?.() === true) {
      throw new AnalyticsError('ANALYTICS_CANCELLED', 'analytics/brokerage: run cancelled by the caller')
    }

    const end = offsets[a + 1] as number

    for (let k = offsets[a] as number; k < end; k++) successorOf[targets[k] as number] = a

    for (let k = offsets[a] as number; k < end; k++) {
      const b = targets[k] as number

      if (b === a) continue

      for (let j = offsets[b] as number; j < (offsets[b + 1] as number); j++) {
        const c = targets[j] as number

        if (c === a || c === b || successorOf[c] === a) continue

        countRole(counts, b, groups[a] as number, groups[b] as number, groups[c] as number)
      }
    }

    if (controls.onProgress !== undefined && ((a + 1) % step === 0 || a + 1 === n)) controls.onProgress(a + 1, n)
  }

  return counts
}

function countRole(counts: BrokerageCounts, broker: number, source: number, own: number, target: number): void {
  if (source < 0 || own < 0 || target < 0) {
    counts.unclassified[broker] = (counts.unclassified[broker] as number) + 1
    return
  }

  const role = roleOf(source, own, target)

  counts[role][broker] = (counts[role][broker] as number) + 1
  counts.total[broker] = (counts.total[broker] as number) + 1
}

/** Returns the role of a broker in group `own` between a source and a target node. */
function roleOf(source: number, own: number, target: number): BrokerageRole {
  if (source === own) return own === target ? 'coordinator' : 'representative'
  if (own === target) return 'gatekeeper'
  if (source === target) return 'consultant'

  return 'liaison'
}

/**
 * Numbers the groups of the nodes from 0 in order of first appearance, where
 * `values[i]` is node i's group. Null or undefined means no group (-1).
 * Groups compare as Map keys do, so 1 and "1" are different groups.
 */
export function numberGroups(keys: string[], values: readonly unknown[]): Int32Array {
  const numbers = new Map<unknown, number>()

  return Int32Array.from(keys, (key, i) => {
    const value = values[i]

    if (value === null || value === undefined) return -1

    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new AnalyticsError(
        'ANALYTICS_INVALID_OPTION',
        `analytics/brokerage: node "${key}" has a group of type ${typeof value}, expected a string, number or boolean`,
      )
    }

    let group = numbers.get(value)

    if (group === undefined) {
      group = numbers.size
      numbers.set(value, group)
    }

    return group
  })
}

/**
 * Counts the brokerage roles of every node of an edge list, node i being in
 * group `groups[i]`. Edges are read in the edge list's own direction unless
 * an orientation is given.
 */
export function brokerageRoles(
  edges: EdgeList,
  groups: readonly unknown[],
  options: { orientation?: Orientation } = {},
  controls: BrokerageControls = {},
): BrokerageCounts {
  checkOrientation(options.orientation)
  checkEdgeList(edges)

  if (groups.length !== edges.keys.length) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/brokerage: ${groups.length} group values for ${edges.keys.length} nodes, expected one per node`,
    )
  }

  const view = compact(edges, { orientation: options.orientation, merge: 'sum' })

  return brokerageCounts(view, numberGroups(view.keys, groups), controls)
}

/** Counts the brokerage roles of every node of a graphology graph, with groups read from a node attribute. */
export function brokerage(graph: AbstractGraph, options: BrokerageOptions): Record<string, BrokerageScores> {
  if (typeof options.groupAttribute !== 'string' || options.groupAttribute === '') {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/brokerage: invalid groupAttribute ${JSON.stringify(options.groupAttribute)}, ` +
        'expected a node attribute name',
    )
  }

  const edges = edgeListOf(graph, undefined, 'weight')
  const groups = edges.keys.map((key) => graph.getNodeAttribute(key, options.groupAttribute) as unknown)
  const counts = brokerageRoles(edges, groups, { orientation: options.orientation })
  const scores: Record<string, BrokerageScores> = Object.create(null)

  edges.keys.forEach((key, i) => {
    scores[key] = {
      coordinator: counts.coordinator[i] as number,
      gatekeeper: counts.gatekeeper[i] as number,
      representative: counts.representative[i] as number,
      consultant: counts.consultant[i] as number,
      liaison: counts.liaison[i] as number,
      total: counts.total[i] as number,
      unclassified: counts.unclassified[i] as number,
    }
  })

  return scores
}
