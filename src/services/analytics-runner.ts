/**
 * Runs analytics tasks in worker threads, so that a long computation never blocks the
 * event loop that serves other requests. At most `concurrency` tasks run at once and the
 * rest wait in order. A task that runs past its time limit, or whose signal aborts, has its
 * worker terminated at once, so the algorithms need no cancellation points of their own.
 */
import { Worker } from 'node:worker_threads'

import { AnalyticsError } from '../analytics/index.js'
import { AppError } from '../errors.js'
import { transferList, type AnalyticsTask, type AnalyticsTaskResult } from './analytics-task.js'

const WORKER_URL = new URL('./analytics-worker.mjs', import.meta.url)

export interface AnalyticsRunnerOptions {
  concurrency: number
  timeoutMs: number
}

export interface RunOptions {
  /** Called with the work done so far, as the worker reports it. */
  onProgress?: (done: number, total: number) => void
  /** Stops the task; the run then rejects with an `MLN_CANCELLED` error. */
  signal?: AbortSignal
  /** Overrides the runner's time limit. */
  timeoutMs?: number
}

type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; result: AnalyticsTaskResult }
  | { type: 'error'; error: { name?: string; code?: string; message: string } }

export function createAnalyticsRunner(options: AnalyticsRunnerOptions) {
  let running = 0
  const waiting: (() => void)[] = []
  // Workers that finished a task wait here for the next one, so a request does not pay
  // for starting a thread and loading the algorithms again. A worker that was stopped is
  // never reused.
  const idle: Worker[] = []

  async function acquire(): Promise<void> {
    if (running < options.concurrency) {
      running += 1
      return
    }
    await new Promise<void>((resolve) => waiting.push(resolve))
  }

  function release(): void {
    const next = waiting.shift()
    if (next === undefined) {
      running -= 1
    } else {
      next()
    }
  }

  function startWorker(): Worker {
    const worker = new Worker(WORKER_URL)
    // An idle worker that fails leaves the pool instead of crashing the process.
    worker.on('error', () => {
      const index = idle.indexOf(worker)
      if (index >= 0) {
        idle.splice(index, 1)
      }
    })
    return worker
  }

  function runInWorker(task: AnalyticsTask, run: RunOptions): Promise<AnalyticsTaskResult> {
    const timeoutMs = run.timeoutMs ?? options.timeoutMs
    return new Promise((resolve, reject) => {
      const worker = idle.pop() ?? startWorker()
      let settled = false
      const finish = (outcome: () => void, reusable: boolean) => {
        if (settled) {
          return
        }
        settled = true
        clearTimeout(timer)
        run.signal?.removeEventListener('abort', onAbort)
        worker.off('message', onMessage)
        worker.off('error', onError)
        if (reusable && idle.length < options.concurrency) {
          idle.push(worker)
          worker.unref()
        } else {
          void worker.terminate()
        }
        outcome()
      }
      const onAbort = () =>
        finish(() => reject(new AppError('MLN_CANCELLED', `The ${task.kind} run was cancelled`)), false)
      const onError = (error: Error) => finish(() => reject(error), false)
      const onMessage = (message: WorkerMessage) => {
        if (message.type === 'progress') {
          run.onProgress?.(message.done, message.total)
        } else if (message.type === 'result') {
          finish(() => resolve(message.result), true)
        } else if (message.error.name === 'AnalyticsError') {
          finish(() => reject(new AnalyticsError(message.error.code as AnalyticsError['code'], message.error.message)), true)
        } else {
          finish(() => reject(new Error(message.error.message)), true)
        }
      }
      const timer = setTimeout(
        () =>
          finish(
            () =>
              reject(
                new AppError(
                  'MLN_QUERY_TIMEOUT',
                  `The ${task.kind} run took longer than ${timeoutMs / 1000} s and was stopped; narrow the scope, or run it as a job with POST /api/jobs`,
                ),
              ),
            false,
          ),
        timeoutMs,
      )
      if (run.signal?.aborted === true) {
        onAbort()
        return
      }
      run.signal?.addEventListener('abort', onAbort)
      worker.ref()
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.postMessage(task, transferList(task))
    })
  }

  return {
    async run(task: AnalyticsTask, run: RunOptions = {}): Promise<AnalyticsTaskResult> {
      await acquire()
      try {
        return await runInWorker(task, run)
      } finally {
        release()
      }
    },

    /** Stops the idle workers; a later run starts new ones. */
    async close(): Promise<void> {
      await Promise.all(idle.splice(0).map((worker) => worker.terminate()))
    },
  }
}

export type AnalyticsRunner = ReturnType<typeof createAnalyticsRunner>
