/**
 * The fixed vocabulary of the graph: node labels, relationship types and the value sets of
 * enumerated properties. Labels and types reach Cypher text only from these lists, never
 * from a request.
 */

export const NODE_LABELS = [
  'Person',
  'Group',
  'Company',
  'Fund',
  'Account',
  'Asset',
  'Notice',
  'Location',
] as const

export type NodeLabel = (typeof NODE_LABELS)[number]

/**
 * Relationship types. `MET` and `CALLED` extend the core model for surveillance data:
 * recorded meetings and intercepted telephone calls, each with a `count`.
 */
export const RELATIONSHIP_TYPES = [
  'MEMBER_OF',
  'CROWNED_BY',
  'ASSOCIATE_OF',
  'CONTROLS',
  'OWNS',
  'MANAGES',
  'HOLDS',
  'TRANSFER',
  'SUBJECT_OF',
  'LOCATED_IN',
  'OPERATES_IN',
  'MET',
  'CALLED',
] as const

export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number]

export const PERSON_STATUSES = ['thief-in-law', 'authority', 'member', 'associate', 'unknown'] as const
export const COMPANY_KINDS = ['legitimate', 'front', 'shell', 'bank', 'unknown'] as const
export const NOTICE_KINDS = ['notice', 'diffusion'] as const
export const NOTICE_COLOURS = ['red', 'yellow', 'blue', 'black', 'green', 'orange', 'purple'] as const
export const NOTICE_STATUSES = ['active', 'cancelled', 'expired'] as const

export function isNodeLabel(value: string): value is NodeLabel {
  return (NODE_LABELS as readonly string[]).includes(value)
}

export function isRelationshipType(value: string): value is RelationshipType {
  return (RELATIONSHIP_TYPES as readonly string[]).includes(value)
}
