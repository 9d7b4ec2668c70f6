/**
 * Computes the skeleton name keys of entities stored before imports wrote them, or whose
 * keys are out of date. Runs page by page in id order and writes only keys that differ, so
 * running it twice changes nothing the second time.
 */
import neo4j from 'neo4j-driver'

import { SEE_ALL, type Database } from '../data/database.js'
import { nameKeysOf, storedNamesOf } from '../names/index.js'

export const MIGRATION_PAGE_SIZE = 2000

export interface NameKeyMigration {
  /** Entities read. */
  read: number
  /** Entities whose keys were written. */
  updated: number
}

export async function migrateNameKeys(database: Database, pageSize = MIGRATION_PAGE_SIZE): Promise<NameKeyMigration> {
  const totals: NameKeyMigration = { read: 0, updated: 0 }
  let after = ''
  for (;;) {
    const page = await database.read('names/page', { after, limit: neo4j.int(pageSize) }, SEE_ALL)
    if (page.records.length === 0) {
      return totals
    }
    const rows = page.records.map((record) => {
      const id = record.get('id') as string
      const name = record.get('name') as string | null
      const properties = {
        aliases: record.get('aliases'),
        nickname: record.get('nickname'),
        nicknames: record.get('nicknames'),
        klichka: record.get('klichka'),
      }
      return { id, keys: nameKeysOf(storedNamesOf(name ?? '', properties).map((stored) => stored.text)) }
    })
    const written = await database.write('names/write-keys', { rows })
    totals.read += rows.length
    totals.updated += neo4j.integer.toNumber(written.records[0]?.get('updated') ?? 0)
    after = rows[rows.length - 1]?.id ?? after
  }
}
