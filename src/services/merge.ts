/**
 * Merging two records into one, and undoing it. A merge runs in one write transaction. It
 * checks the caller against both records and moves every relationship of the merged record
 * to the kept one, ids and properties unchanged. Then it rewrites the kept record's
 * properties, deletes the merged record, and stores a :Merge record with snapshots of both
 * records as they were. An undo puts everything back, unless the kept record changed since.
 */
import { randomUUID } from 'node:crypto'

import neo4j, { isRetriableError as isRetriable, Neo4jError, type Node } from 'neo4j-driver'

import { withType } from '../data/cypher-files.js'
import type { Database, TransactionRunner, Viewer } from '../data/database.js'
import { nodeToEntity, primaryLabel, type EntityRecord } from '../data/records.js'
import { toPlain, type PlainValue } from '../data/values.js'
import { AppError, notFound } from '../errors.js'
import { isNodeLabel, isRelationshipType } from '../model/schema.js'
import {
  checkWriteAccess,
  fingerprint,
  mergedAudience,
  mergeProperties,
  type Audience,
  type MergeRefusal,
  type RecordState,
} from './merge-rules.js'

/** The caller of a merge: visibility and country, admin or not, and the token's subject for the record. */
export interface MergeCaller {
  viewer: Viewer
  admin: boolean
  subject: string
}

/** A moved relationship as the :Merge record keeps it: which ends were the merged record. */
interface MovedRelationship {
  type: string
  id: string
  startMerged: boolean
  endMerged: boolean
}

export interface MergeSummary {
  id: string
  keepId: string
  mergedId: string
  status: string
  createdAt: PlainValue
  createdBy: PlainValue
  undoneAt: PlainValue
}

export interface MergeResult {
  merge: MergeSummary
  entity: EntityRecord
  /**
   * Number of moved relationships that the caller can see. Hidden ones move too, but are not
   * counted, so the response reveals nothing about them.
   */
  relationships: number
}

/** The labels of records that a merge joins: one person or one company known under two records. */
const MERGEABLE_LABELS = new Set(['Person', 'Company'])

/** The maximum number of merges a listing returns. */
export const MERGE_LIST_LIMIT = 1000

