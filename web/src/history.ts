/**
 * Undo and redo for the workspace. Each step is recorded after it was done, as a pair of
 * functions that take the graph and the state back and forth. The oldest steps fall off past
 * the limit, and doing a new step forgets the steps that were undone.
 */

export interface Step {
  /** The step's description, for the buttons' titles: "Hide 2 nodes". */
  description: string
  undo(): void
  redo(): void
}

export const HISTORY_LIMIT = 100

export function createHistory(limit = HISTORY_LIMIT) {
  const done: Step[] = []
  const undone: Step[] = []
  const listeners: (() => void)[] = []

  function changed(): void {
    for (const listener of listeners) listener()
  }

  return {
    record(step: Step): void {
      done.push(step)
      if (done.length > limit) done.shift()
      undone.length = 0
      changed()
    },

    /** Undoes the last step and returns it, or returns null when there is none. */
    undo(): Step | null {
      const step = done.pop()
      if (step === undefined) return null
      step.undo()
      undone.push(step)
      changed()
      return step
    },

    /** Does the last undone step again and returns it, or returns null when there is none. */
    redo(): Step | null {
      const step = undone.pop()
      if (step === undefined) return null
      step.redo()
      done.push(step)
      changed()
      return step
    },

    /** The step that `undo` would take back, or null. */
    nextUndo: (): Step | null => done.at(-1) ?? null,
    nextRedo: (): Step | null => undone.at(-1) ?? null,
    depth: (): number => done.length,

    clear(): void {
      done.length = 0
      undone.length = 0
      changed()
    },

    /** Calls `listener` after every change of either stack. */
    subscribe(listener: () => void): void {
      listeners.push(listener)
    },
  }
}

export type History = ReturnType<typeof createHistory>
