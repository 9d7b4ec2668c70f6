/**
 * The money-trail benchmark network: a seeded, deterministic stream of bank accounts, a few
 * holders and transfers between the accounts, in the record shapes that the import reads,
 * so that the service reads the loaded network as ordinary data.
 *
 * Shape: every account gets a Pareto weight (shape `PARETO_SHAPE`), and each end of a
 * transfer is drawn by weight half of the time and uniformly otherwise. In-degrees and
 * out-degrees are therefore heavy-tailed, with a few hub accounts of thousands of transfers,
 * while most transfers join random accounts. A transfer stays in one currency (EUR or USD).
 * On top of that traffic, money leaves the fund's accounts through layering chains of shell
 * company accounts, each hop a few days after the one before and smaller by a fee, and a
 * few time-ordered cycles run through chosen accounts.
 *
 * Nothing here reads the clock or `Math.random`; the same options give the same records.
 */
import { dayOf, isoDateOf } from '../src/demo/calendar.js'
import { createRandom, type Random } from '../src/demo/random.js'
import { formatAmount } from '../src/model/money.js'
import type { NodeRecord, Properties, Provenance, RelationshipRecord } from '../src/model/records.js'
import type { NodeLabel, RelationshipType } from '../src/model/schema.js'

/** Prefix of every id and the provenance source of every record. */
export const MONEY_SOURCE = 'bench-money'

/** First and last day of the transfers: two years. */
export const MONEY_FIRST_DAY = dayOf(2023, 1, 1)
export const MONEY_LAST_DAY = dayOf(2024, 12, 31)

const PARETO_SHAPE = 1.8
const WEIGHTED_END_SHARE = 0.5
const USD_SHARE = 0.15

/** Countries whose National Central Bureaus own the records, and the shares of open and restricted ones. */
const OWNERS = ['DE', 'FR', 'IT', 'ES', 'NL', 'PL', 'LV', 'CY', 'AT', 'CZ'] as const
const OPEN_SHARE = 0.12
const RESTRICTED_SHARE = 0.05

const FUND_CURRENCIES = ['EUR', 'EUR', 'EUR', 'USD'] as const
const SHELL_JURISDICTIONS = ['CY', 'LV', 'MT', 'AE', 'SC', 'BZ', 'VG'] as const
const BANKS: Record<string, readonly string[]> = {
  DE: ['Rheinische Handelsbank', 'Nordmark Sparkasse'],
  FR: ['Banque du Littoral', 'Crédit Vallée'],
  IT: ['Banca Adriatica', 'Credito Padano'],
  ES: ['Banco del Estrecho'],
  NL: ['Polderbank'],
  PL: ['Bank Wiślany'],
  LV: ['Daugava Bank', 'Baltic Trade Bank'],
  CY: ['Limassol Commercial Bank', 'Troodos Bank'],
  AT: ['Alpenländische Bank'],
  CZ: ['Vltava Banka'],
}

export interface MoneyNetworkOptions {
  seed: number
  accounts: number
  transfers: number
  /** Records per batch; 10,000 if omitted. */
  batchSize?: number
}

export const MONEY_NETWORK_DEFAULTS = { accounts: 100_000, transfers: 1_000_000, batchSize: 10_000 } as const

/** Smallest network that has room for the fund, the shells and the planted cycles. */
export const MINIMUM_ACCOUNTS = 1_000

/** Ids that the benchmark starts its requests from. */
export interface MoneyLandmarks {
  fundId: string
  fundAccountIds: string[]
  /** One account of each planted cycle, the one the cycle starts and ends at. */
  cycleAccountIds: string[]
  layeringChains: number
}

export interface MoneyBatch {
  nodes: NodeRecord[]
  relationships: RelationshipRecord[]
}

export interface MoneyNetwork {
  landmarks: MoneyLandmarks
  /** Streams the records: all nodes first, then the `HOLDS` ties, then the transfers. */
  batches(): Generator<MoneyBatch>
}

/** Accounts and their traffic weights, kept in typed arrays so that 100,000 accounts stay small. */
interface AccountTable {
  count: number
  usd: Uint8Array
  /** Per currency (0 EUR, 1 USD): ordinary account indices and their cumulative weights. */
  pools: [Pool, Pool]
  /** Indices of the fund's accounts and of the shell accounts, which carry no random traffic. */
  fundAccounts: number[]
  shellAccounts: number[]
}

interface Pool {
  members: Int32Array
  cumulative: Float64Array
}

