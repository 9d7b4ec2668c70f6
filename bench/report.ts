/**
 * Renders one benchmark run as the Markdown page `docs/benchmarks.md`.
 */
import type { CentralityTiming, MeasureTiming } from './centrality.js'
import { RELATIONSHIP_CONFLICT_STATEMENT, type ImportTiming } from './import.js'
import type { Machine } from './machine.js'
import { NEO4J_MEMORY } from './neo4j.js'
import type { PathTiming } from './paths.js'

export interface BenchReport {
  date: string
  command: string
  seed: number
  importSize: number
  centralitySize: number
  machine: Machine
  /** One-minute load average when the run started and when it ended. */
  loadAverage: { start: number; end: number }
  neo4jVersion: string
  importOurs: ImportTiming
  importPeer: ImportTiming
  paths: PathTiming
  centrality: CentralityTiming
}

const LINE_WIDTH = 92

const NOT_CONVERGED_MARK = ' (not converged)'

const MEASURE_LABELS: Record<MeasureTiming['name'], string> = {
  degree: 'Degree centrality',
  betweenness: 'Betweenness centrality',
  closeness: 'Closeness centrality',
  pagerank: 'PageRank',
  eigenvector: 'Eigenvector centrality',
  louvain: 'Louvain communities',
}

export function renderReport(report: BenchReport): string {
  const sections = [introduction(), runSection(report), resultsSection(report), meaningSection(report)]
  return `${sections.map(reflow).join('\n\n')}\n`
}

function introduction(): string {
  return `# Benchmarks

Figures from one run of \`bench/run.ts\`. Every figure is a ratio against a peer measured in
the same run, on the same machine and the same data. Nothing here is a target that a test
enforces.

To reproduce, install the networkx peer into a virtualenv, then run the benchmark:

\`\`\`sh
python3 -m venv /tmp/millennium-bench-venv && /tmp/millennium-bench-venv/bin/pip install networkx scipy
npm run bench -- --size 20000 --centrality-size 3000 --python /tmp/millennium-bench-venv/bin/python
\`\`\`

The benchmark starts its own Neo4j on a free loopback port from 7720 (\`--port\`), with a new
data folder under the system temporary folder, once per phase, and stops it and deletes the
folder at the end of the phase. It rewrites this page (\`--output\` names another file).

The money-trail figures (traces, cycles and the fan-in/fan-out scan on a network of 100,000
accounts and 1,000,000 transfers) are on their own page, [Money trails](benchmarks-money.md),
which \`npm run bench -- --only money\` rewrites without touching this one. The analytics
section, on that network against their targets, is rewritten by
\`npm run bench -- --only analytics\` alone, and the viewer section after it by
\`npm run bench -- --only viewer\` alone; this page's other runs keep both as they are.`
}

function runSection(report: BenchReport): string {
  const { machine, centrality, importOurs } = report
  const versions = centrality.versions
  const network =
    `seed ${report.seed}; import and paths: ${count(report.importSize)} persons, ` +
    `${count(importOurs.stored.nodes)} nodes, ${count(importOurs.stored.relationships)} relationships; ` +
    `centrality: ${count(report.centralitySize)} persons, ${count(centrality.nodes)} nodes, ` +
    `${count(centrality.relationships)} relationships (${count(centrality.edges)} undirected edges once parallel ones are merged)`

  return `## Run

| | |
| --- | --- |
| date | ${report.date} |
| command | \`${report.command}\` |
| demo network | ${network} |
| CPU | ${machine.cpu}, ${machine.cores} cores; one-minute load average ${report.loadAverage.start.toFixed(2)} at the start, ${report.loadAverage.end.toFixed(2)} at the end |
| memory | ${machine.memoryGiB.toFixed(1)} GiB |
| Node.js | ${machine.node} |
| Java | ${machine.java} |
| Neo4j | ${report.neo4jVersion} Community, embedded, heap ${NEO4J_MEMORY.heap}, page cache ${NEO4J_MEMORY.pageCache} |
| Python | ${versions.python ?? 'unknown'}, networkx ${versions.networkx ?? 'unknown'}, scipy ${versions.scipy ?? 'unknown'}, numpy ${versions.numpy ?? 'unknown'} |`
}

