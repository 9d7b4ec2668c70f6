/**
 * `millennium db start|stop|status`: the local Neo4j.
 */
import { loadConfig } from '../config/env.js'
import { localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j } from '../db/local-neo4j.js'
import { effectiveUri, localOptions } from '../db/resolve.js'

export async function runDatabaseCommand(args: string[]): Promise<number> {
  const [action] = args
  const config = loadConfig(process.env, { requireSecret: false })
  const log = (message: string) => console.log(message)
  switch (action) {
    case 'start':
      await startLocalNeo4j(localOptions(config), log)
      console.log(`Bolt: ${effectiveUri(config)}  user: ${config.neo4j.user}`)
      return 0
    case 'stop':
      await stopLocalNeo4j(config.neo4j.dataDir, log)
      return 0
    case 'status': {
      const status = localNeo4jStatus(config.neo4j.dataDir)
      console.log(status.running ? `running (pid ${status.pid}) at ${effectiveUri(config)}; log: ${status.logFile}` : 'stopped')
      return status.running ? 0 : 3
    }
    default:
      console.error('Usage: millennium db start|stop|status')
      return 2
  }
}
