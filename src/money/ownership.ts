/**
 * Ultimate ownership: who, at the top of layered `OWNS` and `CONTROLS` holdings, owns or
 * controls a target company or asset, and by how much.
 *
 * A link points owner -> owned and carries `share`, a part of the owned capital from 0 to 1,
 * or null when the share is unknown. A person is not owned, so only `CONTROLS` links into a
 * person are followed: a nominee controlled by someone is an intermediate holder. An ultimate
 * owner is a holder with no owner or controller of its own among the links. Its effective
 * share is the sum, over every walk of links down to the target, of the product of the
 * shares, loops included (see ownership-shares.ts for how loops are solved). An unknown share
 * adds nothing, so the owners it touches carry `shareUnknown` and their share is a lower bound.
 * A `CONTROLS` link of share 0 is control without a stake: it adds no share but marks control.
 *
 * The chains listed for each owner are simple paths (no holder twice), found depth-first up
 * to MAX_CHAIN_STEPS link visits, at most MAX_CHAINS_PER_OWNER each, largest share first.
 *
 * NOTE: a `CONTROLS` share counts as a holding of its own, so data that records one stake
 * both as `OWNS` and as `CONTROLS` of the same company gives shares that add up to more than 1.
 */
import { effectiveShares } from './ownership-shares.js'

export type OwnershipType = 'OWNS' | 'CONTROLS'

export interface OwnershipLink {
  /** The relationship's id. */
  id: string
  type: OwnershipType
  owner: string
  owned: string
  share: number | null
}

export interface OwnershipChain {
  /** Holder ids from the ultimate owner down to the target. */
  nodes: string[]
  relationships: string[]
  /** The product of the shares, or null when a link's share is unknown. */
  share: number | null
  control: boolean
}

export interface UltimateOwner {
  id: string
  share: number
  /** Some walk down to the target passes a `CONTROLS` link. */
  control: boolean
  /** Some walk down to the target passes a link of unknown share, so `share` is a lower bound. */
  shareUnknown: boolean
  chains: OwnershipChain[]
  /** Simple chains found for this owner, all of them unless the search stopped early. */
  chainCount: number
}

export interface OwnershipOptions {
  /**
   * Owners whose share is below this are left out, unless their share is partly unknown or
   * they have control, because control by other means makes a beneficial owner whatever the
   * stake.
   */
  threshold: number
  /** Ids of persons: only `CONTROLS` links into them are followed, because a person is not owned. */
  persons?: ReadonlySet<string>
  maxChainsPerOwner?: number
  maxChainSteps?: number
}

export interface OwnershipResult {
  owners: UltimateOwner[]
  /** Ultimate owners left out by the threshold. */
  belowThreshold: number
  /** False when the chain search stopped after maxChainSteps link visits. */
  chainsComplete: boolean
}

export const MAX_CHAINS_PER_OWNER = 20
export const MAX_CHAIN_STEPS = 100_000

/** Shares equal to the threshold up to this tolerance pass it, so 0.5 × 0.5 passes 0.25. */
const THRESHOLD_TOLERANCE = 1e-12

/** Finds the ultimate owners of `target` over `links` and their effective shares. */
export function ultimateOwners(target: string, links: readonly OwnershipLink[], options: OwnershipOptions): OwnershipResult {
  const persons = options.persons ?? new Set<string>()
  const heldBy = new Map<string, OwnershipLink[]>()
  for (const link of [...links].sort((a, b) => compareText(a.id, b.id))) {
    if (persons.has(link.owned) && link.type !== 'CONTROLS') {
      continue
    }
    const list = heldBy.get(link.owned) ?? []
    list.push(link)
    heldBy.set(link.owned, list)
  }

  const shares = effectiveShares(target, [...heldBy.values()].flat())
  const control = reachedThrough(target, heldBy, (link) => link.type === 'CONTROLS')
  const unknown = reachedThrough(target, heldBy, (link) => link.share === null)
  const search = findChains(target, heldBy, options.maxChainSteps ?? MAX_CHAIN_STEPS)

  const everyOwner: UltimateOwner[] = []
  for (const id of reachedHolders(target, heldBy)) {
    if (heldBy.has(id)) {
      continue
    }
    const chains = search.chains.get(id) ?? []
    chains.sort(compareChains)
    everyOwner.push({
      id,
      share: shares.get(id) ?? 0,
      control: control.has(id),
      shareUnknown: unknown.has(id),
      chains: chains.slice(0, options.maxChainsPerOwner ?? MAX_CHAINS_PER_OWNER),
      chainCount: chains.length,
    })
  }
  everyOwner.sort((a, b) => b.share - a.share || compareText(a.id, b.id))

  const owners = everyOwner.filter(
    (owner) => owner.share >= options.threshold - THRESHOLD_TOLERANCE || owner.shareUnknown || owner.control,
  )
  return { owners, belowThreshold: everyOwner.length - owners.length, chainsComplete: search.complete }
}

