/**
 * Centrality and Louvain through the analytics service against networkx on the same
 * projection (`networkx_peer.py`). Each service call is timed from the projection load in
 * Neo4j to the ranked result. The scores are compared node by node, and the peak RSS of
 * both processes is recorded.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { AnalyticsError } from '../src/analytics/errors.js'
import { loadDemoNetwork } from '../src/cli/loaders.js'
import { SEE_ALL } from '../src/data/database.js'
import { createProjectionRepository, type ProjectionScope } from '../src/data/repositories/projection.js'
import {
  MAX_PROJECTION_NODES,
  MAX_PROJECTION_RELATIONSHIPS,
  type CentralityMeasure,
  type ScopeRequest,
} from '../src/services/analytics.js'
import { createServices, type Services } from '../src/services/index.js'
import type { DemoNetworkOptions } from './import.js'
import { startRssSampler } from './memory.js'
import type { BenchNeo4j } from './neo4j.js'

const PEER_SCRIPT = fileURLToPath(new URL('./networkx_peer.py', import.meta.url))
const PEER_OUTPUT_LIMIT_BYTES = 256 * 1024 * 1024

const PROJECTION: ScopeRequest = {
  labels: [],
  types: [],
  source: 'demo',
  since: null,
  until: null,
  group: null,
  country: null,
  community: null,
  around: null,
  radius: null,
  orientation: 'undirected',
  weightProperty: null,
}

const SCOPE: ProjectionScope = { ...PROJECTION, ids: null }

/** The measures that `networkx_peer.py` computes too. */
const MEASURES = ['degree', 'betweenness', 'closeness', 'pagerank', 'eigenvector'] as const satisfies readonly CentralityMeasure[]
type Measure = (typeof MEASURES)[number]

export interface MeasureTiming {
  name: Measure | 'louvain'
  oursSeconds: number
  peerSeconds: number
  /** False when the power iteration stopped at its iteration limit without converging. */
  oursConverged: boolean
  peerConverged: boolean
  /**
   * Largest absolute score difference over all nodes, or null when there is nothing to
   * compare: Louvain partitions, or a side without scores.
   */
  maxDifference: number | null
}

export interface CentralityTiming {
  nodes: number
  relationships: number
  /** Edges of the undirected simple graph that the algorithms run on. */
  edges: number
  projectionSeconds: number
  peerBuildSeconds: number
  measures: MeasureTiming[]
  louvain: {
    ours: { communityCount: number; modularity: number }
    peer: { communityCount: number; modularity: number }
    /** Modularity of our partition as networkx computes it, minus ours. */
    modularityDifference: number
  }
  oursPeakRssBytes: number
  oursStartRssBytes: number
  peerPeakRssBytes: number
  versions: Record<string, string>
  /** The two largest eigenvalues of the weighted adjacency matrix, by scipy. */
  adjacencyEigenvalues: number[]
}

interface PeerOutput {
  versions: Record<string, string>
  graph: { nodes: number; edges: number }
  seconds: Record<string, number>
  peakRssBytes: number
  /** Scores by measure and node, or null for a power iteration that did not converge. */
  scores: Record<string, Record<string, number> | null>
  adjacencyEigenvalues: number[]
  louvain: { communityCount: number; modularity: number }
  ourPartitionModularity: number
}

/** Fails early, before any Neo4j starts, when `python` cannot import networkx and scipy. */
export function checkPeerPython(python: string): void {
  const result = spawnSync(python, ['-c', 'import networkx, scipy'], { encoding: 'utf8' })
  if (result.error !== undefined || result.status !== 0) {
    const reason = result.error?.message ?? result.stderr.trim().split('\n').pop()
    throw new Error(
      `Cannot import networkx and scipy with "${python}" (${reason}). Create a virtualenv with ` +
        '"python3 -m venv /tmp/millennium-bench-venv && /tmp/millennium-bench-venv/bin/pip install networkx scipy", ' +
        'then pass --python /tmp/millennium-bench-venv/bin/python',
    )
  }
}

export async function benchmarkCentrality(
  { config, database }: BenchNeo4j,
  demo: DemoNetworkOptions,
  python: string,
  log: (message: string) => void,
): Promise<CentralityTiming> {
  const services = createServices(database, { analyticsTimeoutMs: config.analyticsTimeoutMs })
  await loadDemoNetwork(services, demo)

  // The first load also warms Neo4j's query plans and page cache for the timed calls.
  const projectionStarted = performance.now()
  const projection = await createProjectionRepository(database).load(SCOPE, SEE_ALL, {
    maxNodes: MAX_PROJECTION_NODES,
    maxRelationships: MAX_PROJECTION_RELATIONSHIPS,
  })
  const projectionSeconds = (performance.now() - projectionStarted) / 1000

  const { edges } = projection

  const ours = await runOurs(services, demo.seed, log)
  const communities = ours.communities

  const peer = runPeer(
    python,
    projection.nodes.map((node) => node.id),
    Array.from(edges.sources, (source, e) => [edges.keys[source], edges.keys[edges.targets[e] as number]] as [string, string]),
    communities.communities.map((community) => community.members),
    demo.seed,
  )

  const measures: MeasureTiming[] = MEASURES.map((measure) => {
    const oursScores = ours.scores[measure] ?? null
    const peerScores = peer.scores[measure] ?? null
    return {
      name: measure,
      oursSeconds: ours.seconds[measure] as number,
      peerSeconds: peerSeconds(peer, measure),
      oursConverged: oursScores !== null,
      peerConverged: peerScores !== null,
      maxDifference: oursScores === null || peerScores === null ? null : maxDifference(measure, oursScores, peerScores),
    }
  })
  measures.push({
    name: 'louvain',
    oursSeconds: ours.seconds.louvain as number,
    peerSeconds: peerSeconds(peer, 'louvain'),
    oursConverged: true,
    peerConverged: true,
    maxDifference: null,
  })

  return {
    nodes: projection.nodes.length,
    relationships: edges.sources.length,
    edges: peer.graph.edges,
    projectionSeconds,
    peerBuildSeconds: peerSeconds(peer, 'build'),
    measures,
    louvain: {
      ours: { communityCount: communities.communityCount, modularity: communities.modularity },
      peer: peer.louvain,
      modularityDifference: peer.ourPartitionModularity - communities.modularity,
    },
    oursPeakRssBytes: ours.peakRssBytes,
    oursStartRssBytes: ours.startRssBytes,
    peerPeakRssBytes: peer.peakRssBytes,
    versions: peer.versions,
    adjacencyEigenvalues: peer.adjacencyEigenvalues,
  }
}

