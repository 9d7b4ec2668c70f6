/**
 * Bulk loader of the money-trail benchmark network. The service's import checks conflicts
 * and merges by id. At the 1,900 records/s it reached in `docs/benchmarks.md` (2 cores),
 * 1.1 million records would take about ten minutes, an estimate. This loader writes the
 * generator's batches blindly, one `UNWIND ... CREATE` transaction per label or type and
 * batch, with the same stored values as the import. The schema (constraints and indexes)
 * is in place before the first write.
 */
import neo4j from 'neo4j-driver'

import type { Database } from '../src/data/database.js'
import { toNeo4j } from '../src/data/values.js'
import type { NodeRecord, Properties, RelationshipRecord } from '../src/model/records.js'
import { isNodeLabel, isRelationshipType } from '../src/model/schema.js'
import { countGraph, CREATE_RELATIONSHIPS, type GraphCounts } from './import.js'
import type { MoneyNetwork } from './money-network.js'

// Labels and types come from the allow-list and are checked before they reach `$(...)`.
const CREATE_NODES = `
UNWIND $rows AS row
CREATE (n:Entity:$($label))
SET n = row`

const INDEX_WAIT_SECONDS = 600

export interface MoneyLoad {
  records: number
  seconds: number
  recordsPerSecond: number
  stored: GraphCounts
}

/** Writes every batch of `network`, then waits until Neo4j's indexes are online. */
export async function loadMoneyNetwork(
  database: Database,
  network: MoneyNetwork,
  log: (message: string) => void,
): Promise<MoneyLoad> {
  const session = database.driver.session({ defaultAccessMode: neo4j.session.WRITE })
  const write = (text: string, parameters: Record<string, unknown>) =>
    session.executeWrite((transaction) => transaction.run(text, parameters))
  let records = 0
  let nextReport = 100_000

  const started = performance.now()
  try {
    for (const batch of network.batches()) {
      for (const [label, group] of groupBy(batch.nodes, (record) => record.label)) {
        await write(CREATE_NODES, { label: checkedLabel(label), rows: group.map(nodeRow) })
      }
      for (const [type, group] of groupBy(batch.relationships, (record) => record.type)) {
        await write(CREATE_RELATIONSHIPS, { type: checkedType(type), rows: group.map(relationshipRow) })
      }
      records += batch.nodes.length + batch.relationships.length
      if (records >= nextReport) {
        log(`Money network: ${records.toLocaleString('en-GB')} records written`)
        nextReport += 100_000
      }
    }
    await session.run(`CALL db.awaitIndexes(${INDEX_WAIT_SECONDS})`)
  } finally {
    await session.close()
  }
  const seconds = (performance.now() - started) / 1000

  return { records, seconds, recordsPerSecond: records / seconds, stored: await countGraph(database) }
}

// The same stored values as the import's rows: converted properties, the name and the
// provenance, with the id among the properties.
function nodeRow(record: NodeRecord): Record<string, unknown> {
  return {
    ...storedProperties(record.properties),
    id: record.id,
    name: record.name,
    source: record.provenance.source,
    ownerNcb: record.provenance.ownerNcb,
    restrictedTo: record.provenance.restrictedTo,
  }
}

function relationshipRow(record: RelationshipRecord) {
  return {
    source: record.source,
    target: record.target,
    properties: {
      ...storedProperties(record.properties),
      id: record.id,
      source: record.provenance.source,
      ownerNcb: record.provenance.ownerNcb,
      restrictedTo: record.provenance.restrictedTo,
    },
  }
}

function storedProperties(properties: Properties): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, toNeo4j(value)]))
}

function checkedLabel(label: string): string {
  if (!isNodeLabel(label)) {
    throw new TypeError(`Invalid node label "${label}" in the money network`)
  }
  return label
}

function checkedType(type: string): string {
  if (!isRelationshipType(type)) {
    throw new TypeError(`Invalid relationship type "${type}" in the money network`)
  }
  return type
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const group = groups.get(key(item)) ?? []
    group.push(item)
    groups.set(key(item), group)
  }
  return groups
}
