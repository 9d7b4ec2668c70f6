/**
 * Money trails: where money from a start went and came to rest (`direction: 'out'`), or
 * where money that reached a target came from (`direction: 'in'`). Builds the time-ordered
 * trail, prices every transfer in one reporting currency with dated rates, attributes the
 * money pro rata, and ranks the heaviest paths.
 */
import type { Viewer } from '../data/database.js'
import type { MoneyRepository, OutsideTotal, TrailRecords } from '../data/repositories/money.js'
import type { EntityRecord } from '../data/records.js'
import { invalidParameter, notFound } from '../errors.js'
import type { SerializedGraph } from '../model/graph-payload.js'
import { formatAmount, MoneyError, parseAmount } from '../model/money.js'
import { attribute, type Attribution, type FlowTransfer, type OutsideFlow } from '../money/attribution.js'
import type { CalendarDuration } from '../money/duration.js'
import { heaviestPaths } from '../money/paths.js'
import type { RateTable } from '../money/rates.js'
import { followTrail, type Direction, type Trail, type Transfer } from '../money/trail.js'

export const ATTRIBUTION_RULE = {
  name: 'pro-rata',
  text:
    'Each node keeps a balance of the money seen entering it, and a transfer out of a node carries the mix of ' +
    'what entered it before that date. Of x sent from a balance B that contains c from an origin, x × c / B ' +
    'comes from that origin, rounded down to the minor unit, and the sender keeps the remainder. Within a day, ' +
    'money entering comes before money leaving. Money a node sends beyond what it was seen to receive comes from ' +
    'outside the data. Forward, everything the start sends is traced. Backward, each node is the origin of the ' +
    'money that entered the trail at it.',
} as const

export interface TraceQuery {
  from: string
  direction: Direction
  maxHops: number
  since: string | null
  until: string | null
  minAmount: string | null
  maxGap: CalendarDuration | null
  currency: string | null
  holders: boolean
  paths: number
  maxTransfers: number
  /** A node with more transfers than this to follow is a hub where the trail stops; null follows all. */
  hubSize: number | null
  /** Nodes the trail enters but does not leave; none unless a caller such as flows sets them. */
  sinks?: readonly string[]
}

export type EndpointStop =
  | 'only-receives'
  | 'no-later-transfer'
  | 'kept'
  | 'returned-to-start'
  | 'hop-limit'
  | 'trail-limit'
  | 'hub'
  | 'not-followed'
  | 'no-earlier-transfer'
  | 'outside-the-trail'
  | 'own-funds'

export interface Endpoint {
  id: string
  label: string
  name: string
  amount: string
  /** Fraction of the trail's total, 0 to 1. */
  share: number
  stop: EndpointStop
  /** The account holder, when the endpoint is an account and has one. */
  holder: { id: string; label: string; name: string } | null
}

export interface TracedAsset {
  id: string
  name: string
  kind: string | null
  value: string | null
  currency: string | null
  acquiredOn: string
  /** The node itself, or the holder of the account `via`. */
  owner: string
  /** The trail's node that received the traced money, and the first day it did. */
  via: string
  reachedOn: string
}

export interface TracePath {
  nodes: string[]
  transfers: string[]
  hops: number
  amount: string
  firstDate: string
  lastDate: string
}

export interface TraceResult {
  from: string
  direction: Direction
  currency: string | null
  rule: typeof ATTRIBUTION_RULE
  total: string | null
  endpoints: Endpoint[]
  paths: TracePath[]
  graph: SerializedGraph
  /** Assets bought after traced money arrived, by a node of the trail or an account's holder. Forward only. */
  assets: TracedAsset[]
  unconverted: { id: string; amount: string; currency: string; date: string }[]
  counts: {
    transfers: number
    nodes: number
    excluded: number
    internal: number
    unconverted: number
    unconvertedOutside: number
  }
  truncated: boolean
  /**
   * Number of hops the trail contains in full: `maxHops`, or fewer when the next level passed
   * `maxTransfers`.
   */
  completeHops: number
  pathsComplete: boolean
}

