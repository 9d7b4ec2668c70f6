/**
 * Renders the analytics benchmark as one section of `docs/benchmarks.md`, between two
 * marker comments, so that `--only analytics` replaces that section alone and the graph
 * section's rewrite of the page carries it over.
 */
import type { Algorithm, AnalyticsTiming, RestTiming } from './analytics.js'
import type { Machine } from './machine.js'
import { NEO4J_MEMORY } from './neo4j.js'
import { count, mebibytes, reflow, seconds } from './report.js'

export const ANALYTICS_SECTION_START = '<!-- analytics section: rewritten by `npm run bench -- --only analytics` -->'
export const ANALYTICS_SECTION_END = '<!-- end of the analytics section -->'

export interface AnalyticsReport {
  date: string
  command: string
  seed: number
  machine: Machine
  /** One-minute load average when the run started and when it ended. */
  loadAverage: { start: number; end: number }
  neo4jVersion: string
  analytics: AnalyticsTiming
}

const LABELS: Record<Algorithm, string> = {
  louvain: 'Louvain',
  betweenness: 'Sampled betweenness',
  pagerank: 'PageRank',
  components: 'Connected components',
}

/** Speed-ups that the analytics must reach: networkx's time divided by Millennium's. */
const SPEED_TARGETS: Record<Algorithm, number> = { louvain: 10, betweenness: 10, pagerank: 1, components: 1 }
const PROJECTION_TARGET_SECONDS = 5
const HEAP_TARGET_GIB = 1.5

export function renderAnalyticsSection(report: AnalyticsReport): string {
  const sections = [introduction(report), runTable(report), targetsTable(report), timesTable(report), restTable(report), notes(report)]
  return `${ANALYTICS_SECTION_START}\n${sections.map(reflow).join('\n\n')}\n${ANALYTICS_SECTION_END}`
}

/** Returns the analytics section of a page, markers included, or null when it has none. */
export function analyticsSectionOf(page: string): string | null {
  const start = page.indexOf(ANALYTICS_SECTION_START)
  const end = page.indexOf(ANALYTICS_SECTION_END)
  if (start < 0 || end < start) {
    return null
  }
  return page.slice(start, end + ANALYTICS_SECTION_END.length)
}

/** Replaces the page's analytics section with `section`, or appends it where the page has none. */
export function withAnalyticsSection(page: string, section: string): string {
  const old = analyticsSectionOf(page)
  if (old !== null) {
    return page.replace(old, () => section)
  }
  return `${page.trimEnd()}\n\n${section}\n`
}

function introduction({ analytics }: AnalyticsReport): string {
  return `## Analytics on ${count(analytics.projection.nodes)} nodes and ${count(analytics.projection.relationships)} relationships

Louvain, sampled betweenness, PageRank and connected components on the money benchmark's
generated network, in process and through the REST API, against networkx on the same graph,
measured in the same run. Unlike the figures above, each of these has a target, and the
table says whether this run met it. \`npm run bench -- --only analytics\` rewrites this
section alone, on its own Neo4j, and the other sections' run keeps it.`
}

function runTable({ date, command, seed, machine, loadAverage, neo4jVersion, analytics }: AnalyticsReport): string {
  const { versions, projection, graph } = analytics
  const gds = analytics.gdsVersion === null ? 'not installed on the benchmark\'s Neo4j' : analytics.gdsVersion
  return `### Run

| | |
| --- | --- |
| date | ${date} |
| command | \`${command}\` |
| network | seed ${seed}; ${count(analytics.accounts)} accounts and ${count(analytics.transfers)} transfers from \`bench/money-network.ts\`; the projection is every \`Account\` and every \`TRANSFER\` between two accounts: ${count(projection.nodes)} nodes and ${count(projection.relationships)} relationships, ${count(graph.edges)} undirected edges and ${count(graph.arcs)} directed ones once parallel ones are merged |
| CPU | ${machine.cpu}, ${machine.cores} cores, shared with other work; one-minute load average ${loadAverage.start.toFixed(2)} at the start, ${loadAverage.end.toFixed(2)} at the end |
| memory | ${machine.memoryGiB.toFixed(1)} GiB |
| Node.js | ${machine.node} |
| Neo4j | ${neo4jVersion} Community, embedded, heap ${NEO4J_MEMORY.heap}, page cache ${NEO4J_MEMORY.pageCache}; Graph Data Science ${gds} |
| Python | ${versions.python ?? 'unknown'}, networkx ${versions.networkx ?? 'unknown'}, scipy ${versions.scipy ?? 'unknown'}, numpy ${versions.numpy ?? 'unknown'} |`
}

