/**
 * Louvain, sampled betweenness, PageRank and connected components on the money benchmark's
 * network: the accounts and their TRANSFER relationships. Three sides run one after the
 * other. First the in-process algorithms run on the edge list loaded from Neo4j, then
 * networkx on the same edge list once it has built its graphs (`networkx_analytics.py`).
 * Last, the same four go through the REST API, each request once with an empty cache and
 * once cached. The in-process side also records the peak JavaScript heap and RSS.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'

import type { FastifyInstance } from 'fastify'
import neo4j from 'neo4j-driver'

import { PAGERANK_DEFAULTS } from '../src/analytics/centrality/pagerank.js'
import { compact, type CompactGraph, type EdgeList } from '../src/analytics/compact.js'
import {
  betweennessOf,
  centralityOf,
  communitiesOf,
  louvainCommunities,
  pagerankOf,
  sampleSources,
  weakComponents,
} from '../src/analytics/index.js'
import { signToken } from '../src/auth/tokens.js'
import { SEE_ALL, type Database } from '../src/data/database.js'
import { createProjectionRepository, type ProjectionScope } from '../src/data/repositories/projection.js'
import { buildApp } from '../src/server/app.js'
import { MAX_PROJECTION_NODES, MAX_PROJECTION_RELATIONSHIPS, type Engine } from '../src/services/analytics.js'
import { startRssSampler } from './memory.js'
import { loadMoneyNetwork, type MoneyLoad } from './money-load.js'
import { generateMoneyNetwork } from './money-network.js'
import type { BenchNeo4j } from './neo4j.js'

const PEER_SCRIPT = fileURLToPath(new URL('./networkx_analytics.py', import.meta.url))
const PEER_OUTPUT_LIMIT_BYTES = 64 * 1024 * 1024

/** Every account and every TRANSFER between two accounts, whatever its dataset. */
export const ANALYTICS_SCOPE: ProjectionScope = {
  labels: ['Account'],
  types: ['TRANSFER'],
  source: null,
  weightProperty: null,
  since: null,
  until: null,
  group: null,
  country: null,
  community: null,
  ids: null,
}

const SCOPE_QUERY = 'types=TRANSFER&labels=Account'

export const ALGORITHMS = ['louvain', 'betweenness', 'pagerank', 'components'] as const
export type Algorithm = (typeof ALGORITHMS)[number]

export interface AnalyticsOptions {
  seed: number
  accounts: number
  transfers: number
  /** Source nodes of sampled betweenness, the same number on every side. */
  samples: number
}

/** One REST request, timed with an empty cache and again once its result is cached. */
export interface RestTiming {
  algorithm: Algorithm
  engine: Engine
  url: string
  coldMs: number
  warmMs: number
  /** The `cached` flag of the two responses. */
  coldCached: boolean
  warmCached: boolean
}

export interface PartitionFacts {
  communityCount: number
  modularity: number
}

export interface AnalyticsTiming {
  accounts: number
  transfers: number
  samples: number
  load: MoneyLoad
  projection: {
    nodes: number
    relationships: number
    /** The first load, with Neo4j's query plans not yet cached, and the second. */
    firstSeconds: number
    secondSeconds: number
  }
  /** Edges of the undirected compact graph and arcs of the natural one, parallel ones merged. */
  graph: { edges: number; arcs: number }
  compactSeconds: { undirected: number; natural: number }
  /** Elapsed seconds of each call. */
  oursSeconds: Record<Algorithm, number>
  peerSeconds: Record<Algorithm | 'build', number>
  /**
   * CPU seconds of each call, summed over the process's threads, which on a machine shared
   * with other work are steadier than elapsed seconds.
   */
  oursCpuSeconds: Record<Algorithm, number>
  peerCpuSeconds: Record<Algorithm | 'build', number>
  /**
   * Elapsed seconds of the algorithm alone on the compact graph built beforehand, without
   * the dispatcher's checks, graph build, community numbering and modularity.
   */
  oursCoreSeconds: Record<Algorithm, number>
  louvain: {
    ours: PartitionFacts
    peer: PartitionFacts
    /** networkx's modularity of Millennium's partition. */
    oursByPeer: number
    rest: PartitionFacts
  }
  componentCount: { ours: number; peer: number }
  /** Largest absolute difference between the two sides' PageRank scores. */
  pagerankMaxDifference: number
  pagerankTolerance: number
  memory: {
    heapStartBytes: number
    heapPeakBytes: number
    rssStartBytes: number
    rssPeakBytes: number
    restRssPeakBytes: number
    peerPeakRssBytes: number
  }
  rest: RestTiming[]
  /** The Graph Data Science version on the benchmark's Neo4j, or null where it is not installed. */
  gdsVersion: string | null
  versions: Record<string, string>
}

