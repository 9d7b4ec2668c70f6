/**
 * Records as importers produce them and the data layer stores them. Every node and every
 * relationship has a stable string `id`, so storing the same record twice updates it in
 * place instead of adding a copy.
 */
import type { NodeLabel, RelationshipType } from './schema.js'

/** A calendar date without a time zone, stored as a Neo4j `date`. `iso` is `YYYY-MM-DD`. */
export class IsoDate {
  constructor(readonly iso: string) {}
}

/** An instant with an offset, stored as a Neo4j `datetime`. `iso` is ISO 8601 with an offset. */
export class IsoDateTime {
  constructor(readonly iso: string) {}
}

/**
 * A property value. `bigint` is stored as a Neo4j integer (64-bit); `number` as a float.
 * Money amounts are exact decimal strings (see `src/model/money.ts`), never numbers.
 */
export type PropertyValue =
  | string
  | number
  | bigint
  | boolean
  | IsoDate
  | IsoDateTime
  | string[]
  | number[]

export type Properties = Record<string, PropertyValue>

/**
 * Provenance carried by every record. `ownerNcb` is null for open data. `reviewAt` is when
 * the owner should review the record, and `expiresAt` when it stops being shown to anyone but
 * admins. Both are stored as Neo4j datetimes in UTC; a date without a time means midnight UTC
 * at its start. Unset or null means none, and a re-import without them removes stored ones.
 */
/** Provenance fields that an import may leave as stored. */
export type KeptProvenance = 'ownerNcb' | 'restrictedTo'

export interface Provenance {
  source: string
  ownerNcb: string | null
  restrictedTo: string[]
  /**
   * Provenance fields that the file does not give at all (no such column or attribute). An
   * update leaves their stored values as they are; a given but empty field clears them.
   */
  keepStored?: KeptProvenance[]
  reviewAt?: IsoDateTime | null
  expiresAt?: IsoDateTime | null
}

export interface NodeRecord {
  id: string
  label: NodeLabel
  name: string
  properties: Properties
  provenance: Provenance
  /** 1-based line of the input file the record came from, for error reports. */
  line?: number
}

export interface RelationshipRecord {
  id: string
  type: RelationshipType
  /** The `id` of the start node. */
  source: string
  /** The `id` of the end node. */
  target: string
  properties: Properties
  provenance: Provenance
  /** 1-based line of the input file the record came from, for error reports. */
  line?: number
}

/** A row that an importer could not turn into a record, with its 1-based line number. */
export interface RejectedRow {
  file: string
  line: number
  /** The record's id, when the row gives one. */
  id?: string
  reason: string
}

/** What a reader makes of one input file. */
export interface ReadResult {
  nodes: NodeRecord[]
  relationships: RelationshipRecord[]
  rejected: RejectedRow[]
}

export const OPEN_DATA: Omit<Provenance, 'source'> = { ownerNcb: null, restrictedTo: [] }