function targetsTable({ analytics }: AnalyticsReport): string {
  const speedRows = (Object.keys(SPEED_TARGETS) as Algorithm[]).map((algorithm) => {
    const ratio = analytics.peerSeconds[algorithm] / analytics.oursSeconds[algorithm]
    const target = SPEED_TARGETS[algorithm]
    const label = algorithm === 'betweenness' ? `${LABELS[algorithm]} (${analytics.samples} sources)` : LABELS[algorithm]
    return `| ${label}: networkx time / Millennium time | ${ratio.toFixed(1)} | at least ${target} | ${verdict(ratio >= target)} |`
  })
  const projectionSeconds = analytics.projection.firstSeconds
  const heapGiB = analytics.memory.heapPeakBytes / 1024 ** 3
  return `### Targets

| target | measured | required | result |
| --- | ---: | ---: | --- |
${speedRows.join('\n')}
| Loading the projection from Neo4j (first load), s | ${seconds(projectionSeconds)} | under ${PROJECTION_TARGET_SECONDS} | ${verdict(projectionSeconds < PROJECTION_TARGET_SECONDS)} |
| Peak JavaScript heap, GiB | ${heapGiB.toFixed(2)} | under ${HEAP_TARGET_GIB} | ${verdict(heapGiB < HEAP_TARGET_GIB)} |`
}

function timesTable({ analytics }: AnalyticsReport): string {
  const { projection, compactSeconds, oursSeconds, peerSeconds, oursCpuSeconds, peerCpuSeconds, oursCoreSeconds } = analytics
  const rows = (Object.keys(LABELS) as Algorithm[]).map((algorithm) => {
    const ours = `${seconds(oursSeconds[algorithm])} | ${seconds(oursCoreSeconds[algorithm])}`
    const elapsed = `${seconds(peerSeconds[algorithm])} | ${(peerSeconds[algorithm] / oursSeconds[algorithm]).toFixed(1)}`
    const cpu = `${seconds(oursCpuSeconds[algorithm])} | ${seconds(peerCpuSeconds[algorithm])} | ${(peerCpuSeconds[algorithm] / oursCpuSeconds[algorithm]).toFixed(1)}`
    return `| ${LABELS[algorithm]} | ${ours} | ${elapsed} | ${cpu} |`
  })
  return `### Times

| step | Millennium, s | Millennium, algorithm alone, s | networkx, s | networkx / Millennium | Millennium, CPU s | networkx, CPU s | networkx / Millennium, CPU |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| Loading the projection from Neo4j: first, second | ${seconds(projection.firstSeconds)}, ${seconds(projection.secondSeconds)} | | | | | | |
| Building the graphs: compact undirected, compact directed; networkx \`Graph\` and \`DiGraph\` | ${seconds(compactSeconds.undirected)}, ${seconds(compactSeconds.natural)} | | ${seconds(peerSeconds.build)} | | | ${seconds(peerCpuSeconds.build)} | |
${rows.join('\n')}

The targets compare elapsed seconds of the dispatcher calls, which the service runs. The
"algorithm alone" column times the same algorithm again on the compact graph built
beforehand (\`louvainCommunities\`, \`betweennessOf\`, \`pagerankOf\`, \`weakComponents\`), as
networkx's times start from its built graphs. Those calls ran after the dispatcher calls, with
their code already compiled. The CPU seconds are those of the whole process over the
dispatcher call, all threads summed, so Millennium's include the work of Node's garbage
collector in its helper threads. On a machine shared with other work they vary less than
elapsed seconds, which grow whenever another process holds a core.`
}

function restTable({ analytics }: AnalyticsReport): string {
  const rows = analytics.rest.map(
    (timing) => `| ${LABELS[timing.algorithm]}${timing.engine === 'gds' ? ', Graph Data Science' : ''} | \`${shortUrl(timing)}\` | ${seconds(timing.coldMs / 1000)} | ${timing.warmMs.toFixed(0)} |`,
  )
  const uncached = analytics.rest.filter((timing) => timing.coldCached || !timing.warmCached)
  const cacheNote =
    uncached.length === 0
      ? 'Every first request reported `cached: false` and every second one `cached: true`.'
      : `${uncached.length} of the pairs did not report \`cached: false\` and then \`cached: true\`.`
  const gds =
    analytics.gdsVersion === null
      ? "Neo4j Graph Data Science was not installed on the benchmark's Neo4j (`bench/neo4j.ts` starts it without the plugin), so there are no GDS figures."
      : `The rows marked Graph Data Science ran with \`engine=gds\` on GDS ${analytics.gdsVersion}.`
  return `### Through the REST API

| algorithm | request, after \`GET\` | empty cache, s | cached, ms |
| --- | --- | ---: | ---: |
${rows.join('\n')}

Each request went through \`app.inject\` with an admin token and \`types=TRANSFER&labels=Account\`.
${cacheNote} ${gds}`
}

