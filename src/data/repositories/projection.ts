/**
 * Loads an analytics projection: the visible nodes and relationships in scope, as an edge
 * list of node numbers that the analytics layer compacts without building a graph object
 * per node or relationship. A projection of 100,000 nodes and a million relationships
 * arrives in one node query and one relationship query grouped by source node.
 */
import type { EdgeList } from '../../analytics/compact.js'
import { OPEN_NETWORK, SEE_ALL, type Database, type Viewer } from '../database.js'
import { toPlain } from '../values.js'

export interface ProjectionScope {
  labels: string[]
  types: string[]
  source: string | null
  /** Relationship property read as the weight, or null for unweighted. */
  weightProperty: string | null
  /** Dated relationships inside this window (YYYY-MM-DD, both ends included); undated ones are dropped. */
  since: string | null
  until: string | null
  /** Members of this group. */
  group: string | null
  /** Nodes of this country (ISO 3166-1 alpha-2). */
  country: string | null
  /** Open nodes whose stored community `property`, written back on the open network, equals `value`. */
  community: { property: string; value: number } | null
  /** Only these node ids, such as a neighbourhood found by `neighbourhood`. */
  ids: string[] | null
}

export interface ProjectedNode {
  id: string
  label: string
  name: string
}

export interface LoadedProjection {
  nodes: ProjectedNode[]
  /** Keys are node ids; weights are null when the scope is unweighted. */
  edges: EdgeList
  /** Relationships in scope without a numeric weight, read as weight 0. */
  weightMissing: number
}

export interface ProjectionLimits {
  maxNodes: number
  maxRelationships: number
}

/** Thrown when a projection passes its limits; the service turns it into a 400. */
export class ProjectionTooLarge extends Error {
  constructor(
    readonly nodes: number,
    readonly relationships: number,
  ) {
    super(`projection of ${nodes} nodes and at least ${relationships} relationships`)
  }
}

/** Source nodes per relationship query, so that no single result grows without bound. */
const KEYS_PER_QUERY = 10_000

/** Relationship queries in flight at once. */
const PARALLEL_QUERIES = 2

