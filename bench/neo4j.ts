/**
 * A dedicated Neo4j for one benchmark phase: the project's embedded launcher on a free
 * loopback port, with a fresh data folder under the system temporary folder that is
 * removed again when the phase ends.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { loadConfig, type Config } from '../src/config/env.js'
import type { Database } from '../src/data/database.js'
import { startLocalNeo4j, stopLocalNeo4j } from '../src/db/local-neo4j.js'
import { openDatabase, prepareDatabase } from '../src/cli/serve.js'

const HOST = '127.0.0.1'
const PASSWORD = 'millennium-bench-password'
const PORTS_TO_TRY = 20

/** Memory of every benchmark Neo4j, so that all phases and peers run on the same settings. */
export const NEO4J_MEMORY = { heap: '2g', pageCache: '1g' } as const

export interface BenchNeo4j {
  config: Config
  database: Database
  uri: string
  dataDir: string
}

/**
 * Starts a Neo4j on the first free port from `preferredPort`, applies the project's schema,
 * runs `work` with a database handle, then closes the handle, stops Neo4j and deletes its
 * data folder, whether `work` succeeded or not.
 */
export async function withBenchNeo4j<T>(
  name: string,
  preferredPort: number,
  log: (message: string) => void,
  work: (neo4j: BenchNeo4j) => Promise<T>,
): Promise<T> {
  const port = await findFreePort(preferredPort)
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `millennium-bench-${name}-`))
  const uri = `bolt://${HOST}:${port}`
  const config = benchConfig(uri)

  const stopOnSignal = (signal: NodeJS.Signals) => {
    log(`${signal} received; stopping the benchmark's Neo4j`)
    void stopLocalNeo4j(dataDir, log).finally(() => {
      rmSync(dataDir, { recursive: true, force: true })
      process.exit(1)
    })
  }
  process.once('SIGINT', stopOnSignal)
  process.once('SIGTERM', stopOnSignal)

  try {
    await startLocalNeo4j(
      { dataDir, host: HOST, port, user: config.neo4j.user, password: PASSWORD, ...NEO4J_MEMORY },
      log,
    )
    const database = openDatabase(config, uri)

    try {
      await prepareDatabase(database, uri)
      return await work({ config, database, uri, dataDir })
    } finally {
      await database.close()
    }
  } finally {
    process.off('SIGINT', stopOnSignal)
    process.off('SIGTERM', stopOnSignal)
    await stopLocalNeo4j(dataDir, log)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Builds the service configuration through the project's validator, from fixed values only. */
function benchConfig(uri: string): Config {
  return loadConfig({
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    NEO4J_URI: uri,
    NEO4J_PASSWORD: PASSWORD,
    NEO4J_HEAP: NEO4J_MEMORY.heap,
    NEO4J_PAGECACHE: NEO4J_MEMORY.pageCache,
    // The benchmarks measure the service's work. The per-subject budgets would turn most of
    // the load run's requests into 429s, because its 100 clients share five tokens.
    MILLENNIUM_RATE_LIMIT: 'off',
    MILLENNIUM_HEAVY_RATE_LIMIT: 'off',
  })
}

async function findFreePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + PORTS_TO_TRY; port++) {
    if (await canListen(port)) {
      return port
    }
  }
  throw new Error(
    `No free loopback port from ${preferred} to ${preferred + PORTS_TO_TRY - 1}. Pass another first port with --port`,
  )
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen({ host: HOST, port }, () => server.close(() => resolve(true)))
  })
}
