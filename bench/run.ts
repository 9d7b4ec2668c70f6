/**
 * `npm run bench`: measures the import rate, shortest-path latency, centrality times and
 * memory against their peers, each on a dedicated Neo4j, and writes the figures to
 * `docs/benchmarks.md`. Then it measures the money routes on a generated network of bank
 * accounts, on another dedicated Neo4j, and writes those figures to `docs/benchmarks-money.md`.
 * Last, it times the analytics on that network against networkx, on a third Neo4j, and writes
 * them to their own section of `docs/benchmarks.md`. Then it times the viewer's first frame and
 * panning in headless Chromium against Cytoscape.js, written to another section of that page.
 * `--only` runs one section and leaves the others' figures as they are.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { PROJECT_ROOT } from '../src/config/env.js'
import { MAX_OVERVIEW } from '../src/routes/graph.js'
import { benchmarkAnalytics } from './analytics.js'
import { analyticsSectionOf, renderAnalyticsSection, withAnalyticsSection } from './analytics-report.js'
import { benchmarkCentrality, checkPeerPython } from './centrality.js'
import { importThroughService, importWithPlainCypher } from './import.js'
import { describeMachine, neo4jVersion, type Machine } from './machine.js'
import { benchmarkLoad, loadSectionOf, renderLoadSection, withLoadSection } from './load.js'
import { benchmarkMoney } from './money.js'
import { MINIMUM_ACCOUNTS as MONEY_NETWORK_MINIMUM_ACCOUNTS, MONEY_NETWORK_DEFAULTS } from './money-network.js'
import { renderMoneyReport } from './money-report.js'
import { withBenchNeo4j } from './neo4j.js'
import { benchmarkPaths } from './paths.js'
import { renderReport } from './report.js'
import { benchmarkViewer } from './viewer.js'
import { VIEWER_NETWORK_DEFAULTS, MINIMUM_VIEWER_NODES } from './viewer-network.js'
import { renderViewerSection, viewerSectionOf, withViewerSection } from './viewer-report.js'

const USAGE = `Usage: npm run bench -- [options]

Options:
  --only SECTION       run one section: "graph" (import, shortest paths and centrality, written
                       to --output), "money" (money trails, written to --money-output),
                       "analytics" (Louvain, sampled betweenness, PageRank and components on
                       the money network, written to its own section of --output) or "viewer"
                       (the viewer in headless Chromium against Cytoscape.js, written to its
                       own section of --output); all four if omitted
  --size N             persons in the demo network for the import and path figures (default 20000)
  --centrality-size N  persons in the demo network for the centrality figures (default 3000);
                       the service runs betweenness and closeness on at most 20,000 nodes,
                       which is about 8,000 persons
  --pairs N            node pairs timed for shortest paths (default 200)
  --seed N             seed of the demo network, the pairs and Louvain (default 42)
  --port N             first loopback port to try for the benchmark's Neo4j (default 7720)
  --python PATH        Python interpreter with networkx and scipy (default python3)
  --output FILE        Markdown file to write (default docs/benchmarks.md)
  --money-accounts N   accounts in the money network (default 100000)
  --money-transfers N  transfers in the money network (default 1000000)
  --money-traces N     accounts that the trace is timed from, once each (default 50)
  --fund-traces N      times the trace from the fund is timed (default 20)
  --peer-starts N      starts for the plain Cypher trace: the fund, then the first accounts
                       (default 6)
  --peer-timeout S     transaction time limit of each plain Cypher trace, in seconds (default 60)
  --pattern-runs N     times the fan-in and fan-out scan is timed (default 3)
  --money-output FILE  Markdown file for the money figures (default docs/benchmarks-money.md)
  --analytics-accounts N   accounts in the analytics network (default 100000)
  --analytics-transfers N  transfers in the analytics network (default 1000000)
  --samples N          source nodes of sampled betweenness, on both sides (default 64)
  --viewer-nodes N     nodes in the viewer's network (default 10000, at most the overview's cap)
  --viewer-edges N     relationships in the viewer's network (default 50000)
  --viewer-repetitions N   repetitions of each page, alternating (default 3)
  --pan-seconds S      seconds of mouse dragging per repetition (default 5)
  --load-persons N     persons in the demo network of the load section (default 2000)
  --load-clients N     concurrent clients of the load section (default 100)
  --load-seconds S     seconds each side of the load section runs (default 60)`

const OPTIONS = {
  size: { type: 'string', default: '20000' },
  'centrality-size': { type: 'string', default: '3000' },
  pairs: { type: 'string', default: '200' },
  seed: { type: 'string', default: '42' },
  port: { type: 'string', default: '7720' },
  python: { type: 'string', default: 'python3' },
  output: { type: 'string', default: path.join('docs', 'benchmarks.md') },
  only: { type: 'string' },
  'money-accounts': { type: 'string', default: String(MONEY_NETWORK_DEFAULTS.accounts) },
  'money-transfers': { type: 'string', default: String(MONEY_NETWORK_DEFAULTS.transfers) },
  'money-traces': { type: 'string', default: '50' },
  'fund-traces': { type: 'string', default: '20' },
  'peer-starts': { type: 'string', default: '6' },
  'peer-timeout': { type: 'string', default: '60' },
  'pattern-runs': { type: 'string', default: '3' },
  'money-output': { type: 'string', default: path.join('docs', 'benchmarks-money.md') },
  'analytics-accounts': { type: 'string', default: String(MONEY_NETWORK_DEFAULTS.accounts) },
  'analytics-transfers': { type: 'string', default: String(MONEY_NETWORK_DEFAULTS.transfers) },
  samples: { type: 'string', default: '64' },
  'viewer-nodes': { type: 'string', default: String(VIEWER_NETWORK_DEFAULTS.nodes) },
  'viewer-edges': { type: 'string', default: String(VIEWER_NETWORK_DEFAULTS.edges) },
  'viewer-repetitions': { type: 'string', default: '3' },
  'pan-seconds': { type: 'string', default: '5' },
  'load-persons': { type: 'string', default: '2000' },
  'load-clients': { type: 'string', default: '100' },
  'load-seconds': { type: 'string', default: '60' },
  help: { type: 'boolean', default: false },
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values']

const SECTIONS = ['graph', 'money', 'analytics', 'viewer', 'load'] as const

interface Run {
  argv: string[]
  values: Values
  seed: number
  port: number
  machine: Machine
  log: (message: string) => void
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const only = values.only
  if (only !== undefined && !SECTIONS.includes(only as (typeof SECTIONS)[number])) {
    throw new RangeError(`Invalid --only "${only}": expected one of ${SECTIONS.join(', ')}`)
  }
  const seed = wholeNumber('--seed', values.seed, 0)
  const port = wholeNumber('--port', values.port, 1024)
  const started = performance.now()
  const log = (message: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${message}`)
  const run: Run = { argv, values, seed, port, machine: describeMachine(), log }

  if (only === undefined || only === 'graph') {
    await runGraphSection(run)
  }
  if (only === undefined || only === 'money') {
    await runMoneySection(run)
  }
  if (only === undefined || only === 'analytics') {
    await runAnalyticsSection(run)
  }
  if (only === undefined || only === 'viewer') {
    await runViewerSection(run)
  }
  if (only === undefined || only === 'load') {
    await runLoadSection(run)
  }
  return 0
}

/** Import, shortest paths and centrality against their peers, written to `--output`. */
async function runGraphSection({ argv, values, seed, port, machine, log }: Run): Promise<void> {
  const size = wholeNumber('--size', values.size, 30)
  const centralitySize = wholeNumber('--centrality-size', values['centrality-size'], 30)
  const pairs = wholeNumber('--pairs', values.pairs, 1)
  const output = path.resolve(PROJECT_ROOT, values.output)

  checkPeerPython(values.python)
  const loadAtStart = os.loadavg()[0] ?? 0

  log(`Centrality: demo network of ${centralitySize} persons`)
  const centrality = await withBenchNeo4j('centrality', port, log, (neo4j) =>
    benchmarkCentrality(neo4j, { seed, size: centralitySize }, values.python, log),
  )

  log(`Import, plain Cypher peer: demo network of ${size} persons`)
  const importPeer = await withBenchNeo4j('import-peer', port, log, (neo4j) =>
    importWithPlainCypher(neo4j.database, { seed, size }),
  )
  log(`Plain Cypher: ${importPeer.records} records in ${importPeer.seconds.toFixed(1)} s`)

  log(`Import through the service, then shortest paths: demo network of ${size} persons`)
  const { importOurs, paths, version } = await withBenchNeo4j('import', port, log, async (neo4j) => {
    const importOurs = await importThroughService(neo4j.database, { seed, size })
    log(`Millennium: ${importOurs.records} records in ${importOurs.seconds.toFixed(1)} s`)
    const paths = await benchmarkPaths(neo4j, { pairs, seed }, log)
    return { importOurs, paths, version: await neo4jVersion(neo4j.database) }
  })

  const report = renderReport({
    date: new Date().toISOString().slice(0, 10),
    command: `npm run bench -- ${argv.join(' ')}`.trim(),
    seed,
    importSize: size,
    centralitySize,
    machine,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
    neo4jVersion: version,
    importOurs,
    importPeer,
    paths,
    centrality,
  })
  // Keep the analytics and viewer sections, which only their own runs rewrite.
  const old = existsSync(output) ? readFileSync(output, 'utf8') : ''
  const analytics = analyticsSectionOf(old)
  const viewer = viewerSectionOf(old)
  const load = loadSectionOf(old)
  const withAnalytics = analytics === null ? report : withAnalyticsSection(report, analytics)
  const withViewer = viewer === null ? withAnalytics : withViewerSection(withAnalytics, viewer)
  writePage(output, load === null ? withViewer : withLoadSection(withViewer, load), log)
}

