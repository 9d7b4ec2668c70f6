/**
 * The one error type the analytics functions throw. Its `code` is stable, so a
 * route can map it to a status without parsing the message.
 */

export type AnalyticsErrorCode =
  | 'ANALYTICS_INVALID_OPTION'
  | 'ANALYTICS_INVALID_WEIGHT'
  | 'ANALYTICS_NODE_NOT_FOUND'
  | 'ANALYTICS_CANCELLED'
  | 'ANALYTICS_NOT_CONVERGED'

export class AnalyticsError extends Error {
  readonly code: AnalyticsErrorCode

  constructor(code: AnalyticsErrorCode, message: string) {
    super(message)
    this.name = 'AnalyticsError'
    this.code = code
  }
}
