/**
 * `npm test`: type-checks, provides a real Neo4j, runs the whole tap suite against it, and
 * prints the totals as "N passed, N failed".
 *
 * The Neo4j is the one NEO4J_URI names; else a Neo4j 5.26 container through testcontainers
 * when a Docker engine responds; else the local embedded Neo4j on a free loopback port with
 * a fresh data folder, stopped and removed at the end.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { PROJECT_ROOT } from '../src/config/env.js'
import { startLocalNeo4j, stopLocalNeo4j } from '../src/db/local-neo4j.js'
import { TEST_PASSWORD } from './helpers/neo4j.js'
import { freePort } from './helpers/ports.js'

interface Provided {
  uri: string
  user: string
  password: string
  stop(): Promise<void>
}

async function provideNeo4j(): Promise<Provided> {
  if (process.env.NEO4J_URI) {
    console.log(`Tests use the Neo4j at ${process.env.NEO4J_URI} (NEO4J_URI)`)
    return {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? TEST_PASSWORD,
      stop: async () => {},
    }
  }
  if (dockerAnswers()) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j')
    console.log('Starting Neo4j 5.26 in a container (testcontainers)')
    const container = await new Neo4jContainer('neo4j:5.26-community').withPassword(TEST_PASSWORD).start()
    return {
      uri: container.getBoltUri(),
      user: 'neo4j',
      password: TEST_PASSWORD,
      stop: async () => {
        await container.stop()
      },
    }
  }
  // A free port and a fresh folder of its own, so a run never meets another run's database.
  const port = await freePort()
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'millennium-test-neo4j-'))
  console.log(`No Docker engine: starting the local embedded Neo4j for the tests on port ${port}`)
  await startLocalNeo4j({
    dataDir,
    host: '127.0.0.1',
    port,
    user: 'neo4j',
    password: TEST_PASSWORD,
    pageCache: '128m',
    heap: '1g',
  })
  return {
    uri: `bolt://127.0.0.1:${port}`,
    user: 'neo4j',
    password: TEST_PASSWORD,
    stop: async () => {
      await stopLocalNeo4j(dataDir, (message) => console.log(message))
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}


function dockerAnswers(): boolean {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 10_000, stdio: 'pipe' })
  return result.status === 0 && result.stdout.toString().trim().length > 0
}

function typecheck(): boolean {
  console.log('Type-checking (tsc --noEmit)')
  const result = spawnSync('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], { cwd: PROJECT_ROOT, stdio: 'inherit' })
  return result.status === 0
}

/** Runs tap with the TAP reporter, echoing its output and reading the final counts. */
function runTap(env: NodeJS.ProcessEnv, files: string[]): Promise<{ code: number; pass: number; fail: number; skip: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tap', '--reporter=tap', ...files], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk)
      output += chunk.toString()
    })
    child.once('error', reject)
    child.once('close', (code) => {
      resolve({ code: code ?? 1, ...countResults(output) })
    })
  })
}

/** Reads the totals tap prints last, such as "# { total: 12, pass: 11, fail: 1 }". */
export function countResults(output: string): { pass: number; fail: number; skip: number } {
  const summaries = [...output.matchAll(/^# \{ total: (\d+)(.*)\}$/gm)]
  const last = summaries.at(-1)
  if (last === undefined) {
    return { pass: 0, fail: 0, skip: 0 }
  }
  const field = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(last[2] ?? '')?.[1] ?? 0)
  return { pass: field('pass'), fail: field('fail'), skip: field('skip') }
}

async function main(): Promise<number> {
  if (!typecheck()) {
    console.log('0 passed, 1 failed')
    return 1
  }
  const neo4j = await provideNeo4j()
  let result: { code: number; pass: number; fail: number; skip: number }
  try {
    const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password }
    result = await runTap(env, process.argv.slice(2))
  } finally {
    await neo4j.stop()
  }
  // A failed test file without a failed assertion (a crash, a time-out) still counts.
  const failed = Math.max(result.fail, result.code === 0 ? 0 : 1)
  console.log(`${result.pass} passed, ${failed} failed, ${result.skip} skipped`)
  return failed === 0 ? 0 : 1
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(error)
    console.log('0 passed, 1 failed')
    process.exitCode = 1
  },
)
