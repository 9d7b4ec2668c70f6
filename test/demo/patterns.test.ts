import t from 'tap'
import { currencyExponent } from '../../src/model/money.js'
import type { IsoDate, RelationshipRecord } from '../../src/model/records.js'
import { BIPARTITE_WINDOW_DAYS } from '../../src/demo/patterns.js'
import {
  CYCLE_TOLERANCE,
  FAN_IN_WINDOW_DAYS,
  FAN_OUT_WINDOW_DAYS,
  PLANTED_PATTERNS,
  SMURFING_LIMIT,
} from '../../src/demo/generate.js'
import { accountHolders, collectNetwork } from './fixtures/network.js'

const network = collectNetwork({ seed: 23, size: 600 })
const holders = accountHolders(network)

/** Planted transfers by pattern id, ordered by `patternStep` and then by stream order. */
const byPattern = new Map<string, RelationshipRecord[]>()
for (const relationship of network.relationships) {
  const patternId = relationship.properties.patternId
  if (relationship.type === 'TRANSFER' && typeof patternId === 'string') {
    byPattern.set(patternId, [...(byPattern.get(patternId) ?? []), relationship])
  }
}
for (const transfers of byPattern.values()) {
  transfers.sort((a, b) => Number(step(a) - step(b)))
}

function step(transfer: RelationshipRecord): bigint {
  return transfer.properties.patternStep as bigint
}

function minor(transfer: RelationshipRecord): bigint {
  return transfer.properties.amountMinor as bigint
}

function day(transfer: RelationshipRecord): number {
  return Date.parse((transfer.properties.date as IsoDate).iso) / 86_400_000
}

function patternsOf(pattern: string): [string, RelationshipRecord[]][] {
  return [...byPattern].filter(([, transfers]) => transfers[0]?.properties.pattern === pattern)
}

function holderKind(accountId: string): string {
  const holder = holders.get(accountId)
  return holder?.label === 'Company' ? String(holder.properties.kind) : String(holder?.label)
}

/** Returns the problems of a chain: broken links, steps out of order, time running backwards. */
function chainProblems(transfers: RelationshipRecord[]): string[] {
  const problems: string[] = []
  transfers.forEach((transfer, i) => {
    if (step(transfer) !== BigInt(i + 1)) {
      problems.push(`${transfer.id} has step ${step(transfer)}, expected ${i + 1}`)
    }
    const previous = transfers[i - 1]
    if (previous !== undefined && previous.target !== transfer.source) {
      problems.push(`${transfer.id} starts at ${transfer.source}, not where ${previous.id} ended`)
    }
    if (previous !== undefined && day(transfer) < day(previous)) {
      problems.push(`${transfer.id} is dated before ${previous.id}`)
    }
  })
  return problems
}

t.test('every pattern kind is planted', async (t) => {
  for (const pattern of PLANTED_PATTERNS) {
    t.ok(patternsOf(pattern).length >= 6, `${pattern}: ${patternsOf(pattern).length} in 6 clans`)
  }
  const patternNames: readonly unknown[] = PLANTED_PATTERNS
  const unknown = [...byPattern.values()].flat().filter((transfer) => !patternNames.includes(transfer.properties.pattern))
  t.same(unknown, [])
})

t.test('layering chains run from fund to company', async (t) => {
  for (const [patternId, transfers] of patternsOf('layering')) {
    const first = transfers[0] as RelationshipRecord
    const last = transfers[transfers.length - 1] as RelationshipRecord
    t.same(chainProblems(transfers), [], `${patternId} is a time-ordered chain`)
    t.ok(transfers.length >= 4 && transfers.length <= 7, `${patternId} has ${transfers.length} hops`)
    t.equal(holderKind(first.source), 'Fund', `${patternId} starts at a fund account`)
    t.same(
      transfers.slice(1).map((transfer) => holderKind(transfer.source)),
      Array(transfers.length - 1).fill('shell'),
      `${patternId} passes through shell accounts`,
    )
    t.equal(holderKind(last.target), 'legitimate', `${patternId} ends at a legitimate company`)
    const growing = transfers.filter((transfer, i) => i > 0 && minor(transfer) > minor(transfers[i - 1] as RelationshipRecord))
    t.same(growing, [], `${patternId} amounts never grow`)
    t.ok(day(last) - day(first) <= 2 * (transfers.length - 1), `${patternId} moves in quick succession`)
  }
})

