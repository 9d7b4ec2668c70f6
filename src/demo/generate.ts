/**
 * A synthetic obshak network for demonstrations, tests and benchmarks: clans led by thieves
 * in law, their companies, accounts, assets, notices and money transfers, with planted
 * laundering patterns marked on their transfers (see `patterns.ts`).
 *
 * The output depends only on the seed and the size; the generator never reads the clock or
 * `Math.random`. It streams batches of records and generates one clan (about 100 persons) at
 * a time. Memory therefore holds one batch plus one clan's records and references, a few
 * bounded cross-clan lists and a cache of formatted dates, whatever the size.
 */
import { NODE_LABELS, RELATIONSHIP_TYPES, type NodeLabel, type RelationshipType } from '../model/schema.js'
import { CLANS_PER_FUND, generateClan } from './clan.js'
import type { NetworkState } from './context.js'
import { plantDuplicates } from './duplicates.js'
import { addLocations } from './locations.js'
import { createRandom } from './random.js'
import { DEMO_SOURCE, RecordBuffer, type DemoBatch } from './stream.js'
import { PLANTED_PATTERNS, type PlantedPattern } from './transfers.js'

export type { DemoBatch } from './stream.js'
export { PLANTED_PATTERNS, type PlantedPattern } from './transfers.js'
export { PLANTED_DUPLICATES } from './duplicates.js'
export { CYCLE_TOLERANCE, FAN_IN_WINDOW_DAYS, FAN_OUT_WINDOW_DAYS, SMURFING_LIMIT } from './patterns.js'
export { CLANS_PER_FUND }

export interface DemoOptions {
  seed: number
  /** Number of persons in the clans, which the planted duplicates add to; 300 if omitted. */
  size?: number
  /** Records per batch; 5,000 if omitted. The last batch may be smaller. */
  batchSize?: number
  /** Prefix of every id and the provenance source of every record; "demo" if omitted. */
  namespace?: string
}

export const DEMO_DEFAULTS = { size: 300, batchSize: 5_000 } as const

/** Smallest network: three clans of at least six persons each. */
export const MINIMUM_SIZE = 30

const PERSONS_PER_CLAN = 100
const MINIMUM_CLANS = 3

/** Largest share of its even size that a clan gives to or takes from its neighbour. */
const CLAN_SIZE_SPREAD = 0.4

export interface DemoSummary {
  nodes: Record<NodeLabel, number>
  relationships: Record<RelationshipType, number>
  /** Number of planted patterns of each kind (distinct `patternId` values). */
  patterns: Record<PlantedPattern, number>
}

/**
 * Streams the demo network in batches. Every relationship's endpoints are in the same
 * batch or an earlier one. Throws a RangeError at once if an option is invalid.
 */
export function generateDemoNetwork(options: DemoOptions): Generator<DemoBatch> {
  const { seed, size, batchSize, namespace } = resolveOptions(options)
  return streamNetwork(seed, size, batchSize, namespace)
}

function* streamNetwork(seed: number, size: number, batchSize: number, namespace: string): Generator<DemoBatch> {
  const records = new RecordBuffer(namespace)
  const network: NetworkState = {
    seed,
    records,
    locationIds: addLocations(records),
    thieves: [],
    notables: [],
    fund: null,
    noticeColours: new Set(),
  }
  const clanCount = Math.max(MINIMUM_CLANS, Math.round(size / PERSONS_PER_CLAN))

  for (let index = 0; index < clanCount; index++) {
    const personCount = clanSize(seed, size, clanCount, index)
    generateClan(network, { index, personCount, clanCount })
    while (records.size >= batchSize) {
      yield records.takeBatch(batchSize)
    }
  }
  plantDuplicates(network)
  while (records.size > 0) {
    yield records.takeBatch(Math.min(batchSize, records.size))
  }
}

/** Counts the records of the demo network by label, type and planted pattern. */
export function summariseDemoNetwork(options: DemoOptions): DemoSummary {
  const summary: DemoSummary = {
    nodes: Object.fromEntries(NODE_LABELS.map((label) => [label, 0])) as Record<NodeLabel, number>,
    relationships: Object.fromEntries(RELATIONSHIP_TYPES.map((type) => [type, 0])) as Record<
      RelationshipType,
      number
    >,
    patterns: Object.fromEntries(PLANTED_PATTERNS.map((pattern) => [pattern, 0])) as Record<
      PlantedPattern,
      number
    >,
  }
  const patternIds = new Set<string>()
  for (const batch of generateDemoNetwork(options)) {
    for (const node of batch.nodes) {
      summary.nodes[node.label] += 1
    }
    for (const relationship of batch.relationships) {
      summary.relationships[relationship.type] += 1
      const { pattern, patternId } = relationship.properties
      if (typeof patternId === 'string' && !patternIds.has(patternId)) {
        patternIds.add(patternId)
        summary.patterns[pattern as PlantedPattern] += 1
      }
    }
  }
  return summary
}

/**
 * Returns the number of persons in clan `index`. Clans start even, then each pair of
 * neighbours moves up to `CLAN_SIZE_SPREAD` of a share from one to the other, so sizes vary
 * while the total stays exactly `size`.
 */
function clanSize(seed: number, size: number, clanCount: number, index: number): number {
  const evenShare = (i: number): number =>
    Math.floor(((i + 1) * size) / clanCount) - Math.floor((i * size) / clanCount)
  const pair = Math.floor(index / 2)
  const first = pair * 2
  if (first + 1 >= clanCount) {
    return evenShare(index)
  }
  const smaller = Math.min(evenShare(first), evenShare(first + 1))
  const shift = Math.floor(smaller * CLAN_SIZE_SPREAD * createRandom(seed, 'clan-size', pair).next())
  return index === first ? evenShare(index) + shift : evenShare(index) - shift
}

function resolveOptions(options: DemoOptions): Required<DemoOptions> {
  const size = options.size ?? DEMO_DEFAULTS.size
  const batchSize = options.batchSize ?? DEMO_DEFAULTS.batchSize
  if (!Number.isSafeInteger(options.seed)) {
    throw new RangeError(`Invalid demo seed ${options.seed}: expected a safe integer`)
  }
  if (!Number.isSafeInteger(size) || size < MINIMUM_SIZE) {
    throw new RangeError(`Invalid demo size ${size}: expected a whole number of persons, at least ${MINIMUM_SIZE}`)
  }
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`Invalid demo batch size ${batchSize}: expected a positive whole number of records`)
  }
  const namespace = options.namespace ?? DEMO_SOURCE
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(namespace)) {
    throw new RangeError(`Invalid demo namespace "${namespace}": expected lower-case letters, digits and hyphens`)
  }
  return { seed: options.seed, size, batchSize, namespace }
}
