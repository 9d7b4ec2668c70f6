/**
 * Derives the graph an algorithm runs on from a directed multigraph, the way
 * a Neo4j GDS projection does with `orientation` and an `aggregation`:
 *
 * - `natural` keeps each relationship's direction;
 * - `reverse` flips it;
 * - `undirected` turns each relationship into an undirected edge, so a→b and
 *   b→a end up on the same edge.
 *
 * Parallel relationships, including those that meet only after orienting,
 * are merged into one edge. By default their weights are summed (GDS
 * `aggregation: 'SUM'`), so without a weight attribute the merged weight is
 * the number of relationships. The result is a simple graph that keeps
 * self-loops.
 *
 * An undirected edge of the input, which a mixed graph can hold, becomes two
 * opposite edges under `natural` and `reverse`.
 *
 * [Reference]:
 * Neo4j Graph Data Science manual, "Native projection" (orientation) and
 * "Converting directed relationships to undirected" (aggregation NONE, MIN,
 * MAX, SUM, SINGLE, COUNT, of which this module offers sum, min, max, count).
 * https://neo4j.com/docs/graph-data-science/current/management-ops/projections/graph-project
 */
import { DirectedGraph, UndirectedGraph } from 'graphology'
import type { AbstractGraph } from 'graphology-types'

import { AnalyticsError } from './errors.js'
import { readEdgeWeight } from './weights.js'

export const ORIENTATIONS = ['natural', 'reverse', 'undirected'] as const
export type Orientation = (typeof ORIENTATIONS)[number]

export const AGGREGATIONS = ['sum', 'min', 'max', 'count'] as const
export type Aggregation = (typeof AGGREGATIONS)[number]

/** Edge attribute of the oriented graph with the aggregated weight. */
export const ORIENTED_WEIGHT = 'weight'

/** Edge attribute of the oriented graph with the number of relationships merged into the edge. */
export const ORIENTED_COUNT = 'count'

export interface OrientationOptions {
  orientation: Orientation
  /** Relationship attribute to aggregate; without it each relationship weighs 1. */
  weightAttribute?: string
  /** Rule that combines the weights of parallel relationships, 'sum' by default. */
  aggregation?: Aggregation
}

function combine(aggregation: Aggregation, previous: number, weight: number): number {
  switch (aggregation) {
    case 'sum':
      return previous + weight
    case 'min':
      return Math.min(previous, weight)
    case 'max':
      return Math.max(previous, weight)
    case 'count':
      return previous + 1
  }
}

/**
 * Returns a new simple graph, directed for `natural` and `reverse`,
 * undirected for `undirected`. Node attributes are copied shallowly, edge
 * attributes other than the weight are dropped.
 */
export function orientGraph(graph: AbstractGraph, options: OrientationOptions): AbstractGraph {
  const aggregation = options.aggregation ?? 'sum'

  if (!ORIENTATIONS.includes(options.orientation)) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/orientation: invalid orientation "${String(options.orientation)}", ` +
        `expected one of ${ORIENTATIONS.join(', ')}`,
    )
  }

  if (!AGGREGATIONS.includes(aggregation)) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/orientation: invalid aggregation "${String(aggregation)}", expected one of ${AGGREGATIONS.join(', ')}`,
    )
  }

  const oriented: AbstractGraph =
    options.orientation === 'undirected' ? new UndirectedGraph() : new DirectedGraph()

  graph.forEachNode((node, attributes) => {
    oriented.addNode(node, { ...attributes })
  })

  // Aggregate in maps, then add each edge once, so that merging costs no
  // graphology edge lookup per relationship.
  const merged = new Map<string, Map<string, { weight: number; count: number }>>()

  const addRelationship = (source: string, target: string, weight: number): void => {
    const undirected = options.orientation === 'undirected'
    const [from, to] = undirected && merged.get(target)?.has(source) === true ? [target, source] : [source, target]
    let targets = merged.get(from)

    if (targets === undefined) {
      targets = new Map()
      merged.set(from, targets)
    }

    const entry = targets.get(to)

    if (entry === undefined) {
      targets.set(to, { weight: aggregation === 'count' ? 1 : weight, count: 1 })
      return
    }

    entry.weight = combine(aggregation, entry.weight, weight)
    entry.count += 1
  }

  graph.forEachEdge((edge, attributes, source, target, _sourceAttributes, _targetAttributes, undirected) => {
    const weight = readEdgeWeight(edge, attributes, options.weightAttribute, 'weight')

    if (options.orientation === 'undirected' || !undirected) {
      const flip = options.orientation === 'reverse'
      addRelationship(flip ? target : source, flip ? source : target, weight)
      return
    }

    addRelationship(source, target, weight)
    if (source !== target) addRelationship(target, source, weight)
  })

  for (const [source, targets] of merged) {
    for (const [target, { weight, count }] of targets) {
      oriented.mergeEdge(source, target, { [ORIENTED_WEIGHT]: weight, [ORIENTED_COUNT]: count })
    }
  }

  return oriented
}