t.test('layering asset costs the last amount', async (t) => {
  const assets = network.nodes.filter((node) => node.label === 'Asset' && node.properties.patternId !== undefined)
  t.ok(assets.length > 0, `${assets.length} assets bought by layering`)
  for (const asset of assets) {
    const transfers = byPattern.get(String(asset.properties.patternId)) ?? []
    const last = transfers[transfers.length - 1] as RelationshipRecord
    t.equal(asset.properties.valueMinor, minor(last), `${asset.name} costs the final transfer`)
    t.equal(asset.properties.currency, last.properties.currency)
    const buyer = network.relationships.find((owns) => owns.type === 'OWNS' && owns.target === asset.id)
    t.equal(buyer?.source, holders.get(last.source)?.id, `${asset.name} belongs to the paying shell`)
  }
})

t.test('cycles return to their start account', async (t) => {
  const keep = BigInt(Math.round((1 - CYCLE_TOLERANCE) * 10_000))
  for (const [patternId, transfers] of patternsOf('cycle')) {
    const first = transfers[0] as RelationshipRecord
    const last = transfers[transfers.length - 1] as RelationshipRecord
    t.same(chainProblems(transfers), [], `${patternId} is a time-ordered chain`)
    t.equal(last.target, first.source, `${patternId} closes`)
    t.ok(transfers.length >= 3 && transfers.length <= 6, `${patternId} has ${transfers.length} hops`)
    const visited = transfers.map((transfer) => transfer.source)
    t.equal(new Set(visited).size, visited.length, `${patternId} visits each account once`)
    t.ok(minor(last) * 10_000n >= minor(first) * keep, `${patternId} returns ${minor(last)} of ${minor(first)}`)
    t.ok(minor(last) <= minor(first), `${patternId} loses fees on the way`)
  }
})

t.test('fan-in is many small payments', async (t) => {
  for (const [patternId, transfers] of patternsOf('fan-in')) {
    const targets = new Set(transfers.map((transfer) => transfer.target))
    const sources = new Set(transfers.map((transfer) => transfer.source))
    t.equal(targets.size, 1, `${patternId} has one receiving account`)
    t.equal(sources.size, transfers.length, `${patternId} senders are distinct`)
    t.ok(transfers.length >= 12, `${patternId} has ${transfers.length} payments`)
    const large = transfers.filter((transfer) => {
      const limit = BigInt(SMURFING_LIMIT) * 10n ** BigInt(currencyExponent(String(transfer.properties.currency)))
      return minor(transfer) >= limit
    })
    t.same(large, [], `${patternId} payments stay under ${SMURFING_LIMIT}`)
    const days = transfers.map(day)
    t.ok(Math.max(...days) - Math.min(...days) < FAN_IN_WINDOW_DAYS, `${patternId} fits its window`)
  }
})

t.test('fan-out scatters from one account', async (t) => {
  for (const [patternId, transfers] of patternsOf('fan-out')) {
    const sources = new Set(transfers.map((transfer) => transfer.source))
    const targets = new Set(transfers.map((transfer) => transfer.target))
    t.equal(sources.size, 1, `${patternId} has one paying account`)
    t.equal(targets.size, transfers.length, `${patternId} recipients are distinct`)
    t.ok(transfers.length >= 10, `${patternId} has ${transfers.length} payments`)
    const days = transfers.map(day)
    t.ok(Math.max(...days) - Math.min(...days) < FAN_OUT_WINDOW_DAYS, `${patternId} fits its window`)
  }
})

t.test('scatter-gather splits and recombines', async (t) => {
  for (const [patternId, transfers] of patternsOf('scatter-gather')) {
    const scatter = transfers.filter((transfer) => step(transfer) === 1n)
    const gather = transfers.filter((transfer) => step(transfer) === 2n)
    const source = new Set(scatter.map((transfer) => transfer.source))
    const target = new Set(gather.map((transfer) => transfer.target))
    t.equal(source.size, 1, `${patternId} scatters from one account`)
    t.equal(target.size, 1, `${patternId} gathers into one account`)
    t.not([...source][0], [...target][0], `${patternId} ends elsewhere`)
    t.ok(scatter.length >= 4 && scatter.length <= 8, `${patternId} has ${scatter.length} intermediates`)
    t.equal(gather.length, scatter.length, `${patternId} forwards every part`)

    const problems: string[] = []
    for (const incoming of scatter) {
      const outgoing = gather.filter((transfer) => transfer.source === incoming.target)
      const forwarded = outgoing[0]
      if (outgoing.length !== 1 || forwarded === undefined) {
        problems.push(`${incoming.target} forwards ${outgoing.length} times`)
      } else if (minor(forwarded) > minor(incoming) || day(forwarded) < day(incoming)) {
        problems.push(`${forwarded.id} forwards more, or earlier, than ${incoming.id}`)
      }
    }
    t.same(problems, [], `${patternId} forwards each part later and less its fee`)
  }
})