interface PeerOutput {
  versions: Record<string, string>
  graph: { nodes: number; edges: number; arcs: number }
  seconds: Record<Algorithm | 'build', number>
  cpuSeconds: Record<Algorithm | 'build', number>
  peakRssBytes: number
  louvain: PartitionFacts
  ourPartitionModularity: number
  componentCount: number
  pagerank: number[]
}

export async function benchmarkAnalytics(
  neo4jHandle: BenchNeo4j,
  options: AnalyticsOptions,
  python: string,
  log: (message: string) => void,
): Promise<AnalyticsTiming> {
  const { database } = neo4jHandle
  const network = generateMoneyNetwork({ seed: options.seed, accounts: options.accounts, transfers: options.transfers })
  log(`Analytics network: ${options.accounts} accounts, ${options.transfers} transfers, bulk load`)
  const load = await loadMoneyNetwork(database, network, log)
  log(`Analytics network: ${load.records} records in ${load.seconds.toFixed(1)} s`)

  const ours = await runOurs(database, options, log)
  const peer = runPeer(python, ours.edges, ours.louvainIds, options)
  if (peer.graph.nodes !== ours.edges.keys.length || peer.graph.edges !== ours.graph.edges || peer.graph.arcs !== ours.graph.arcs) {
    throw new Error(
      `networkx built ${peer.graph.nodes} nodes, ${peer.graph.edges} edges and ${peer.graph.arcs} arcs, but Millennium ` +
        `${ours.edges.keys.length} nodes, ${ours.graph.edges} edges and ${ours.graph.arcs} arcs`,
    )
  }

  // NOTE: bench/neo4j.ts starts Neo4j without the GDS plugin, so the `engine=gds` requests
  // have not run here yet.
  const gdsVersion = await installedGdsVersion(database)
  const engines: Engine[] = gdsVersion === null ? ['inprocess'] : ['inprocess', 'gds']
  const rest = await runRest(neo4jHandle, options, engines, ours.edges, log)

  return {
    accounts: options.accounts,
    transfers: options.transfers,
    samples: options.samples,
    load,
    projection: {
      nodes: ours.edges.keys.length,
      relationships: ours.edges.sources.length,
      firstSeconds: ours.projectionSeconds[0],
      secondSeconds: ours.projectionSeconds[1],
    },
    graph: ours.graph,
    compactSeconds: ours.compactSeconds,
    oursSeconds: ours.seconds,
    peerSeconds: peer.seconds,
    oursCpuSeconds: ours.cpuSeconds,
    oursCoreSeconds: ours.coreSeconds,
    peerCpuSeconds: peer.cpuSeconds,
    louvain: {
      ours: ours.louvain,
      peer: peer.louvain,
      oursByPeer: peer.ourPartitionModularity,
      rest: rest.louvain,
    },
    componentCount: { ours: ours.componentCount, peer: peer.componentCount },
    pagerankMaxDifference: maxDifference(ours.pagerank, peer.pagerank),
    pagerankTolerance: PAGERANK_DEFAULTS.tolerance,
    memory: { ...ours.memory, restRssPeakBytes: rest.rssPeakBytes, peerPeakRssBytes: peer.peakRssBytes },
    rest: rest.timings,
    gdsVersion,
    versions: peer.versions,
  }
}

/**
 * Loads the projection twice, builds both compact graphs, then runs the four algorithms
 * through the compact-level dispatchers that the service's worker calls, and once more
 * alone on the compact graphs, while sampling the heap and the RSS.
 */
