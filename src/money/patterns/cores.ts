/**
 * Bipartite and stack (AMLSim's `bipartite` and `stack`), found as dense cores by pruning,
 * as in the (i, j)-core trawling of Kumar et al., "Trawling the Web for emerging
 * cyber-communities" (WWW 1999).
 *
 * Bipartite rule: within a window, a set of at least `minCount` source accounts and a
 * disjoint set of at least `minCount` target accounts. Every source paid at least
 * `minCount` of the targets, and every target was paid by at least `minCount` of the
 * sources. An account that both pays and receives that widely is an intermediate, so it
 * belongs to no bipartite hit (it may belong to a stack).
 * Stack rule: three disjoint layers of at least `minCount` accounts each, where every
 * middle account was paid by at least `minCount` first-layer accounts and paid at least
 * `minCount` third-layer accounts, every first-layer account paid at least `minCount`
 * middle accounts and every third-layer account was paid by at least `minCount` of them.
 *
 * Windows are `windowDays` long and start every half window from the first transfer, so a
 * pattern whose transfers span at most half a window always lies whole in one of them.
 * A hit is one connected group of the pruned core; a hit contained in another is dropped.
 */
import { plural } from './fans.js'
import { spanDays, type Ledger } from './ledger.js'
import type { AccountRole, AmountDescriber, DatedTransfer, Detection, PatternOptions } from './rules.js'

type Neighbours = Map<string, Set<string>>

export function detectCores(ledger: Ledger, options: PatternOptions): { bipartite: Detection[]; stack: Detection[] } {
  const wantBipartite = options.types.includes('bipartite')
  const wantStack = options.types.includes('stack')
  const bipartite: Detection[] = []
  const stack: Detection[] = []
  const transfers = ledger.transfers
  if (transfers.length === 0 || (!wantBipartite && !wantStack)) {
    return { bipartite, stack }
  }

  const step = Math.max(1, Math.floor(options.windowDays / 2))
  const firstDay = (transfers[0] as DatedTransfer).day
  const lastDay = (transfers[transfers.length - 1] as DatedTransfer).day
  let start = 0
  for (let windowStart = firstDay; windowStart <= lastDay; windowStart += step) {
    while (start < transfers.length && (transfers[start] as DatedTransfer).day < windowStart) {
      start += 1
    }
    let end = start
    const windowEnd = windowStart + options.windowDays - 1
    while (end < transfers.length && (transfers[end] as DatedTransfer).day <= windowEnd) {
      end += 1
    }
    const inside = transfers.slice(start, end)
    if (wantBipartite) {
      bipartite.push(...findBipartite(inside, options.minCount))
    }
    if (wantStack) {
      stack.push(...findStacks(inside, options.minCount))
    }
    if (windowEnd >= lastDay) {
      break
    }
  }
  return { bipartite: dropContained(bipartite), stack: dropContained(stack) }
}

function neighbourMaps(transfers: readonly DatedTransfer[]): { payees: Neighbours; payers: Neighbours } {
  const payees: Neighbours = new Map()
  const payers: Neighbours = new Map()
  for (const transfer of transfers) {
    addNeighbour(payees, transfer.from, transfer.to)
    addNeighbour(payers, transfer.to, transfer.from)
  }
  return { payees, payers }
}

function addNeighbour(map: Neighbours, key: string, value: string): void {
  const set = map.get(key)
  if (set === undefined) {
    map.set(key, new Set([value]))
  } else {
    set.add(value)
  }
}

function countIn(neighbours: Set<string> | undefined, members: Set<string>): number {
  let count = 0
  for (const neighbour of neighbours ?? []) {
    if (members.has(neighbour)) {
      count += 1
    }
  }
  return count
}

/** Removes members with fewer than `minCount` neighbours in the other set, until none is left to remove. */
function prune(layers: { members: Set<string>; neighbours: Neighbours; other: Set<string> }[], minCount: number): void {
  let changed = true
  while (changed) {
    changed = false
    for (const layer of layers) {
      for (const member of [...layer.members]) {
        if (countIn(layer.neighbours.get(member), layer.other) < minCount) {
          layer.members.delete(member)
          changed = true
        }
      }
    }
  }
}

function findBipartite(transfers: readonly DatedTransfer[], minCount: number): Detection[] {
  const { payees, payers } = neighbourMaps(transfers)
  const sources = new Set([...payees].filter(([, set]) => set.size >= minCount).map(([account]) => account))
  const targets = new Set([...payers].filter(([, set]) => set.size >= minCount).map(([account]) => account))
  for (const account of [...sources]) {
    if (targets.has(account)) {
      sources.delete(account)
      targets.delete(account)
    }
  }
  if (sources.size < minCount || targets.size < minCount) {
    return []
  }
  prune(
    [
      { members: sources, neighbours: payees, other: targets },
      { members: targets, neighbours: payers, other: sources },
    ],
    minCount,
  )
  const roles = new Map<string, AccountRole>()
  for (const account of sources) {
    roles.set(account, 'source')
  }
  for (const account of targets) {
    roles.set(account, 'target')
  }
  const inCore = transfers.filter((t) => sources.has(t.from) && targets.has(t.to))
  return groups(inCore, roles).map((group) => coreDetection('bipartite', group.transfers, group.roles))
}

