/**
 * Shared checks for the analytics tests: scores compared node by node with a
 * tolerance, and partitions compared as sets of sets.
 */
import type { Test } from 'tap'

export const TOLERANCE = 1e-6

/** Checks that `actual` has exactly the nodes of `expected` and each score within `tolerance`. */
export function assertScores(
  t: Test,
  actual: Record<string, number>,
  expected: Record<string, number>,
  tolerance = TOLERANCE,
): void {
  t.same(Object.keys(actual).sort(), Object.keys(expected).sort(), 'same nodes')

  for (const [node, value] of Object.entries(expected)) {
    const score = actual[node] as number

    t.ok(Math.abs(score - value) <= tolerance, `node ${node}: got ${score}, expected ${value}`)
  }
}

/** Sorts members and groups so two partitions compare equal whatever their order. */
export function canonicalGroups(groups: (string | number)[][]): string[][] {
  return groups
    .map((group) => group.map(String).sort())
    .sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1))
}