interface Analysis {
  trail: Trail
  starts: Set<string>
  nodeIds: string[]
  currency: string | null
  priced: Map<string, bigint | null>
  unconverted: TraceResult['unconverted']
  unconvertedCount: number
  unconvertedOutside: number
  outsideTotals: OutsideTotal[]
  attribution: Attribution
  /** The trail's records for its payload, when the caller asked for them. */
  records: TrailRecords | null
}

/** Maximum partial paths the path ranking examines. Past it the trace reports `pathsComplete: false`. */
const MAX_PATH_STEPS = 50_000
/** Maximum assets listed in a trace. */
const MAX_ASSETS_LISTED = 200

/** Maximum unconverted transfers listed one by one. `counts.unconverted` counts them all. */
const MAX_UNCONVERTED_LISTED = 200

export function createMoneyService(repository: MoneyRepository, rates: RateTable) {
  /**
   * Builds, prices and attributes a trail. This is the part of a trace that flows reuse.
   * Throws 404 when the start entity is not found, and 400 for minAmount without currency.
   */
  async function analyse(query: TraceQuery, viewer: Viewer, withRecords = false): Promise<Analysis> {
    const start = await repository.starts(query.from, viewer)
    if (start === null) {
      throw notFound('Entity', query.from)
    }
    if (query.minAmount !== null && query.currency === null) {
      throw invalidParameter('currency', undefined, 'an ISO 4217 currency code such as EUR, required with minAmount')
    }
    const minimum = query.minAmount === null ? null : amountIn(query.minAmount, query.currency as string, 'minAmount')
    const price = pricer(rates)
    const accept =
      minimum === null
        ? undefined
        : (transfer: Transfer) => {
            const minor = price(transfer, query.currency as string)
            return minor === null || minor >= minimum
          }

    const trail = await followTrail(
      {
        starts: start.nodes,
        direction: query.direction,
        maxHops: query.maxHops,
        since: query.since,
        until: query.until,
        maxGap: query.maxGap,
        maxTransfers: query.maxTransfers,
        accept,
        sinks: query.sinks,
        hubSize: query.hubSize,
      },
      (requests, direction, options) => repository.transfers(requests, direction, options, viewer),
    )
    const currency = query.currency ?? mostCommonCurrency(trail.transfers.filter((transfer) => transfer.hop === 1))
    const starts = new Set(start.nodes)
    const nodeIds = trailNodes(starts, trail)

    const priced = new Map<string, bigint | null>()
    const unconverted: TraceResult['unconverted'] = []
    let unconvertedCount = 0
    for (const transfer of trail.transfers) {
      const minor = currency === null ? null : price(transfer, currency)
      priced.set(transfer.id, minor)
      if (minor === null) {
        unconvertedCount += 1
        if (unconverted.length < MAX_UNCONVERTED_LISTED) {
          unconverted.push({
            id: transfer.id,
            amount: formatAmount(transfer.amountMinor, transfer.currency),
            currency: transfer.currency,
            date: transfer.date,
          })
        }
      }
    }

    // A balance matters only where a node passes money on along the trail. Without filters,
    // a node the trail reached but never left keeps what came: its later transfers would have
    // been followed. With filters, transfers left out may carry the money off, so every node
    // the trail looked past needs its balance.
    const senders = new Set(trail.transfers.map((transfer) => transfer.from))
    const filtered = query.minAmount !== null || query.maxGap !== null
    const outsideNodes = nodeIds.filter(
      (id) =>
        !trail.frontier.has(id) &&
        (filtered || senders.has(id)) &&
        (query.direction === 'in' || !starts.has(id)),
    )
    // The payload's records do not depend on the totals, so both reads run at once.
    const [dailyTotals, records] = await Promise.all([
      repository.dailyTotals(outsideNodes, { since: query.since, until: query.until }, viewer),
      withRecords ? repository.trailRecords(nodeIds, trail.transfers.map((transfer) => transfer.id), viewer) : null,
    ])
    const outsideTotals = withoutTrail(dailyTotals, trail.transfers)
    const outside: OutsideFlow[] = []
    let unconvertedOutside = 0
    for (const total of outsideTotals) {
      const converted = currency === null ? null : convertTotal(rates, total, currency)
      if (converted === null) {
        unconvertedOutside += total.transfers
      } else {
        outside.push({ node: total.node, date: total.date, direction: total.leaving ? 'out' : 'in', minor: converted })
      }
    }

    const flows: FlowTransfer[] = []
    for (const transfer of trail.transfers) {
      const minor = priced.get(transfer.id)
      if (minor !== null && minor !== undefined) {
        flows.push({ id: transfer.id, from: transfer.from, to: transfer.to, date: transfer.date, hop: transfer.hop, minor })
      }
    }
    const attribution = attribute(query.direction, starts, flows, outside)
    return {
      trail,
      starts,
      nodeIds,
      currency,
      priced,
      unconverted,
      unconvertedCount,
      unconvertedOutside,
      outsideTotals,
      attribution,
      records,
    }
  }

  /** Traces a trail and returns its endpoints, heaviest paths and graph payload. */
  async function trace(query: TraceQuery, viewer: Viewer): Promise<TraceResult> {
    const analysis = await analyse(query, viewer, true)
    const { trail, starts, nodeIds, currency, priced, unconverted, unconvertedOutside, outsideTotals, attribution } =
      analysis
    const records = analysis.records as TrailRecords
    const format = (minor: bigint): string => formatAmount(minor, currency as string)
    const activity = nodeActivity(trail, outsideTotals)

    const amounts = new Map<string, { minor: bigint; stop: EndpointStop }[]>()
    const note = (id: string, minor: bigint, stop: EndpointStop): void => {
      if (minor > 0n) {
        amounts.set(id, [...(amounts.get(id) ?? []), { minor, stop }])
      }
    }
    const frontierStop = (id: string): EndpointStop => {
      if (trail.hubs.has(id)) {
        return 'hub'
      }
      return trail.truncated ? 'trail-limit' : 'hop-limit'
    }
    if (query.direction === 'out') {
      for (const [id, minor] of attribution.retained) {
        note(id, minor, trail.frontier.has(id) ? frontierStop(id) : forwardStop(id, activity, records.senders))
      }
      for (const [id, minor] of attribution.carriedOff) {
        note(id, minor, trail.levels.get(id) === query.maxHops ? 'hop-limit' : 'not-followed')
      }
      note(query.from, attribution.returned, 'returned-to-start')
    } else {
      for (const [id, minor] of attribution.origins) {
        note(id, minor, trail.frontier.has(id) ? frontierStop(id) : backwardStop(id, starts, trail, activity, query.maxHops))
      }
    }

    const endpoints = collectEndpoints(amounts, records, query.holders, attribution.total, format)
    const assets = query.direction === 'out' ? await acquiredAssets(trail, starts, attribution, viewer) : []
    const rests = new Map<string, bigint>()
    for (const [id, parts] of amounts) {
      if (!starts.has(id)) {
        rests.set(id, parts.reduce((total, part) => total + part.minor, 0n))
      }
    }
    const ranked = heaviestPaths(
      trail.transfers.map((transfer) => ({ ...transfer, minor: priced.get(transfer.id) ?? null })),
      {
        direction: query.direction,
        starts,
        rests,
        maxGap: query.maxGap,
        limit: query.paths,
        maxSteps: MAX_PATH_STEPS,
      },
    )

    const graph = records.graph
    const hops = new Map(trail.transfers.map((transfer) => [transfer.id, transfer.hop]))
    for (const edge of graph.edges) {
      const minor = priced.get(edge.key)
      edge.attributes.hop = hops.get(edge.key) ?? null
      edge.attributes.converted = minor === null || minor === undefined ? null : format(minor)
      const carried = attribution.carried.get(edge.key)
      edge.attributes.traced = carried === undefined ? null : format(carried)
    }
    for (const node of graph.nodes) {
      node.attributes.hop = starts.has(node.key) ? 0 : (trail.levels.get(node.key) ?? null)
      node.attributes.holder = records.holders.get(node.key)?.id ?? null
    }

    return {
      from: query.from,
      direction: query.direction,
      currency,
      rule: ATTRIBUTION_RULE,
      total: currency === null ? null : format(attribution.total),
      endpoints,
      paths: ranked.paths.map((path) => ({
        nodes: query.holders ? path.nodes.map((id) => records.holders.get(id)?.id ?? id) : path.nodes,
        transfers: path.transfers,
        hops: path.transfers.length,
        amount: format(path.minor),
        firstDate: path.firstDate,
        lastDate: path.lastDate,
      })),
      graph: query.holders ? collapseToHolders(graph, records) : graph,
      assets,
      unconverted,
      counts: {
        transfers: trail.transfers.length,
        nodes: nodeIds.length,
        excluded: trail.excluded,
        internal: trail.internal,
        unconverted: analysis.unconvertedCount,
        unconvertedOutside,
      },
      truncated: trail.truncated,
      completeHops: trail.completeHops,
      pathsComplete: ranked.complete,
    }
  }

  /**
   * Lists the assets that nodes of a forward trail, or the holders of its accounts, acquired
   * on or after the first day traced money reached them.
   */
  async function acquiredAssets(
    trail: Trail,
    starts: ReadonlySet<string>,
    attribution: Attribution,
    viewer: Viewer,
  ): Promise<TracedAsset[]> {
    const reachedOn = new Map<string, string>()
    for (const transfer of trail.transfers) {
      const carried = attribution.carried.get(transfer.id) ?? 0n
      const known = reachedOn.get(transfer.to)
      if (carried > 0n && !starts.has(transfer.to) && (known === undefined || transfer.date < known)) {
        reachedOn.set(transfer.to, transfer.date)
      }
    }
    const found = await repository.assetsAcquired(
      [...reachedOn].map(([node, from]) => ({ node, from })),
      MAX_ASSETS_LISTED,
      viewer,
    )
    return found.map(({ asset, owner, via, acquiredOn }) => ({
      id: asset.id,
      name: asset.name,
      kind: typeof asset.properties.kind === 'string' ? asset.properties.kind : null,
      value: typeof asset.properties.value === 'string' ? asset.properties.value : null,
      currency: typeof asset.properties.currency === 'string' ? asset.properties.currency : null,
      acquiredOn,
      owner,
      via,
      reachedOn: reachedOn.get(via) as string,
    }))
  }

  return { analyse, trace }
}