function findStacks(transfers: readonly DatedTransfer[], minCount: number): Detection[] {
  const { payees, payers } = neighbourMaps(transfers)
  const middle = new Set(
    [...payees]
      .filter(([account, set]) => set.size >= minCount && (payers.get(account)?.size ?? 0) >= minCount)
      .map(([account]) => account),
  )
  if (middle.size < minCount) {
    return []
  }

  const first = new Set<string>()
  const third = new Set<string>()
  for (const account of middle) {
    for (const payer of payers.get(account) ?? []) {
      if (!middle.has(payer)) {
        first.add(payer)
      }
    }
    for (const payee of payees.get(account) ?? []) {
      if (!middle.has(payee)) {
        third.add(payee)
      }
    }
  }
  for (const account of [...first]) {
    if (third.has(account)) {
      first.delete(account)
      third.delete(account)
    }
  }

  prune(
    [
      { members: middle, neighbours: payers, other: first },
      { members: middle, neighbours: payees, other: third },
      { members: first, neighbours: payees, other: middle },
      { members: third, neighbours: payers, other: middle },
    ],
    minCount,
  )

  const roles = new Map<string, AccountRole>()
  for (const [layer, role] of [
    [first, 'source'],
    [middle, 'intermediate'],
    [third, 'target'],
  ] as const) {
    for (const account of layer) {
      roles.set(account, role)
    }
  }
  const inCore = transfers.filter(
    (t) => (first.has(t.from) && middle.has(t.to)) || (middle.has(t.from) && third.has(t.to)),
  )
  return groups(inCore, roles)
    .filter((group) => {
      const counts = countRoles(group.roles)
      return counts.source >= minCount && counts.intermediate >= minCount && counts.target >= minCount
    })
    .map((group) => coreDetection('stack', group.transfers, group.roles))
}

/** Splits the core's transfers into connected groups with union-find over their accounts. */
function groups(
  transfers: readonly DatedTransfer[],
  roles: Map<string, AccountRole>,
): { transfers: DatedTransfer[]; roles: Map<string, AccountRole> }[] {
  const parent = new Map<string, string>()
  const find = (account: string): string => {
    let root = account
    while (parent.get(root) !== undefined && parent.get(root) !== root) {
      root = parent.get(root) as string
    }
    parent.set(account, root)
    return root
  }
  for (const transfer of transfers) {
    parent.set(find(transfer.from), find(transfer.to))
  }
  const byRoot = new Map<string, { transfers: DatedTransfer[]; roles: Map<string, AccountRole> }>()
  for (const transfer of transfers) {
    const root = find(transfer.from)
    let group = byRoot.get(root)
    if (group === undefined) {
      group = { transfers: [], roles: new Map() }
      byRoot.set(root, group)
    }
    group.transfers.push(transfer)
    group.roles.set(transfer.from, roles.get(transfer.from) as AccountRole)
    group.roles.set(transfer.to, roles.get(transfer.to) as AccountRole)
  }
  return [...byRoot.values()]
}

function countRoles(roles: Map<string, AccountRole>): Record<AccountRole, number> {
  const counts: Record<AccountRole, number> = { source: 0, target: 0, intermediate: 0, origin: 0 }
  for (const role of roles.values()) {
    counts[role] += 1
  }
  return counts
}

function coreDetection(type: 'bipartite' | 'stack', transfers: DatedTransfer[], roles: Map<string, AccountRole>): Detection {
  const counts = countRoles(roles)
  const middle = new Set([...roles].filter(([, role]) => role === 'intermediate').map(([account]) => account))
  const entering = type === 'stack' ? transfers.filter((t) => middle.has(t.to)) : transfers
  const days = spanDays(transfers)

  return {
    type,
    roles,
    transfers,
    entering,
    explain: (describe: AmountDescriber) =>
      type === 'bipartite'
        ? `${counts.source} accounts paid ${describe(transfers)} to ${counts.target} accounts in ` +
          `${transfers.length} transfers within ${plural(days, 'day')}`
        : `${counts.source} accounts paid ${describe(entering)} into a middle layer of ${counts.intermediate} accounts, ` +
          `which paid ${describe(transfers.filter((t) => middle.has(t.from)))} on to ${counts.target} accounts, ` +
          `in ${transfers.length} transfers within ${plural(days, 'day')}`,
  }
}

/** Drops hits whose transfers all belong to another hit of the same list; keeps one of equal hits. */
function dropContained(detections: Detection[]): Detection[] {
  const sorted = [...detections].sort((a, b) => b.transfers.length - a.transfers.length)
  const kept: { detection: Detection; ids: Set<string> }[] = []
  for (const detection of sorted) {
    const contained = kept.some(({ ids }) => detection.transfers.every((t) => ids.has(t.id)))
    if (!contained) {
      kept.push({ detection, ids: new Set(detection.transfers.map((t) => t.id)) })
    }
  }
  return kept.map(({ detection }) => detection)
}
