/**
 * The neighbourhoods a measure walks, built from an edge list: arcs followed
 * forwards, backwards, or either way with direction ignored.
 */
import { compact, type EdgeList, type Merge, type Neighbourhoods, type Orientation } from '../compact.js'

/** Direction in which a measure follows arcs: `out` forwards, `in` backwards, `both` either way. */
export type Traversal = 'out' | 'in' | 'both'

/**
 * Orients the edge list (the list's own `directed` decides without
 * `orientation`), then returns the arcs to follow. `both` merges a→b and
 * b→a into one undirected edge by the `merge` rule.
 */
export function neighbourhoodsOf(
  edges: EdgeList,
  orientation: Orientation | undefined,
  traversal: Traversal,
  merge: Merge,
): Neighbourhoods {
  if (traversal === 'both') return compact(edges, { orientation: 'undirected', merge }).out

  const graph = compact(edges, { orientation, merge })

  return traversal === 'out' ? graph.out : graph.in
}