function resultsSection(report: BenchReport): string {
  const { importOurs, importPeer, paths, centrality } = report
  const rows = [
    row(`Import rate, records/s (${count(importOurs.records)} records)`, count(importOurs.recordsPerSecond), count(importPeer.recordsPerSecond), importOurs.recordsPerSecond / importPeer.recordsPerSecond),
    row('Import time, s', seconds(importOurs.seconds), seconds(importPeer.seconds), importOurs.seconds / importPeer.seconds),
    row('Import rate in the first batch of 5,000 records, records/s', count(importOurs.firstBatchRate), count(importPeer.firstBatchRate), importOurs.firstBatchRate / importPeer.firstBatchRate),
    row('Import rate in the last batch, records/s', count(importOurs.lastBatchRate), count(importPeer.lastBatchRate), importOurs.lastBatchRate / importPeer.lastBatchRate),
    row('Shortest path, median, ms', milliseconds(paths.ours.medianMs), milliseconds(paths.peer.medianMs), paths.ours.medianMs / paths.peer.medianMs),
    row('Shortest path, 95th percentile, ms', milliseconds(paths.ours.p95Ms), milliseconds(paths.peer.p95Ms), paths.ours.p95Ms / paths.peer.p95Ms),
    ...centrality.measures.map((measure) =>
      row(
        `${MEASURE_LABELS[measure.name]}, s`,
        seconds(measure.oursSeconds) + (measure.oursConverged ? '' : NOT_CONVERGED_MARK),
        seconds(measure.peerSeconds) + (measure.peerConverged ? '' : NOT_CONVERGED_MARK),
        measure.oursSeconds / measure.peerSeconds,
      ),
    ),
    row('Peak RSS in the centrality phase, MiB', mebibytes(centrality.oursPeakRssBytes), mebibytes(centrality.peerPeakRssBytes), centrality.oursPeakRssBytes / centrality.peerPeakRssBytes),
  ]
  const agreementRows = centrality.measures
    .filter((measure) => measure.name !== 'louvain')
    .map((measure) => {
      const difference = measure.maxDifference === null ? 'not compared: no scores' : measure.maxDifference.toExponential(1)
      return `| ${MEASURE_LABELS[measure.name]} | ${difference} |`
    })
  const { louvain } = centrality

  return `## Results

| figure | Millennium | peer | ratio Millennium / peer |
| --- | ---: | ---: | ---: |
${rows.join('\n')}

The peers are plain Cypher for the import, a bare \`shortestPath\` query for the paths and
networkx for centrality, Louvain and memory. A ratio above 1 means Millennium took longer or
used more memory, and for an import rate, a ratio below 1 means Millennium wrote fewer records
per second.${describeConvergence(centrality)}

Scores agree with networkx (largest absolute difference over all ${count(centrality.nodes)} nodes):

| measure | max \\|Millennium − networkx\\| |
| --- | ---: |
${agreementRows.join('\n')}

Louvain: Millennium found ${louvain.ours.communityCount} communities with modularity ${louvain.ours.modularity.toFixed(4)},
networkx found ${louvain.peer.communityCount} with modularity ${louvain.peer.modularity.toFixed(4)}. networkx's
modularity of Millennium's partition differs from the value Millennium reports by
${louvain.modularityDifference.toExponential(1)}.`
}

