/**
 * `millennium <command>`: the command-line tool. Each command is a thin wrapper around the
 * same services the REST API uses.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'

import { PROJECT_ROOT } from '../config/env.js'
import { runDatabaseCommand } from './db.js'
import { runDemo } from './demo.js'
import { runGenerate } from './generate.js'
import { runImport } from './import.js'
import { runNames } from './names.js'
import { runServe } from './serve.js'
import { runToken } from './token.js'
import { runUser } from './user.js'

const USAGE = `Usage: millennium <command> [options]

Commands:
  demo                      start Neo4j (unless NEO4J_URI is set), load the demo network and
                            the real datasets, start the service and print a token
  serve                     start the service alone, configured from the environment
  import FILE... [--format F] [--source NAME] [--batch-size N]
                            import CSV, graph JSON or a known dataset file
  token --sub NAME --role ROLE [--ncb CC] [--ttl 8h]
                            print a signed API token
  user add --username NAME --role ROLE [--ncb CC] [--file PATH] [--replace]
                            store a user of password sign-in; the password comes from
                            standard input
  db start|stop|status      run the local Neo4j (no Docker needed)
  generate [--seed N] [--size N]
                            load the synthetic network of N persons into Neo4j
  names migrate             store the search keys of names imported before they existed

Configuration comes from the environment and from .env in the project folder
(see .env.example).`

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  demo: runDemo,
  serve: runServe,
  import: runImport,
  token: runToken,
  user: runUser,
  db: runDatabaseCommand,
  generate: runGenerate,
  names: runNames,
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE)
    return command === undefined ? 2 : 0
  }
  const run = COMMANDS[command]
  if (run === undefined) {
    console.error(`Unknown command "${command}".\n\n${USAGE}`)
    return 2
  }
  loadDotEnv()
  return run(args)
}

/** Reads `.env` from the project folder; variables already set in the environment win. */
function loadDotEnv(): void {
  const file = path.join(PROJECT_ROOT, '.env')
  if (existsSync(file)) {
    process.loadEnvFile(file)
  }
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
