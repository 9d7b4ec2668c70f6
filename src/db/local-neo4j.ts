/**
 * Runs Neo4j 5.26 Community on this machine without Docker: the Maven project in
 * `docker/neo4j-launcher` embeds the database with Bolt on loopback. The process runs
 * detached; its pid and log live in the data folder, so start and stop are idempotent
 * across shells and a stop followed by a start keeps the data. With `gds` set, the launcher's
 * Maven profile `gds` adds the open-source Graph Data Science library (2.13, the line for
 * Neo4j 5.26) and the database allows its gds.* procedures.
 */
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

import { PROJECT_ROOT } from '../config/env.js'

const LAUNCHER_DIR = path.join(PROJECT_ROOT, 'docker', 'neo4j-launcher')
const LAUNCHER_CLASS = 'millennium.neo4j.Launcher'
/** The GDS jars that the launcher's `gds` profile copies; Neo4j scans this folder for procedures. */
const GDS_PLUGIN_DIR = path.join(LAUNCHER_DIR, 'target', 'gds-plugins')
const START_TIMEOUT_MS = 240_000
const STOP_TIMEOUT_MS = 60_000

export interface LocalNeo4jOptions {
  dataDir: string
  host: string
  port: number
  user: string
  password: string
  pageCache: string
  /** Maximum Java heap, such as "1g". */
  heap: string
  /** True loads the Graph Data Science procedures as well. Absent means false. */
  gds?: boolean
}

export interface LocalNeo4jStatus {
  running: boolean
  pid: number | null
  logFile: string
}

export class LocalNeo4jError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LocalNeo4jError'
  }
}

type Log = (message: string) => void

export function localNeo4jFiles(dataDir: string): { pidFile: string; logFile: string } {
  return { pidFile: path.join(dataDir, 'neo4j.pid'), logFile: path.join(dataDir, 'launcher.log') }
}

export function localNeo4jStatus(dataDir: string): LocalNeo4jStatus {
  const { pidFile, logFile } = localNeo4jFiles(dataDir)
  const pid = readPid(pidFile)
  return { running: pid !== null && isAlive(pid), pid, logFile }
}

/**
 * Starts the local Neo4j unless it already runs on this data folder, and waits until Bolt
 * accepts connections. Builds the launcher with Maven on first use.
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions, log: Log = () => {}): Promise<LocalNeo4jStatus> {
  mkdirSync(options.dataDir, { recursive: true })
  const { pidFile, logFile } = localNeo4jFiles(options.dataDir)

  const current = localNeo4jStatus(options.dataDir)
  if (current.running) {
    const pid = current.pid ?? 0
    await waitForBolt(options, () => isAlive(pid), logFile)
    log(`Neo4j already running (pid ${current.pid}) on bolt://${options.host}:${options.port}; log: ${logFile}`)
    return current
  }
  if (await isPortOpen(options.host, options.port)) {
    throw new LocalNeo4jError(
      `Port ${options.port} on ${options.host} is in use by another process; ` +
        'stop it or set NEO4J_URI to another port',
    )
  }

  const gds = options.gds === true
  buildLauncher(gds, log)
  log(
    `Starting Neo4j 5.26${gds ? ' with Graph Data Science' : ''} on bolt://${options.host}:${options.port} ` +
      `with data in ${options.dataDir}`,
  )

  const output = openSync(logFile, 'a')
  const child = spawn(
    'java',
    [`-Xmx${options.heap}`, '-XX:+UseG1GC', '-cp', launcherClassPath(gds), LAUNCHER_CLASS],
    {
      detached: true,
      stdio: ['ignore', output, output],
      env: {
        PATH: process.env.PATH ?? '',
        JAVA_HOME: process.env.JAVA_HOME ?? '',
        NEO4J_DATA_DIR: options.dataDir,
        NEO4J_BOLT_HOST: options.host,
        NEO4J_BOLT_PORT: String(options.port),
        NEO4J_USER: options.user,
        NEO4J_PASSWORD: options.password,
        NEO4J_PAGECACHE: options.pageCache,
        ...(gds ? { NEO4J_PLUGIN_DIR: GDS_PLUGIN_DIR } : {}),
      },
    },
  )
  closeSync(output)
  if (child.pid === undefined) {
    throw new LocalNeo4jError('Could not start java: is a Java 17 runtime on the PATH?')
  }
  writeFileSync(pidFile, String(child.pid))
  // Right after the spawn, /proc may still show the parent's command line until java has
  // started, so the child's own exit event shows whether it died during start-up.
  let exited = false
  child.once('exit', () => {
    exited = true
  })
  child.unref()

  await waitForBolt(options, () => !exited, logFile)
  log(`Neo4j is ready (pid ${child.pid}); log: ${logFile}`)
  return { running: true, pid: child.pid, logFile }
}

/** Stops the local Neo4j of this data folder, if it runs, and waits for it to exit. */
export async function stopLocalNeo4j(dataDir: string, log: Log = () => {}): Promise<boolean> {
  const { pidFile } = localNeo4jFiles(dataDir)
  const pid = readPid(pidFile)
  if (pid === null || !isAlive(pid)) {
    rmSync(pidFile, { force: true })
    log('Neo4j is not running')
    return false
  }
  process.kill(pid, 'SIGTERM')
  const deadline = Date.now() + STOP_TIMEOUT_MS
  while (isAlive(pid) && Date.now() < deadline) {
    await sleep(250)
  }
  if (isAlive(pid)) {
    log(`Neo4j (pid ${pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`)
    process.kill(pid, 'SIGKILL')
  }
  rmSync(pidFile, { force: true })
  log(`Neo4j stopped (pid ${pid})`)
  return true
}

