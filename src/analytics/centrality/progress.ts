/**
 * Progress reports and cancellation for long loops, which run one search
 * per source node or one removal step at a time.
 */
import { AnalyticsError } from '../errors.js'

export interface ProgressOptions {
  /** Called with the units done so far and the total, at most about 100 times per run. */
  onProgress?: (done: number, total: number) => void
  /** Checked before every unit of work; once it returns true the run throws ANALYTICS_CANCELLED. */
  shouldStop?: () => boolean
}

/**
 * Returns the function a loop calls before each unit of work, with the
 * number of units already done, and once more with `total` at the end.
 * `unit` names the work in the cancellation message ("source nodes").
 */
export function trackProgress(
  name: string,
  unit: string,
  total: number,
  options: ProgressOptions,
): (done: number) => void {
  const { onProgress, shouldStop } = options
  const interval = Math.max(1, Math.ceil(total / 100))

  return (done: number): void => {
    if (shouldStop !== undefined && done < total && shouldStop()) {
      throw new AnalyticsError('ANALYTICS_CANCELLED', `analytics/${name}: cancelled after ${done} of ${total} ${unit}`)
    }

    if (onProgress !== undefined && (done % interval === 0 || done === total)) onProgress(done, total)
  }
}
