/**
 * The viewer benchmark's network: a seeded crime network of exactly `nodes` nodes and
 * `edges` relationships in graphology's serialised shape, the shape that both the import
 * and the API's graph payloads use. People belong to groups and mostly associate, call and
 * meet within their group. Companies, accounts, assets, notices and locations hang off
 * them, and accounts send each other transfers. Endpoints are drawn with a skew towards low
 * indexes, so that degrees are heavy-tailed, as in the seeded demo network.
 */
import { createRandom, type Random } from '../src/demo/random.js'
import type { NodeLabel, RelationshipType } from '../src/model/schema.js'

export interface ViewerNetworkOptions {
  seed: number
  nodes: number
  edges: number
}

export const VIEWER_NETWORK_DEFAULTS = { nodes: 10_000, edges: 50_000 } as const

/** Dataset name of the network, written as the `source` of every record. */
export const VIEWER_NETWORK_SOURCE = 'bench-viewer'

/** Minimum node count at which every label gets at least one node and people remain. */
export const MINIMUM_VIEWER_NODES = 100

interface SerializedNode {
  key: string
  attributes: Record<string, unknown> & { label: NodeLabel; name: string }
}

interface SerializedEdge {
  key: string
  source: string
  target: string
  attributes: Record<string, unknown> & { type: RelationshipType }
}

export interface ViewerNetwork {
  attributes: Record<string, never>
  options: { type: 'directed'; multi: true; allowSelfLoops: false }
  nodes: SerializedNode[]
  edges: SerializedEdge[]
}

/** Share of the nodes per label; people take what the others leave. */
const LABEL_SHARES: [NodeLabel, number][] = [
  ['Location', 0.01],
  ['Group', 0.02],
  ['Fund', 0.002],
  ['Notice', 0.04],
  ['Company', 0.15],
  ['Account', 0.25],
  ['Asset', 0.05],
]

/**
 * Share of the relationships per type. `MEMBER_OF` is one per person and `HOLDS` one per
 * account, and `LOCATED_IN` takes what is left.
 */
const TYPE_SHARES: [RelationshipType, number][] = [
  ['CROWNED_BY', 0.002],
  ['ASSOCIATE_OF', 0.24],
  ['CALLED', 0.16],
  ['MET', 0.08],
  ['CONTROLS', 0.03],
  ['OWNS', 0.04],
  ['MANAGES', 0.02],
  ['TRANSFER', 0.2],
  ['SUBJECT_OF', 0.008],
  ['OPERATES_IN', 0.004],
]

/** Share of a person's associations, calls and meetings that stay within their group. */
const IN_GROUP_SHARE = 0.8

const COUNTRIES = ['GE', 'RU', 'UA', 'AM', 'AZ', 'KZ', 'ES', 'DE', 'IT', 'AE', 'CY', 'LV']
const STATUSES = ['thief-in-law', 'authority', 'member', 'associate', 'unknown'] as const
const CURRENCIES = ['EUR', 'USD', 'RUB', 'GEL', 'AED']