export type MoneyService = ReturnType<typeof createMoneyService>

/**
 * Converts a decimal request amount into minor units of `currency`. Throws a 400 error that
 * names `parameter` when the amount is invalid in that currency, for example has too many decimals.
 */
export function amountIn(text: string, currency: string, parameter: string): bigint {
  try {
    return parseAmount(text, currency).minor
  } catch (error) {
    if (error instanceof MoneyError) {
      throw invalidParameter(parameter, text, `an amount in ${currency} (${error.message})`)
    }
    throw error
  }
}

/**
 * Takes the trail's own transfers out of daily totals, leaving the money each node moved by
 * other transfers. Totals left with no transfer are dropped.
 */
export function withoutTrail(totals: readonly OutsideTotal[], trail: readonly Transfer[]): OutsideTotal[] {
  const key = (node: string, leaving: boolean, date: string, currency: string): string =>
    `${node}\u0000${leaving ? 'out' : 'in'}\u0000${date}\u0000${currency}`
  const byKey = new Map<string, OutsideTotal>()
  for (const total of totals) {
    byKey.set(key(total.node, total.leaving, total.date, total.currency), { ...total })
  }
  for (const transfer of trail) {
    const ends: [string, boolean][] = [
      [transfer.from, true],
      [transfer.to, false],
    ]
    for (const [node, leaving] of ends) {
      const total = byKey.get(key(node, leaving, transfer.date, transfer.currency))
      if (total !== undefined) {
        total.minor -= transfer.amountMinor
        total.transfers -= 1
      }
    }
  }
  return [...byKey.values()].filter((total) => total.transfers > 0)
}