async function runOurs(database: Database, options: AnalyticsOptions, log: (message: string) => void) {
  const repository = createProjectionRepository(database)
  const limits = { maxNodes: MAX_PROJECTION_NODES, maxRelationships: MAX_PROJECTION_RELATIONSHIPS }
  const heapStartBytes = process.memoryUsage().heapUsed
  const rssStartBytes = process.memoryUsage.rss()
  const heapSampler = await startHeapSampler()
  const rssSampler = await startRssSampler()

  // Stop the samplers on failure too, so that their workers do not outlive the phase.
  try {
    const first = await timeAsync(async () => (await repository.load(ANALYTICS_SCOPE, SEE_ALL, limits)).edges.keys.length)
    log(`Millennium projection load: ${first.value} nodes in ${first.seconds.toFixed(2)} s (first)`)
    const second = await timeAsync(() => repository.load(ANALYTICS_SCOPE, SEE_ALL, limits))
    const { edges } = second.value
    log(`Millennium projection load: ${edges.sources.length} relationships in ${second.seconds.toFixed(2)} s (second)`)

    const undirected = time(() => compact(edges, { orientation: 'undirected', merge: 'sum' }))
    const natural = time(() => compact(edges, { orientation: 'natural', merge: 'sum' }))
    const graph = { edges: undirectedEdgeCount(undirected.value.out), arcs: natural.value.out.targets.length }
    log(`Millennium compact graphs: ${undirected.seconds.toFixed(2)} s undirected, ${natural.seconds.toFixed(2)} s natural`)

    const louvain = time(() => communitiesOf(edges, { algorithm: 'louvain', seed: options.seed, resolution: 1 }))
    log(`Millennium louvain: ${louvain.seconds.toFixed(2)} s, ${louvain.cpuSeconds.toFixed(2)} s of CPU`)
    const betweenness = time(() =>
      centralityOf(edges, {
        measure: 'betweenness',
        normalized: true,
        orientation: 'undirected',
        sample: { k: options.samples, seed: options.seed },
      }),
    )
    log(`Millennium betweenness from ${options.samples} sources: ${betweenness.seconds.toFixed(2)} s, ${betweenness.cpuSeconds.toFixed(2)} s of CPU`)
    const pagerank = time(() => centralityOf(edges, { measure: 'pagerank', normalized: true, orientation: 'natural' }))
    log(`Millennium pagerank: ${pagerank.seconds.toFixed(2)} s, ${pagerank.cpuSeconds.toFixed(2)} s of CPU`)
    const components = time(() => communitiesOf(edges, { algorithm: 'wcc' }))
    log(`Millennium components: ${components.seconds.toFixed(2)} s, ${components.cpuSeconds.toFixed(2)} s of CPU`)

    const coreSeconds = timeCores(undirected.value, natural.value, options)
    log(`Millennium algorithms alone: ${ALGORITHMS.map((algorithm) => `${algorithm} ${coreSeconds[algorithm].toFixed(2)} s`).join(', ')}`)

    return {
      edges,
      graph,
      projectionSeconds: [first.seconds, second.seconds] as const,
      compactSeconds: { undirected: undirected.seconds, natural: natural.seconds },
      seconds: {
        louvain: louvain.seconds,
        betweenness: betweenness.seconds,
        pagerank: pagerank.seconds,
        components: components.seconds,
      },
      cpuSeconds: {
        louvain: louvain.cpuSeconds,
        betweenness: betweenness.cpuSeconds,
        pagerank: pagerank.cpuSeconds,
        components: components.cpuSeconds,
      },
      coreSeconds,
      louvain: { communityCount: louvain.value.communities.length, modularity: louvain.value.modularity },
      louvainIds: louvain.value.ids,
      componentCount: components.value.communities.length,
      pagerank: pagerank.value,
      memory: { heapStartBytes, heapPeakBytes: await heapSampler.stop(), rssStartBytes, rssPeakBytes: await rssSampler.stop() },
    }
  } catch (error) {
    await heapSampler.stop()
    await rssSampler.stop()
    throw error
  }
}

/**
 * Times each algorithm's core on compact graphs built beforehand, as networkx's times start
 * from its built graphs. The cores run after the dispatcher calls, with their code compiled.
 */
function timeCores(undirected: CompactGraph, natural: CompactGraph, options: AnalyticsOptions): Record<Algorithm, number> {
  const sources = sampleSources(undirected.keys.length, { k: options.samples, seed: options.seed })
  return {
    louvain: time(() => louvainCommunities(undirected, { resolution: 1, seed: options.seed })).seconds,
    betweenness: time(() => betweennessOf(undirected, { weighted: false, normalized: true, sources })).seconds,
    pagerank: time(() =>
      pagerankOf(natural, {
        dampingFactor: PAGERANK_DEFAULTS.dampingFactor,
        maxIterations: PAGERANK_DEFAULTS.maxIterations,
        tolerance: PAGERANK_DEFAULTS.tolerance,
      }),
    ).seconds,
    components: time(() => weakComponents(undirected)).seconds,
  }
}

