/**
 * Money-trail latency on the generated money network: time-ordered traces, cycle searches
 * and the fan-in/fan-out scan, each a whole request through the HTTP stack (`app.inject`),
 * and the peer for the trace, a plain Cypher variable-length query with the same time-order
 * condition through the same driver. The peer enumerates every path, so it runs on a few
 * starts only, each under a transaction time limit.
 */
import { readFileSync } from 'node:fs'

import type { FastifyInstance } from 'fastify'
import neo4j, { Neo4jError } from 'neo4j-driver'

import { createRandom } from '../src/analytics/random.js'
import { signToken } from '../src/auth/tokens.js'
import { localNeo4jStatus } from '../src/db/local-neo4j.js'
import type { Database } from '../src/data/database.js'
import { buildApp } from '../src/server/app.js'
import { startRssSampler } from './memory.js'
import { loadMoneyNetwork, type MoneyLoad } from './money-load.js'
import { generateMoneyNetwork, MONEY_SOURCE, type MoneyLandmarks } from './money-network.js'
import type { BenchNeo4j } from './neo4j.js'
import { summarise, timed, type LatencySummary } from './paths.js'

export const TRACE_HOPS = 6
export const CYCLE_LENGTH = 6
export const PATTERN_WINDOW = { since: '2024-03-01', until: '2024-03-30' } as const

/**
 * The peer: every time-ordered path of one to six transfers from the start's accounts (the
 * start itself when it is an account, the accounts it holds otherwise), reduced to the set
 * of transfers that those paths reach.
 */
export const PEER_TRACE = `MATCH (:Entity {id: $from})-[:HOLDS*0..1]->(a:Account)
MATCH p = (a)-[:TRANSFER*1..${TRACE_HOPS}]->()
WHERE all(i IN range(1, size(relationships(p)) - 1) WHERE relationships(p)[i].date >= relationships(p)[i - 1].date)
RETURN count(DISTINCT last(relationships(p))) AS transfers`

const WARM_UP_TRACES = 5
const WARM_UP_CYCLES = 2

export interface MoneyOptions {
  seed: number
  accounts: number
  transfers: number
  /** Trace requests from random accounts with outgoing transfers. */
  traces: number
  /** Trace requests from the fund, the same start each time. */
  fundTraces: number
  /** Starts that the peer query runs on: the fund, then the first random trace starts. */
  peerStarts: number
  peerTimeoutSeconds: number
  patternRuns: number
}

/** One request: its time, status and the number of items of the response's main list. */
export interface Sample {
  start: string
  ms: number
  status: number
  items: number | null
  truncated: boolean
}

export interface PeerSample {
  start: string
  /** Time until the result arrived, or until Neo4j stopped the query at the time limit. */
  ms: number
  timedOut: boolean
  /** Distinct transfers that the peer's paths reach, null when it timed out. */
  transfers: number | null
  /** Millennium's median time for the same start, and the transfers it returned. */
  oursMs: number
  oursTransfers: number | null
  oursTruncated: boolean
}

export interface MoneyTiming {
  accounts: number
  transfers: number
  load: MoneyLoad
  landmarks: MoneyLandmarks
  fundTrace: LatencySummary & { samples: Sample[] }
  randomTrace: LatencySummary & { samples: Sample[] }
  cycles: LatencySummary & { samples: Sample[] }
  patterns: Sample[]
  peer: PeerSample[]
  peerTimeoutSeconds: number
  /** Operators of the peer query's EXPLAIN plan, from the root down, children indented. */
  peerPlan: string[]
  memory: {
    startRssBytes: number
    peakRssBytes: number
    neo4jRssBytes: number | null
    neo4jPeakRssBytes: number | null
  }
  transactionTimeoutMs: number
}