export function createMergeService(database: Database) {
  return {
    /** Merges the record `mergedId` into `keepId`; throws 404, 400, 403 or 409 as the route reports. */
    async merge(keepId: string, mergedId: string, caller: MergeCaller): Promise<MergeResult> {
      return database.writeTransaction(async (run) => {
        await lockRecords(run, [keepId, mergedId])
        const pair = await run('merge/pair', { ids: [keepId, mergedId], viewer: caller.viewer })
        const nodes = new Map(
          pair.records.filter((record) => record.get('visible') === true).map((record) => [record.get('id') as string, record.get('n') as Node]),
        )
        const keep = nodes.get(keepId)
        const merged = nodes.get(mergedId)
        if (keep === undefined) {
          throw notFound('Entity', keepId)
        }
        if (merged === undefined) {
          throw notFound('Entity', mergedId)
        }
        if (primaryLabel(keep) !== primaryLabel(merged)) {
          throw new AppError(
            'MLN_INVALID_PARAMETER',
            `Invalid merge: "${keepId}" is a ${primaryLabel(keep)} and "${mergedId}" a ${primaryLabel(merged)}; expected two records of one label`,
          )
        }
        const label = primaryLabel(keep)
        if (!MERGEABLE_LABELS.has(label)) {
          throw new AppError(
            'MLN_INVALID_PARAMETER',
            `Invalid merge: "${keepId}" is a ${label}; only Person and Company records merge (two records of one person or company)`,
          )
        }
        const mergedLabels = checkedLabels(merged)

        const audiences = [
          { id: keepId, audience: audienceOf(keep.properties) },
          { id: mergedId, audience: audienceOf(merged.properties) },
        ]
        refuseIf(checkWriteAccess(audiences, { ncb: caller.viewer.ncb, admin: caller.admin }))
        const audience = mergedAudience(audiences[0]!.audience, audiences[1]!.audience, caller.admin)
        refuseIf('status' in audience ? audience : null)
        const properties = mergeProperties(keep.properties, merged.properties, audience as Audience)

        const moved = await movedRelationships(run, mergedId, caller.viewer)
        // Moving a relationship rewrites it, so an editor may move only those an import would
        // let them change: visible, and open or their own country's.
        const foreign = moved.some((row) => !row.visible || (row.ownerNcb !== null && row.ownerNcb !== caller.viewer.ncb))
        if (foreign && !caller.admin) {
          throw new AppError(
            'MLN_CONFLICT',
            `Cannot merge "${mergedId}" into "${keepId}": "${mergedId}" has relationships that only their owner country or an admin may change; ask an admin to merge these records`,
          )
        }
        await moveRelationships(run, moved, mergedId, keepId)

        const mergeId = randomUUID()
        await run('merge/apply', {
          keepId,
          mergedId,
          mergeId,
          mergedLabels,
          properties,
          relationships: JSON.stringify(moved.map(({ visible: _visible, ownerNcb: _owner, ...row }) => row)),
          createdBy: caller.subject,
        })
        const state = await recordState(run, keepId)
        await run('merge/set-fingerprint', { mergeId, fingerprint: fingerprint(state!) })

        const record = await run('merge/get', { id: mergeId, viewer: caller.viewer })
        const entity = await run('entities/get-by-ids', { ids: [keepId], viewer: caller.viewer })
        return {
          merge: summary(record.records[0]?.get('record') as Node),
          entity: nodeToEntity(entity.records[0]?.get('n') as Node),
          relationships: moved.filter((row) => row.visible).length,
        }
      })
    },

    /** Undoes a merge; throws 404 when the caller cannot see it and 409 when it cannot be undone. */
    async undo(mergeId: string, caller: MergeCaller): Promise<MergeSummary> {
      return database.writeTransaction(async (run) => {
        const found = await run('merge/get', { id: mergeId, viewer: caller.viewer })
        const record = found.records[0]?.get('record') as Node | undefined
        if (record === undefined) {
          throw notFound('Merge', mergeId)
        }
        const { keepId, mergedId, status, keepFingerprint } = record.properties as Record<string, string>
        await lockRecords(run, [keepId!])
        if (status !== 'merged') {
          throw new AppError('MLN_CONFLICT', `Merge "${mergeId}" is already undone.`)
        }
        refuseIf(
          checkWriteAccess([{ id: keepId!, audience: audienceOf(record.properties) }], { ncb: caller.viewer.ncb, admin: caller.admin }, 'undo its merge'),
        )

        const state = await recordState(run, keepId!)
        if (state === null || fingerprint(state) !== keepFingerprint) {
          throw new AppError(
            'MLN_CONFLICT',
            `Cannot undo merge "${mergeId}": record "${keepId}" changed since the merge (its properties or relationships differ).`,
          )
        }
        const taken = await run('merge/exists', { id: mergedId })
        if (taken.records[0]?.get('exists') === true) {
          throw new AppError('MLN_CONFLICT', `Cannot undo merge "${mergeId}": a record with id "${mergedId}" exists again.`)
        }

        const labels = (record.properties.mergedLabels as string[]).filter((label) => label === 'Entity' || isNodeLabel(label))
        await run('merge/restore-merged', { mergeId, labels })
        const moved = JSON.parse(String(record.properties.relationships)) as MovedRelationship[]
        await moveRelationships(run, moved, keepId!, mergedId!)
        const restored = await run('merge/restore-keep', { mergeId, keepId, undoneBy: caller.subject })
        return summary(restored.records[0]?.get('record') as Node)
      })
    },

    /** Lists the merges the caller can see, newest first. */
    async list(viewer: Viewer): Promise<MergeSummary[]> {
      const result = await database.read('merge/list', { limit: neo4j.int(MERGE_LIST_LIMIT) }, viewer)
      return result.records.map((record) => summary(record.get('record') as Node))
    },
  }
}

export type MergeService = ReturnType<typeof createMergeService>

