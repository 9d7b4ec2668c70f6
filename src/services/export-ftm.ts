/**
 * FtM export: turns visible nodes and relationships into FollowTheMoney entities, one JSON
 * object per line. A record that came from FtM is written back as it was read (its `ftmId`,
 * `ftmSchema` and `ftmProperties`), so an import followed by an export loses nothing. Names
 * added in Millennium, such as aliases a merge brought, are appended to its `alias`. A
 * relationship's ends are those it has now, and references to a merged record name the record
 * it was merged into. Other records are mapped by label and type, as docs/ftm.md describes.
 */
import type { Node, Relationship } from 'neo4j-driver'

import type { Database, Viewer } from '../data/database.js'
import { nodeToEntity, type EntityRecord } from '../data/records.js'
import { propertiesToPlain, type PlainValue } from '../data/values.js'
import {
  FTM_EDGE_SCHEMAS,
  FTM_REFERENCE_LINKS,
  LABEL_TO_FTM_SCHEMA,
  nameProperty,
  TYPE_TO_FTM_SCHEMA,
  type FtmEntity,
} from '../model/ftm.js'
import { isNodeLabel, isRelationshipType, type RelationshipType } from '../model/schema.js'

export interface ExportRelationship {
  id: string
  type: string
  source: string
  target: string
  properties: Record<string, PlainValue>
}

export interface FtmScope {
  /** Node ids to export, such as a graph payload's keys or a search result; all when absent. */
  ids?: string[]
  /** Only the nodes of this dataset, with those a merge gave one of its records. */
  source?: string
}

export function createFtmExportService(database: Database) {
  return {
    /** Returns the FtM entities of the visible nodes in scope and the relationships among them. */
    async entities(scope: FtmScope, viewer: Viewer): Promise<FtmEntity[]> {
      const source = scope.source ?? null
      // How valueSources (JSON text) names a value's dataset; an escaped quote inside a value cannot match it.
      const sourceMarker = source === null ? null : `${JSON.stringify({ source }).slice(1, -1)},"ownerNcb"`
      const nodeResult = await database.read('export/ftm-nodes', { ids: scope.ids ?? null, source, sourceMarker }, viewer)
      const nodes = nodeResult.records.map((record) => nodeToEntity(record.get('n') as Node))
      // NOTE: the whole export is built in memory before it is sent. The size where that
      // becomes a problem has not been measured; a streamed export would remove it.
      const ids = scope.ids === undefined ? null : nodes.map((node) => node.id)
      const relationshipResult = await database.read('export/ftm-relationships', { ids, source, sourceMarker }, viewer)
      const relationships = relationshipResult.records.map((record): ExportRelationship => {
        const relationship = record.get('r') as Relationship
        const { id, ...properties } = propertiesToPlain(relationship.properties)
        return {
          id: typeof id === 'string' ? id : relationship.elementId,
          type: record.get('type') as string,
          source: record.get('source') as string,
          target: record.get('target') as string,
          properties,
        }
      })
      return toFtmEntities(nodes, relationships)
    },
  }
}

export type FtmExportService = ReturnType<typeof createFtmExportService>

/** Writes entities as FtM ndjson: one `{id, schema, properties}` object per line. */
export function toNdjson(entities: FtmEntity[]): string {
  return entities.map((entity) => `${JSON.stringify({ id: entity.id, schema: entity.schema, properties: entity.properties })}\n`).join('')
}

/**
 * Maps nodes and the relationships among them to FtM entities. Every relationship end must be
 * among `nodes`; the caller selects them so.
 */
export function toFtmEntities(nodes: EntityRecord[], relationships: ExportRelationship[]): FtmEntity[] {
  const byNodeId = new Map<string, FtmEntity>()
  for (const node of nodes) {
    byNodeId.set(node.id, nodeEntity(node))
  }
  const ftmIdOf = (nodeId: string): string => byNodeId.get(nodeId)?.id ?? nodeId

  const edges: FtmEntity[] = []
  for (const relationship of relationships) {
    if (relationship.properties.ftmDerived === true) {
      continue
    }
    const edge = edgeEntity(relationship, ftmIdOf)
    if (edge !== null) {
      edges.push(edge)
      continue
    }
    addReference(relationship, byNodeId, ftmIdOf)
  }
  const entities = [...byNodeId.values(), ...edges]
  replaceMergedReferences(entities, mergedFtmIds(nodes, byNodeId))
  return entities
}

