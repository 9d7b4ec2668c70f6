/**
 * `millennium serve`: the service alone. Applies the schema, then listens.
 */
import { setTimeout as sleep } from 'node:timers/promises'

import type { FastifyInstance } from 'fastify'

import { loadConfig, type Config } from '../config/env.js'
import { createDatabase, type Database } from '../data/database.js'
import { effectiveUri } from '../db/resolve.js'
import { buildApp } from '../server/app.js'

const CONNECT_ATTEMPTS = 15

export function openDatabase(config: Config, uri: string = effectiveUri(config)): Database {
  return createDatabase({
    uri,
    user: config.neo4j.user,
    password: config.neo4j.password,
    database: config.neo4j.database,
    transactionTimeoutMs: config.neo4j.transactionTimeoutMs,
  })
}

/** Applies the schema, retrying while Neo4j is still starting. */
export async function prepareDatabase(database: Database, uri: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await database.applySchema()
      return
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (attempt >= CONNECT_ATTEMPTS) {
        throw new Error(
          `Cannot reach Neo4j at ${uri} (${message}). Start the local one with "npm run db:start" or set NEO4J_URI.`,
        )
      }
      await sleep(2000)
    }
  }
}

export async function startService(config: Config, uri: string): Promise<FastifyInstance> {
  const database = openDatabase(config, uri)
  await prepareDatabase(database, uri)
  const app = await buildApp({ config, database })
  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (error) {
    // Closing releases the Neo4j driver, whose sockets would keep the process alive.
    await app.close()
    const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'the port is in use; set PORT to another' : String(error)
    throw new Error(`Cannot listen on ${config.host}:${config.port}: ${reason}`)
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'stopping')
      void app.close().then(() => process.exit(0))
    })
  }
  return app
}

export async function runServe(_args: string[]): Promise<number> {
  const config = loadConfig()
  await startService(config, effectiveUri(config))
  return 0
}
