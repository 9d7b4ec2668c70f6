/**
 * Decides which Neo4j the service uses: the one `NEO4J_URI` names, or the local one that
 * `millennium db start` runs at the default address.
 */
import { boltAddress, type Config } from '../config/env.js'
import { startLocalNeo4j, type LocalNeo4jOptions } from './local-neo4j.js'

export const DEFAULT_BOLT_URI = 'bolt://127.0.0.1:7687'

export function effectiveUri(config: Config): string {
  return config.neo4j.uri ?? DEFAULT_BOLT_URI
}

export function localOptions(config: Config): LocalNeo4jOptions {
  const { host, port } = boltAddress(effectiveUri(config))
  return {
    dataDir: config.neo4j.dataDir,
    host,
    port,
    user: config.neo4j.user,
    password: config.neo4j.password,
    pageCache: config.neo4j.pageCache,
    heap: config.neo4j.heap,
    gds: config.neo4j.gds,
  }
}

/**
 * Returns the Bolt URI to connect to, starting the local Neo4j first when no `NEO4J_URI`
 * was given.
 */
export async function ensureNeo4j(config: Config, log: (message: string) => void): Promise<string> {
  if (config.neo4j.uri !== null) {
    log(`Using the Neo4j at ${config.neo4j.uri} (NEO4J_URI)`)
    return config.neo4j.uri
  }
  await startLocalNeo4j(localOptions(config), log)
  return DEFAULT_BOLT_URI
}
