/**
 * A description of the machine and the software versions behind a benchmark run.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'

import type { Database } from '../src/data/database.js'

export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  node: string
  java: string
}

export function describeMachine(): Machine {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism(),
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    java: javaVersion(),
  }
}

/** Returns the version that the running Neo4j reports, such as "5.26.18". */
export async function neo4jVersion(database: Database): Promise<string> {
  const result = await database.driver.executeQuery('CALL dbms.components() YIELD name, versions RETURN versions[0] AS version')
  return String(result.records[0]?.get('version') ?? 'unknown')
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))
    return match?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown'
  } catch {
    return os.cpus()[0]?.model ?? 'unknown'
  }
}

/** Reads the first line of `java -version`, which Java prints on standard error. */
function javaVersion(): string {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' })
  return result.stderr?.split('\n')[0]?.trim() || 'unknown'
}