/**
 * Returns a function that converts a transfer into a currency, or returns null when no rate
 * applies. Each result is cached per transfer and currency.
 */
export function pricer(rates: RateTable) {
  const cache = new Map<string, bigint | null>()
  return (transfer: Transfer, currency: string): bigint | null => {
    const key = `${transfer.id}\u0000${currency}`
    if (!cache.has(key)) {
      cache.set(key, rates.convert(transfer.amountMinor, transfer.currency, currency, transfer.date)?.minor ?? null)
    }
    return cache.get(key) as bigint | null
  }
}

function convertTotal(rates: RateTable, total: OutsideTotal, currency: string): bigint | null {
  return rates.convert(total.minor, total.currency, currency, total.date)?.minor ?? null
}

/** Returns the currency most of `transfers` use, the code first in order on a tie, or null for none. */
export function mostCommonCurrency(transfers: Iterable<{ currency: string }>): string | null {
  const counts = new Map<string, number>()
  for (const transfer of transfers) {
    counts.set(transfer.currency, (counts.get(transfer.currency) ?? 0) + 1)
  }
  let best: string | null = null
  let bestCount = 0
  for (const [currency, count] of counts) {
    if (best === null || count > bestCount || (count === bestCount && currency < best)) {
      best = currency
      bestCount = count
    }
  }
  return best
}

