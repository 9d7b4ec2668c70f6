/**
 * The analytics runner: tasks run in worker threads on edge lists, wait their turn, report
 * progress, and stop on time-out or when cancelled.
 */
import t from 'tap'

import { AnalyticsError } from '../../src/analytics/index.js'
import type { EdgeList } from '../../src/analytics/compact.js'
import { AppError } from '../../src/errors.js'
import { createAnalyticsRunner } from '../../src/services/analytics-runner.js'

// A path a - b - c: b lies on the only shortest path between a and c. Each task gets its
// own arrays, because the runner hands the buffers over to the worker.
function path(): EdgeList {
  return { keys: ['a', 'b', 'c'], directed: true, sources: Int32Array.from([0, 1]), targets: Int32Array.from([1, 2]), weights: null }
}

/** Builds a ring of `n` nodes, big enough that exact betweenness takes a while. */
function ring(n: number): EdgeList {
  const sources = Int32Array.from({ length: n }, (_, i) => i)
  const targets = Int32Array.from({ length: n }, (_, i) => (i + 1) % n)
  return { keys: Array.from({ length: n }, (_, i) => `r${i}`), directed: true, sources, targets, weights: null }
}

t.test('runs tasks in a worker', async (t) => {
  const runner = createAnalyticsRunner({ concurrency: 1, timeoutMs: 60_000 })
  const [betweenness, degree] = await Promise.all([
    runner.run({ kind: 'centrality', edges: path(), options: { measure: 'betweenness', normalized: false, orientation: 'undirected' } }),
    runner.run({ kind: 'centrality', edges: path(), options: { measure: 'degree', normalized: false, orientation: 'undirected' } }),
  ])
  t.same([...(betweenness as Float64Array)], [0, 1, 0])
  t.same([...(degree as Float64Array)], [1, 2, 1])
})

t.test('passes analytics errors through', async (t) => {
  const runner = createAnalyticsRunner({ concurrency: 1, timeoutMs: 60_000 })
  const task = { kind: 'centrality' as const, edges: path(), options: { measure: 'pagerank' as const, normalized: false } }
  await t.rejects(runner.run(task), AnalyticsError)
})

t.test('stops a task past its time limit', async (t) => {
  const runner = createAnalyticsRunner({ concurrency: 1, timeoutMs: 1 })
  const error = await runner
    .run({ kind: 'centrality', edges: path(), options: { measure: 'degree', normalized: false } })
    .catch((caught: unknown) => caught)
  t.ok(error instanceof AppError)
  t.equal((error as AppError).code, 'MLN_QUERY_TIMEOUT')
})

t.test('reports progress of exact betweenness', async (t) => {
  const runner = createAnalyticsRunner({ concurrency: 1, timeoutMs: 60_000 })
  const reports: [number, number][] = []
  await runner.run(
    { kind: 'centrality', edges: ring(3000), options: { measure: 'betweenness', normalized: true, orientation: 'undirected' } },
    { onProgress: (done, total) => reports.push([done, total]) },
  )
  t.ok(reports.length > 0, 'at least one progress report arrives')
  t.equal(reports.at(-1)?.[1], 3000, 'the total is the number of source nodes')
  t.ok(reports.every(([done], i) => i === 0 || done >= (reports[i - 1]?.[0] ?? 0)), 'progress never goes back')
})

t.test('cancels a running task', async (t) => {
  const runner = createAnalyticsRunner({ concurrency: 1, timeoutMs: 60_000 })
  const controller = new AbortController()
  const started = performance.now()
  const running = runner.run(
    { kind: 'centrality', edges: ring(20_000), options: { measure: 'betweenness', normalized: true, orientation: 'undirected' } },
    { signal: controller.signal, onProgress: () => controller.abort() },
  )
  const error = await running.catch((caught: unknown) => caught)
  t.equal((error as AppError).code, 'MLN_CANCELLED')
  t.ok(performance.now() - started < 30_000, 'the run stops long before exact betweenness on 20,000 nodes would end')
})
