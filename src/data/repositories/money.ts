/**
 * Read access for money tracing. It reads transfers by node and date range, transfers within
 * an amount band, and direct transfers between two sets of nodes. It also sums the other
 * transfers of a trail's nodes per day, and reads the accounts an entity holds and a trail's
 * records for its graph payload. Every statement returns only rows visible to the viewer.
 */
import neo4j, { type Integer, type Node, type Record as Neo4jRecord, type Relationship } from 'neo4j-driver'

import type { SerializedGraph } from '../../model/graph-payload.js'
import type { CycleRequest } from '../../money/cycles.js'
import type { Direction, FetchedTransfers, RangeRequest, Transfer } from '../../money/trail.js'
import type { Database, Viewer } from '../database.js'
import { nodeToEntity, toGraphPayload, type EntityRecord } from '../records.js'
import { isoDateToNeo4j } from '../values.js'

export interface StartNodes {
  id: string
  label: string
  /** Ids of the entity itself and of the accounts it holds. */
  nodes: string[]
}

/** Sum of the transfers of one node on one day in one currency that are not part of the trail. */
export interface OutsideTotal {
  node: string
  leaving: boolean
  date: string
  currency: string
  minor: bigint
  transfers: number
}

/** An asset that a node of the trail, or an account's holder, acquired after the money came. */
export interface AcquiredAsset {
  asset: EntityRecord
  /** The owner: the node itself or the holder of the account `via`. */
  owner: string
  /** The trail's node through which the owner received the traced money. */
  via: string
  acquiredOn: string
}

export interface TrailRecords {
  graph: SerializedGraph
  entities: Map<string, EntityRecord>
  /** Holder of each account that has one, by account id. */
  holders: Map<string, EntityRecord>
  /** Nodes that send at least one visible transfer, on any date. */
  senders: Set<string>
}

