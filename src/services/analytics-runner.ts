/**
 * Runs analytics tasks in worker threads, so that a long computation never blocks the
 * event loop that serves other requests. At most `concurrency` tasks run at once and the
 * rest wait in order; a task that runs past `timeoutMs` is stopped and reported as timed out.
 */
import { Worker } from 'node:worker_threads'

import { AnalyticsError } from '../analytics/index.js'
import { AppError } from '../errors.js'
import type { AnalyticsTask, AnalyticsTaskResult } from './analytics-task.js'

const WORKER_URL = new URL('./analytics-worker.mjs', import.meta.url)

export interface AnalyticsRunnerOptions {
  concurrency: number
  timeoutMs: number
}

export function createAnalyticsRunner(options: AnalyticsRunnerOptions) {
  let running = 0
  const waiting: (() => void)[] = []

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

  function runInWorker(task: AnalyticsTask): Promise<AnalyticsTaskResult> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_URL)
      const timer = setTimeout(() => {
        void worker.terminate()
        reject(
          new AppError(
            'MLN_QUERY_TIMEOUT',
            `The ${task.kind} run took longer than ${options.timeoutMs / 1000} s and was stopped; narrow the scope with source, labels or types`,
          ),
        )
      }, options.timeoutMs)
      worker.once('message', (message: { ok: boolean; result?: AnalyticsTaskResult; error?: { name?: string; code?: string; message: string } }) => {
        clearTimeout(timer)
        void worker.terminate()
        if (message.ok) {
          resolve(message.result as AnalyticsTaskResult)
        } else if (message.error?.name === 'AnalyticsError') {
          reject(new AnalyticsError(message.error.code as AnalyticsError['code'], message.error.message))
        } else {
          reject(new Error(message.error?.message ?? 'analytics worker failed'))
        }
      })
      worker.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      worker.postMessage(task)
    })
  }

  return {
    async run(task: AnalyticsTask): Promise<AnalyticsTaskResult> {
      await acquire()
      try {
        return await runInWorker(task)
      } finally {
        release()
      }
    },
  }
}

export type AnalyticsRunner = ReturnType<typeof createAnalyticsRunner>
