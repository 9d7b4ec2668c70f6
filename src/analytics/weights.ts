/**
 * Reading edge weights. A weight means either a strength (more is closer: call
 * counts, amounts) or a distance (more is farther: travel time, cost), and
 * each algorithm states which one it reads. No function here picks an
 * attribute by itself: without an attribute name every edge weighs 1.
 */
import type { Attributes } from 'graphology-types'

import { AnalyticsError } from './errors.js'

export type WeightMeaning = 'strength' | 'distance' | 'weight'

/**
 * Returns the weight of one edge. A missing attribute (undefined or null)
 * counts as 1, as networkx does with `d.get(weight, 1)`. Any other value must
 * be a finite number >= 0.
 */
export function readEdgeWeight(
  edge: string,
  attributes: Attributes,
  attribute: string | undefined,
  meaning: WeightMeaning,
): number {
  if (attribute === undefined) return 1

  const value: unknown = attributes[attribute]

  if (value === undefined || value === null) return 1

  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_WEIGHT',
      `analytics: edge "${edge}" has an invalid ${meaning} ${describeValue(value)} ` +
        `in attribute "${attribute}", expected a finite number >= 0`,
    )
  }

  return value
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}
