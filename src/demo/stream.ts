/**
 * The record buffer behind the demo stream: it numbers ids, keeps records in the order they
 * were added and hands them out in batches, so a relationship never leaves before its
 * endpoints as long as callers add the nodes first.
 */
import {
  IsoDateTime,
  type NodeRecord,
  type Properties,
  type Provenance,
  type RelationshipRecord,
} from '../model/records.js'
import type { NodeLabel, RelationshipType } from '../model/schema.js'
import type { Random } from './random.js'

export const DEMO_SOURCE = 'demo'

/** One slice of the demo stream. */
export interface DemoBatch {
  nodes: NodeRecord[]
  relationships: RelationshipRecord[]
}

/**
 * Buffers records under a namespace: ids start with it and every record's provenance source
 * is it, so networks of other seeds or sizes can sit side by side in one database.
 */
export class RecordBuffer {
  private records: Array<NodeRecord | RelationshipRecord> = []
  private readonly counters = new Map<string, number>()
  private restrictedNodes = 0

  constructor(readonly namespace: string = DEMO_SOURCE) {}

  get size(): number {
    return this.records.length
  }

  /** Returns the next id of a kind, such as `demo:person:17`; numbering starts at 1. */
  nextId(kind: string): string {
    const next = (this.counters.get(kind) ?? 0) + 1
    this.counters.set(kind, next)
    return `${this.namespace}:${kind}:${next}`
  }

  /** Returns how many ids of `kind` have been issued so far. */
  issuedCount(kind: string): number {
    return this.counters.get(kind) ?? 0
  }

  addNode(
    label: NodeLabel,
    name: string,
    properties: Properties,
    provenance: Provenance,
  ): string {
    const id = this.nextId(label.toLowerCase())
    this.records.push({ id, label, name, properties, provenance: { ...provenance, source: this.namespace } })
    return id
  }

  addRelationship(
    type: RelationshipType,
    source: string,
    target: string,
    properties: Properties,
    provenance: Provenance,
  ): string {
    const id = this.nextId(type.toLowerCase().replaceAll('_', '-'))
    this.records.push({ id, type, source, target, properties, provenance: { ...provenance, source: this.namespace } })
    return id
  }

  /**
   * Gives every REVIEW_EVERY-th restricted node a past `reviewAt`. It counts nodes in stream
   * order and draws no random numbers, so the rest of the network stays as it was, whatever
   * the batch size. No demo record expires, because that would hide it from every caller
   * but admins.
   */
  private markForReview(record: NodeRecord): void {
    if (record.provenance.restrictedTo.length === 0) {
      return
    }
    this.restrictedNodes += 1
    if (this.restrictedNodes % REVIEW_EVERY === 0) {
      const day = REVIEW_DATES[(this.restrictedNodes / REVIEW_EVERY) % REVIEW_DATES.length]
      record.provenance = { ...record.provenance, reviewAt: new IsoDateTime(`${day}T00:00:00Z`) }
    }
  }

  /** Removes the oldest `limit` records and returns them as a batch. */
  takeBatch(limit: number): DemoBatch {
    const removed = this.records.splice(0, limit)
    const batch: DemoBatch = { nodes: [], relationships: [] }
    for (const record of removed) {
      if ('label' in record) {
        this.markForReview(record)
        batch.nodes.push(record)
      } else {
        batch.relationships.push(record)
      }
    }
    return batch
  }
}

/** Every this many restricted nodes, one is due for review. */
const REVIEW_EVERY = 20

/** Review dates handed out in turn, all in the past, so that `GET /api/review` lists them. */
const REVIEW_DATES = ['2025-01-15', '2025-04-15', '2025-07-15', '2025-10-15']

/** Share of records that a country contributes with a restricted audience. */
const RESTRICTED_SHARE = 0.05

/** Share of records without an owner (open data). */
const OPEN_SHARE = 0.12

/** Provenance of reference data such as places: open to every country. */
export function openProvenance(): Provenance {
  return { source: DEMO_SOURCE, ownerNcb: null, restrictedTo: [] }
}

/**
 * Draws the provenance of one record. Most records are owned by one of `contributors`
 * (ISO 3166-1 alpha-2 codes of National Central Bureaus), a small share is open, and a
 * small share is restricted to the owner and one or two partner countries.
 */
export function drawProvenance(random: Random, contributors: readonly string[]): Provenance {
  const draw = random.next()
  if (draw < OPEN_SHARE) {
    return openProvenance()
  }
  const ownerNcb = random.pick(contributors)
  if (draw >= OPEN_SHARE + RESTRICTED_SHARE) {
    return { source: DEMO_SOURCE, ownerNcb, restrictedTo: [] }
  }
  const others = [...new Set(contributors)].filter((code) => code !== ownerNcb)
  const partners = random.sample(others, random.integer(1, 2))
  return { source: DEMO_SOURCE, ownerNcb, restrictedTo: [ownerNcb, ...partners] }
}
