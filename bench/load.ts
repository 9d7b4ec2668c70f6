/**
 * The load benchmark: 100 clients issue mixed reads for 60 s against the service on loopback,
 * with tokens of several countries. The peer is 100 clients that send the same kinds of read
 * straight to Neo4j through neo4j-driver, with no HTTP, access rules or caches. Both report
 * p50, p95 and p99 latency, throughput and every status seen.
 */
import type { AddressInfo } from 'node:net'

import neo4j, { type Driver } from 'neo4j-driver'

import { signToken, type Role } from '../src/auth/tokens.js'
import type { Config } from '../src/config/env.js'
import type { Database } from '../src/data/database.js'
import { buildApp } from '../src/server/app.js'

export interface LoadOptions {
  clients: number
  durationMs: number
}

export interface LoadFigures {
  requests: number
  failed: number
  statuses: Record<string, number>
  seconds: number
  throughput: number
  p50: number
  p95: number
  p99: number
  max: number
}

/** One read: issues a request and returns its HTTP status (200 for a peer query that succeeded). */
export type Read = () => Promise<number>

/**
 * Runs `options.clients` clients, each issuing reads one after another for `durationMs`.
 * Client `c` starts at read `c` of the list, so all kinds run at once. A read that throws
 * counts as failed with status "error".
 */
export async function runLoad(reads: Read[], options: LoadOptions): Promise<LoadFigures> {
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  let failed = 0
  const started = performance.now()
  const deadline = started + options.durationMs

  const client = async (index: number) => {
    for (let i = index; performance.now() < deadline; i += 1) {
      const read = reads[i % reads.length] as Read
      const begin = performance.now()
      let status: string
      try {
        status = String(await read())
      } catch {
        status = 'error'
      }
      latencies.push(performance.now() - begin)
      statuses[status] = (statuses[status] ?? 0) + 1
      if (status !== '200') {
        failed += 1
      }
    }
  }
  await Promise.all(Array.from({ length: options.clients }, (_, index) => client(index)))

  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    requests: latencies.length,
    failed,
    statuses,
    seconds,
    throughput: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? 0,
  }
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) {
    return 0
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number
}

/** Ids that the reads start from, picked from the loaded network. */
export interface LoadTargets {
  persons: string[]
  accounts: string[]
  groups: string[]
  names: string[]
}

/**
 * Picks open records of one source, so that every caller sees them: a record restricted to
 * one country would be a correct 404 for the others, which the load test counts as failed.
 */
export async function pickTargets(driver: Driver, database: string, source: string): Promise<LoadTargets> {
  const config = { database, routing: neo4j.routing.READ }
  const open = 'n.source = $source AND coalesce(size(n.restrictedTo), 0) = 0'
  const list = async (query: string) =>
    (await driver.executeQuery(query, { source }, config)).records.map((record) => String(record.get(0)))
  return {
    persons: await list(`MATCH (n:Person) WHERE ${open} AND COUNT { (n)--() } > 1 RETURN n.id ORDER BY n.id LIMIT 50`),
    accounts: await list(`MATCH (n:Account) WHERE ${open} AND COUNT { (n)-[:TRANSFER]->() } > 0 RETURN n.id ORDER BY n.id LIMIT 50`),
    groups: await list(`MATCH (n:Group) WHERE ${open} RETURN n.id ORDER BY n.id LIMIT 10`),
    names: await list(`MATCH (n:Person) WHERE ${open} RETURN split(n.name, ' ')[0] ORDER BY n.id LIMIT 20`),
  }
}

/** The tokens the service's clients use: roles and countries that see different records. */
export const LOAD_CALLERS: Array<{ role: Role; ncb: string | null }> = [
  { role: 'analyst', ncb: 'GE' },
  { role: 'analyst', ncb: 'DE' },
  { role: 'viewer', ncb: 'FR' },
  { role: 'analyst', ncb: null },
  { role: 'admin', ncb: null },
]