function trailNodes(starts: ReadonlySet<string>, trail: Trail): string[] {
  const ids = new Set(starts)
  for (const transfer of trail.transfers) {
    ids.add(transfer.from)
    ids.add(transfer.to)
  }
  return [...ids]
}

interface Activity {
  /** Earliest date money reached the node through the trail. */
  firstIn: Map<string, string>
  /** Last date the node sent money, through the trail or outside it. */
  lastOut: Map<string, string>
  /** Earliest date the node received money, through the trail or outside it. */
  firstAnyIn: Map<string, string>
}

function nodeActivity(trail: Trail, outside: readonly OutsideTotal[]): Activity {
  const activity: Activity = { firstIn: new Map(), lastOut: new Map(), firstAnyIn: new Map() }
  const earliest = (map: Map<string, string>, id: string, date: string): void => {
    const known = map.get(id)
    if (known === undefined || date < known) {
      map.set(id, date)
    }
  }
  const latest = (map: Map<string, string>, id: string, date: string): void => {
    const known = map.get(id)
    if (known === undefined || date > known) {
      map.set(id, date)
    }
  }
  for (const transfer of trail.transfers) {
    earliest(activity.firstIn, transfer.to, transfer.date)
    earliest(activity.firstAnyIn, transfer.to, transfer.date)
    latest(activity.lastOut, transfer.from, transfer.date)
  }
  for (const total of outside) {
    if (total.leaving) {
      latest(activity.lastOut, total.node, total.date)
    } else {
      earliest(activity.firstAnyIn, total.node, total.date)
    }
  }
  return activity
}

/**
 * Returns why traced money stopped at a node on a forward trail. Where the trail read no
 * daily totals for a node, `senders` separates a node that never sends from one that sent
 * only before the money came.
 */
function forwardStop(id: string, activity: Activity, senders: ReadonlySet<string>): EndpointStop {
  const lastOut = activity.lastOut.get(id)
  if (lastOut === undefined) {
    return senders.has(id) ? 'no-later-transfer' : 'only-receives'
  }
  const firstIn = activity.firstIn.get(id)
  if (firstIn !== undefined && lastOut < firstIn) {
    return 'no-later-transfer'
  }
  return 'kept'
}