function meaningSection(report: BenchReport): string {
  const { importOurs, importPeer, paths, centrality, machine } = report

  return `## What the numbers mean

**Import rate.** The demo network goes through \`loadDemoNetwork\`, the path that
\`millennium generate\` takes: one transaction per 2,000 rows, each with a conflict query, then
\`MERGE\` by id that reports created, updated and unchanged records. The peer writes the same
records, with the same stored values, in transactions of the same size, with one
\`UNWIND $rows AS row CREATE ... SET n = row.properties\` per batch and no validation, conflict
check or \`MERGE\`. Its relationships find their endpoints with \`MATCH\` by id. To make it fair,
each side gets its own fresh Neo4j with an empty data folder and the same memory settings.
Both get the project's full schema (uniqueness constraints, indexes and the full-text index)
before the clock starts, so both pay the same index upkeep. The peer runs first. Both timings
include generating the records, which takes under half a second for 20,000 persons. The
first-batch and last-batch rates time one generator batch each, to show whether the rate
falls as the graph grows. ${describeConflictScans(importOurs)} Millennium stored
${count(importOurs.stored.nodes)} nodes and ${count(importOurs.stored.relationships)} relationships and rejected
${count(importOurs.rejected)} records, and the peer stored ${count(importPeer.stored.nodes)} nodes and
${count(importPeer.stored.relationships)} relationships.

**Shortest-path latency.** ${paths.pairs} pairs of demo nodes drawn with seed ${report.seed}, after
20 warm-up pairs that are not counted. Millennium's figure is a whole request through
\`app.inject\` on \`GET /api/paths/shortest?from&to&maxHops=6\` with an admin token, so every
record is visible: JWT check, validation, the endpoint existence query, the path query with its
visibility and type filters, and the graph payload. The peer is
\`MATCH p = shortestPath((a:Entity {id: $a})-[*..6]-(b:Entity {id: $b})) RETURN p\` through the
driver. The two alternate which goes first. ${paths.connected} of the pairs are connected within
6 hops, and both sides return the same path length for ${paths.agreeing} of ${paths.pairs}.
${describeTimeouts(paths)} Percentiles are nearest-rank. \`app.inject\` skips the network socket,
so a real client adds its own round trip to both.

**Centrality and Louvain.** Each Millennium time is one call of
\`services.analytics.centrality\` or \`communities\` on \`source: 'demo'\`, undirected and
unweighted. The call loads the projection from Neo4j and hands it to a new worker thread of
the service's analytics runner, which builds the graphology graph and runs the exact
algorithm on all nodes. Then the call ranks the scores. Loading the projection alone took
${seconds(centrality.projectionSeconds)} s on its first, untimed call, and every timed call loads it
again. networkx runs on the same projection, exported to an edge list. Its times
exclude reading that file and building the graphs (${seconds(centrality.peerBuildSeconds)} s). Parallel
relationships become one edge whose weight is their count, as in Millennium's projection.
PageRank (damping 0.85), eigenvector centrality and Louvain read that weight as a strength,
and both sides iterate PageRank and eigenvector centrality to a tolerance of 1e-10, the
project's default rather than networkx's 1e-6. Degree counts every relationship
(\`degree_centrality\` on a \`MultiGraph\`). Betweenness is Brandes' exact algorithm from every
source node, and closeness uses the Wasserman-Faust correction. The two Louvain
implementations differ (graphology's and networkx's, each seeded with ${report.seed}), so their
partitions are compared by modularity only.

**Memory.** Millennium's figure is the highest \`process.memoryUsage.rss()\` of the whole Node
process, sampled every 10 ms from a worker thread during the centrality and Louvain calls. It
includes the analytics runner's worker threads, where the algorithms run, and the sampler's
own thread. The process started the phase at
${mebibytes(centrality.oursStartRssBytes)} MiB, which includes Node, the loaded modules and the driver. networkx's
figure is \`ru_maxrss\` of the Python process over its whole life, graph building and score
dictionaries included.

**Limits.** Each figure comes from one run on ${machine.cores} cores that Neo4j, Node and the
peers share, and other work may run on the same machine: the load averages above show how
busy it was. On 2026-12-04, on a 2-core machine shared with other work, five runs of the
centrality phase gave Millennium's betweenness between 21.3 s and 31.7 s, so a difference
below about 50% is not significant. Each measure runs once, so JIT warm-up in Node and in the
JVM is inside the first timings. The sizes are small next to real investigations, and the
demo network has the shape of its generator, not of real data.`
}

