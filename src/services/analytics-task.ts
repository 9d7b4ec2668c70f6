/**
 * One analytics run on a projection, as plain data in and out, so that it can run in a
 * worker thread. The projection travels as an edge list of typed arrays, whose buffers are
 * moved to the worker rather than copied, and the algorithms run on it without a graphology
 * graph.
 */
import {
  articulationPoints,
  bridges,
  brokerageRoles,
  centralityOf,
  communitiesOf,
  disrupt,
  removeNodes,
  type CommunityOptions,
  type CompactCentralityOptions,
  type CommunityResult,
  type DisruptionOptions,
} from '../analytics/index.js'
import type { EdgeList, Orientation } from '../analytics/compact.js'

export type BrokerMeasure = 'articulation-points' | 'bridges' | 'brokerage'

export type AnalyticsTask =
  | { kind: 'centrality'; edges: EdgeList; options: CompactCentralityOptions }
  | { kind: 'communities'; edges: EdgeList; options: CommunityOptions }
  | { kind: 'brokers'; edges: EdgeList; options: { measure: BrokerMeasure; orientation: Orientation; groups?: (string | null)[] } }
  | { kind: 'disruption'; edges: EdgeList; options: DisruptionOptions }
  | { kind: 'removal'; edges: EdgeList; options: { remove: string[] } }

export type AnalyticsTaskResult =
  | Float64Array
  | CommunityResult
  | ReturnType<typeof articulationPoints>
  | ReturnType<typeof bridges>
  | ReturnType<typeof brokerageRoles>
  | ReturnType<typeof disrupt>
  | ReturnType<typeof removeNodes>

/** Lists the buffers a task can hand over to the worker instead of copying them. */
export function transferList(task: AnalyticsTask): ArrayBuffer[] {
  const buffers = [task.edges.sources.buffer, task.edges.targets.buffer]
  if (task.edges.weights !== null) {
    buffers.push(task.edges.weights.buffer)
  }
  return buffers.filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer)
}

export function runTask(task: AnalyticsTask, onProgress?: (done: number, total: number) => void): AnalyticsTaskResult {
  switch (task.kind) {
    case 'centrality':
      return centralityOf(task.edges, { ...task.options, onProgress })
    case 'communities':
      return communitiesOf(task.edges, task.options)
    case 'brokers':
      if (task.options.measure === 'articulation-points') {
        return articulationPoints(task.edges)
      }
      if (task.options.measure === 'bridges') {
        return bridges(task.edges)
      }
      return brokerageRoles(task.edges, task.options.groups ?? [], { orientation: task.options.orientation }, { onProgress })
    case 'disruption':
      return disrupt(task.edges, { ...task.options, onProgress })
    case 'removal':
      return removeNodes(task.edges, task.options.remove)
  }
}