function notes({ analytics, seed }: AnalyticsReport): string {
  const { louvain, memory, componentCount } = analytics
  const restLouvain =
    louvain.rest.communityCount === louvain.ours.communityCount && louvain.rest.modularity === louvain.ours.modularity
      ? 'The REST request returned the same partition size and modularity as the in-process call.'
      : `The REST request returned ${louvain.rest.communityCount} communities with modularity ${louvain.rest.modularity.toFixed(4)}.`
  return `### What the numbers mean

**Millennium, in process.** The projection is loaded by the service's repository
(\`createProjectionRepository(database).load\`, every record visible) straight into an edge
list of node numbers. Each algorithm is one call of the compact-level dispatcher that the
service's worker thread calls: \`communitiesOf\` for Louvain (seed ${seed})
and components, \`centralityOf\` for betweenness and PageRank. Each call builds its own
compact graph (timed on its own in the table above), and the community calls also number the
communities and compute the modularity, so all of that counts in Millennium's times.
Louvain, betweenness and components read the projection undirected and PageRank in the
relationships' direction.

**networkx** reads the same edge list from a file and builds an undirected \`Graph\` and a
\`DiGraph\`, each parallel relationship merged into one edge whose weight is their number, as
Millennium merges them. Its times exclude that build and the modularity. Louvain and
PageRank read the weight as a strength (\`louvain_communities(G, weight="weight", seed=${seed})\`,
\`pagerank(D, alpha=0.85, tol=${analytics.pagerankTolerance})\`, Millennium's tolerance rather than networkx's
default 1e-6), betweenness ignores it (\`betweenness_centrality(G, k=${analytics.samples}, seed=${seed})\`), and
components are \`connected_components(G)\`.

**Agreement.** Millennium's Louvain found ${count(louvain.ours.communityCount)} communities with
modularity ${louvain.ours.modularity.toFixed(4)}, networkx's ${count(louvain.peer.communityCount)} with
${louvain.peer.modularity.toFixed(4)}. networkx's modularity of Millennium's partition differs from the
value Millennium reports by ${(louvain.oursByPeer - louvain.ours.modularity).toExponential(1)}. ${restLouvain}
Both sides found ${componentCount.ours === componentCount.peer ? `${count(componentCount.ours)} components` : `different numbers of components: ${count(componentCount.ours)} and ${count(componentCount.peer)}`}.
The PageRank scores differ by at most ${analytics.pagerankMaxDifference.toExponential(1)}. Both sides draw
${analytics.samples} betweenness sources with seed ${seed}, but from different random generators, so the samples differ and the scores are not compared here.

**Through the REST API.** The first request of each pair found the cache empty: it read
the graph version, loaded the projection, ran the algorithm in a worker thread of the
analytics runner and serialised the response (the top 50 scores, or every member of every
community). The second came from the cache.

**Memory.** The heap figure is the highest V8 \`usedSize\` of this process's main thread,
where the in-process side runs, read every 20 ms through an inspector session from a worker
thread, from the first projection load to the end of the last algorithm. It was
${mebibytes(memory.heapStartBytes)} MiB at the start of that phase. Typed arrays keep their
buffers outside that heap, so the peak RSS of the whole process over the same phase,
${mebibytes(memory.rssPeakBytes)} MiB (${mebibytes(memory.rssStartBytes)} MiB at its start), includes them,
and Node, the driver and the loaded network's leftovers as well. During the REST requests
the peak RSS was ${mebibytes(memory.restRssPeakBytes)} MiB. networkx peaked at
${mebibytes(memory.peerPeakRssBytes)} MiB RSS, graph building included.

**Limits.** One run of each figure, on 2 cores shared with Neo4j and with other work that
ran on the machine at the same time, as the load averages show. The three sides ran one
after the other, never at the same time. On 2026-12-04, four runs of this section on this
machine, at one-minute load averages between 0.5 and 8.4, gave networkx / Millennium ratios
of 11.4 to 17.7 for Louvain, 44.0 to 58.6 for betweenness, 8.7 to 19.8 for PageRank and 0.7
to 1.2 for components, and first projection loads of 5.14 to 12.9 s. So the components
verdict, near 1, can change from one run to the next. The first load after the bulk load is
the slow one: the second took 4.97 s here, and each REST request in the table loaded the
projection again within its time. JIT warm-up is inside Millennium's
times. The network has the shape of its generator: heavy-tailed degrees with a few hub
accounts.`
}

function shortUrl(timing: RestTiming): string {
  return timing.url.replace('/api/analytics/', '').replace(/&types=TRANSFER&labels=Account/, '').replace(/&engine=[a-z]+$/, '')
}

function verdict(met: boolean): string {
  return met ? 'PASS' : 'FAIL'
}
