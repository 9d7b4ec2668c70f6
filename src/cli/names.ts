/**
 * `millennium names migrate`: stores the skeleton name keys of entities imported before
 * search read them.
 */
import { loadConfig } from '../config/env.js'
import { effectiveUri } from '../db/resolve.js'
import { migrateNameKeys } from '../services/name-keys.js'
import { openDatabase, prepareDatabase } from './serve.js'

export async function runNames(args: string[]): Promise<number> {
  if (args[0] !== 'migrate' || args.length > 1) {
    console.error('Usage: millennium names migrate')
    return 2
  }
  const config = loadConfig(process.env, { requireSecret: false })
  const uri = effectiveUri(config)
  const database = openDatabase(config, uri)
  try {
    await prepareDatabase(database, uri)
    const result = await migrateNameKeys(database)
    console.log(`Name keys: ${result.read} entities read, ${result.updated} updated`)
    return 0
  } finally {
    await database.close()
  }
}
