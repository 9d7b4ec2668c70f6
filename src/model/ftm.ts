/**
 * The mapping between FollowTheMoney (FtM) schemata and Millennium's labels and relationship
 * types, shared by the FtM reader and the FtM export. docs/ftm.md explains each row and what
 * each side loses.
 *
 * FtM entities are `{id, schema, properties}`, where every property is a list of strings.
 * Thing schemata become nodes. Interval schemata with a source and a target (Ownership,
 * Payment and the like) become relationships. Sanction and Event become Notice nodes, linked
 * to the entities they name.
 */
import type { NodeLabel, RelationshipType } from './schema.js'

/** One FtM entity, as one line of an FtM ndjson stream contains it. */
export interface FtmEntity {
  id: string
  schema: string
  properties: Record<string, string[]>
}

/** Node schemata and the label each becomes on import. */
export const FTM_NODE_SCHEMAS: Readonly<Record<string, NodeLabel>> = {
  Person: 'Person',
  Organization: 'Group',
  Company: 'Company',
  LegalEntity: 'Company',
  BankAccount: 'Account',
  RealEstate: 'Asset',
  Security: 'Asset',
  Address: 'Location',
  Sanction: 'Notice',
  Event: 'Notice',
}

/** An FtM schema that links two entities, and the relationship type it becomes. */
export interface FtmEdgeSchema {
  type: RelationshipType
  /** The property that names the start entity. */
  sourceProperty: string
  /** The property that names the end entity. */
  targetProperty: string
}

export const FTM_EDGE_SCHEMAS: Readonly<Record<string, FtmEdgeSchema>> = {
  Ownership: { type: 'OWNS', sourceProperty: 'owner', targetProperty: 'asset' },
  Directorship: { type: 'MANAGES', sourceProperty: 'director', targetProperty: 'organization' },
  Membership: { type: 'MEMBER_OF', sourceProperty: 'member', targetProperty: 'organization' },
  Payment: { type: 'TRANSFER', sourceProperty: 'payer', targetProperty: 'beneficiary' },
  Family: { type: 'ASSOCIATE_OF', sourceProperty: 'person', targetProperty: 'relative' },
  Associate: { type: 'ASSOCIATE_OF', sourceProperty: 'person', targetProperty: 'associate' },
  Representation: { type: 'ASSOCIATE_OF', sourceProperty: 'agent', targetProperty: 'client' },
}

/**
 * Entity-valued properties of node schemata that become relationships of their own, so the
 * graph shows them. `from` names the end that is the FtM entity with the property.
 */
export interface FtmReferenceLink {
  type: RelationshipType
  from: 'holder' | 'referenced'
}

export const FTM_REFERENCE_LINKS: Readonly<Record<string, Readonly<Record<string, FtmReferenceLink>>>> = {
  // A thing at an address is LOCATED_IN the address's location.
  '*': { addressEntity: { type: 'LOCATED_IN', from: 'holder' } },
  // The sanctioned entity is the SUBJECT_OF the sanction, as with notices.
  Sanction: { entity: { type: 'SUBJECT_OF', from: 'referenced' } },
  Event: {
    involved: { type: 'SUBJECT_OF', from: 'referenced' },
    organizer: { type: 'SUBJECT_OF', from: 'referenced' },
  },
}

/** The schema a node of each label becomes on export when it did not come from FtM. */
export const LABEL_TO_FTM_SCHEMA: Readonly<Record<NodeLabel, string>> = {
  Person: 'Person',
  Group: 'Organization',
  Company: 'Company',
  Fund: 'Organization',
  Account: 'BankAccount',
  Asset: 'Asset',
  Notice: 'Sanction',
  Location: 'Address',
}

/** The schema a relationship of each type becomes on export when it did not come from FtM. */
export const TYPE_TO_FTM_SCHEMA: Readonly<Partial<Record<RelationshipType, string>>> = {
  OWNS: 'Ownership',
  CONTROLS: 'Ownership',
  HOLDS: 'Ownership',
  MANAGES: 'Directorship',
  MEMBER_OF: 'Membership',
  TRANSFER: 'Payment',
  ASSOCIATE_OF: 'Associate',
  CROWNED_BY: 'Associate',
  MET: 'Associate',
  CALLED: 'Associate',
}

/** Node ids that the FtM reader gives an entity, so they never clash with other datasets. */
export function ftmNodeId(ftmId: string): string {
  return `ftm:${ftmId}`
}

/**
 * Returns the property with a node schema's names: `name`, except for an Address (`full`)
 * and a Sanction. FtM gives a Sanction no name, so its `summary` contains the notice's title.
 */
export function nameProperty(schema: string): string {
  if (schema === 'Address') {
    return 'full'
  }
  return schema === 'Sanction' ? 'summary' : 'name'
}