/** Builds the network's plan; records are made lazily when `batches()` is iterated. */
export function generateMoneyNetwork(options: MoneyNetworkOptions): MoneyNetwork {
  const { seed, accounts, transfers, batchSize } = resolveOptions(options)
  const table = buildAccountTable(seed, accounts)
  const chains = layeringChainCount(accounts)
  const cycleStarts = pickCycleStarts(seed, table, cycleCount(accounts))

  return {
    landmarks: {
      fundId: entityId('fund', 1),
      fundAccountIds: table.fundAccounts.map(accountId),
      cycleAccountIds: cycleStarts.map(accountId),
      layeringChains: chains,
    },
    batches: () => streamNetwork({ seed, transfers, batchSize, table, chains, cycleStarts }),
  }
}

interface StreamPlan {
  seed: number
  transfers: number
  batchSize: number
  table: AccountTable
  chains: number
  cycleStarts: number[]
}

function* streamNetwork(plan: StreamPlan): Generator<MoneyBatch> {
  const buffer = new BatchBuffer(plan.batchSize)
  yield* buffer.addAll(holderAndAccountRecords(plan.seed, plan.table))
  yield* buffer.addAll(transferRecords(plan))
  yield* buffer.flush()
}

function buildAccountTable(seed: number, count: number): AccountTable {
  const random = createRandom(seed, 'accounts')
  const usd = new Uint8Array(count)
  const weights = new Float64Array(count)
  const fundAccounts = FUND_CURRENCIES.map((_, index) => index)
  const shellAccounts = range(FUND_CURRENCIES.length, FUND_CURRENCIES.length + shellAccountCount(count))
  fundAccounts.forEach((index) => {
    usd[index] = FUND_CURRENCIES[index] === 'USD' ? 1 : 0
  })
  for (let index = fundAccounts.length; index < count; index++) {
    usd[index] = random.chance(USD_SHARE) ? 1 : 0
    // Inverse-transform sampling of a Pareto distribution with minimum 1.
    weights[index] = (1 - random.next()) ** (-1 / PARETO_SHAPE)
  }

  const firstOrdinary = fundAccounts.length + shellAccounts.length
  const pools = ([0, 1] as const).map((currency) => {
    const members: number[] = []
    for (let index = firstOrdinary; index < count; index++) {
      if (usd[index] === currency) {
        members.push(index)
      }
    }
    const cumulative = new Float64Array(members.length)
    let total = 0
    members.forEach((member, position) => {
      total += weights[member] as number
      cumulative[position] = total
    })
    return { members: Int32Array.from(members), cumulative }
  }) as [Pool, Pool]

  return { count, usd, pools, fundAccounts, shellAccounts }
}

/** Holders, accounts and `HOLDS` ties. */
function* holderAndAccountRecords(seed: number, table: AccountTable): Generator<NodeRecord | RelationshipRecord> {
  const random = createRandom(seed, 'holders')
  const holds: RelationshipRecord[] = []
  const hold = (holder: string, account: number, since: number) => {
    holds.push(relationship('HOLDS', holds.length + 1, holder, accountId(account), { since: isoDateOf(since) }, ownedBy(random)))
  }

  const fundId = entityId('fund', 1)
  yield node('Fund', fundId, 'Benchmark obshak', { kind: 'obshak', established: isoDateOf(dayOf(2015, 3, 1)) }, ownedBy(random))
  for (const account of table.fundAccounts) {
    hold(fundId, account, dayOf(2016, 1, 1) + account * 40)
  }

  // Each shell company holds a handful of the shell accounts.
  const shells = Math.max(1, Math.ceil(table.shellAccounts.length / 5))
  for (let index = 0; index < shells; index++) {
    const jurisdiction = random.pick(SHELL_JURISDICTIONS)
    const id = entityId('company', index + 1)
    yield node('Company', id, `Bench Shell ${index + 1} Ltd`, { kind: 'shell', jurisdiction }, ownedBy(random))
  }
  table.shellAccounts.forEach((account, position) => hold(entityId('company', (position % shells) + 1), account, openingDay(random)))

  // Some ordinary accounts have a known holder, as in real files: most counterparties do not.
  const companies = Math.max(1, Math.floor(table.count / 100))
  const persons = Math.max(1, Math.floor(table.count / 50))
  for (let index = 0; index < companies; index++) {
    const jurisdiction = random.pick(OWNERS)
    yield node('Company', entityId('company', shells + index + 1), `Bench Trading ${index + 1}`, { kind: 'legitimate', jurisdiction }, ownedBy(random))
  }
  for (let index = 0; index < persons; index++) {
    yield node('Person', entityId('person', index + 1), `Bench Person ${index + 1}`, { status: 'unknown' }, ownedBy(random))
  }

  for (let index = 0; index < table.count; index++) {
    yield accountNode(random, index, table.usd[index] === 1 ? 'USD' : 'EUR')
  }

  const firstOrdinary = table.fundAccounts.length + table.shellAccounts.length
  for (let holder = 0; holder < companies + persons; holder++) {
    const id = holder < companies ? entityId('company', shells + holder + 1) : entityId('person', holder - companies + 1)
    const held = holder < companies ? random.integer(1, 3) : 1
    for (let count = 0; count < held; count++) {
      hold(id, random.integer(firstOrdinary, table.count - 1), openingDay(random))
    }
  }
  yield* uniqueHolds(holds)
}