/** Counts the edges of an undirected compact graph, which lists each at both ends and a self-loop once. */
function undirectedEdgeCount(neighbourhoods: { offsets: Int32Array; targets: Int32Array }): number {
  let selfLoops = 0
  for (let node = 0; node + 1 < neighbourhoods.offsets.length; node++) {
    for (let i = neighbourhoods.offsets[node] as number; i < (neighbourhoods.offsets[node + 1] as number); i++) {
      if (neighbourhoods.targets[i] === node) {
        selfLoops += 1
      }
    }
  }
  return (neighbourhoods.targets.length + selfLoops) / 2
}

/** Writes the edge list in node numbers and Millennium's partition, runs the networkx peer and parses its report. */
function runPeer(python: string, edges: EdgeList, louvainIds: Int32Array, options: AnalyticsOptions): PeerOutput {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'millennium-bench-analytics-'))
  try {
    const files = { edges: path.join(folder, 'edges.tsv'), partition: path.join(folder, 'partition.txt') }
    const lines: string[] = []
    for (let e = 0; e < edges.sources.length; e++) {
      lines.push(`${edges.sources[e]}\t${edges.targets[e]}\n`)
    }
    writeFileSync(files.edges, lines.join(''))
    writeFileSync(files.partition, `${Array.from(louvainIds).join('\n')}\n`)

    const result = spawnSync(
      python,
      [
        PEER_SCRIPT,
        ...['--edges', files.edges, '--nodes', String(edges.keys.length), '--partition', files.partition],
        ...['--seed', String(options.seed), '--samples', String(options.samples)],
        ...['--tolerance', String(PAGERANK_DEFAULTS.tolerance)],
      ],
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

/**
 * Times each algorithm's route through `app.inject` with an admin token, which can read
 * every record as the in-process side can. The first request finds the cache empty, so it
 * loads the projection and runs the algorithm in a worker thread. The second is cached.
 */
async function runRest(
  { config, database }: BenchNeo4j,
  options: AnalyticsOptions,
  engines: Engine[],
  edges: EdgeList,
  log: (message: string) => void,
) {
  const app = await buildApp({ config, database, ownsDatabase: false, logger: false })
  await app.ready()
  const token = signToken(config.jwtSecret, { sub: 'bench', role: 'admin', ncb: null, lifetimeSeconds: 7200 })
  const timings: RestTiming[] = []
  let louvain: PartitionFacts = { communityCount: Number.NaN, modularity: Number.NaN }

  let rssPeakBytes: number
  const sampler = await startRssSampler()
  try {
    for (const engine of engines) {
      for (const algorithm of ALGORITHMS) {
        const url = restUrl(algorithm, options, engine)
        const cold = await ask(app, url, token)
        const warm = await ask(app, url, token)
        checkProjection(url, cold.body, edges)
        timings.push({ algorithm, engine, url, coldMs: cold.ms, warmMs: warm.ms, coldCached: cold.body.cached, warmCached: warm.body.cached })
        log(`REST ${engine} ${algorithm}: ${cold.ms.toFixed(0)} ms on an empty cache, ${warm.ms.toFixed(0)} ms cached`)
        if (algorithm === 'louvain' && engine === 'inprocess') {
          louvain = { communityCount: cold.body.communityCount ?? Number.NaN, modularity: cold.body.modularity ?? Number.NaN }
        }
      }
    }
  } finally {
    rssPeakBytes = await sampler.stop()
    await app.close()
  }
  return { timings, louvain, rssPeakBytes }
}

function restUrl(algorithm: Algorithm, options: AnalyticsOptions, engine: Engine): string {
  const engineQuery = `engine=${engine}`
  switch (algorithm) {
    case 'louvain':
      return `/api/analytics/communities?algorithm=louvain&seed=${options.seed}&${SCOPE_QUERY}&${engineQuery}`
    case 'betweenness':
      return `/api/analytics/centrality?measure=betweenness&samples=${options.samples}&seed=${options.seed}&${SCOPE_QUERY}&${engineQuery}`
    case 'pagerank':
      return `/api/analytics/centrality?measure=pagerank&${SCOPE_QUERY}&orientation=natural&${engineQuery}`
    case 'components':
      return `/api/analytics/communities?algorithm=wcc&${SCOPE_QUERY}&${engineQuery}`
  }
}

interface RestBody {
  cached: boolean
  projection: { nodeCount: number; relationshipCount: number }
  communityCount?: number
  modularity?: number
}

async function ask(app: FastifyInstance, url: string, token: string): Promise<{ ms: number; body: RestBody }> {
  const started = performance.now()
  const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })
  const body = response.json() as RestBody
  const ms = performance.now() - started
  if (response.statusCode !== 200) {
    throw new Error(`GET ${url} failed with status ${response.statusCode}: ${response.body.slice(0, 500)}`)
  }
  return { ms, body }
}

