/**
 * Renders one run of the money-trail benchmark as the Markdown page `docs/benchmarks-money.md`,
 * apart from `docs/benchmarks.md`, so that each section can run alone without erasing the
 * other's figures.
 */
import type { Machine } from './machine.js'
import { CYCLE_LENGTH, PATTERN_WINDOW, PEER_TRACE, TRACE_HOPS, type MoneyTiming, type PeerSample, type Sample } from './money.js'
import { NEO4J_MEMORY } from './neo4j.js'
import { count, mebibytes, milliseconds, reflow, seconds } from './report.js'

export interface MoneyReport {
  date: string
  command: string
  seed: number
  machine: Machine
  loadAverage: { start: number; end: number }
  neo4jVersion: string
  money: MoneyTiming
}

/** Latency targets of the money routes on this network. */
const TARGETS = { traceP95Ms: 300, cyclesP95Ms: 500, patternsSeconds: 30, speedUp: 10 } as const

export function renderMoneyReport(report: MoneyReport): string {
  const sections = [introduction(), runSection(report), resultsSection(report.money), peerSection(report.money), meaningSection(report)]
  return `${sections.map(reflow).join('\n\n')}\n`
}

function introduction(): string {
  return `# Benchmarks: money trails

Figures from one run of \`bench/run.ts\` with \`--only money\`: time-ordered traces, cycle
searches and the fan-in/fan-out scan on a generated network of bank accounts, against the
latency targets of the money routes, and the trace against a plain Cypher query with the same
time-order condition, measured in the same run. The other benchmarks are on
[their own page](benchmarks.md).

To reproduce:

\`\`\`sh
npm run bench -- --only money
\`\`\`

The benchmark starts its own Neo4j on a free loopback port from 7720 (\`--port\`) with a new
data folder under the system temporary folder, and stops it and deletes the folder at the end.
It rewrites this page (\`--money-output\` names another file).`
}

function runSection(report: MoneyReport): string {
  const { machine, money } = report
  const network =
    `seed ${report.seed}; ${count(money.accounts)} accounts and ${count(money.transfers)} transfers ` +
    `(${count(money.load.stored.nodes)} nodes and ${count(money.load.stored.relationships)} relationships with the holders and their \`HOLDS\` ties); ` +
    `${money.landmarks.layeringChains} layering chains from the fund's ${money.landmarks.fundAccountIds.length} accounts, ` +
    `${money.landmarks.cycleAccountIds.length} planted cycles`

  return `## Run

| | |
| --- | --- |
| date | ${report.date} |
| command | \`${report.command}\` |
| money network | ${network} |
| CPU | ${machine.cpu}, ${machine.cores} cores; one-minute load average ${report.loadAverage.start.toFixed(2)} at the start, ${report.loadAverage.end.toFixed(2)} at the end |
| memory | ${machine.memoryGiB.toFixed(1)} GiB |
| Node.js | ${machine.node} |
| Java | ${machine.java} |
| Neo4j | ${report.neo4jVersion} Community, embedded, heap ${NEO4J_MEMORY.heap}, page cache ${NEO4J_MEMORY.pageCache} |`
}

function resultsSection(money: MoneyTiming): string {
  const { load, fundTrace, randomTrace, cycles, patterns, memory } = money
  const patternTimes = patterns.map((sample) => seconds(sample.ms / 1000)).join(', ')
  const slowestPattern = Math.max(...patterns.map((sample) => sample.ms)) / 1000
  const rows = [
    `| Bulk load of ${count(load.records)} records, s | ${seconds(load.seconds)} (${count(load.recordsPerSecond)} records/s) | | |`,
    latencyRow(`Trace from the fund, ${TRACE_HOPS} hops (${fundTrace.samples.length} requests)`, fundTrace, TARGETS.traceP95Ms),
    latencyRow(`Trace from a random account, ${TRACE_HOPS} hops (${randomTrace.samples.length} accounts)`, randomTrace, TARGETS.traceP95Ms),
    latencyRow(`Cycles through one account, up to ${CYCLE_LENGTH} transfers (${cycles.samples.length} accounts)`, cycles, TARGETS.cyclesP95Ms),
    `| Fan-in and fan-out scan, ${PATTERN_WINDOW.since} to ${PATTERN_WINDOW.until}, s (${patterns.length} runs) | ${patternTimes} | under ${TARGETS.patternsSeconds} | ${verdict(slowestPattern < TARGETS.patternsSeconds)} |`,
    `| Peak RSS of the Node process during the requests, MiB | ${mebibytes(memory.peakRssBytes)} (${mebibytes(memory.startRssBytes)} before the first request) | | |`,
    `| Neo4j RSS at the end, and its peak, MiB | ${optionalMebibytes(memory.neo4jRssBytes)}, peak ${optionalMebibytes(memory.neo4jPeakRssBytes)} (heap limit ${NEO4J_MEMORY.heap}, page cache ${NEO4J_MEMORY.pageCache}) | | |`,
  ]

  return `## Results

| figure | Millennium | target | met |
| --- | ---: | ---: | --- |
${rows.join('\n')}

A latency row gives the median, then the 95th percentile (nearest rank), in milliseconds.
${describeOutcomes(money)}`
}

