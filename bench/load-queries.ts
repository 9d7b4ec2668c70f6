/** Reads a canned query's Cypher text as the service runs it, for the load benchmark's peer. */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { CYPHER_DIR, expandPlaceholders } from '../src/data/cypher-files.js'

export function cannedQueryText(name: string): string {
  return expandPlaceholders(readFileSync(path.join(CYPHER_DIR, 'queries', `${name}.cypher`), 'utf8'))
}
