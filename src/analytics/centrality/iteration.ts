/**
 * Option checks shared by the power-iteration measures (PageRank,
 * eigenvector).
 */
import { AnalyticsError } from '../errors.js'

export function checkIterationOptions(measure: string, maxIterations: number, tolerance: number): void {
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/${measure}: invalid maxIterations ${String(maxIterations)}, expected an integer >= 1`,
    )
  }

  if (!Number.isFinite(tolerance) || tolerance <= 0) {
    throw new AnalyticsError(
      'ANALYTICS_INVALID_OPTION',
      `analytics/${measure}: invalid tolerance ${String(tolerance)}, expected a finite number > 0`,
    )
  }
}

export function notConverged(measure: string, maxIterations: number, tolerance: number): AnalyticsError {
  return new AnalyticsError(
    'ANALYTICS_NOT_CONVERGED',
    `analytics/${measure}: power iteration did not converge within ${maxIterations} iterations ` +
      `at tolerance ${tolerance}; raise maxIterations or tolerance`,
  )
}