/**
 * Times each measure and Louvain through the service, one call each, while sampling the
 * process's RSS.
 */
async function runOurs(services: Services, seed: number, log: (message: string) => void) {
  const startRssBytes = process.memoryUsage.rss()
  const sampler = await startRssSampler()
  const seconds: Record<string, number> = {}
  const scores: Record<string, Map<string, number> | null> = {}

  // Stop the sampler on failure too, so that its worker does not outlive the phase.
  try {
    for (const measure of MEASURES) {
      const started = performance.now()
      scores[measure] = await scoreOrNull(services, measure)
      seconds[measure] = (performance.now() - started) / 1000
      const outcome = scores[measure] === null ? 'did not converge' : 'done'
      log(`Millennium ${measure}: ${outcome} in ${seconds[measure].toFixed(2)} s`)
    }

    const started = performance.now()
    const communities = await services.analytics.communities(
      { ...PROJECTION, algorithm: 'louvain', seed, resolution: 1 },
      SEE_ALL,
    )
    seconds.louvain = (performance.now() - started) / 1000

    return { seconds, scores, communities, startRssBytes, peakRssBytes: await sampler.stop() }
  } catch (error) {
    await sampler.stop()
    throw error
  }
}

/**
 * Scores every node through the service, or returns null when the power iteration stops
 * at its iteration limit, which the service reports as ANALYTICS_NOT_CONVERGED.
 */
async function scoreOrNull(services: Services, measure: Measure): Promise<Map<string, number> | null> {
  try {
    const result = await services.analytics.centrality(
      { ...PROJECTION, measure, normalized: true, direction: null, samples: null, seed: 0, seeds: null, limit: Number.MAX_SAFE_INTEGER },
      SEE_ALL,
    )
    return new Map(result.scores.map((entry) => [entry.id, entry.score]))
  } catch (error) {
    if (error instanceof AnalyticsError && error.code === 'ANALYTICS_NOT_CONVERGED') {
      return null
    }
    throw error
  }
}

/** Writes the projection as an edge list, runs the networkx peer on it and parses its report. */
function runPeer(
  python: string,
  nodeIds: string[],
  relationships: [string, string][],
  partition: string[][],
  seed: number,
): PeerOutput {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'millennium-bench-networkx-'))
  try {
    const files = {
      nodes: path.join(folder, 'nodes.txt'),
      edges: path.join(folder, 'edges.tsv'),
      partition: path.join(folder, 'partition.json'),
    }
    writeFileSync(files.nodes, nodeIds.map((id) => `${id}\n`).join(''))
    writeFileSync(files.edges, relationships.map(([source, target]) => `${source}\t${target}\n`).join(''))
    writeFileSync(files.partition, JSON.stringify(partition))

    const result = spawnSync(
      python,
      [PEER_SCRIPT, '--nodes', files.nodes, '--edges', files.edges, '--partition', files.partition, '--seed', String(seed)],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: PEER_OUTPUT_LIMIT_BYTES },
    )
    if (result.error !== undefined || result.status !== 0) {
      throw new Error(`The networkx peer failed (exit code ${result.status}): ${result.error?.message ?? 'see its output above'}`)
    }
    return JSON.parse(result.stdout) as PeerOutput
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

function peerSeconds(peer: PeerOutput, name: string): number {
  const seconds = peer.seconds[name]
  if (seconds === undefined) {
    throw new Error(`The networkx peer reported no time for "${name}"`)
  }
  return seconds
}

function maxDifference(measure: string, ours: Map<string, number>, peer: Record<string, number>): number {
  const peerIds = Object.keys(peer)
  if (peerIds.length !== ours.size) {
    throw new Error(`${measure}: Millennium scored ${ours.size} nodes but networkx scored ${peerIds.length}`)
  }
  let largest = 0
  for (const id of peerIds) {
    const score = ours.get(id)
    if (score === undefined) {
      throw new Error(`${measure}: networkx scored node "${id}", which Millennium did not score`)
    }
    largest = Math.max(largest, Math.abs(score - (peer[id] as number)))
  }
  return largest
}
