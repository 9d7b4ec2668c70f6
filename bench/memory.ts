/**
 * Peak resident set size of this process over a stretch of work. The sampler runs in a
 * worker thread because the algorithms block the main thread for seconds at a time, and a
 * timer on the main thread would not fire until they finished.
 */
import { Worker } from 'node:worker_threads'

const SAMPLE_INTERVAL_MS = 10

// Plain JavaScript, evaluated in the worker. `process.memoryUsage.rss()` reads the whole
// process, not only the worker's heap.
const SAMPLER_SOURCE = `
const { workerData } = require('node:worker_threads')
const peak = new Float64Array(workerData.buffer)
const sample = () => { peak[0] = Math.max(peak[0], process.memoryUsage.rss()) }
sample()
setInterval(sample, workerData.intervalMs)
`

export interface RssSampler {
  /** Stops sampling and returns the highest RSS seen, in bytes. */
  stop(): Promise<number>
}

export async function startRssSampler(): Promise<RssSampler> {
  const buffer = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT)
  const peak = new Float64Array(buffer)
  peak[0] = process.memoryUsage.rss()

  const worker = new Worker(SAMPLER_SOURCE, { eval: true, workerData: { buffer, intervalMs: SAMPLE_INTERVAL_MS } })
  worker.unref()
  await new Promise<void>((resolve, reject) => {
    worker.once('online', resolve)
    worker.once('error', reject)
  })

  return {
    async stop() {
      await worker.terminate()
      return Math.max(peak[0] as number, process.memoryUsage.rss())
    },
  }
}