export function createMoneyRepository(database: Database) {
  return {
    /** Returns the entity and the accounts it holds, or null when the entity is not found. */
    async starts(id: string, viewer: Viewer): Promise<StartNodes | null> {
      const result = await database.read('money/starts', { id }, viewer)
      const record = result.records[0]
      if (record === undefined) {
        return null
      }
      const accounts = record.get('accounts') as string[]
      return { id, label: record.get('label') as string, nodes: [id, ...accounts.filter((account) => account !== id)] }
    },

    /**
     * Returns the transfers of each node in its date range, at most `limit` of them. With
     * `most` set, a node with more transfers than that in the direction is named in `hubs`
     * and its transfers are not read.
     */
    async transfers(
      requests: RangeRequest[],
      direction: Direction,
      options: { limit: number; most: number | null },
      viewer: Viewer,
    ): Promise<FetchedTransfers> {
      let hubs: string[] = []
      if (options.most !== null) {
        const nodes = [...new Set(requests.map((request) => request.node))]
        const found = await database.read(
          direction === 'out' ? 'money/hubs-out' : 'money/hubs-in',
          { nodes, most: neo4j.int(options.most), take: neo4j.int(options.most + 1) },
          viewer,
        )
        hubs = found.records.map((record) => record.get('id') as string)
      }
      const skipped = new Set(hubs)
      const followed = requests.filter((request) => !skipped.has(request.node))
      if (followed.length === 0) {
        return { transfers: [], hubs }
      }
      const result = await database.read(
        direction === 'out' ? 'money/transfers-out' : 'money/transfers-in',
        {
          requests: followed.map((request) => ({
            node: request.node,
            from: request.from === null ? null : isoDateToNeo4j(request.from),
            to: request.to === null ? null : isoDateToNeo4j(request.to),
          })),
          limit: neo4j.int(options.limit),
        },
        viewer,
      )
      // The statement reads in no particular order, so the order is fixed here.
      const transfers = result.records.map(toTransfer).sort(byDateThenId)
      return { transfers, hubs }
    },

    /** Returns the transfers that leave each node in a currency, from a date, within an amount band. */
    async bandTransfers(requests: CycleRequest[], until: string | null, limit: number, viewer: Viewer): Promise<Transfer[]> {
      const result = await database.read(
        'money/band-out',
        {
          requests: requests.map((request) => ({
            node: request.node,
            currency: request.currency,
            from: isoDateToNeo4j(request.from),
            low: neo4j.int(request.low.toString()),
            high: neo4j.int(request.high.toString()),
          })),
          until: until === null ? null : isoDateToNeo4j(until),
          limit: neo4j.int(limit),
        },
        viewer,
      )
      return result.records.map(toTransfer)
    },

    async directTransfers(
      from: string[],
      to: string[],
      window: { since: string | null; until: string | null },
      limit: number,
      viewer: Viewer,
    ): Promise<Transfer[]> {
      const result = await database.read(
        'money/direct-between',
        {
          from,
          to,
          since: window.since === null ? null : isoDateToNeo4j(window.since),
          until: window.until === null ? null : isoDateToNeo4j(window.until),
          limit: neo4j.int(limit),
        },
        viewer,
      )
      return result.records.map(toTransfer)
    },

    /**
     * Returns the assets each node, or the holder of each account, came to own on or after
     * the given day, earliest first.
     */
    async assetsAcquired(reached: { node: string; from: string }[], limit: number, viewer: Viewer): Promise<AcquiredAsset[]> {
      if (reached.length === 0) {
        return []
      }
      const result = await database.read(
        'money/assets',
        {
          reached: reached.map((item) => ({ node: item.node, from: isoDateToNeo4j(item.from) })),
          limit: neo4j.int(limit),
        },
        viewer,
      )
      return result.records.map((record) => ({
        asset: nodeToEntity(record.get('asset') as Node),
        owner: record.get('owner') as string,
        via: record.get('via') as string,
        acquiredOn: String(record.get('acquiredOn')),
      }))
    },

    /** Sums every transfer of each node per day, direction and currency, the trail's included. */
    async dailyTotals(
      nodes: string[],
      window: { since: string | null; until: string | null },
      viewer: Viewer,
    ): Promise<OutsideTotal[]> {
      if (nodes.length === 0) {
        return []
      }
      const result = await database.read(
        'money/outside-flows',
        {
          nodes,
          since: window.since === null ? null : isoDateToNeo4j(window.since),
          until: window.until === null ? null : isoDateToNeo4j(window.until),
        },
        viewer,
      )
      return result.records.map((record) => ({
        node: record.get('node') as string,
        leaving: record.get('leaving') as boolean,
        date: String(record.get('date')),
        currency: String(record.get('currency')),
        minor: toBigInt(record.get('minor')),
        transfers: (record.get('transfers') as Integer).toNumber(),
      }))
    },

    async trailRecords(nodeIds: string[], transferIds: string[], viewer: Viewer): Promise<TrailRecords> {
      const [members, transfers] = await Promise.all([
        database.read('money/members', { ids: nodeIds }, viewer),
        database.read('money/transfers-by-id', { ids: transferIds }, viewer),
      ])
      const record = members.records[0]
      const nodes = (record?.get('nodes') as Node[] | undefined) ?? []
      const holderNodes = (record?.get('holders') as Node[] | undefined) ?? []
      const pairs = (record?.get('pairs') as [string, string][] | undefined) ?? []
      const senders = new Set((record?.get('senders') as string[] | undefined) ?? [])
      const relationships = transfers.records.map((row) => row.get('transfer') as Relationship)

      const entities = new Map<string, EntityRecord>()
      for (const node of [...nodes, ...holderNodes]) {
        const entity = nodeToEntity(node)
        entities.set(entity.id, entity)
      }
      const holders = new Map<string, EntityRecord>()
      for (const [account, holder] of pairs) {
        const entity = entities.get(holder)
        if (entity !== undefined) {
          holders.set(account, entity)
        }
      }
      return { graph: toGraphPayload(nodes, relationships), entities, holders, senders }
    },
  }
}

export type MoneyRepository = ReturnType<typeof createMoneyRepository>

function byDateThenId(a: Transfer, b: Transfer): number {
  if (a.date !== b.date) {
    return a.date < b.date ? -1 : 1
  }
  if (a.id === b.id) {
    return 0
  }
  return a.id < b.id ? -1 : 1
}

function toTransfer(record: Neo4jRecord): Transfer {
  return {
    id: String(record.get('id')),
    from: record.get('from') as string,
    to: record.get('to') as string,
    date: String(record.get('date')),
    amountMinor: toBigInt(record.get('amountMinor')),
    currency: String(record.get('currency')),
  }
}

function toBigInt(value: unknown): bigint {
  if (neo4j.isInt(value)) {
    return BigInt((value as Integer).toString())
  }
  if (typeof value === 'bigint') {
    return value
  }
  return BigInt(Math.trunc(Number(value)))
}