t.test('gather-scatter passes through one hub', async (t) => {
  for (const [patternId, transfers] of patternsOf('gather-scatter')) {
    const gather = transfers.filter((transfer) => step(transfer) === 1n)
    const scatter = transfers.filter((transfer) => step(transfer) === 2n)
    const hubs = new Set([...gather.map((transfer) => transfer.target), ...scatter.map((transfer) => transfer.source)])
    t.equal(hubs.size, 1, `${patternId} has one hub`)
    const payers = new Set(gather.map((transfer) => transfer.source))
    const payees = new Set(scatter.map((transfer) => transfer.target))
    t.ok(payers.size >= 5 && payers.size <= 8, `${patternId} gathers from ${payers.size} accounts`)
    t.ok(payees.size >= 5 && payees.size <= 8, `${patternId} scatters to ${payees.size} accounts`)
    t.same([...payers].filter((account) => payees.has(account)), [], `${patternId} pays no payer back`)
    t.ok(Math.max(...gather.map(day)) < Math.min(...scatter.map(day)), `${patternId} scatters after it gathers`)
    const gathered = gather.reduce((sum, transfer) => sum + minor(transfer), 0n)
    const scattered = scatter.reduce((sum, transfer) => sum + minor(transfer), 0n)
    t.ok(scattered < gathered && scattered * 100n >= gathered * 97n, `${patternId} pays out ${scattered} of ${gathered}`)
  }
})

t.test('bipartite pays every payee from every payer', async (t) => {
  for (const [patternId, transfers] of patternsOf('bipartite')) {
    const payers = new Set(transfers.map((transfer) => transfer.source))
    const payees = new Set(transfers.map((transfer) => transfer.target))
    t.ok(payers.size >= 5 && payers.size <= 7, `${patternId} has ${payers.size} payers`)
    t.ok(payees.size >= 5 && payees.size <= 7, `${patternId} has ${payees.size} payees`)
    t.same([...payers].filter((account) => payees.has(account)), [], `${patternId} sides are disjoint`)
    const pairs = new Set(transfers.map((transfer) => `${transfer.source} ${transfer.target}`))
    t.equal(pairs.size, payers.size * payees.size, `${patternId} is complete`)
    t.equal(transfers.length, pairs.size, `${patternId} pays each pair once`)
    const days = transfers.map(day)
    t.ok(Math.max(...days) - Math.min(...days) < BIPARTITE_WINDOW_DAYS, `${patternId} fits its window`)
  }
})

t.test('stack has three complete layers', async (t) => {
  for (const [patternId, transfers] of patternsOf('stack')) {
    const first = transfers.filter((transfer) => step(transfer) === 1n)
    const second = transfers.filter((transfer) => step(transfer) === 2n)
    const payers = new Set(first.map((transfer) => transfer.source))
    const middle = new Set(first.map((transfer) => transfer.target))
    const payees = new Set(second.map((transfer) => transfer.target))
    t.same(new Set(second.map((transfer) => transfer.source)), middle, `${patternId} middle layer pays on`)
    for (const [name, layer] of [['payers', payers], ['middle', middle], ['payees', payees]] as const) {
      t.ok(layer.size >= 5 && layer.size <= 6, `${patternId} has ${layer.size} ${name}`)
    }
    t.equal(first.length, payers.size * middle.size, `${patternId} first layer is complete`)
    t.equal(second.length, middle.size * payees.size, `${patternId} second layer is complete`)
    const layers = [...payers, ...middle, ...payees]
    t.equal(new Set(layers).size, layers.length, `${patternId} layers are disjoint`)

    const late: string[] = []
    for (const account of middle) {
      const received = first.filter((transfer) => transfer.target === account)
      const paid = second.filter((transfer) => transfer.source === account)
      const inSum = received.reduce((sum, transfer) => sum + minor(transfer), 0n)
      const outSum = paid.reduce((sum, transfer) => sum + minor(transfer), 0n)
      if (Math.min(...paid.map(day)) <= Math.max(...received.map(day)) || outSum >= inSum) {
        late.push(`${account} pays ${outSum} of ${inSum}, from day ${Math.min(...paid.map(day))}`)
      }
    }
    t.same(late, [], `${patternId} middle accounts pay on less than they received, after receiving it`)
  }
})