/**
 * Builds the launcher unless its classes and jars are there. The GDS build is a separate
 * Maven profile with its own jar folders, so building it leaves the plain build untouched.
 */
function buildLauncher(gds: boolean, log: Log): void {
  const built = [path.join(LAUNCHER_DIR, 'target', 'classes', 'millennium', 'neo4j', 'Launcher.class'), libraryDir(gds)]
  if (gds) {
    built.push(GDS_PLUGIN_DIR)
  }
  if (built.every((file) => existsSync(file))) {
    return
  }
  log(
    `Building the Neo4j launcher${gds ? ' with Graph Data Science' : ''} with Maven ` +
      '(first run only; downloads the jars from Maven Central)',
  )
  const profile = gds ? ['-P', 'gds'] : []
  const pom = path.join(LAUNCHER_DIR, 'pom.xml')
  const result = spawnSync('mvn', ['-q', '-B', '-f', pom, ...profile, 'package', '-DskipTests'], {
    stdio: 'inherit',
  })
  if (result.error) {
    throw new LocalNeo4jError(`Could not run Maven (mvn): ${result.error.message}. Install Maven and Java 17.`)
  }
  if (result.status !== 0) {
    throw new LocalNeo4jError(`Maven failed to build the Neo4j launcher (exit code ${result.status})`)
  }
}

function libraryDir(gds: boolean): string {
  return path.join(LAUNCHER_DIR, 'target', gds ? 'lib-gds' : 'lib')
}

function launcherClassPath(gds: boolean): string {
  return [path.join(LAUNCHER_DIR, 'target', 'classes'), path.join(libraryDir(gds), '*')].join(path.delimiter)
}

async function waitForBolt(options: LocalNeo4jOptions, isRunning: () => boolean, logFile: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline) {
    const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''
    const started = text.lastIndexOf('READY ')
    if (started >= 0 && started > text.lastIndexOf('STOPPING') && (await isPortOpen(options.host, options.port))) {
      return
    }
    if (!isRunning()) {
      throw new LocalNeo4jError(`Neo4j exited during start-up. Last lines of ${logFile}:\n${tail(text, 20)}`)
    }
    await sleep(500)
  }
  throw new LocalNeo4jError(`Neo4j did not accept Bolt connections within ${START_TIMEOUT_MS / 1000} s; see ${logFile}`)
}

function isPortOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    socket.setTimeout(1000)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(false))
  })
}

function readPid(pidFile: string): number | null {
  if (!existsSync(pidFile)) {
    return null
  }
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10)
  return Number.isInteger(pid) && pid > 0 ? pid : null
}

/** True when the pid runs, and on Linux only when it is this launcher: pids are reused. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const commandLine = `/proc/${pid}/cmdline`
  return !existsSync('/proc/self') || (existsSync(commandLine) && readFileSync(commandLine, 'utf8').includes(LAUNCHER_CLASS))
}

function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n')
}