/** Lists the mixed reads: search, entity, neighbourhood, overview, paths, money, analytics, stats, geo, queries. */
export function serviceReads(targets: LoadTargets): Array<{ method: 'GET' | 'POST'; url: string; body?: unknown }> {
  const at = <T>(items: T[], i: number): T => items[i % items.length] as T
  const reads: Array<{ method: 'GET' | 'POST'; url: string; body?: unknown }> = []
  for (let i = 0; i < 10; i += 1) {
    const person = encodeURIComponent(at(targets.persons, i))
    const other = encodeURIComponent(at(targets.persons, i + 7))
    const account = encodeURIComponent(at(targets.accounts, i))
    reads.push(
      { method: 'GET', url: `/api/search?q=${encodeURIComponent(at(targets.names, i))}&limit=20` },
      { method: 'GET', url: `/api/entities/${person}` },
      { method: 'GET', url: `/api/graph/neighbourhood/${person}?depth=2&limit=200` },
      { method: 'GET', url: '/api/graph/overview?limit=300' },
      { method: 'GET', url: `/api/paths/shortest?from=${person}&to=${other}&maxHops=6` },
      { method: 'GET', url: `/api/money/trace?from=${account}&maxHops=3` },
      { method: 'GET', url: '/api/analytics/centrality?measure=degree&limit=50' },
      { method: 'GET', url: '/api/stats' },
      { method: 'GET', url: '/api/geo' },
      { method: 'POST', url: '/api/queries/group-members', body: { parameters: { id: at(targets.groups, i) } } },
    )
  }
  return reads
}

/** Turns the service reads into HTTP requests to `baseUrl`, each with a caller's token in turn. */
export function httpReads(baseUrl: string, targets: LoadTargets, secret: string): Read[] {
  const tokens = LOAD_CALLERS.map(({ role, ncb }) =>
    signToken(secret, { sub: `load-${role}-${ncb ?? 'none'}`, role, ncb, lifetimeSeconds: 3600 }),
  )
  return serviceReads(targets).map((read, index) => {
    const headers: Record<string, string> = { authorization: `Bearer ${tokens[index % tokens.length]}` }
    if (read.body !== undefined) {
      headers['content-type'] = 'application/json'
    }
    const body = read.body === undefined ? undefined : JSON.stringify(read.body)
    return async () => {
      const response = await fetch(`${baseUrl}${read.url}`, { method: read.method, headers, body })
      await response.arrayBuffer()
      return response.status
    }
  })
}

/**
 * Builds the peer's reads: for each kind of service read, a plain Cypher query written for this benchmark that
 * fetches records of the same kind, with no visibility filter, cache or HTTP. The canned query
 * runs its own text, as an admin would see it.
 */
export function peerReads(driver: Driver, database: string, targets: LoadTargets, cannedQueryText: string): Read[] {
  const config = { database, routing: neo4j.routing.READ }
  const at = <T>(items: T[], i: number): T => items[i % items.length] as T
  const query = (text: string, parameters: Record<string, unknown>): Read => async () => {
    await driver.executeQuery(text, parameters, config)
    return 200
  }
  const reads: Read[] = []
  for (let i = 0; i < 10; i += 1) {
    const person = at(targets.persons, i)
    reads.push(
      query(
        'CALL db.index.fulltext.queryNodes("entity_names", $q) YIELD node, score RETURN node.id, node.name, score LIMIT 20',
        { q: at(targets.names, i) },
      ),
      query('MATCH (n:Entity {id: $id}) OPTIONAL MATCH (n)-[r]-() RETURN n, type(r) AS type, count(r) AS links', { id: person }),
      query(
        'MATCH (n:Entity {id: $id})-[*1..2]-(m:Entity) WITH DISTINCT m LIMIT 200 RETURN m',
        { id: person },
      ),
      query('MATCH (n:Entity) WITH n, COUNT { (n)--() } AS degree ORDER BY degree DESC LIMIT 300 RETURN n, degree', {}),
      query(
        'MATCH (a:Entity {id: $from}), (b:Entity {id: $to}) MATCH p = shortestPath((a)-[*..6]-(b)) RETURN p',
        { from: person, to: at(targets.persons, i + 7) },
      ),
      query(
        'MATCH p = (a:Account {id: $id})-[:TRANSFER*1..3]->(b:Account) RETURN p LIMIT 1000',
        { id: at(targets.accounts, i) },
      ),
      query('MATCH (n:Entity) RETURN n.id, COUNT { (n)--() } AS degree ORDER BY degree DESC LIMIT 50', {}),
      query('MATCH (n:Entity) RETURN labels(n) AS labels, count(*) AS nodes', {}),
      query('MATCH (l:Location) OPTIONAL MATCH (l)<-[r:LOCATED_IN|OPERATES_IN]-(e) RETURN l, count(e) AS entities', {}),
      query(cannedQueryText, { id: at(targets.groups, i), viewer: { ncb: null, all: true } }),
    )
  }
  return reads
}

/** Starts the service on a free loopback port; the caller closes the returned app. */
export async function listenOnLoopback(config: Config, database: Database) {
  const app = await buildApp({ config, database, ownsDatabase: false, logger: false })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  return { app, baseUrl: `http://127.0.0.1:${port}` }
}

export interface LoadBenchmark {
  options: LoadOptions & { persons: number; seed: number }
  network: { nodes: number; relationships: number }
  service: LoadFigures
  peer: LoadFigures
}

