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
  /**
   * Money resting at each node where a path may end, in addition to the nodes it cannot
   * leave. A path to such a node weighs no more than what rests there.
   */
  rests: ReadonlyMap<string, bigint>
  maxGap: CalendarDuration | null
  limit: number
  /** Maximum number of partial paths to examine. Past it the search stops and returns `complete: false`. */
  maxSteps: number
}

interface Partial {
  minor: bigint
  sequence: number
  transfers: PathTransfer[]
  visited: Set<string>
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
  const byNode = new Map<string, PathTransfer[]>()
  for (const transfer of transfers) {
    const list = byNode.get(near(transfer))
    if (list === undefined) {
      byNode.set(near(transfer), [transfer])
    } else {
      list.push(transfer)
    }
  }

  const heap = new MaxHeap()
  for (const start of options.starts) {
    for (const transfer of byNode.get(start) ?? []) {
      if (!options.starts.has(far(transfer))) {
        heap.push({
          minor: transfer.minor ?? 0n,
          sequence: 0,
          transfers: [transfer],
          visited: new Set([start, far(transfer)]),
          complete: false,
        })
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
    const last = partial.transfers[partial.transfers.length - 1]!
    const node = far(last)
    const next = (byNode.get(node) ?? []).filter(
      (transfer) => !partial.visited.has(far(transfer)) && follows(last, transfer, forward, options.maxGap),
    )
    const rest = options.rests.get(node)
    if (next.length === 0 || rest !== undefined) {
      const weight = rest !== undefined && rest < partial.minor ? rest : partial.minor
      heap.push({ ...partial, minor: weight, complete: true })
    }
    for (const transfer of next) {
      const minor = transfer.minor ?? 0n
      heap.push({
        minor: minor < partial.minor ? minor : partial.minor,
        sequence: 0,
        transfers: [...partial.transfers, transfer],
        visited: new Set([...partial.visited, far(transfer)]),
        complete: false,
      })
    }
  }
  return { paths, complete: true }
}

function follows(previous: PathTransfer, next: PathTransfer, forward: boolean, maxGap: CalendarDuration | null): boolean {
  const [earlier, later] = forward ? [previous, next] : [next, previous]
  if (later.date < earlier.date) {
    return false
  }
  return maxGap === null || later.date <= addDuration(earlier.date, maxGap)
}

function toPath(partial: Partial, forward: boolean): MoneyPath {
  const ordered = forward ? partial.transfers : [...partial.transfers].reverse()
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
