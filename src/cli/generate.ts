/**
 * `millennium generate`: loads the seeded synthetic network into Neo4j, at any size.
 */
import { parseArgs } from 'node:util'

import { loadConfig } from '../config/env.js'
import { ensureNeo4j } from '../db/resolve.js'
import { createServices } from '../services/index.js'
import { loadDemoNetwork } from './loaders.js'
import { openDatabase, prepareDatabase } from './serve.js'

export async function runGenerate(args: string[]): Promise<number> {
  const config = loadConfig(process.env, { requireSecret: false })
  const { values } = parseArgs({
    args,
    options: {
      seed: { type: 'string', default: String(config.demo.seed) },
      size: { type: 'string', default: String(config.demo.size) },
      namespace: { type: 'string' },
    },
  })
  const seed = Number(values.seed)
  const size = Number(values.size)
  if (!Number.isInteger(seed) || seed < 0) {
    console.error(`Invalid --seed "${values.seed}": expected a non-negative integer`)
    return 2
  }
  if (!Number.isInteger(size) || size < 10 || size > 1_000_000) {
    console.error(`Invalid --size "${values.size}": expected an integer from 10 to 1000000 (persons)`)
    return 2
  }
  // Each seed and size gets ids of its own, so a generated network never collides with the
  // demo network or with one of another size.
  const namespace = values.namespace ?? `synthetic-${seed}-${size}`
  const uri = await ensureNeo4j(config, (message) => console.error(message))
  const database = openDatabase(config, uri)
  try {
    await prepareDatabase(database, uri)
    const started = Date.now()
    const loaded = await loadDemoNetwork(createServices(database), { seed, size, namespace }, (message) =>
      console.error(message),
    )
    const seconds = (Date.now() - started) / 1000
    console.log(`Namespace ${namespace}: loaded ${loaded.nodes} nodes and ${loaded.relationships} relationships in ${seconds.toFixed(1)} s (${loaded.rejected} rejected)`)
    return loaded.rejected > 0 ? 1 : 0
  } finally {
    await database.close()
  }
}
