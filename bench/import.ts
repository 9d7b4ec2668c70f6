/**
 * Import rate: the demo network written through the project's import path, and the same
 * records written by plain Cypher as the peer. Both read the seeded generator batch by
 * batch, in the same order and in transactions of the same size, so generation time
 * (0.46 s for 20,000 persons, measured alone) is inside both timings. Each generator batch
 * (5,000 records) is also timed alone, so that a rate that falls as the graph grows shows.
 */
import neo4j from 'neo4j-driver'

import { loadDemoNetwork } from '../src/cli/loaders.js'
import { loadStatements, statement, withType } from '../src/data/cypher-files.js'
import { SEE_ALL, type Database } from '../src/data/database.js'
import { chunk, groupByType } from '../src/data/repositories/import.js'
import { toNeo4j } from '../src/data/values.js'
import { generateDemoNetwork, type DemoBatch } from '../src/demo/generate.js'
import type { NodeRecord, Properties, Provenance, RelationshipRecord } from '../src/model/records.js'
import { DEFAULT_BATCH_SIZE } from '../src/services/import.js'
import { createServices } from '../src/services/index.js'

// The peer creates every record blindly: no existence check, no conflict query, no MERGE.
const CREATE_NODES = `
UNWIND $rows AS row
CREATE (n:Entity)
SET n = row.properties, n:$(row.label)`

/** Creates relationships of `$type` between nodes found by id, without any check. */
export const CREATE_RELATIONSHIPS = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
CREATE (a)-[r:$($type)]->(b)
SET r = row.properties`

/** The import path's statement that checks each relationship row against stored relationships. */
export const RELATIONSHIP_CONFLICT_STATEMENT = 'import/find-relationship-conflicts'

export interface DemoNetworkOptions {
  seed: number
  size: number
}

export interface ImportTiming {
  records: number
  seconds: number
  recordsPerSecond: number
  /** Records per second within the first and within the last generator batch. */
  firstBatchRate: number
  lastBatchRate: number
  /** Records that the import path rejected, such as those of a batch rolled back at its time limit. */
  rejected: number
  /** Nodes and relationships counted in the database afterwards. */
  stored: GraphCounts
  /** Operators that read every node or relationship in the plan of the relationship conflict query. */
  conflictQueryScans: string[]
}

export interface GraphCounts {
  nodes: number
  relationships: number
}

/** Loads the demo network with `loadDemoNetwork`, the path that `millennium generate` takes. */
export async function importThroughService(database: Database, demo: DemoNetworkOptions): Promise<ImportTiming> {
  const services = createServices(database)
  const batches = new BatchClock()
  // loadDemoNetwork calls importRecords once per generator batch, so wrapping it times each batch.
  const importRecords: typeof services.imports.importRecords = (file, nodes, relationships, options) =>
    batches.time(nodes.length + relationships.length, () => services.imports.importRecords(file, nodes, relationships, options))

  const started = performance.now()
  const loaded = await loadDemoNetwork({ ...services, imports: { ...services.imports, importRecords } }, demo)
  const seconds = (performance.now() - started) / 1000

  const records = loaded.nodes + loaded.relationships
  return {
    ...timing(records, seconds, batches),
    rejected: loaded.rejected,
    stored: await countGraph(database),
    conflictQueryScans: await fullScansInPlan(database, withType(RELATIONSHIP_CONFLICT_STATEMENT, 'TRANSFER'), {
      rows: [{ id: 'bench:relationship', source: 'bench:source', target: 'bench:target' }],
      viewer: SEE_ALL,
      admin: true,
    }),
  }
}

/** Writes the same records with one `UNWIND ... CREATE` statement per batch. */
export async function importWithPlainCypher(database: Database, demo: DemoNetworkOptions): Promise<ImportTiming> {
  const session = database.driver.session({ defaultAccessMode: neo4j.session.WRITE })
  const write = (text: string, parameters: Record<string, unknown>) =>
    session.executeWrite((transaction) => transaction.run(text, parameters))
  const batches = new BatchClock()
  let records = 0

  const writeBatch = async (batch: DemoBatch) => {
    for (const rows of chunk(batch.nodes.map(nodeRow), DEFAULT_BATCH_SIZE)) {
      await write(CREATE_NODES, { rows })
    }
    for (const [type, group] of groupByType(batch.relationships)) {
      for (const rows of chunk(group.map(relationshipRow), DEFAULT_BATCH_SIZE)) {
        await write(CREATE_RELATIONSHIPS, { rows, type })
      }
    }
  }

  const started = performance.now()
  try {
    for (const batch of generateDemoNetwork(demo)) {
      const size = batch.nodes.length + batch.relationships.length
      await batches.time(size, () => writeBatch(batch))
      records += size
    }
  } finally {
    await session.close()
  }
  const seconds = (performance.now() - started) / 1000

  return { ...timing(records, seconds, batches), rejected: 0, stored: await countGraph(database), conflictQueryScans: [] }
}

export async function countGraph(database: Database): Promise<GraphCounts> {
  const nodes = await database.driver.executeQuery('MATCH (n) RETURN count(n) AS count')
  const relationships = await database.driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS count')
  return {
    nodes: Number(nodes.records[0]?.get('count')),
    relationships: Number(relationships.records[0]?.get('count')),
  }
}

/** Returns the operators of the statement's EXPLAIN plan that scan every node or relationship. */
async function fullScansInPlan(database: Database, name: string, parameters: Record<string, unknown>): Promise<string[]> {
  const text = statement(loadStatements(), name)
  const result = await database.driver.executeQuery(`EXPLAIN ${text}`, parameters)
  const scans: string[] = []
  const visit = (operator: { operatorType: string; children: unknown[] }) => {
    const type = operator.operatorType.replace(/@.*$/, '')
    if (/All(Nodes|Relationships)Scan$/.test(type)) {
      scans.push(type)
    }
    for (const child of operator.children) {
      visit(child as typeof operator)
    }
  }
  if (result.summary.plan !== false) {
    visit(result.summary.plan)
  }
  return scans
}

function timing(records: number, seconds: number, batches: BatchClock) {
  return {
    records,
    seconds,
    recordsPerSecond: records / seconds,
    firstBatchRate: batches.rate(0),
    lastBatchRate: batches.rate(-1),
  }
}

/** Records and seconds of each batch, in order. */
class BatchClock {
  private readonly batches: { records: number; seconds: number }[] = []

  async time<T>(records: number, work: () => Promise<T>): Promise<T> {
    const started = performance.now()
    const result = await work()
    this.batches.push({ records, seconds: (performance.now() - started) / 1000 })
    return result
  }

  /** Returns the records per second of the batch at `index`; a negative index counts from the end. */
  rate(index: number): number {
    const batch = this.batches.at(index)
    return batch === undefined ? Number.NaN : batch.records / batch.seconds
  }
}

// The rows carry the same stored values as the import path's rows: the same property
// conversion, the name and the provenance, with the id among the properties.
function nodeRow(record: NodeRecord) {
  return {
    label: record.label,
    properties: { ...storedProperties(record.properties), id: record.id, name: record.name, ...provenance(record.provenance) },
  }
}

function relationshipRow(record: RelationshipRecord) {
  return {
    source: record.source,
    target: record.target,
    properties: { ...storedProperties(record.properties), id: record.id, ...provenance(record.provenance) },
  }
}

function storedProperties(properties: Properties): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, toNeo4j(value)]))
}

function provenance(record: Provenance) {
  return { source: record.source, ownerNcb: record.ownerNcb, restrictedTo: record.restrictedTo }
}