/** Returns why a backward trail stopped at an origin of the money. */
function backwardStop(
  id: string,
  starts: ReadonlySet<string>,
  trail: Trail,
  activity: Activity,
  maxHops: number,
): EndpointStop {
  if (starts.has(id)) {
    return 'own-funds'
  }
  if (trail.levels.get(id) === maxHops) {
    return 'hop-limit'
  }
  const firstIn = activity.firstAnyIn.get(id)
  if (firstIn === undefined) {
    return 'no-earlier-transfer'
  }
  const lastOut = activity.lastOut.get(id)
  if (lastOut !== undefined && firstIn > lastOut) {
    return 'no-earlier-transfer'
  }
  return 'outside-the-trail'
}

/**
 * Merges the amounts per node and stop (per holder and stop with `byHolder`) into endpoints,
 * largest amount first, then by id.
 */
function collectEndpoints(
  amounts: Map<string, { minor: bigint; stop: EndpointStop }[]>,
  records: { entities: Map<string, EntityRecord>; holders: Map<string, EntityRecord> },
  byHolder: boolean,
  total: bigint,
  format: (minor: bigint) => string,
): Endpoint[] {
  const merged = new Map<string, { entity: EntityRecord | undefined; id: string; minor: bigint; stop: EndpointStop; holder: EntityRecord | undefined }>()
  for (const [id, parts] of amounts) {
    const holder = records.holders.get(id)
    for (const part of parts) {
      const key = byHolder && holder !== undefined ? `${holder.id}\u0000${part.stop}` : `${id}\u0000${part.stop}`
      const known = merged.get(key)
      if (known === undefined) {
        const entity = byHolder && holder !== undefined ? holder : records.entities.get(id)
        merged.set(key, {
          entity,
          id: entity?.id ?? id,
          minor: part.minor,
          stop: part.stop,
          holder: byHolder ? undefined : holder,
        })
      } else {
        known.minor += part.minor
      }
    }
  }
  return [...merged.values()]
    .sort(compareEndpoints)
    .map((item) => ({
      id: item.id,
      label: item.entity?.label ?? 'Entity',
      name: item.entity?.name ?? item.id,
      amount: format(item.minor),
      share: total === 0n ? 0 : Number((item.minor * 1_000_000n) / total) / 1_000_000,
      stop: item.stop,
      holder: item.holder === undefined ? null : { id: item.holder.id, label: item.holder.label, name: item.holder.name },
    }))
}

/**
 * Replaces each account by its holder in the graph payload. Transfers between the accounts
 * of one holder become self-loops.
 */
function collapseToHolders(
  graph: SerializedGraph,
  records: { entities: Map<string, EntityRecord>; holders: Map<string, EntityRecord> },
): SerializedGraph {
  const target = (id: string): string => records.holders.get(id)?.id ?? id
  const nodes = new Map<string, SerializedGraph['nodes'][number]>()
  for (const node of graph.nodes) {
    const holder = records.holders.get(node.key)
    if (holder === undefined) {
      nodes.set(node.key, node)
    } else if (!nodes.has(holder.id)) {
      nodes.set(holder.id, {
        key: holder.id,
        attributes: { ...holder.properties, label: holder.label, name: holder.name, source: holder.provenance.source },
      })
    }
  }
  return {
    ...graph,
    nodes: [...nodes.values()],
    edges: graph.edges.map((edge) => ({
      ...edge,
      source: target(edge.source),
      target: target(edge.target),
      attributes: { ...edge.attributes, fromAccount: edge.source, toAccount: edge.target },
    })),
  }
}


/** Orders endpoints by amount, largest first, then by id. */
function compareEndpoints(a: { minor: bigint; id: string }, b: { minor: bigint; id: string }): number {
  if (a.minor !== b.minor) {
    return a.minor > b.minor ? -1 : 1
  }
  if (a.id === b.id) {
    return 0
  }
  return a.id < b.id ? -1 : 1
}