export async function benchmarkMoney(
  neo4jHandle: BenchNeo4j,
  options: MoneyOptions,
  log: (message: string) => void,
): Promise<MoneyTiming> {
  const { config, database, dataDir } = neo4jHandle
  const network = generateMoneyNetwork({ seed: options.seed, accounts: options.accounts, transfers: options.transfers })
  log(`Money network: ${options.accounts} accounts, ${options.transfers} transfers, bulk load`)
  const load = await loadMoneyNetwork(database, network, log)
  log(`Money network: ${load.records} records in ${load.seconds.toFixed(1)} s`)

  const { landmarks } = network
  const senders = await accountsWithOutgoingTransfers(database)
  const random = createRandom(options.seed)
  const draws = Array.from({ length: WARM_UP_TRACES + options.traces }, () => senders[Math.floor(random() * senders.length)] as string)
  const warmUpStarts = draws.slice(0, WARM_UP_TRACES)
  const traceStarts = draws.slice(WARM_UP_TRACES)

  const app = await buildApp({ config, database, ownsDatabase: false, logger: false })
  await app.ready()
  // An admin token makes every record visible, so the service reads the same graph as the peer.
  const token = signToken(config.jwtSecret, { sub: 'bench', role: 'admin', ncb: null, lifetimeSeconds: 7200 })
  const ask = createAsker(app, token)
  const startRssBytes = process.memoryUsage.rss()

  let oursPart: Omit<MoneyTiming, 'accounts' | 'transfers' | 'load' | 'landmarks' | 'peer' | 'peerTimeoutSeconds' | 'peerPlan' | 'memory' | 'transactionTimeoutMs'>
  let peakRssBytes: number
  const sampler = await startRssSampler()
  try {
    for (const start of [...warmUpStarts, landmarks.fundId]) {
      await ask('trace', start)
    }
    for (const start of landmarks.cycleAccountIds.slice(0, WARM_UP_CYCLES)) {
      await ask('cycles', start)
    }
    log('Money trails: warm-up done')

    const fundSamples = await askEach('trace', Array(options.fundTraces).fill(landmarks.fundId) as string[], ask)
    log(`Money trails: ${fundSamples.length} traces from the fund, p95 ${summarise(fundSamples.map((s) => s.ms)).p95Ms.toFixed(0)} ms`)
    const randomSamples = await askEach('trace', traceStarts, ask)
    log(`Money trails: ${randomSamples.length} traces from random accounts, p95 ${summarise(randomSamples.map((s) => s.ms)).p95Ms.toFixed(0)} ms`)
    const cycleSamples = await askEach('cycles', landmarks.cycleAccountIds, ask)
    log(`Money trails: ${cycleSamples.length} cycle searches, p95 ${summarise(cycleSamples.map((s) => s.ms)).p95Ms.toFixed(0)} ms`)
    const patternSamples = await askEach('patterns', Array(options.patternRuns).fill('') as string[], ask)
    log(`Money trails: fan-in and fan-out scans took ${patternSamples.map((s) => (s.ms / 1000).toFixed(1)).join(', ')} s`)

    oursPart = {
      fundTrace: withSummary(fundSamples),
      randomTrace: withSummary(randomSamples),
      cycles: withSummary(cycleSamples),
      patterns: patternSamples,
    }
  } finally {
    peakRssBytes = await sampler.stop()
    await app.close()
  }

  const peerStarts = [landmarks.fundId, ...traceStarts.slice(0, Math.max(0, options.peerStarts - 1))]
  const peer: PeerSample[] = []
  for (const start of peerStarts) {
    const answer = await askPeer(database, start, options.peerTimeoutSeconds)
    const ours = start === landmarks.fundId ? oursPart.fundTrace : undefined
    const sample = ours === undefined ? oursPart.randomTrace.samples.find((candidate) => candidate.start === start) : ours.samples[0]
    peer.push({
      start,
      ...answer,
      oursMs: ours === undefined ? (sample?.ms ?? Number.NaN) : ours.medianMs,
      oursTransfers: sample?.items ?? null,
      oursTruncated: sample?.truncated ?? false,
    })
    log(`Plain Cypher trace from ${start}: ${answer.timedOut ? `timed out after ${(answer.ms / 1000).toFixed(1)} s` : `${answer.ms.toFixed(0)} ms, ${answer.transfers} transfers`}`)
  }

  const neo4jMemory = processMemory(localNeo4jStatus(dataDir).pid)
  return {
    accounts: options.accounts,
    transfers: options.transfers,
    load,
    landmarks,
    ...oursPart,
    peer,
    peerTimeoutSeconds: options.peerTimeoutSeconds,
    peerPlan: await explainPeer(database, landmarks.fundId),
    memory: { startRssBytes, peakRssBytes, neo4jRssBytes: neo4jMemory.rss, neo4jPeakRssBytes: neo4jMemory.peak },
    transactionTimeoutMs: config.neo4j.transactionTimeoutMs,
  }
}

type Route = 'trace' | 'cycles' | 'patterns'
type Asker = (route: Route, start: string) => Promise<Sample>

