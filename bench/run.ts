/**
 * `npm run bench`: measures the import rate, shortest-path latency, centrality times and
 * memory against their peers, each on a dedicated Neo4j, and writes the figures to
 * `docs/benchmarks.md`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { PROJECT_ROOT } from '../src/config/env.js'
import { benchmarkCentrality, checkPeerPython } from './centrality.js'
import { importThroughService, importWithPlainCypher } from './import.js'
import { describeMachine, neo4jVersion } from './machine.js'
import { withBenchNeo4j } from './neo4j.js'
import { benchmarkPaths } from './paths.js'
import { renderReport } from './report.js'

const USAGE = `Usage: npm run bench -- [options]

Options:
  --size N             persons in the demo network for the import and path figures (default 20000)
  --centrality-size N  persons in the demo network for the centrality figures (default 3000);
                       the service runs betweenness and closeness on at most 20,000 nodes,
                       which is about 8,000 persons
  --pairs N            node pairs timed for shortest paths (default 200)
  --seed N             seed of the demo network, the pairs and Louvain (default 42)
  --port N             first loopback port to try for the benchmark's Neo4j (default 7720)
  --python PATH        Python interpreter with networkx and scipy (default python3)
  --output FILE        Markdown file to write (default docs/benchmarks.md)`

const OPTIONS = {
  size: { type: 'string', default: '20000' },
  'centrality-size': { type: 'string', default: '3000' },
  pairs: { type: 'string', default: '200' },
  seed: { type: 'string', default: '42' },
  port: { type: 'string', default: '7720' },
  python: { type: 'string', default: 'python3' },
  output: { type: 'string', default: path.join('docs', 'benchmarks.md') },
  help: { type: 'boolean', default: false },
} as const

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const size = wholeNumber('--size', values.size, 30)
  const centralitySize = wholeNumber('--centrality-size', values['centrality-size'], 30)
  const pairs = wholeNumber('--pairs', values.pairs, 1)
  const seed = wholeNumber('--seed', values.seed, 0)
  const port = wholeNumber('--port', values.port, 1024)
  const output = path.resolve(PROJECT_ROOT, values.output)
  const started = performance.now()
  const log = (message: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${message}`)

  checkPeerPython(values.python)
  const machine = describeMachine()
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
  mkdirSync(path.dirname(output), { recursive: true })
  writeFileSync(output, report)
  console.log(report)
  log(`Wrote ${output}`)
  return 0
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