function describeConflictScans(importOurs: ImportTiming): string {
  const file = `cypher/statements/${RELATIONSHIP_CONFLICT_STATEMENT}.cypher`
  const finding =
    importOurs.conflictQueryScans.length === 0
      ? 'it contains no scan of every node or relationship'
      : `it contains ${importOurs.conflictQueryScans.join(' and ')}, a scan of every stored relationship for each row`
  return (
    `The benchmark also reads Neo4j's plan for the relationship conflict query (\`${file}\`): ${finding}. ` +
    'Such a scan makes each batch slower than the one before, and the whole import quadratic in the size.'
  )
}

/** Explains a power iteration that did not converge from the adjacency matrix's spectral gap. */
function describeConvergence(centrality: CentralityTiming): string {
  const failed = centrality.measures.filter((measure) => !measure.oursConverged || !measure.peerConverged)
  if (failed.length === 0) {
    return ''
  }
  const mark =
    ` A time marked "${NOT_CONVERGED_MARK.trim()}" is that of a power iteration that stopped at its limit of ` +
    '1,000 iterations without converging, so that side returned no scores and the time is the time to fail.'
  const [first, second] = centrality.adjacencyEigenvalues
  if (first === undefined || second === undefined) {
    return mark
  }
  const shrink = (second + 1) / (first + 1)
  const names = failed.map((measure) => MEASURE_LABELS[measure.name].toLowerCase()).join(' and ')
  return (
    `${mark}\n\nThe two largest eigenvalues of the adjacency matrix are ${first.toFixed(3)} and ${second.toFixed(3)} ` +
    `(scipy \`eigsh\`). Each step of the power iteration on A + I therefore shrinks the part of the ` +
    `error along the second eigenvector only by a factor of ${shrink.toFixed(4)}, and 1,000 steps only by ` +
    `${(shrink ** 1000).toExponential(1)}. That is why ${names} did not reach the tolerance on this graph.`
  )
}

function describeTimeouts(paths: PathTiming): string {
  if (paths.timedOut === 0) {
    return "No request reached the service's transaction time limit."
  }
  const hops = paths.timedOutHops.map((length) => (length === null ? 'none within 10' : String(length))).join(', ')
  return (
    `${paths.timedOut} ${paths.timedOut === 1 ? 'request' : 'requests'} ended with a 504 at the service's ` +
    `${paths.transactionTimeoutMs / 1000} s ` +
    `transaction time limit, and their time counts in Millennium's figures. The shortest paths ` +
    `of those pairs have these lengths in hops: ${hops}.`
  )
}

/** Rewraps each prose paragraph to LINE_WIDTH columns. Headings, tables and code stay as they are. */
export function reflow(markdown: string): string {
  const blocks = markdown.split(/\n{2,}/)
  return blocks
    .map((block) => (/^(#|\||```)/.test(block) ? block : wrap(block.replace(/\s*\n\s*/g, ' '), LINE_WIDTH)))
    .join('\n\n')
}

function wrap(text: string, width: number): string {
  const lines: string[] = []
  let line = ''
  // A code span is one word even when it contains spaces, so that no span is split over lines.
  for (const word of text.match(/(?:`[^`]*`|[^\s`])+/g) ?? []) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  return [...lines, line].join('\n')
}

function row(figure: string, ours: string, peer: string, ratio: number): string {
  return `| ${figure} | ${ours} | ${peer} | ${ratio.toFixed(2)} |`
}

export function count(value: number): string {
  return Math.round(value).toLocaleString('en-GB')
}

export function seconds(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1)
}

export function milliseconds(value: number): string {
  return value.toFixed(1)
}

export function mebibytes(bytes: number): string {
  return (bytes / 1024 ** 2).toFixed(0)
}
