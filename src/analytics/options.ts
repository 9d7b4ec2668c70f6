/**
 * Option checks shared by the two dispatchers.
 */
import { AnalyticsError } from './errors.js'
import { ORIENTATIONS, type Orientation } from './orientation.js'

export function invalidOption(message: string): AnalyticsError {
  return new AnalyticsError('ANALYTICS_INVALID_OPTION', message)
}

export function checkOrientation(orientation: unknown): void {
  if (orientation !== undefined && !ORIENTATIONS.includes(orientation as Orientation)) {
    throw invalidOption(
      `analytics: invalid orientation "${String(orientation)}", expected one of ${ORIENTATIONS.join(', ')}`,
    )
  }
}

/** Rejects any option that is set but, per `scope`, does not apply to the algorithm `name`. */
export function checkScope<Name extends string>(
  name: Name,
  options: object,
  scope: Record<string, readonly Name[]>,
): void {
  for (const [option, value] of Object.entries(options)) {
    const allowed = scope[option]

    if (value === undefined || allowed === undefined || allowed.includes(name)) continue

    throw invalidOption(
      `analytics/${name}: option ${option} does not apply to ${name}, it applies to ${allowed.join(', ')}`,
    )
  }
}
