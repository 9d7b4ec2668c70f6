/**
 * The heaviest paths of a trail: sequences of its transfers from a start to a node where
 * money stops, each hop in time order. A path's weight is the smallest amount along it or the
 * amount resting at its end, whichever is less. That is the maximum amount that can have
 * travelled the whole way and stayed.
 *
 * A best-first search pops partial paths by weight. Extending a path never raises its weight,
 * so the paths come out heaviest first. No path visits a node twice.
 */
import { addDuration, type CalendarDuration } from './duration.js'
import type { Direction } from './trail.js'

export interface PathTransfer {
  id: string
  from: string
  to: string
  date: string
  /** Amount in the reporting currency, or null when no rate converts it, which ranks it last. */
  minor: bigint | null
}

export interface MoneyPath {
  /** Nodes in the order the money moved. */
  nodes: string[]
  transfers: string[]
  /** The smallest amount along the path, in the reporting currency. */
  minor: bigint
  firstDate: string
  lastDate: string
}

export interface PathOptions {
  direction: Direction
  starts: ReadonlySet<string>
  /** Money resting at each node where a path may end. A path there weighs no more than that. */
  rests: ReadonlyMap<string, bigint>
  maxGap: CalendarDuration | null
  limit: number
  /** Maximum number of partial paths to examine. Past it the search stops and returns `complete: false`. */
  maxSteps: number
}

/** A partial path as a chain back to its first transfer, so extending it copies nothing. */
interface Partial {
  minor: bigint
  sequence: number
  transfer: PathTransfer
  previous: Partial | null
  /** True for a finished path, queued by its final weight. */
  complete: boolean
}

/**
 * Finds up to `options.limit` paths, heaviest first. `complete` is false when the search
 * stopped at `maxSteps`: the paths returned are still the heaviest, but more may exist.
 */
export function heaviestPaths(
  transfers: readonly PathTransfer[],
  options: PathOptions,
): { paths: MoneyPath[]; complete: boolean } {
  const forward = options.direction === 'out'
  const near = (transfer: PathTransfer): string => (forward ? transfer.from : transfer.to)
  const far = (transfer: PathTransfer): string => (forward ? transfer.to : transfer.from)

  // Each node's transfers in the order money may follow them: by date forward, by date
  // descending backward, so the next hops of a path are one contiguous run found by search.
  const byNode = new Map<string, PathTransfer[]>()
  for (const transfer of transfers) {
    const list = byNode.get(near(transfer))
    if (list === undefined) {
      byNode.set(near(transfer), [transfer])
    } else {
      list.push(transfer)
    }
  }
  for (const list of byNode.values()) {
    list.sort((a, b) => (forward ? compareText(a.date, b.date) : compareText(b.date, a.date)))
  }

  const heap = new MaxHeap()
  for (const start of options.starts) {
    for (const transfer of byNode.get(start) ?? []) {
      if (!options.starts.has(far(transfer))) {
        heap.push({ minor: transfer.minor ?? 0n, sequence: 0, transfer, previous: null, complete: false })
      }
    }
  }

  const paths: MoneyPath[] = []
  let steps = 0
  while (heap.size > 0 && paths.length < options.limit) {
    if (steps++ >= options.maxSteps) {
      return { paths, complete: false }
    }
    const partial = heap.pop()!
    if (partial.complete) {
      paths.push(toPath(partial, forward))
      continue
    }
    const last = partial.transfer
    const node = far(last)
    const next = nextHops(byNode.get(node) ?? [], last, forward, options.maxGap).filter(
      (transfer) => !visits(partial, far(transfer), options.starts, forward),
    )
    // A path ends only where money rests. A node it cannot leave without visiting a node
    // twice, but where nothing rests, passed the money back along the path and ends none.
    const rest = options.rests.get(node)
    if (rest !== undefined) {
      heap.push({ ...partial, minor: rest < partial.minor ? rest : partial.minor, complete: true })
    }
    for (const transfer of next) {
      const minor = transfer.minor ?? 0n
      heap.push({
        minor: minor < partial.minor ? minor : partial.minor,
        sequence: 0,
        transfer,
        previous: partial,
        complete: false,
      })
    }
  }
  return { paths, complete: true }
}

