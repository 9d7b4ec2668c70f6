/**
 * The analytics runner: tasks run in worker threads, wait their turn, and stop on time-out.
 */
import t from 'tap'

import { AnalyticsError } from '../../src/analytics/index.js'
import { AppError } from '../../src/errors.js'
import { createAnalyticsRunner } from '../../src/services/analytics-runner.js'
import type { ProjectedGraph } from '../../src/services/analytics-task.js'

// A path a - b - c: b lies on the only shortest path between a and c.
const PATH: ProjectedGraph = {
  nodes: ['a', 'b', 'c'],
  edges: [
    { source: 0, target: 1, weight: 1 },
    { source: 1, target: 2, weight: 1 },
  ],
}

t.test('runs tasks in a worker', async (t) => {
  const runner = createAnalyticsRunner({ concurrency: 1, timeoutMs: 60_000 })
  const [betweenness, degree] = await Promise.all([
    runner.run({ kind: 'centrality', graph: PATH, options: { measure: 'betweenness', normalized: false, orientation: 'undirected' } }),
    runner.run({ kind: 'centrality', graph: PATH, options: { measure: 'degree', normalized: false, orientation: 'undirected' } }),
  ])
  t.same({ ...betweenness }, { a: 0, b: 1, c: 0 })
  t.same({ ...degree }, { a: 1, b: 2, c: 1 })
})

t.test('passes analytics errors through', async (t) => {
  const runner = createAnalyticsRunner({ concurrency: 1, timeoutMs: 60_000 })
  const task = { kind: 'centrality' as const, graph: PATH, options: { measure: 'pagerank' as const, normalized: false } }
  await t.rejects(runner.run(task), AnalyticsError)
})

t.test('stops a task past its time limit', async (t) => {
  const runner = createAnalyticsRunner({ concurrency: 1, timeoutMs: 1 })
  const error = await runner
    .run({ kind: 'centrality', graph: PATH, options: { measure: 'degree', normalized: false } })
    .catch((caught: unknown) => caught)
  t.ok(error instanceof AppError)
  t.equal((error as AppError).code, 'MLN_QUERY_TIMEOUT')
})