/** Drops a second tie between the same holder and account, which a random draw can produce. */
function* uniqueHolds(holds: RelationshipRecord[]): Generator<RelationshipRecord> {
  const seen = new Set<string>()
  for (const tie of holds) {
    const key = `${tie.source}>${tie.target}`
    if (!seen.has(key)) {
      seen.add(key)
      yield tie
    }
  }
}

function accountNode(random: Random, index: number, currency: string): NodeRecord {
  const country = random.pick(OWNERS)
  const bank = random.pick(BANKS[country] ?? ['Bench Bank'])
  const number = `${country}${String(10 + (index % 89))}BENCH${String(index + 1).padStart(12, '0')}`
  return node('Account', accountId(index), number, { number, bank, currency, country, openedOn: isoDateOf(openingDay(random)) }, ownedBy(random))
}

/** Transfers: the layering chains, the cycles, then the random traffic up to `transfers`. */
function* transferRecords(plan: StreamPlan): Generator<RelationshipRecord> {
  const { seed, table } = plan
  const random = createRandom(seed, 'transfers')
  let issued = 0
  const transfer = (from: number, to: number, minor: bigint, day: number): RelationshipRecord => {
    issued += 1
    const currency = table.usd[from] === 1 ? 'USD' : 'EUR'
    const properties: Properties = {
      amount: formatAmount(minor, currency),
      amountMinor: minor,
      currency,
      date: isoDateOf(day),
    }
    return relationship('TRANSFER', issued, accountId(from), accountId(to), properties, ownedBy(random))
  }

  for (let chain = 0; chain < plan.chains; chain++) {
    yield* layeringChain(random, table, chain, transfer)
  }
  for (const start of plan.cycleStarts) {
    yield* plantedCycle(random, table, start, transfer)
  }
  while (issued < plan.transfers) {
    const currency = random.chance(USD_SHARE) ? 1 : 0
    const from = drawEnd(random, table.pools[currency])
    let to = drawEnd(random, table.pools[currency])
    while (to === from) {
      to = drawEnd(random, table.pools[currency])
    }
    yield transfer(from, to, drawAmount(random), random.integer(MONEY_FIRST_DAY, MONEY_LAST_DAY))
  }
}

type TransferMaker = (from: number, to: number, minor: bigint, day: number) => RelationshipRecord

/** Money from one fund account through three to six shell accounts of its currency, then to rest in an ordinary account. */
function* layeringChain(random: Random, table: AccountTable, chain: number, transfer: TransferMaker): Generator<RelationshipRecord> {
  const fundAccount = table.fundAccounts[chain % table.fundAccounts.length] as number
  const currency = table.usd[fundAccount] as 0 | 1
  const shells = table.shellAccounts.filter((account) => table.usd[account] === currency)
  const hops = random.sample(shells, random.integer(3, 6))
  let day = random.integer(MONEY_FIRST_DAY, MONEY_FIRST_DAY + 365)
  let minor = BigInt(random.integer(50_000, 2_000_000)) * 100n
  let from = fundAccount
  for (const to of [...hops, drawEnd(random, table.pools[currency])]) {
    yield transfer(from, to, minor, day)
    from = to
    day = Math.min(MONEY_LAST_DAY, day + random.integer(1, 5))
    minor = (minor * BigInt(10_000 - random.integer(100, 300))) / 10_000n
  }
}

/** A cycle of three to six transfers that leaves `start` and returns to it, each later than the one before. */
function* plantedCycle(random: Random, table: AccountTable, start: number, transfer: TransferMaker): Generator<RelationshipRecord> {
  const currency = table.usd[start] as 0 | 1
  const length = random.integer(3, 6)
  const stops = [start]
  while (stops.length < length) {
    const next = drawEnd(random, table.pools[currency])
    if (!stops.includes(next)) {
      stops.push(next)
    }
  }
  let day = random.integer(MONEY_FIRST_DAY, MONEY_LAST_DAY - 10 * length)
  let minor = BigInt(random.integer(10_000, 500_000)) * 100n
  for (let step = 0; step < length; step++) {
    yield transfer(stops[step] as number, stops[(step + 1) % length] as number, minor, day)
    day += random.integer(1, 10)
    minor = (minor * BigInt(10_000 - random.integer(50, 200))) / 10_000n
  }
}

/** Accounts that the planted cycles go through: distinct ordinary accounts, drawn uniformly. */
function pickCycleStarts(seed: number, table: AccountTable, count: number): number[] {
  const random = createRandom(seed, 'cycle-starts')
  const firstOrdinary = table.fundAccounts.length + table.shellAccounts.length
  const starts = new Set<number>()
  while (starts.size < count) {
    starts.add(random.integer(firstOrdinary, table.count - 1))
  }
  return [...starts]
}