/** Lists every holder above the target, breadth-first over the links. */
function reachedHolders(target: string, heldBy: Map<string, OwnershipLink[]>): string[] {
  const reached = new Set([target])
  const queue = [target]
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const link of heldBy.get(next) ?? []) {
      if (!reached.has(link.owner)) {
        reached.add(link.owner)
        queue.push(link.owner)
      }
    }
  }
  reached.delete(target)
  return [...reached]
}

/**
 * Returns the holders with a walk down to the target that passes a link matching `marks`.
 * It searches upward over (holder, marked so far) states, so loops end.
 */
function reachedThrough(
  target: string,
  heldBy: Map<string, OwnershipLink[]>,
  marks: (link: OwnershipLink) => boolean,
): Set<string> {
  const seen = new Set<string>([`0:${target}`])
  const queue: [string, boolean][] = [[target, false]]
  const marked = new Set<string>()
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const [holder, passed] = next
    for (const link of heldBy.get(holder) ?? []) {
      if (link.owner === target) {
        continue
      }
      const state: [string, boolean] = [link.owner, passed || marks(link)]
      const key = `${state[1] ? 1 : 0}:${link.owner}`
      if (seen.has(key)) {
        continue
      }
      seen.add(key)
      queue.push(state)
      if (state[1]) {
        marked.add(link.owner)
      }
    }
  }
  return marked
}

interface ChainSearch {
  chains: Map<string, OwnershipChain[]>
  complete: boolean
}

/**
 * Walks up from the target depth-first along simple paths and records one chain each time
 * it reaches a holder with no owner. Stops after `maxSteps` link visits.
 */
function findChains(target: string, heldBy: Map<string, OwnershipLink[]>, maxSteps: number): ChainSearch {
  const chains = new Map<string, OwnershipChain[]>()
  const pathLinks: OwnershipLink[] = []
  const onPath = new Set([target])
  const frames: { links: OwnershipLink[]; next: number }[] = [{ links: heldBy.get(target) ?? [], next: 0 }]
  let steps = 0

  while (frames.length > 0) {
    const frame = frames[frames.length - 1] as (typeof frames)[number]
    if (frame.next >= frame.links.length) {
      frames.pop()
      const left = pathLinks.pop()
      if (left !== undefined) {
        onPath.delete(left.owner)
      }
      continue
    }
    const link = frame.links[frame.next] as OwnershipLink
    frame.next += 1
    if (onPath.has(link.owner)) {
      continue
    }
    steps += 1
    if (steps > maxSteps) {
      return { chains, complete: false }
    }

    const above = heldBy.get(link.owner) ?? []
    if (above.length === 0) {
      const chain = chainOf([...pathLinks, link])
      const list = chains.get(link.owner) ?? []
      list.push(chain)
      chains.set(link.owner, list)
      continue
    }
    pathLinks.push(link)
    onPath.add(link.owner)
    frames.push({ links: above, next: 0 })
  }
  return { chains, complete: true }
}

/** Builds a chain from links listed target-first. */
function chainOf(upward: OwnershipLink[]): OwnershipChain {
  const downward = [...upward].reverse()
  let share: number | null = 1
  for (const link of downward) {
    share = share === null || link.share === null ? null : share * link.share
  }
  return {
    nodes: [...downward.map((link) => link.owner), (upward[0] as OwnershipLink).owned],
    relationships: downward.map((link) => link.id),
    share,
    control: downward.some((link) => link.type === 'CONTROLS'),
  }
}

function compareChains(a: OwnershipChain, b: OwnershipChain): number {
  const byShare = (b.share ?? -1) - (a.share ?? -1)
  return byShare !== 0 ? byShare : compareText(a.relationships.join(','), b.relationships.join(','))
}

function compareText(a: string, b: string): number {
  if (a === b) {
    return 0
  }
  return a < b ? -1 : 1
}