/** Mixed reads by many clients against the service and against plain neo4j-driver, in `--output`. */
async function runLoadSection({ argv, values, seed, port, machine, log }: Run): Promise<void> {
  const options = {
    persons: wholeNumber('--load-persons', values['load-persons'], 10),
    clients: wholeNumber('--load-clients', values['load-clients'], 1),
    durationMs: wholeNumber('--load-seconds', values['load-seconds'], 1) * 1000,
    seed,
  }
  const output = path.resolve(PROJECT_ROOT, values.output)
  const loadAtStart = os.loadavg()[0] ?? 0

  const { result, version } = await withBenchNeo4j('load', port, log, async (neo4j) => {
    const version = await neo4jVersion(neo4j.database)
    return { result: await benchmarkLoad(neo4j, options, log), version }
  })

  console.log(`Load figures: ${JSON.stringify(result)}`)
  const section = renderLoadSection({
    date: new Date().toISOString().slice(0, 10),
    command: `npm run bench -- ${argv.join(' ')}`.trim(),
    machine: `${machine.cpu}, ${machine.cores} cores shared with other work, ${machine.memoryGiB.toFixed(1)} GiB, Node.js ${machine.node}, ${machine.java}`,
    neo4jVersion: version,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
    result,
  })
  const page = existsSync(output) ? readFileSync(output, 'utf8') : '# Benchmarks\n'
  writePage(output, withLoadSection(page, section), log)
}