/** Draws one end of a transfer: by weight with probability `WEIGHTED_END_SHARE`, otherwise uniformly. */
function drawEnd(random: Random, pool: Pool): number {
  if (!random.chance(WEIGHTED_END_SHARE)) {
    return pool.members[Math.floor(random.next() * pool.members.length)] as number
  }
  const total = pool.cumulative[pool.cumulative.length - 1] as number
  const target = random.next() * total
  let low = 0
  let high = pool.cumulative.length - 1
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((pool.cumulative[middle] as number) <= target) {
      low = middle + 1
    } else {
      high = middle
    }
  }
  return pool.members[low] as number
}

/** Draws an amount in cents, log-uniform between 50 and 500,000 major units. */
function drawAmount(random: Random): bigint {
  const major = Math.exp(random.float(Math.log(50), Math.log(500_000)))
  return BigInt(Math.round(major * 100))
}

function ownedBy(random: Random): Provenance {
  const draw = random.next()
  if (draw < OPEN_SHARE) {
    return { source: MONEY_SOURCE, ownerNcb: null, restrictedTo: [] }
  }
  const owner = random.pick(OWNERS)
  if (draw < OPEN_SHARE + RESTRICTED_SHARE) {
    const partner = random.pick(OWNERS.filter((code) => code !== owner))
    return { source: MONEY_SOURCE, ownerNcb: owner, restrictedTo: [owner, partner] }
  }
  return { source: MONEY_SOURCE, ownerNcb: owner, restrictedTo: [] }
}

function openingDay(random: Random): number {
  return random.integer(dayOf(2010, 1, 1), MONEY_FIRST_DAY - 1)
}

function node(label: NodeLabel, id: string, name: string, properties: Properties, provenance: Provenance): NodeRecord {
  return { id, label, name, properties, provenance }
}

function relationship(
  type: RelationshipType,
  serial: number,
  source: string,
  target: string,
  properties: Properties,
  provenance: Provenance,
): RelationshipRecord {
  return { id: entityId(type.toLowerCase(), serial), type, source, target, properties, provenance }
}

function accountId(index: number): string {
  return entityId('account', index + 1)
}

function entityId(kind: string, serial: number): string {
  return `${MONEY_SOURCE}:${kind}:${serial}`
}

/** Shell accounts: one in 200 accounts, at least 20, so that chains find enough of each currency. */
function shellAccountCount(accounts: number): number {
  return Math.max(20, Math.floor(accounts / 200))
}

function layeringChainCount(accounts: number): number {
  return Math.max(8, Math.floor(accounts / 2_500))
}

function cycleCount(accounts: number): number {
  return Math.min(50, Math.max(20, Math.floor(accounts / 2_000)))
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, offset) => from + offset)
}

/** Cuts the record stream into batches of at most `size` records, nodes and relationships apart. */
class BatchBuffer {
  private batch: MoneyBatch = { nodes: [], relationships: [] }

  constructor(private readonly size: number) {}

  *addAll(records: Iterable<NodeRecord | RelationshipRecord>): Generator<MoneyBatch> {
    for (const record of records) {
      if ('label' in record) {
        this.batch.nodes.push(record)
      } else {
        this.batch.relationships.push(record)
      }
      if (this.batch.nodes.length + this.batch.relationships.length >= this.size) {
        yield* this.flush()
      }
    }
  }

  *flush(): Generator<MoneyBatch> {
    if (this.batch.nodes.length + this.batch.relationships.length > 0) {
      yield this.batch
      this.batch = { nodes: [], relationships: [] }
    }
  }
}

function resolveOptions(options: MoneyNetworkOptions): Required<MoneyNetworkOptions> {
  const batchSize = options.batchSize ?? MONEY_NETWORK_DEFAULTS.batchSize
  if (!Number.isSafeInteger(options.seed)) {
    throw new RangeError(`Invalid money network seed ${options.seed}: expected a safe integer`)
  }
  if (!Number.isSafeInteger(options.accounts) || options.accounts < MINIMUM_ACCOUNTS) {
    throw new RangeError(`Invalid number of accounts ${options.accounts}: expected a whole number of at least ${MINIMUM_ACCOUNTS}`)
  }
  if (!Number.isSafeInteger(options.transfers) || options.transfers < options.accounts) {
    throw new RangeError(`Invalid number of transfers ${options.transfers}: expected a whole number of at least the ${options.accounts} accounts`)
  }
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`Invalid batch size ${batchSize}: expected a positive whole number of records`)
  }
  return { seed: options.seed, accounts: options.accounts, transfers: options.transfers, batchSize }
}