export function generateViewerNetwork(options: ViewerNetworkOptions): ViewerNetwork {
  const random = createRandom(options.seed, 'viewer-network')
  const builder = new NetworkBuilder(random)

  const ids = new Map<NodeLabel, string[]>()
  let placed = 0
  for (const [label, share] of LABEL_SHARES) {
    const count = Math.max(1, Math.round(options.nodes * share))
    ids.set(label, builder.addNodes(label, count))
    placed += count
  }
  const personCount = options.nodes - placed
  if (personCount < 2) {
    throw new RangeError(`Invalid node count ${options.nodes}: expected at least ${MINIMUM_VIEWER_NODES}`)
  }
  const persons = builder.addNodes('Person', personCount)
  const of = (label: NodeLabel) => ids.get(label) ?? []

  // Each person belongs to one group, drawn with the skew, so a few groups are large.
  const groups = of('Group')
  const groupOf = persons.map(() => builder.skewedIndex(groups.length))
  const membersOf = groups.map(() => [] as number[])
  persons.forEach((person, index) => {
    const group = groupOf[index] ?? 0
    membersOf[group]?.push(index)
    builder.addEdge('MEMBER_OF', person, groups[group] ?? person, { since: builder.date() })
  })
  const accounts = of('Account')
  const holders = [...persons, ...of('Company')]
  for (const account of accounts) builder.addEdge('HOLDS', builder.pick(holders), account, {})

  const fixed = builder.edgeCount
  if (fixed > options.edges) {
    throw new RangeError(`Invalid edge count ${options.edges}: the ${options.nodes} nodes need at least ${fixed}`)
  }
  const fellowOf = (index: number): string => {
    const members = membersOf[groupOf[index] ?? 0] ?? []
    const fellow = members.length > 1 && random.chance(IN_GROUP_SHARE) ? builder.pick(members) : builder.skewedIndex(persons.length)
    return persons[fellow] ?? persons[0] ?? ''
  }
  const personPair = (): [string, string] => {
    const index = builder.skewedIndex(persons.length)
    return [persons[index] ?? '', fellowOf(index)]
  }

  for (const [type, share] of TYPE_SHARES) {
    const count = Math.round(options.edges * share)
    for (let i = 0; i < count; i++) {
      switch (type) {
        case 'CROWNED_BY':
        case 'ASSOCIATE_OF':
          builder.addEdge(type, ...personPair(), {})
          break
        case 'CALLED':
        case 'MET':
          builder.addEdge(type, ...personPair(), { count: random.integer(1, 40) })
          break
        case 'CONTROLS':
        case 'MANAGES':
          builder.addEdge(type, builder.pickSkewed(persons), builder.pickSkewed(of('Company')), { since: builder.date() })
          break
        case 'OWNS': {
          const target = random.chance(0.6) ? builder.pickSkewed(of('Company')) : builder.pickSkewed(of('Asset'))
          builder.addEdge(type, builder.pickSkewed(holders), target, { share: random.integer(1, 100) / 100 })
          break
        }
        case 'TRANSFER':
          builder.addEdge(type, builder.pickSkewed(accounts), builder.pickSkewed(accounts), {
            amount: (random.integer(10_000, 5_000_000) / 100).toFixed(2),
            currency: builder.pick(CURRENCIES),
            'date:date': builder.date(),
          })
          break
        case 'SUBJECT_OF':
          builder.addEdge(type, builder.pickSkewed(persons), builder.pick(of('Notice')), {})
          break
        default:
          builder.addEdge(type, builder.pick(groups), builder.pick(of('Location')), {})
      }
    }
  }
  const located = [...persons, ...of('Company')]
  while (builder.edgeCount < options.edges) {
    builder.addEdge('LOCATED_IN', builder.pick(located), builder.pickSkewed(of('Location')), {})
  }

  return {
    attributes: {},
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    nodes: builder.nodes,
    edges: builder.edges.slice(0, options.edges),
  }
}

class NetworkBuilder {
  readonly nodes: SerializedNode[] = []
  readonly edges: SerializedEdge[] = []

  constructor(private readonly random: Random) {}

  get edgeCount(): number {
    return this.edges.length
  }

  addNodes(label: NodeLabel, count: number): string[] {
    const keys: string[] = []
    for (let i = 0; i < count; i++) {
      const number = this.nodes.length + 1
      const key = `${VIEWER_NETWORK_SOURCE}:n${String(number).padStart(6, '0')}`
      this.nodes.push({ key, attributes: { label, name: `${label} ${number}`, ...this.nodeProperties(label) } })
      keys.push(key)
    }
    return keys
  }

  /** Adds a relationship unless it would be a self-loop, which a drawing shows as nothing. */
  addEdge(type: RelationshipType, source: string, target: string, properties: Record<string, unknown>): void {
    if (source === target || source === '' || target === '') return
    const key = `${VIEWER_NETWORK_SOURCE}:e${String(this.edges.length + 1).padStart(6, '0')}`
    this.edges.push({ key, source, target, attributes: { type, ...properties } })
  }

  pick<T>(items: readonly T[]): T {
    return this.random.pick(items)
  }

  pickSkewed<T>(items: readonly T[]): T {
    const item = items[this.skewedIndex(items.length)]
    if (item === undefined) throw new RangeError('Cannot pick from an empty list')
    return item
  }

  /** Returns an index below `length`, low indexes far more often than high ones. */
  skewedIndex(length: number): number {
    return Math.min(length - 1, Math.floor(length * this.random.next() ** 3))
  }

  /** Returns a calendar date from 2015 to 2024 as `YYYY-MM-DD`. */
  date(): string {
    const day = new Date(Date.UTC(2015, 0, 1) + this.random.integer(0, 3651) * 86_400_000)
    return day.toISOString().slice(0, 10)
  }

  private nodeProperties(label: NodeLabel): Record<string, unknown> {
    switch (label) {
      case 'Person':
        return { status: this.pick(STATUSES), nationality: this.pick(COUNTRIES) }
      case 'Company':
      case 'Location':
        return { country: this.pick(COUNTRIES) }
      case 'Account':
        return { iban: `${this.pick(COUNTRIES)}${this.random.digits(12)}` }
      default:
        return {}
    }
  }
}