/** Loads the demo network into the benchmark's Neo4j, then runs the service and the peer in turn. */
export async function benchmarkLoad(
  neo4jHandle: { config: Config; database: Database },
  options: LoadOptions & { persons: number; seed: number },
  log: (message: string) => void,
): Promise<LoadBenchmark> {
  const { config, database } = neo4jHandle
  const { createServices } = await import('../src/services/index.js')
  const { loadDemoNetwork } = await import('../src/cli/loaders.js')
  const { cannedQueryText } = await import('./load-queries.js')

  log(`Load: loading the demo network of ${options.persons} persons`)
  const network = await loadDemoNetwork(createServices(database), { seed: options.seed, size: options.persons })
  // The demo network's records carry the source "demo" when no namespace is given.
  const targets = await pickTargets(database.driver, config.neo4j.database, 'demo')

  const { app, baseUrl } = await listenOnLoopback(config, database)
  let service: LoadFigures
  try {
    log(`Load: ${options.clients} clients for ${options.durationMs / 1000} s against the service at ${baseUrl}`)
    service = await runLoad(httpReads(baseUrl, targets, config.jwtSecret), options)
  } finally {
    await app.close()
  }
  log(`Load: the peer, ${options.clients} clients for ${options.durationMs / 1000} s straight to Neo4j`)
  const peer = await runLoad(peerReads(database.driver, config.neo4j.database, targets, cannedQueryText('group-members')), options)
  return { options, network: { nodes: network.nodes, relationships: network.relationships }, service, peer }
}

export const LOAD_SECTION_START = '<!-- load section: rewritten by `npm run bench -- --only load` -->'
export const LOAD_SECTION_END = '<!-- end of load section -->'

export function loadSectionOf(page: string): string | null {
  const start = page.indexOf(LOAD_SECTION_START)
  const end = page.indexOf(LOAD_SECTION_END)
  return start < 0 || end < start ? null : page.slice(start, end + LOAD_SECTION_END.length)
}

/** Replaces the page's load section with `section`, or appends it where the page has none. */
export function withLoadSection(page: string, section: string): string {
  const old = loadSectionOf(page)
  return old === null ? `${page.trimEnd()}\n\n${section}\n` : page.replace(old, () => section)
}

export function renderLoadSection(run: {
  date: string
  command: string
  machine: string
  neo4jVersion: string
  loadAverage: { start: number; end: number }
  result: LoadBenchmark
}): string {
  const { service, peer, options, network } = run.result
  const ms = (value: number) => value.toFixed(1)
  const row = (name: string, figures: LoadFigures) =>
    `| ${name} | ${figures.requests} | ${figures.throughput.toFixed(0)} | ${ms(figures.p50)} | ${ms(figures.p95)} | ${ms(figures.p99)} | ${ms(figures.max)} | ${figures.failed} | ${Object.entries(figures.statuses).map(([status, count]) => `${status}: ${count}`).join(', ')} |`
  const ratio = (ours: number, theirs: number) => (theirs === 0 ? 'n/a' : (ours / theirs).toFixed(2))
  return `${LOAD_SECTION_START}
## Load: ${options.clients} clients of mixed reads for ${options.durationMs / 1000} s

${options.clients} clients on loopback, each issuing its next read as soon as the last one is
answered, for ${options.durationMs / 1000} s, against the demo network of ${options.persons} persons
(seed ${options.seed}: ${network.nodes} nodes, ${network.relationships} relationships). The reads
cycle through search, entity, neighbourhood (depth 2), overview (300 nodes), shortest paths
(6 hops), money trace (3 hops), degree centrality, stats, geo and the canned query
\`group-members\`. Centrality, overview, stats and geo are cached after their first run for
each caller's visibility, until a write or an expiry. The clients use tokens of five callers
(analysts of GE, DE and no country, a viewer of FR, an admin), so the access rules run on every
read. The peer, in the same run on the same Neo4j, is ${options.clients} clients sending a plain Cypher query of each kind
straight through neo4j-driver: no HTTP, no token, no access filter, no cache. Latency is per
request, from send to the whole response read. \`bench/load.ts\`; \`${run.command}\`.

Run on ${run.date}, ${run.machine}, Neo4j ${run.neo4jVersion}; load average ${run.loadAverage.start.toFixed(2)} at the start and ${run.loadAverage.end.toFixed(2)} at the end.

| clients of | requests | per second | p50 ms | p95 ms | p99 ms | max ms | failed | statuses |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${row('the service (HTTP)', service)}
${row('peer: neo4j-driver', peer)}

The service's p99 is ${ratio(service.p99, peer.p99)} times the peer's, and its throughput ${ratio(service.throughput, peer.throughput)} times.
${LOAD_SECTION_END}`
}