function latencyRow(figure: string, summary: { medianMs: number; p95Ms: number }, targetMs: number): string {
  return `| ${figure}, ms | ${milliseconds(summary.medianMs)} / ${milliseconds(summary.p95Ms)} | p95 under ${targetMs} | ${verdict(summary.p95Ms < targetMs)} |`
}

function peerSection(money: MoneyTiming): string {
  const rows = money.peer.map((sample) => peerRow(sample, money))
  const finished = money.peer.filter((sample) => !sample.timedOut)
  const agreeing = finished.filter((sample) => !sample.oursTruncated && sample.oursTransfers === sample.transfers).length
  const smallest = money.peer.map(speedUp).reduce((least, bound) => (bound.value < least.value ? bound : least))
  const truncated = money.peer.filter((sample) => sample.oursTruncated).length

  return `## Against plain Cypher

| start | Millennium, ms (transfers) | plain Cypher, ms (transfers) | speed-up: plain Cypher time / Millennium time |
| --- | ---: | ---: | ---: |
${rows.join('\n')}

The peer runs once per start through the same driver, after all the Millennium requests,
with a transaction time limit of ${money.peerTimeoutSeconds} s. Where it hit that limit, its time
is given as "more than" the limit and the speed-up is a lower bound ("at least"). Millennium's
time is the median of the fund's requests for the fund, and the one timed request for an
account. Millennium's count is \`counts.transfers\` of its response. A trace holds whole hops
up to \`maxTransfers\` transfers (1,000 by default) and says so with \`truncated\`, and it stops
at hubs, accounts with more than \`hubSize\` transfers (1,000 by default). The peer follows
every path, hubs included, so it does more work than a trace with these defaults. Where the peer
finished (${finished.length} of ${money.peer.length} starts), both sides returned the same number of transfers
without truncation for ${agreeing}. Millennium's trace was truncated for ${truncated} of the ${money.peer.length} starts. A
truncated trace stops early while the peer reaches every transfer, so its speed-up overstates
the gain on the same work. The smallest speed-up is ${smallest.lowerBound ? 'at least ' : ''}${smallest.value.toFixed(1)}, against a
target of ${TARGETS.speedUp}.

The peer query:

\`\`\`cypher
${PEER_TRACE}
\`\`\`

Its plan (\`EXPLAIN\`), from the root down:

\`\`\`
${money.peerPlan.join('\n')}
\`\`\``
}

function peerRow(sample: PeerSample, money: MoneyTiming): string {
  const label = sample.start === money.landmarks.fundId ? `the fund (${sample.start})` : sample.start
  const ours = `${milliseconds(sample.oursMs)} (${sample.oursTransfers ?? 'n/a'}${sample.oursTruncated ? ', truncated' : ''})`
  const peer = sample.timedOut
    ? `more than ${count(money.peerTimeoutSeconds * 1000)}`
    : `${count(sample.ms)} (${sample.transfers ?? 'n/a'})`
  const bound = speedUp(sample)
  return `| ${label} | ${ours} | ${peer} | ${bound.lowerBound ? 'at least ' : ''}${bound.value.toFixed(1)} |`
}

function speedUp(sample: PeerSample): { value: number; lowerBound: boolean } {
  return { value: sample.ms / sample.oursMs, lowerBound: sample.timedOut }
}