/**
 * Entity-valued FtM properties that the stored `ftmProperties` of a record may contain: the
 * ends of the relationship schemata and the references that the reader turns into links.
 */
const REFERENCE_PROPERTIES = new Set([
  ...Object.values(FTM_EDGE_SCHEMAS).flatMap((edge) => [edge.sourceProperty, edge.targetProperty]),
  ...Object.values(FTM_REFERENCE_LINKS).flatMap((links) => Object.keys(links)),
])

/**
 * Maps the FtM id of every record merged into an exported node to the FtM id the node is
 * exported under, from the `ftmId` entries of the node's `valueSources`.
 */
function mergedFtmIds(nodes: EntityRecord[], byNodeId: Map<string, FtmEntity>): Map<string, string> {
  const replacements = new Map<string, string>()
  for (const node of nodes) {
    const exportedId = byNodeId.get(node.id)?.id
    if (typeof node.properties.valueSources !== 'string' || exportedId === undefined) {
      continue
    }
    const sources = JSON.parse(node.properties.valueSources) as { property: string; value: unknown }[]
    for (const source of sources) {
      if (source.property === 'ftmId' && typeof source.value === 'string' && source.value !== exportedId) {
        replacements.set(source.value, exportedId)
      }
    }
  }
  return replacements
}

/** Points references to merged records at the records they were merged into, each id once. */
function replaceMergedReferences(entities: FtmEntity[], replacements: Map<string, string>): void {
  if (replacements.size === 0) {
    return
  }
  for (const entity of entities) {
    for (const [name, values] of Object.entries(entity.properties)) {
      if (REFERENCE_PROPERTIES.has(name) && values.some((value) => replacements.has(value))) {
        entity.properties[name] = [...new Set(values.map((value) => replacements.get(value) ?? value))]
      }
    }
  }
}

function nodeEntity(node: EntityRecord): FtmEntity {
  const stored = storedFtm(node.properties)
  const schema = stored?.schema ?? (isNodeLabel(node.label) ? LABEL_TO_FTM_SCHEMA[node.label] : 'Thing')
  const properties = stored?.properties ?? mappedNodeProperties(node, schema)
  if (stored !== null) {
    // Names given in Millennium after the import, such as a merged record's, are appended.
    // A node the reader named by its FtM id had no name to append.
    const property = nameProperty(schema)
    const aliasProperty = property === 'name' ? 'alias' : property
    const known = [...(properties[property] ?? []), ...(properties.alias ?? []), ...(properties.weakAlias ?? [])]
    const candidates = [node.name, ...texts(node.properties.aliases)].filter((name) => name !== stored.id)
    const added = [...new Set(candidates)].filter((name) => !known.includes(name))
    if (added.length > 0) {
      properties[aliasProperty] = [...(properties[aliasProperty] ?? []), ...added]
    }
  }
  return { id: stored?.id ?? node.id, schema, properties }
}

function mappedNodeProperties(node: EntityRecord, schema: string): Record<string, string[]> {
  const properties: Record<string, string[]> = {}
  const set = (name: string, values: string[]) => {
    if (values.length > 0) {
      properties[name] = values
    }
  }
  const value = node.properties
  if (schema === 'Address') {
    set('full', [node.name])
    set('city', texts(value.city))
    set('country', texts(value.country).map((code) => code.toLowerCase()))
    return properties
  }
  const aliases = texts(value.aliases).filter((alias) => alias !== node.name)
  if (nameProperty(schema) === 'name') {
    // Every schema named by `name` is a Thing, which has `alias` and `weakAlias`.
    set('name', [node.name])
    set('alias', aliases)
    set('weakAlias', texts(value.nickname))
  } else {
    set(nameProperty(schema), [node.name, ...aliases])
  }
  set('country', texts(value.country ?? value.jurisdiction).map((code) => code.toLowerCase()))
  if (schema === 'Person') {
    set('birthDate', texts(value.birthDate))
    set('gender', texts(value.gender))
    set('nationality', texts(value.nationality).map((code) => code.toLowerCase()))
  }
  if (schema === 'Sanction') {
    // A notice or diffusion: INTERPOL's General Secretariat issues a notice, one NCB a diffusion.
    const colour = texts(value.colour)[0]
    const kind = texts(value.kind)[0]
    set('authority', kind === 'diffusion' ? texts(value.issuedBy).map((ncb) => `NCB ${ncb}`) : ['INTERPOL'])
    set('program', colour !== undefined ? [`${colour} ${kind ?? 'notice'}`] : [])
    set('listingDate', texts(value.issuedAt))
    set('status', texts(value.status))
    set('reason', texts(value.offence))
  }
  return properties
}