/** Returns the transfers of a node, sorted for the direction, that may follow `last` in time. */
function nextHops(
  sorted: readonly PathTransfer[],
  last: PathTransfer,
  forward: boolean,
  maxGap: CalendarDuration | null,
): PathTransfer[] {
  // Forward the run starts at the first transfer dated on or after `last`; backward, at the
  // first dated on or before it.
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >> 1
    const date = sorted[middle]!.date
    const before = forward ? date < last.date : date > last.date
    if (before) {
      low = middle + 1
    } else {
      high = middle
    }
  }
  const hops: PathTransfer[] = []
  for (let i = low; i < sorted.length; i++) {
    const transfer = sorted[i]!
    if (maxGap !== null && !withinGap(last, transfer, forward, maxGap)) {
      break
    }
    hops.push(transfer)
  }
  return hops
}

function withinGap(previous: PathTransfer, next: PathTransfer, forward: boolean, maxGap: CalendarDuration): boolean {
  const [earlier, later] = forward ? [previous, next] : [next, previous]
  return later.date <= addDuration(earlier.date, maxGap)
}

/** Tells whether the path already passes through `node`, its start included. */
function visits(partial: Partial, node: string, starts: ReadonlySet<string>, forward: boolean): boolean {
  if (starts.has(node)) {
    return true
  }
  for (let step: Partial | null = partial; step !== null; step = step.previous) {
    const reached = forward ? step.transfer.to : step.transfer.from
    if (reached === node) {
      return true
    }
  }
  return false
}

function compareText(a: string, b: string): number {
  if (a < b) {
    return -1
  }
  return a > b ? 1 : 0
}

function toPath(partial: Partial, forward: boolean): MoneyPath {
  const walked: PathTransfer[] = []
  for (let step: Partial | null = partial; step !== null; step = step.previous) {
    walked.push(step.transfer)
  }
  // The chain runs from the last hop back; forward money moved the other way round.
  const ordered = forward ? walked.reverse() : walked
  const nodes = [ordered[0]!.from, ...ordered.map((transfer) => transfer.to)]
  return {
    nodes,
    transfers: ordered.map((transfer) => transfer.id),
    minor: partial.minor,
    firstDate: ordered[0]!.date,
    lastDate: ordered[ordered.length - 1]!.date,
  }
}

/** Priority queue of partial paths, largest amount first. Equal amounts pop in the order they were pushed. */
class MaxHeap {
  private readonly entries: Partial[] = []
  private sequence = 0

  get size(): number {
    return this.entries.length
  }

  push(entry: Partial): void {
    entry.sequence = this.sequence++
    const entries = this.entries
    entries.push(entry)
    let i = entries.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(entries[i]!, entries[parent]!)) {
        break
      }
      ;[entries[i], entries[parent]] = [entries[parent]!, entries[i]!]
      i = parent
    }
  }

  pop(): Partial | undefined {
    const entries = this.entries
    const top = entries[0]
    const last = entries.pop()
    if (entries.length > 0 && last !== undefined) {
      entries[0] = last
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let best = i
        if (left < entries.length && before(entries[left]!, entries[best]!)) {
          best = left
        }
        if (right < entries.length && before(entries[right]!, entries[best]!)) {
          best = right
        }
        if (best === i) {
          break
        }
        ;[entries[i], entries[best]] = [entries[best]!, entries[i]!]
        i = best
      }
    }
    return top
  }
}

function before(a: Partial, b: Partial): boolean {
  return a.minor > b.minor || (a.minor === b.minor && a.sequence < b.sequence)
}
