/**
 * Stores imported records in batches, each batch in one write transaction, as a caller with a
 * Viewer. Rows that the caller may not write are rejected with a reason, and the rest are
 * written. The checks run in the same transaction as the write:
 * - an id of a record that the caller cannot see, or that links nodes the caller cannot see,
 *   is rejected as `id "X" cannot be written`, with nothing about that record;
 * - an id of a visible node of another label, or of a visible relationship between other
 *   nodes, is rejected naming the stored label or ends;
 * - a visible record that another country owns is rejected unless the caller is an admin;
 * - a row that would restrict an open record, or change its review dates, is rejected unless
 *   the caller is an admin;
 * - a relationship whose end the caller cannot see is rejected as if the node were missing.
 * A batch that fails as a whole is rolled back, so nothing is half-written.
 */
import { Neo4jError } from 'neo4j-driver'

import type { NodeRecord, Properties, RelationshipRecord } from '../../model/records.js'
import { nameKeysOf, storedNamesOf } from '../../names/index.js'
import { isNodeLabel, isRelationshipType } from '../../model/schema.js'
import { withType } from '../cypher-files.js'
import { isDatabaseUnavailable as isUnavailable, type Database, type Viewer } from '../database.js'
import { toNeo4j } from '../values.js'

export interface WriteCounts {
  created: number
  updated: number
  unchanged: number
}

export interface WriteRejection {
  id: string
  line: number | undefined
  reason: string
}

export interface WriteResult {
  nodes: WriteCounts
  relationships: WriteCounts
  rejected: WriteRejection[]
}

export interface WriteProgress {
  done: number
  total: number
}

export interface WriteOptions {
  batchSize: number
  /** The caller's visibility. Records hidden from the caller are neither changed nor revealed. */
  viewer: Viewer
  /** Whether the caller may change records that another country owns. */
  admin: boolean
  onProgress?: (progress: WriteProgress) => void
}

/** The caller as the conflict statements take it: `$viewer` and `$admin`. */
type Access = Pick<WriteOptions, 'viewer' | 'admin'>

export function createImportRepository(database: Database) {
  async function writeNodeBatch(records: NodeRecord[], access: Access, result: WriteResult): Promise<void> {
    const rows = records.map(nodeRow)
    try {
      // The transaction function may be retried, so it builds its outcome afresh each time.
      const outcome = await database.writeTransaction(async (run) => {
        const conflicts = await run('import/find-node-conflicts', { rows, ...access })
        const rejected = uniqueById(
          conflicts.records.map((conflict) => {
            const id = conflict.get('id') as string
            return { id, line: lineOf(records, id), reason: nodeConflict(id, conflict.toObject()) }
          }),
        )
        const rejectedIds = new Set(rejected.map((rejection) => rejection.id))
        const accepted = rows.filter((row) => !rejectedIds.has(row.id))
        const written = accepted.length > 0 ? await run('import/upsert-nodes', { rows: accepted, admin: access.admin }) : undefined
        return { rejected, counts: written?.records[0]?.toObject() }
      })
      result.rejected.push(...outcome.rejected)
      addCounts(result.nodes, outcome.counts)
    } catch (error) {
      rejectBatch(records, error, result)
    }
  }

  async function writeRelationshipBatch(
    type: string,
    records: RelationshipRecord[],
    access: Access,
    result: WriteResult,
  ): Promise<void> {
    const rows = records.map(relationshipRow)
    try {
      const outcome = await database.writeTransaction(async (run) => {
        const conflicts = await run(withType('import/find-relationship-conflicts', type), { rows, ...access })
        const rejected = uniqueById(
          conflicts.records.map((conflict) => {
            const id = conflict.get('id') as string
            const record = records.find((candidate) => candidate.id === id)
            return { id, line: record?.line, reason: relationshipConflict(id, conflict.toObject(), record) }
          }),
        )
        const rejectedIds = new Set(rejected.map((rejection) => rejection.id))
        const accepted = rows.filter((row) => !rejectedIds.has(row.id))
        const written = accepted.length > 0 ? await run(withType('import/upsert-relationships', type), { rows: accepted, admin: access.admin }) : undefined
        return { rejected, counts: written?.records[0]?.toObject() }
      })
      result.rejected.push(...outcome.rejected)
      addCounts(result.relationships, outcome.counts)
    } catch (error) {
      rejectBatch(records, error, result)
    }
  }

  return {
    /**
     * Writes nodes, then relationships grouped by type, `batchSize` rows per transaction,
     * as the caller that `options` describes. Calls `onProgress` after each batch.
     */
    async write(nodes: NodeRecord[], relationships: RelationshipRecord[], options: WriteOptions): Promise<WriteResult> {
      const access: Access = { viewer: options.viewer, admin: options.admin }
      const result: WriteResult = {
        nodes: { created: 0, updated: 0, unchanged: 0 },
        relationships: { created: 0, updated: 0, unchanged: 0 },
        rejected: [],
      }
      const total = nodes.length + relationships.length
      let done = 0
      const report = (count: number) => {
        done += count
        options.onProgress?.({ done, total })
      }

      for (const batch of chunk(nodes, options.batchSize)) {
        await writeNodeBatch(batch, access, result)
        report(batch.length)
      }
      for (const [type, group] of groupByType(relationships)) {
        for (const batch of chunk(group, options.batchSize)) {
          await writeRelationshipBatch(type, batch, access, result)
          report(batch.length)
        }
      }
      return result
    },
  }
}

export type ImportRepository = ReturnType<typeof createImportRepository>