/** Fails when a route computed on another graph than the in-process side, which would void the comparison. */
function checkProjection(url: string, body: RestBody, edges: EdgeList): void {
  const { nodeCount, relationshipCount } = body.projection
  if (nodeCount !== edges.keys.length || relationshipCount !== edges.sources.length) {
    throw new Error(
      `GET ${url} ran on ${nodeCount} nodes and ${relationshipCount} relationships, ` +
        `but the in-process side on ${edges.keys.length} and ${edges.sources.length}`,
    )
  }
}

/** Returns the Graph Data Science version, or null when its procedures are not installed. */
async function installedGdsVersion(database: Database): Promise<string | null> {
  const found = await database.driver.executeQuery(
    "SHOW FUNCTIONS YIELD name WHERE name = 'gds.version' RETURN count(*) AS count",
    {},
    { routing: neo4j.routing.READ },
  )
  if (Number(found.records[0]?.get('count') ?? 0) === 0) {
    return null
  }
  const result = await database.driver.executeQuery('RETURN gds.version() AS version', {}, { routing: neo4j.routing.READ })
  return String(result.records[0]?.get('version'))
}

function maxDifference(ours: Float64Array, peer: number[]): number {
  if (ours.length !== peer.length) {
    throw new Error(`PageRank: Millennium scored ${ours.length} nodes but networkx scored ${peer.length}`)
  }
  let largest = 0
  for (let i = 0; i < ours.length; i++) {
    largest = Math.max(largest, Math.abs((ours[i] as number) - (peer[i] as number)))
  }
  return largest
}

/** Runs `work`, measuring elapsed seconds and the CPU seconds of the whole process. */
function time<T>(work: () => T): { value: T; seconds: number; cpuSeconds: number } {
  const started = performance.now()
  const cpuStarted = process.cpuUsage()
  const value = work()
  const cpu = process.cpuUsage(cpuStarted)
  return { value, seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 }
}

async function timeAsync<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now()
  const value = await work()
  return { value, seconds: (performance.now() - started) / 1000 }
}

// Plain JavaScript, evaluated in a worker. The inspector session reads the main thread's V8
// heap. The main thread handles the session's messages at V8's interrupt checks, which run
// inside loops and calls too, so the samples keep coming while an algorithm blocks it.
const HEAP_SAMPLER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads')
const { Session } = require('node:inspector')
const session = new Session()
session.connectToMainThread()
const peak = new Float64Array(workerData.buffer)
const sample = () => session.post('Runtime.getHeapUsage', (error, usage) => {
  if (!error) peak[0] = Math.max(peak[0], usage.usedSize)
})
sample()
setInterval(sample, workerData.intervalMs)
parentPort.postMessage('ready')
`

const HEAP_SAMPLE_INTERVAL_MS = 20

/**
 * Samples the main thread's used JavaScript heap (V8's `usedSize`, which is what
 * `process.memoryUsage().heapUsed` reports) from a worker thread, because a timer on the
 * main thread would not fire while an algorithm runs. Typed arrays' buffers lie outside
 * this heap; the RSS covers them.
 */
async function startHeapSampler(): Promise<{ stop(): Promise<number> }> {
  const buffer = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT)
  const peak = new Float64Array(buffer)
  peak[0] = process.memoryUsage().heapUsed

  const worker = new Worker(HEAP_SAMPLER_SOURCE, { eval: true, workerData: { buffer, intervalMs: HEAP_SAMPLE_INTERVAL_MS } })
  worker.unref()
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve())
    worker.once('error', reject)
  })

  return {
    async stop() {
      await worker.terminate()
      return Math.max(peak[0] as number, process.memoryUsage().heapUsed)
    },
  }
}