/** Money trails on the generated money network, written to `--money-output`. */
async function runMoneySection({ argv, values, seed, port, machine, log }: Run): Promise<void> {
  const options = {
    seed,
    accounts: wholeNumber('--money-accounts', values['money-accounts'], MONEY_NETWORK_MINIMUM_ACCOUNTS),
    transfers: wholeNumber('--money-transfers', values['money-transfers'], 1),
    traces: wholeNumber('--money-traces', values['money-traces'], 1),
    fundTraces: wholeNumber('--fund-traces', values['fund-traces'], 1),
    peerStarts: wholeNumber('--peer-starts', values['peer-starts'], 1),
    peerTimeoutSeconds: wholeNumber('--peer-timeout', values['peer-timeout'], 1),
    patternRuns: wholeNumber('--pattern-runs', values['pattern-runs'], 1),
  }
  const output = path.resolve(PROJECT_ROOT, values['money-output'])
  const loadAtStart = os.loadavg()[0] ?? 0

  log(`Money trails: ${options.accounts} accounts, ${options.transfers} transfers`)
  const { money, version } = await withBenchNeo4j('money', port, log, async (neo4j) => ({
    money: await benchmarkMoney(neo4j, options, log),
    version: await neo4jVersion(neo4j.database),
  }))

  // The raw figures, so that the page can be rendered again without measuring again.
  console.log(`Money figures: ${JSON.stringify(money)}`)
  const report = renderMoneyReport({
    date: new Date().toISOString().slice(0, 10),
    command: `npm run bench -- ${argv.join(' ')}`.trim(),
    seed,
    machine,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
    neo4jVersion: version,
    money,
  })
  writePage(output, report, log)
}

/**
 * Louvain, sampled betweenness, PageRank and components on the money network against
 * networkx, written to the analytics section of `--output`; the rest of the page stays.
 */