export function createProjectionRepository(database: Database) {
  return {
    async load(scope: ProjectionScope, viewer: Viewer, limits: ProjectionLimits): Promise<LoadedProjection> {
      const parameters = scopeParameters(scope)
      const nodeResult = await database.read('analytics/projection-nodes', parameters, viewer)
      if (nodeResult.records.length > limits.maxNodes) {
        throw new ProjectionTooLarge(nodeResult.records.length, 0)
      }

      const nodes: ProjectedNode[] = []
      const keys: number[] = []
      const numberOfKey = new Map<number, number>()
      for (const record of nodeResult.records) {
        const id = record.get('id') as string
        numberOfKey.set(toNumber(record.get('key')), nodes.length)
        keys.push(toNumber(record.get('key')))
        nodes.push({ id, label: record.get('label') as string, name: (record.get('name') as string | null) ?? id })
      }

      // Two relationship queries at a time, so that Neo4j can read one batch while the driver
      // decodes the other. Batches are joined in order, so the edge list does not depend on
      // timing. NOTE: on a busy 2-core machine this showed no clear gain over one at a time.
      // The first load after a Neo4j start or a bulk import is the slow one (11.6 s against
      // 3 to 5 s later, for a million relationships), mostly planning and cold pages.
      const batches: { sources: number[]; targets: number[]; weights: number[]; missing: number }[] = []
      const starts = Array.from({ length: Math.ceil(keys.length / KEYS_PER_QUERY) }, (_, i) => i * KEYS_PER_QUERY)
      let loaded = 0
      const loadBatch = async (index: number) => {
        const start = starts[index] as number
        const result = await database.read(
          'analytics/projection-relationships',
          { ...parameters, keys: keys.slice(start, start + KEYS_PER_QUERY) },
          viewer,
        )
        const batch = { sources: [] as number[], targets: [] as number[], weights: [] as number[], missing: 0 }
        for (const record of result.records) {
          const source = numberOfKey.get(toNumber(record.get('key'))) as number
          const targetKeys = record.get('targets') as unknown[]
          const values = record.get('weights') as unknown[] | null
          for (let i = 0; i < targetKeys.length; i++) {
            const target = numberOfKey.get(toNumber(targetKeys[i]))
            if (target === undefined) {
              continue
            }
            batch.sources.push(source)
            batch.targets.push(target)
            if (values !== null) {
              const weight = weightOf(values[i])
              if (weight === null) {
                batch.missing += 1
              }
              batch.weights.push(weight ?? 0)
            }
          }
        }
        batches[index] = batch
        loaded += batch.sources.length
        if (loaded > limits.maxRelationships) {
          throw new ProjectionTooLarge(nodes.length, loaded)
        }
      }
      for (let index = 0; index < starts.length; index += PARALLEL_QUERIES) {
        await Promise.all(starts.slice(index, index + PARALLEL_QUERIES).map((_, offset) => loadBatch(index + offset)))
      }
      const count = batches.reduce((total, batch) => total + batch.sources.length, 0)
      const sources = new Int32Array(count)
      const targets = new Int32Array(count)
      const weights = scope.weightProperty === null ? null : new Float64Array(count)
      let weightMissing = 0
      let offset = 0
      for (const batch of batches) {
        sources.set(batch.sources, offset)
        targets.set(batch.targets, offset)
        weights?.set(batch.weights, offset)
        weightMissing += batch.missing
        offset += batch.sources.length
      }

      return {
        nodes,
        edges: {
          keys: nodes.map((node) => node.id),
          directed: true,
          sources,
          targets,
          weights,
        },
        weightMissing,
      }
    },

    /**
     * Stores one value per node in `property` (a name the service builds from a fixed list
     * of measures), with `<property>_computedAt`, `<property>_parameters` and
     * `<property>_network`, in batches of 10,000, each batch its own transaction. Only open,
     * unexpired nodes are written, and of those only the ones the writer may change.
     */
    async writeScores(
      property: string,
      values: { id: string; value: number }[],
      facts: { computedAt: string; parameters: string; network: string },
      writer: { ncb: string | null; admin: boolean },
    ): Promise<{ written: number; skipped: number }> {
      if (!/^(score|community)_[a-z_]{1,40}$/.test(property)) {
        throw new TypeError(`Invalid score property "${property}"`)
      }
      let written = 0
      for (let start = 0; start < values.length; start += 10_000) {
        const rows = values.slice(start, start + 10_000).map(({ id, value }) => ({
          id,
          properties: {
            [property]: value,
            [`${property}_computedAt`]: facts.computedAt,
            [`${property}_parameters`]: facts.parameters,
            [`${property}_network`]: facts.network,
          },
        }))
        const result = await database.writeTransaction((run) =>
          run('analytics/write-scores', { rows, viewer: OPEN_NETWORK, ncb: writer.ncb, admin: writer.admin }),
        )
        written += toNumber(result.records[0]?.get('written') ?? 0)
      }
      return { written, skipped: values.length - written }
    },

    /**
     * Returns the group of each node, in the order of `ids`. That is the node property
     * `property` as text or, without one, the smallest id of the visible groups the node is
     * a visible MEMBER_OF. A node with neither gets null.
     */
    async groupsOf(ids: string[], property: string | null, viewer: Viewer): Promise<(string | null)[]> {
      const result = await database.read('analytics/groups-of', { ids, property }, viewer)
      const groupOf = new Map(result.records.map((record) => [record.get('id') as string, record.get('group') as string | null]))
      return ids.map((id) => groupOf.get(id) ?? null)
    },

    /**
     * Finds the ids of the visible nodes within `radius` steps of `starts`, themselves
     * included, through visible relationships of `types` (any when empty). The search goes
     * breadth-first and stops once more than `limit` ids are found.
     */
    async neighbourhood(starts: string[], radius: number, types: string[], viewer: Viewer, limit: number): Promise<string[]> {
      const found = await database.read('analytics/neighbourhood-start', { ids: starts }, viewer)
      const seen = new Set(found.records.map((record) => record.get('id') as string))
      let frontier = [...seen]
      for (let step = 0; step < radius && frontier.length > 0 && seen.size <= limit; step++) {
        const result = await database.read('analytics/neighbourhood-step', { ids: frontier, types, limit: limit + 1 }, viewer)
        frontier = []
        for (const record of result.records) {
          const id = record.get('id') as string
          if (!seen.has(id)) {
            seen.add(id)
            frontier.push(id)
          }
        }
      }
      return [...seen]
    },

    /**
     * Lists every distinct `expiresAt` stored on a node or relationship, in milliseconds since
     * the epoch, ascending. Analytics caches key their results by how many have passed.
     */
    async expiryInstants(): Promise<number[]> {
      const result = await database.read('analytics/expiry-instants', {}, SEE_ALL)
      return result.records.map((record) => toNumber(record.get('millis')))
    },
  }
}

/** Turns a scope into the parameters of the projection statements, which the GDS engine reads too. */
export function scopeParameters(scope: ProjectionScope): Record<string, unknown> {
  return {
    labels: scope.labels,
    types: scope.types,
    source: scope.source,
    weightProperty: scope.weightProperty,
    since: scope.since,
    until: scope.until,
    group: scope.group,
    country: scope.country,
    communityProperty: scope.community?.property ?? null,
    communityValue: scope.community?.value ?? null,
    ids: scope.ids,
  }
}

function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : (value as { toNumber(): number }).toNumber()
}

/** Reads a weight: a finite number, or a decimal string such as a money amount; else null. */
function weightOf(value: unknown): number | null {
  const plain = toPlain(value)
  if (typeof plain === 'number') {
    return Number.isFinite(plain) ? plain : null
  }
  if (typeof plain === 'string' && /^-?\d+(\.\d+)?$/.test(plain)) {
    return Number(plain)
  }
  return null
}

export type ProjectionRepository = ReturnType<typeof createProjectionRepository>