/**
 * Locks the records before a merge or an undo reads them, so two merges sharing a record run
 * one after the other. A record that another merge deleted meanwhile raises a 409.
 */
async function lockRecords(run: TransactionRunner, ids: string[]): Promise<void> {
  try {
    await run('merge/lock', { ids: [...new Set(ids)].sort() })
  } catch (error) {
    if (error instanceof Neo4jError && !isRetriable(error)) {
      throw new AppError('MLN_CONFLICT', `Cannot merge "${ids.join('" and "')}": another merge changed one of these records; read them again and retry.`)
    }
    throw error
  }
}

function refuseIf(refusal: MergeRefusal | null): void {
  if (refusal !== null) {
    throw new AppError(refusal.status === 403 ? 'MLN_FORBIDDEN' : 'MLN_CONFLICT', refusal.message)
  }
}

function audienceOf(properties: Record<string, unknown>): Audience {
  return {
    ownerNcb: typeof properties.ownerNcb === 'string' ? properties.ownerNcb : null,
    restrictedTo: Array.isArray(properties.restrictedTo) ? properties.restrictedTo.map(String) : [],
  }
}

/** Returns the labels of a record, all from the allow-list, or rejects the merge. */
function checkedLabels(node: Node): string[] {
  const unknown = node.labels.filter((label) => label !== 'Entity' && !isNodeLabel(label))
  if (unknown.length > 0) {
    throw new AppError('MLN_INVALID_PARAMETER', `Invalid merge: record "${String(node.properties.id)}" has labels outside the model: ${unknown.join(', ')}`)
  }
  return node.labels
}

async function movedRelationships(
  run: TransactionRunner,
  id: string,
  viewer: Viewer,
): Promise<(MovedRelationship & { visible: boolean; ownerNcb: string | null })[]> {
  const result = await run('merge/relationships', { id, viewer })
  return result.records.map((record) => {
    const relationshipId = record.get('id') as unknown
    if (typeof relationshipId !== 'string') {
      // Every importer gives relationships an id; one without cannot be found again by an undo.
      throw new AppError('MLN_CONFLICT', `Cannot merge "${id}": one of its ${String(record.get('type'))} relationships has no id.`)
    }
    return {
      type: record.get('type') as string,
      id: relationshipId,
      startMerged: record.get('startMerged') as boolean,
      endMerged: record.get('endMerged') as boolean,
      visible: record.get('visible') as boolean,
      ownerNcb: (record.get('ownerNcb') as string | null) ?? null,
    }
  })
}

/** Moves relationships between the two records, one statement per type; each must move. */
async function moveRelationships(run: TransactionRunner, rows: MovedRelationship[], fromId: string, toId: string): Promise<void> {
  const types = new Set(rows.map((row) => row.type))
  for (const type of types) {
    if (!isRelationshipType(type)) {
      throw new AppError('MLN_CONFLICT', `Cannot move a relationship of type "${type}": it is outside the model.`)
    }
    const group = rows.filter((row) => row.type === type)
    const result = await run(withType('merge/repoint', type), { rows: group, fromId, toId })
    const moved = Number(result.records[0]?.get('moved') ?? 0)
    if (moved !== group.length) {
      throw new AppError('MLN_CONFLICT', `Moved ${moved} of ${group.length} ${type} relationships between "${fromId}" and "${toId}".`)
    }
  }
}

async function recordState(run: TransactionRunner, id: string): Promise<RecordState | null> {
  const result = await run('merge/state', { id })
  const record = result.records[0]
  if (record === undefined) {
    return null
  }
  return {
    labels: record.get('labels') as string[],
    properties: record.get('properties') as Record<string, unknown>,
    relationships: record.get('relationships') as RecordState['relationships'],
  }
}

function summary(node: Node): MergeSummary {
  const properties = node.properties
  return {
    id: String(properties.id),
    keepId: String(properties.keepId),
    mergedId: String(properties.mergedId),
    status: String(properties.status),
    createdAt: toPlain(properties.createdAt),
    createdBy: toPlain(properties.createdBy),
    undoneAt: toPlain(properties.undoneAt),
  }
}