function nodeRow(record: NodeRecord) {
  if (!isNodeLabel(record.label)) {
    throw new TypeError(`Invalid node label "${record.label}" for id "${record.id}"`)
  }
  return {
    id: record.id,
    label: record.label,
    properties: {
      ...storedProperties(record.properties),
      name: record.name,
      // NOTE: the keys come from this record alone, so an update without `aliases` keeps the
      // stored aliases but indexes the name only, until `millennium names migrate` runs.
      nameKeys: nameKeysOf(storedNamesOf(record.name, record.properties).map((name) => name.text)),
      ...provenanceProperties(record.provenance),
    },
    ...keptProvenance(record.provenance),
  }
}

function relationshipRow(record: RelationshipRecord) {
  if (!isRelationshipType(record.type)) {
    throw new TypeError(`Invalid relationship type "${record.type}" for id "${record.id}"`)
  }
  return {
    id: record.id,
    source: record.source,
    target: record.target,
    properties: { ...storedProperties(record.properties), ...provenanceProperties(record.provenance) },
    ...keptProvenance(record.provenance),
  }
}

/** Flags the upsert statements read to leave a stored owner or restriction as it is. */
function keptProvenance(provenance: NodeRecord['provenance']) {
  const kept = provenance.keepStored ?? []
  return { keepOwner: kept.includes('ownerNcb'), keepRestriction: kept.includes('restrictedTo') }
}

function storedProperties(properties: Properties): Record<string, unknown> {
  const stored: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(properties)) {
    if (key !== 'id') {
      stored[key] = toNeo4j(value)
    }
  }
  return stored
}

/**
 * Builds the provenance properties; a null `ownerNcb`, `reviewAt` or `expiresAt` removes a
 * stale value on re-import. Review dates are stored as Neo4j datetimes.
 */
function provenanceProperties(provenance: NodeRecord['provenance']) {
  return {
    source: provenance.source,
    ownerNcb: provenance.ownerNcb,
    restrictedTo: provenance.restrictedTo,
    reviewAt: provenance.reviewAt ? toNeo4j(provenance.reviewAt) : null,
    expiresAt: provenance.expiresAt ? toNeo4j(provenance.expiresAt) : null,
  }
}

function addCounts(counts: WriteCounts, row: Record<string, unknown> | undefined): void {
  if (row === undefined) {
    return
  }
  counts.created += Number(row.created)
  counts.updated += Number(row.updated)
  counts.unchanged += Number(row.unchanged)
}

/** Words the reason for a row of find-node-conflicts. */
function nodeConflict(id: string, conflict: Record<string, unknown>): string {
  if (conflict.visible !== true) {
    return `id "${id}" cannot be written`
  }
  if (typeof conflict.existingLabel === 'string') {
    return `id "${id}" already belongs to a ${conflict.existingLabel} node`
  }
  if (conflict.narrowsOpen === true) {
    return openRecordReason(id)
  }
  return ownedElsewhere(id, conflict.ownerNcb)
}

/**
 * Words the reason for a row of find-relationship-conflicts. A hidden end reads exactly as a
 * missing one, so an edge file cannot tell whether a hidden id exists.
 */
function relationshipConflict(id: string, conflict: Record<string, unknown>, record: RelationshipRecord | undefined): string {
  if (conflict.sourceMissing === true) {
    return `source "${record?.source}" is not a stored node`
  }
  if (conflict.targetMissing === true) {
    return `target "${record?.target}" is not a stored node`
  }
  if (conflict.hidden === true) {
    return `id "${id}" cannot be written`
  }
  if (Array.isArray(conflict.existingEndpoints)) {
    const [source, target] = conflict.existingEndpoints as string[]
    return `id "${id}" already links "${source}" to "${target}"`
  }
  if (conflict.narrowsOpen === true) {
    return openRecordReason(id)
  }
  return ownedElsewhere(id, conflict.ownerNcb)
}

function openRecordReason(id: string): string {
  return (
    `id "${id}" is open data; only an admin may restrict it or change its reviewAt or expiresAt. ` +
    'Leave restrictedTo, reviewAt and expiresAt as stored, or ask an admin'
  )
}

function ownedElsewhere(id: string, owner: unknown): string {
  return `id "${id}" is owned by ${String(owner)}; only ${String(owner)} or an admin may change it`
}

/** Keeps the first rejection of each id, because a conflict statement may return an id twice. */
function uniqueById(rejections: WriteRejection[]): WriteRejection[] {
  const byId = new Map<string, WriteRejection>()
  for (const rejection of rejections) {
    if (!byId.has(rejection.id)) {
      byId.set(rejection.id, rejection)
    }
  }
  return [...byId.values()]
}

/**
 * Reports every row of a rolled-back batch as rejected. An unavailable database is not a
 * fault of the rows, so that error propagates and the import as a whole fails.
 */
function rejectBatch(records: (NodeRecord | RelationshipRecord)[], error: unknown, result: WriteResult): void {
  if (isDatabaseUnavailable(error)) {
    throw error
  }
  const message = error instanceof Error ? error.message : String(error)
  for (const record of records) {
    result.rejected.push({ id: record.id, line: record.line, reason: `batch rolled back: ${message}` })
  }
}

function isDatabaseUnavailable(error: unknown): boolean {
  const code = error instanceof Neo4jError ? error.code : ''
  return isUnavailable(error) || code.startsWith('Neo.ClientError.Security.')
}

function lineOf(records: NodeRecord[], id: string): number | undefined {
  return records.find((record) => record.id === id)?.line
}

export function groupByType(relationships: RelationshipRecord[]): Map<string, RelationshipRecord[]> {
  const groups = new Map<string, RelationshipRecord[]>()
  for (const relationship of relationships) {
    const group = groups.get(relationship.type) ?? []
    group.push(relationship)
    groups.set(relationship.type, group)
  }
  return groups
}

export function* chunk<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) {
    yield items.slice(start, start + size)
  }
}