function createAsker(app: FastifyInstance, token: string): Asker {
  return async (route, start) => {
    const url = routeUrl(route, start)
    const { value: response, ms } = await timed(() => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }))
    // A 504 is a result: the request ran into the service's transaction time limit.
    if (response.statusCode !== 200 && response.statusCode !== 504) {
      throw new Error(`GET ${url} failed with status ${response.statusCode}: ${response.body.slice(0, 500)}`)
    }
    const body = response.statusCode === 200 ? (response.json() as ResponseBody) : {}
    return { start, ms, status: response.statusCode, items: itemCount(route, body), truncated: body.truncated === true }
  }
}

interface ResponseBody {
  counts?: { transfers?: number }
  cycles?: unknown[]
  hits?: unknown[]
  truncated?: boolean
}

/** Counts the transfers of a trace, the cycles found or the pattern hits, or returns null for a 504. */
function itemCount(route: Route, body: ResponseBody): number | null {
  switch (route) {
    case 'trace':
      return body.counts?.transfers ?? null
    case 'cycles':
      return body.cycles?.length ?? null
    case 'patterns':
      return body.hits?.length ?? null
  }
}

function routeUrl(route: Route, start: string): string {
  const id = encodeURIComponent(start)
  switch (route) {
    case 'trace':
      return `/api/money/trace?from=${id}&direction=out&maxHops=${TRACE_HOPS}`
    case 'cycles':
      return `/api/money/cycles?through=${id}&maxLength=${CYCLE_LENGTH}`
    case 'patterns':
      return `/api/money/patterns?type=fan-in,fan-out&since=${PATTERN_WINDOW.since}&until=${PATTERN_WINDOW.until}`
  }
}

async function askEach(route: Route, starts: string[], ask: Asker): Promise<Sample[]> {
  const samples: Sample[] = []
  for (const start of starts) {
    samples.push(await ask(route, start))
  }
  return samples
}

function withSummary(samples: Sample[]): LatencySummary & { samples: Sample[] } {
  return { ...summarise(samples.map((sample) => sample.ms)), samples }
}

/** Runs the peer query once under a transaction time limit of `timeoutSeconds`. */
async function askPeer(
  database: Database,
  start: string,
  timeoutSeconds: number,
): Promise<{ ms: number; timedOut: boolean; transfers: number | null }> {
  const started = performance.now()
  try {
    const result = await database.driver.executeQuery(
      PEER_TRACE,
      { from: start },
      { routing: neo4j.routing.READ, transactionConfig: { timeout: timeoutSeconds * 1000 } },
    )
    return { ms: performance.now() - started, timedOut: false, transfers: Number(result.records[0]?.get('transfers')) }
  } catch (error) {
    if (error instanceof Neo4jError && /TransactionTimedOut|Terminated/.test(error.code)) {
      return { ms: performance.now() - started, timedOut: true, transfers: null }
    }
    throw error
  }
}

/** Returns the operators of the peer's EXPLAIN plan, each indented by its depth. */
async function explainPeer(database: Database, start: string): Promise<string[]> {
  const result = await database.driver.executeQuery(`EXPLAIN ${PEER_TRACE}`, { from: start })
  const lines: string[] = []
  const visit = (operator: { operatorType: string; arguments: Record<string, unknown>; children: unknown[] }, depth: number) => {
    const details = typeof operator.arguments.Details === 'string' ? ` ${operator.arguments.Details}` : ''
    lines.push(`${'  '.repeat(depth)}${operator.operatorType.replace(/@.*$/, '')}${details}`)
    for (const child of operator.children) {
      visit(child as typeof operator, depth + 1)
    }
  }
  if (result.summary.plan !== false) {
    visit(result.summary.plan as unknown as Parameters<typeof visit>[0], 0)
  }
  return lines
}

async function accountsWithOutgoingTransfers(database: Database): Promise<string[]> {
  const result = await database.driver.executeQuery(
    'MATCH (a:Account {source: $source}) WHERE EXISTS { (a)-[:TRANSFER]->() } RETURN a.id AS id ORDER BY id',
    { source: MONEY_SOURCE },
    { routing: neo4j.routing.READ },
  )
  return result.records.map((record) => record.get('id') as string)
}

/** Reads the current and peak resident set size of a process from `/proc`, in bytes, or null where unreadable. */
function processMemory(pid: number | null): { rss: number | null; peak: number | null } {
  if (pid === null) {
    return { rss: null, peak: null }
  }
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kibibytes = (field: string) => {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
      return match === null ? null : Number(match[1]) * 1024
    }
    return { rss: kibibytes('VmRSS'), peak: kibibytes('VmHWM') }
  } catch {
    return { rss: null, peak: null }
  }
}