function describeOutcomes(money: MoneyTiming): string {
  const groups: [string, Sample[]][] = [
    ['fund traces', money.fundTrace.samples],
    ['account traces', money.randomTrace.samples],
    ['cycle searches', money.cycles.samples],
    ['scans', money.patterns],
  ]
  const notes = groups.flatMap(([name, samples]) => {
    const timedOut = samples.filter((sample) => sample.status === 504).length
    const truncated = samples.filter((sample) => sample.truncated).length
    const parts = [
      timedOut > 0 ? `${timedOut} ended with a 504 at the service's ${money.transactionTimeoutMs / 1000} s transaction time limit` : '',
      truncated > 0 ? `${truncated} returned a truncated result` : '',
    ].filter((part) => part !== '')
    return parts.length === 0 ? [] : [`Of the ${name}, ${parts.join(' and ')}.`]
  })
  const truncation =
    'A trace keeps whole hops up to `maxTransfers` transfers (1,000 by default), and a scan returns at most ' +
    '`limit` hits (100 by default), and either then sets `truncated`.'
  return notes.length === 0
    ? "Every request returned 200 within the service's transaction time limit, and none said its result was truncated."
    : `${notes.join(' ')} Their times count in the figures. ${truncation}`
}

function meaningSection(report: MoneyReport): string {
  const { money } = report
  return `## What the numbers mean

**Network.** \`bench/money-network.ts\` generates the accounts and transfers from the seed
alone. Each account gets a Pareto weight (shape 1.8), and each end of a transfer is drawn by
that weight half of the time and uniformly otherwise. Degrees are therefore heavy-tailed, with
a few hub accounts of thousands of transfers, while most transfers join random accounts. A
transfer stays in the currency of its accounts (85% EUR, 15% USD) and is dated uniformly over
2023 and 2024. Money leaves the fund's accounts through ${money.landmarks.layeringChains} chains of three
to six shell company accounts, each hop one to five days after the one before and smaller by
a fee, and comes to rest in an ordinary account. ${money.landmarks.cycleAccountIds.length} time-ordered cycles of three to
six transfers run through accounts drawn uniformly. Records carry the properties and
provenance that the import writes, so the service reads them as ordinary data.

**Load.** \`bench/money-load.ts\` writes the records with one \`UNWIND ... CREATE\` transaction
per 10,000 records, after the project's schema is in place, and waits for the indexes to come
online. The time includes generating the records. At the 1,900 records/s that the service's
import reached in the other benchmarks, this network would take about ten minutes to import
(an estimate, not measured).

**Requests.** Each figure is a whole request through \`app.inject\` with an admin token, so
every record is visible: routing, JWT check, validation, the queries and serialisation. The
traces are \`GET /api/money/trace?from&direction=out&maxHops=${TRACE_HOPS}\`, first ${money.fundTrace.samples.length} times from the fund
(\`${money.landmarks.fundId}\`, the same start each time), then once each from
${money.randomTrace.samples.length} accounts with outgoing transfers drawn with the seed. The cycle searches are
\`GET /api/money/cycles?through&maxLength=${CYCLE_LENGTH}\`, once through each account that a planted cycle
runs through. These accounts also carry their share of the random traffic. The scan is
\`GET /api/money/patterns?type=fan-in,fan-out&since=${PATTERN_WINDOW.since}&until=${PATTERN_WINDOW.until}\`, 30 calendar days. Five traces
from other accounts, one from the fund and two cycle searches run first as a warm-up and are
not counted. \`app.inject\` skips the
network socket, so a real client adds its own round trip.

**Memory.** The Node figure is the highest \`process.memoryUsage.rss()\` of the benchmark
process, sampled every 10 ms from a worker thread while the requests ran. The service runs
inside that process, so the figure also contains the benchmark itself and the driver. Neo4j's
figures are \`VmRSS\` and \`VmHWM\` of its Java process from \`/proc\` at the end of the run,
after the load and the peer queries. They include the page cache and the JVM's own memory
beyond the heap.

**Limits.** The figures come from one run on ${report.machine.cores} cores that Neo4j, Node and the peer
share, and other work may run on the same machine: the load averages above show how busy it
was. The network has the shape of its generator, not of real data, and the fund's trace and
the cycle searches depend on where the planted chains and cycles meet the hubs.`
}

function verdict(met: boolean): string {
  return met ? 'yes' : 'no'
}

function optionalMebibytes(bytes: number | null): string {
  return bytes === null ? 'unknown' : mebibytes(bytes)
}
