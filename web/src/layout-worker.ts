/**
 * ForceAtlas2 in a web worker (graphology-layout-forceatlas2/worker), so that the page stays
 * responsive while a large graph settles. A run lays out a copy of the visible graph for a
 * fixed number of iterations, which keeps its result repeatable, copies positions to the
 * network a few times a second, and ends with overlap removal. A run can be stopped
 * early, and it then ends the same way.
 */
import FA2LayoutModule from 'graphology-layout-forceatlas2/worker.js'
import type { MultiDirectedGraph } from 'graphology'

import { buildLayoutGraph, capturePositions, copyPositions, forceAtlas2Settings, type Positions } from './layout.js'
import { removeOverlaps } from './layout-noverlap.js'
import type { NetworkGraph } from './network.js'
import type { Store } from './state.js'

// CommonJS typed with `export default`, as for ForceAtlas2 in layout.ts.
const FA2Layout = (FA2LayoutModule as { default?: typeof FA2LayoutModule.default }).default
  ?? (FA2LayoutModule as unknown as typeof FA2LayoutModule.default)

/** Iterations of a run started from the toolbar or after loading a large graph. */
export const WORKER_ITERATIONS = 300

/**
 * Time between copies of the worker's positions to the screen. The worker waits for the main
 * thread between iterations, so redrawing every animation frame would slow the run to one
 * iteration a frame where drawing is slow (software WebGL).
 */
const COPY_INTERVAL_MS = 200

export interface LayoutRunnerParts {
  graph: NetworkGraph
  store: Store
  /** The canvas's smaller side in pixels, which overlap removal needs to size nodes. */
  pixelsAcross(): number
  /** Called when a run ends, with the positions before and after it, to record the step. */
  onSettled(before: Positions, after: Positions, recorded: boolean): void
  /** Whether the analyst is panning, during which copies wait: each one redraws the whole graph. */
  isPanning(): boolean
}

interface ActiveRun {
  copy: MultiDirectedGraph
  supervisor: InstanceType<typeof FA2Layout>
  before: Positions
  recorded: boolean
  frame: number
  ending: boolean
}

export function createLayoutRunner(parts: LayoutRunnerParts) {
  const { graph, store } = parts
  let run: ActiveRun | null = null

  function copyFrame(): void {
    if (run === null || run.ending) return
    if (!parts.isPanning()) copyPositions(run.copy, graph, store.get().pinnedNodes)
    run.frame = window.setTimeout(copyFrame, COPY_INTERVAL_MS)
  }

  function finish(): void {
    const current = run
    if (current === null) return
    run = null
    clearTimeout(current.frame)
    current.supervisor.kill()

    removeOverlaps(current.copy, parts.pixelsAcross())
    copyPositions(current.copy, graph, store.get().pinnedNodes)
    store.update({ layoutRunning: false })
    parts.onSettled(current.before, capturePositions(graph), current.recorded)
  }

  /** Ends the run in a later task: the supervisor is still handling its message when this is called. */
  function endSoon(): void {
    if (run === null || run.ending) return
    run.ending = true
    run.supervisor.stop()
    setTimeout(finish, 0)
  }

  function cancel(): void {
    if (run === null) return
    clearTimeout(run.frame)
    run.supervisor.kill()
    run = null
    store.update({ layoutRunning: false })
  }

  // A new graph makes the copy meaningless.
  graph.on('cleared', cancel)

  return {
    /**
     * Starts a run of `iterations` on the visible nodes, ending any run in progress first.
     * With `record` false the run is not an undoable step, as for the refinement after a load.
     * Returns false when there are fewer than two visible nodes to lay out.
     */
    start(iterations = WORKER_ITERATIONS, record = true): boolean {
      if (run !== null) {
        run.ending = true
        finish()
      }
      const { pinnedNodes, hiddenNodes } = store.get()
      const copy = buildLayoutGraph(graph, { pinned: pinnedNodes, hidden: hiddenNodes })
      if (copy.order < 2) return false

      const supervisor = new FA2Layout(copy, { settings: forceAtlas2Settings(copy), getEdgeWeight: null })
      let done = 0
      // The supervisor writes every iteration's positions with one updateEachNodeAttributes call.
      copy.on('eachNodeAttributesUpdated', () => {
        done += 1
        if (done >= iterations) endSoon()
      })

      run = {
        copy,
        supervisor,
        before: capturePositions(graph),
        recorded: record,
        frame: window.setTimeout(copyFrame, COPY_INTERVAL_MS),
        ending: false,
      }
      supervisor.start()
      store.update({ layoutRunning: true })
      return true
    },

    /** Stops the run early; it still removes overlaps and records the step. */
    stop(): void {
      if (run === null) return
      run.ending = true
      run.supervisor.stop()
      finish()
    },

    /** Drops the run without applying its last positions. */
    cancel,

    isRunning: (): boolean => run !== null,
  }
}

export type LayoutRunner = ReturnType<typeof createLayoutRunner>