/** Returns the FtM relationship entity, or null when the type is a reference property instead. */
function edgeEntity(relationship: ExportRelationship, ftmIdOf: (nodeId: string) => string): FtmEntity | null {
  const stored = storedFtm(relationship.properties)
  const schema = stored?.schema ?? (isRelationshipType(relationship.type) ? TYPE_TO_FTM_SCHEMA[relationship.type] : undefined)
  const ends = schema === undefined ? undefined : FTM_EDGE_SCHEMAS[schema]
  if (schema === undefined || ends === undefined) {
    return null
  }
  const properties = stored?.properties ?? mappedEdgeProperties(relationship)
  // The ends are the ones the relationship has now, which a merge may have changed.
  properties[ends.sourceProperty] = replaceFirst(properties[ends.sourceProperty], ftmIdOf(relationship.source))
  properties[ends.targetProperty] = replaceFirst(properties[ends.targetProperty], ftmIdOf(relationship.target))
  return { id: stored?.id ?? relationship.id, schema, properties }
}

function mappedEdgeProperties(relationship: ExportRelationship): Record<string, string[]> {
  const value = relationship.properties
  const properties: Record<string, string[]> = {}
  const set = (name: string, values: string[]) => {
    if (values.length > 0) {
      properties[name] = values
    }
  }
  set('amount', texts(value.amount))
  set('currency', texts(value.currency))
  set('date', texts(value.date))
  set('startDate', texts(value.since))
  set('endDate', texts(value.until))
  if (typeof value.share === 'number') {
    set('percentage', [percentageOf(value.share)])
  }
  if (relationship.type !== 'TRANSFER' && relationship.type !== 'OWNS') {
    // An Associate has `relationship` and no `role`; Ownership, Directorship and Membership have `role`.
    const property = TYPE_TO_FTM_SCHEMA[relationship.type as RelationshipType] === 'Associate' ? 'relationship' : 'role'
    set(property, [relationship.type.toLowerCase().replaceAll('_', ' ')])
  }
  return properties
}

/** Formats a share from 0 to 1 as a percentage rounded to 12 digits: 0.57 becomes "57", not "56.99999999999999". */
export function percentageOf(share: number): string {
  return String(Number((share * 100).toPrecision(12)))
}

/** Adds LOCATED_IN and SUBJECT_OF relationships made in Millennium as FtM reference properties. */
function addReference(relationship: ExportRelationship, byNodeId: Map<string, FtmEntity>, ftmIdOf: (nodeId: string) => string): void {
  const start = byNodeId.get(relationship.source)
  const end = byNodeId.get(relationship.target)
  if (start === undefined || end === undefined) {
    return
  }
  if (relationship.type === 'LOCATED_IN' && end.schema === 'Address') {
    appendValue(start.properties, 'addressEntity', ftmIdOf(relationship.target))
  } else if (relationship.type === 'SUBJECT_OF' && end.schema === 'Sanction') {
    appendValue(end.properties, 'entity', ftmIdOf(relationship.source))
  }
  // NOTE: other relationship types (OPERATES_IN, and SUBJECT_OF to an Event) have no FtM
  // counterpart here and are left out of the export.
}

function storedFtm(properties: Record<string, PlainValue>): { id: string; schema: string; properties: Record<string, string[]> } | null {
  const { ftmId, ftmSchema, ftmProperties } = properties
  if (typeof ftmId !== 'string' || typeof ftmSchema !== 'string' || typeof ftmProperties !== 'string') {
    return null
  }
  return { id: ftmId, schema: ftmSchema, properties: JSON.parse(ftmProperties) as Record<string, string[]> }
}

function texts(value: PlainValue | undefined): string[] {
  if (value === null || value === undefined) {
    return []
  }
  if (Array.isArray(value)) {
    return value.flatMap(texts)
  }
  return typeof value === 'object' ? [] : [String(value)]
}

function replaceFirst(values: string[] | undefined, first: string): string[] {
  return [first, ...(values ?? []).slice(1)]
}

function appendValue(properties: Record<string, string[]>, name: string, value: string): void {
  const values = properties[name] ?? []
  if (!values.includes(value)) {
    properties[name] = [...values, value]
  }
}