async function runAnalyticsSection({ argv, values, seed, port, machine, log }: Run): Promise<void> {
  const options = {
    seed,
    accounts: wholeNumber('--analytics-accounts', values['analytics-accounts'], MONEY_NETWORK_MINIMUM_ACCOUNTS),
    transfers: wholeNumber('--analytics-transfers', values['analytics-transfers'], 1),
    samples: wholeNumber('--samples', values.samples, 1),
  }
  const output = path.resolve(PROJECT_ROOT, values.output)

  checkPeerPython(values.python)
  const loadAtStart = os.loadavg()[0] ?? 0

  log(`Analytics: ${options.accounts} accounts, ${options.transfers} transfers, ${options.samples} betweenness sources`)
  const { analytics, version } = await withBenchNeo4j('analytics', port, log, async (neo4j) => ({
    analytics: await benchmarkAnalytics(neo4j, options, values.python, log),
    version: await neo4jVersion(neo4j.database),
  }))

  // The raw figures, so that the section can be rendered again without measuring again.
  console.log(`Analytics figures: ${JSON.stringify(analytics)}`)
  const section = renderAnalyticsSection({
    date: new Date().toISOString().slice(0, 10),
    command: `npm run bench -- ${argv.join(' ')}`.trim(),
    seed,
    machine,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
    neo4jVersion: version,
    analytics,
  })
  const page = existsSync(output) ? readFileSync(output, 'utf8') : '# Benchmarks\n'
  writePage(output, withAnalyticsSection(page, section), log)
}

/**
 * The viewer's first frame and panning on a generated network in headless Chromium against
 * Cytoscape.js, written to the viewer section of `--output`. The rest of the page stays.
 */
async function runViewerSection({ argv, values, seed, port, machine, log }: Run): Promise<void> {
  const options = {
    seed,
    nodes: wholeNumber('--viewer-nodes', values['viewer-nodes'], MINIMUM_VIEWER_NODES),
    edges: wholeNumber('--viewer-edges', values['viewer-edges'], 1),
    repetitions: wholeNumber('--viewer-repetitions', values['viewer-repetitions'], 1),
    panSeconds: wholeNumber('--pan-seconds', values['pan-seconds'], 1),
    window: { width: 1440, height: 900 },
  }
  if (options.nodes > MAX_OVERVIEW) {
    throw new RangeError(`Invalid --viewer-nodes "${options.nodes}": expected at most ${MAX_OVERVIEW}, the overview route's cap`)
  }
  const output = path.resolve(PROJECT_ROOT, values.output)
  const loadAtStart = os.loadavg()[0] ?? 0

  log(`Viewer: ${options.nodes} nodes, ${options.edges} relationships, ${options.repetitions} repetitions`)
  // The version is read first, because closing the service closes its database handle.
  const { viewer, version } = await withBenchNeo4j('viewer', port, log, async (neo4j) => {
    const version = await neo4jVersion(neo4j.database)
    return { viewer: await benchmarkViewer(neo4j, options, log), version }
  })

  // The raw figures, so that the section can be rendered again without measuring again.
  console.log(`Viewer figures: ${JSON.stringify({ ...viewer, viewer: viewer.viewer.map(withoutIntervals), peer: viewer.peer.map(withoutIntervals) })}`)
  const section = renderViewerSection({
    date: new Date().toISOString().slice(0, 10),
    command: `npm run bench -- ${argv.join(' ')}`.trim(),
    machine,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
    neo4jVersion: version,
    viewer,
  })
  const page = existsSync(output) ? readFileSync(output, 'utf8') : '# Benchmarks\n'
  writePage(output, withViewerSection(page, section), log)
}

function withoutIntervals<T extends { pan: { frameIntervalsMs: number[]; renderIntervalsMs: number[] } }>(run: T) {
  return { ...run, pan: { ...run.pan, frameIntervalsMs: run.pan.frameIntervalsMs.length, renderIntervalsMs: run.pan.renderIntervalsMs.length } }
}

function writePage(output: string, report: string, log: (message: string) => void): void {
  mkdirSync(path.dirname(output), { recursive: true })
  writeFileSync(output, report)
  console.log(report)
  log(`Wrote ${output}`)
}

function wholeNumber(option: string, text: string, minimum: number): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new RangeError(`Invalid ${option} "${text}": expected a whole number of at least ${minimum}`)
  }
  return value
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  },
)
