/**
 * Shortest-path latency: seeded random pairs of demo nodes, each asked once through the
 * whole HTTP stack (`app.inject`: routing, JWT check, validation, the path service and
 * serialisation) and once by the peer, a bare `shortestPath` query through the driver.
 */
import type { FastifyInstance } from 'fastify'
import neo4j from 'neo4j-driver'

import { createRandom, type RandomSource } from '../src/analytics/random.js'
import { signToken } from '../src/auth/tokens.js'
import type { Database } from '../src/data/database.js'
import { buildApp } from '../src/server/app.js'
import type { BenchNeo4j } from './neo4j.js'

const PEER_SHORTEST_PATH = 'MATCH p = shortestPath((a:Entity {id: $a})-[*..6]-(b:Entity {id: $b})) RETURN p'
const MAX_HOPS = 6

// The service's path pattern reaches 10 hops and filters by length afterwards, so this
// finds how far apart the pairs of a timed-out request really are.
const PEER_DISTANCE = 'MATCH p = shortestPath((a:Entity {id: $a})-[*..10]-(b:Entity {id: $b})) RETURN length(p) AS hops'

/** Pairs asked by both sides before timing starts, so neither pays for query planning or JIT alone. */
const WARM_UP_PAIRS = 20

export interface PathOptions {
  pairs: number
  seed: number
}

export interface LatencySummary {
  medianMs: number
  p95Ms: number
}

export interface PathTiming {
  pairs: number
  ours: LatencySummary
  peer: LatencySummary
  /** Pairs connected within 6 hops, as the peer's query finds them. */
  connected: number
  /** Pairs where both sides return the same path length, or both no path. */
  agreeing: number
  /** Requests that ended with a 504 at the service's transaction time limit. Their time counts in `ours`. */
  timedOut: number
  /** Shortest-path length within 10 hops of each timed-out pair, null when there is none. */
  timedOutHops: (number | null)[]
  /** The service's transaction time limit (`NEO4J_TX_TIMEOUT_MS`) during the run. */
  transactionTimeoutMs: number
}

type Pair = readonly [string, string]

interface Answer {
  timedOut: boolean
  /** Hops of the shortest path, or null when there is none within 6 hops. */
  length: number | null
}

export async function benchmarkPaths(
  neo4jHandle: BenchNeo4j,
  options: PathOptions,
  log: (message: string) => void,
): Promise<PathTiming> {
  const { config, database } = neo4jHandle
  const ids = await demoNodeIds(neo4jHandle)
  const pairs = samplePairs(ids, WARM_UP_PAIRS + options.pairs, createRandom(options.seed))

  const app = await buildApp({ config, database, ownsDatabase: false, logger: false })
  await app.ready()
  // An admin token makes every record visible, so the service searches the same graph as the peer.
  const token = signToken(config.jwtSecret, { sub: 'bench', role: 'admin', ncb: null, lifetimeSeconds: 3600 })

  const { askOurs, askPeer } = createAskers(app, token, database)

  const oursMs: number[] = []
  const peerMs: number[] = []
  let connected = 0
  let agreeing = 0
  const timedOutPairs: Pair[] = []
  try {
    for (const [index, pair] of pairs.entries()) {
      // Alternate which side goes first, so that neither always finds the pages cached.
      const oursFirst = index % 2 === 0
      const first = await timed(() => (oursFirst ? askOurs(pair) : askPeer(pair)))
      const second = await timed(() => (oursFirst ? askPeer(pair) : askOurs(pair)))
      if (index < WARM_UP_PAIRS) {
        continue
      }
      const [ours, peer] = oursFirst ? [first, second] : [second, first]
      oursMs.push(ours.ms)
      peerMs.push(peer.ms)
      connected += peer.value.length === null ? 0 : 1
      if (ours.value.timedOut) {
        timedOutPairs.push(pair)
      }
      agreeing += !ours.value.timedOut && ours.value.length === peer.value.length ? 1 : 0
      if ((index + 1 - WARM_UP_PAIRS) % 50 === 0) {
        log(`Shortest paths: ${index + 1 - WARM_UP_PAIRS} of ${options.pairs} pairs, ${timedOutPairs.length} timed out`)
      }
    }
  } finally {
    await app.close()
  }

  return {
    pairs: options.pairs,
    ours: summarise(oursMs),
    peer: summarise(peerMs),
    connected,
    agreeing,
    timedOut: timedOutPairs.length,
    timedOutHops: await distancesWithinTenHops(database, timedOutPairs),
    transactionTimeoutMs: config.neo4j.transactionTimeoutMs,
  }
}

/** Returns the two ways to ask for one pair's shortest path, each with its length or null. */
function createAskers(app: FastifyInstance, token: string, database: Database) {
  // A 504 is a result, not a failure: the caller waited until the transaction time limit.
  const askOurs = async ([from, to]: Pair): Promise<Answer> => {
    const url = `/api/paths/shortest?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&maxHops=${MAX_HOPS}`
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })
    if (response.statusCode === 504) {
      return { timedOut: true, length: null }
    }
    if (response.statusCode !== 200) {
      throw new Error(`GET ${url} failed with status ${response.statusCode}: ${response.body}`)
    }
    const body = response.json<{ paths: { length: number }[] }>()
    return { timedOut: false, length: body.paths[0]?.length ?? null }
  }

  const askPeer = async ([a, b]: Pair): Promise<Answer> => {
    const result = await database.driver.executeQuery(PEER_SHORTEST_PATH, { a, b }, { routing: neo4j.routing.READ })
    const path = result.records[0]?.get('p') as { length: number } | undefined
    return { timedOut: false, length: path?.length ?? null }
  }

  return { askOurs, askPeer }
}

async function distancesWithinTenHops(database: Database, pairs: Pair[]): Promise<(number | null)[]> {
  const distances: (number | null)[] = []
  for (const [a, b] of pairs) {
    const result = await database.driver.executeQuery(PEER_DISTANCE, { a, b }, { routing: neo4j.routing.READ })
    const hops = result.records[0]?.get('hops')
    distances.push(hops === undefined ? null : Number(hops))
  }
  return distances
}

async function demoNodeIds({ database }: BenchNeo4j): Promise<string[]> {
  const result = await database.driver.executeQuery(
    "MATCH (n:Entity {source: 'demo'}) RETURN n.id AS id ORDER BY id",
    {},
    { routing: neo4j.routing.READ },
  )
  return result.records.map((record) => record.get('id') as string)
}

/** Draws pairs of two different nodes. The same seed and ids give the same pairs. */
function samplePairs(ids: string[], count: number, random: RandomSource): Pair[] {
  if (ids.length < 2) {
    throw new Error(`Cannot draw path pairs from ${ids.length} demo nodes: expected at least 2`)
  }
  const pick = () => ids[Math.floor(random() * ids.length)] as string
  const pairs: Pair[] = []
  while (pairs.length < count) {
    const from = pick()
    const to = pick()
    if (from !== to) {
      pairs.push([from, to])
    }
  }
  return pairs
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now()
  const value = await work()
  return { value, ms: performance.now() - started }
}

/** Median and 95th percentile by the nearest-rank method. */
export function summarise(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (quantile: number) => sorted[Math.max(0, Math.ceil(quantile * sorted.length) - 1)] ?? Number.NaN
  return { medianMs: rank(0.5), p95Ms: rank(0.95) }
}
