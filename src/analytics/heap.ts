/**
 * A binary min-heap for Dijkstra's frontier. Entries are ordered by distance,
 * then by insertion, like networkx's `heapq` of `(distance, counter, ...)`
 * tuples, so equal distances are settled first-in, first-out.
 */

export interface FrontierEntry {
  distance: number
  sequence: number
  predecessor: number
  node: number
}

function precedes(a: FrontierEntry, b: FrontierEntry): boolean {
  return a.distance < b.distance || (a.distance === b.distance && a.sequence < b.sequence)
}

export class Frontier {
  private readonly entries: FrontierEntry[] = []
  private sequence = 0

  get size(): number {
    return this.entries.length
  }

  push(distance: number, predecessor: number, node: number): void {
    const entries = this.entries
    const entry = { distance, sequence: this.sequence++, predecessor, node }
    let i = entries.length

    entries.push(entry)

    while (i > 0) {
      const parent = (i - 1) >> 1
      const parentEntry = entries[parent] as FrontierEntry

      if (!precedes(entry, parentEntry)) break

      entries[i] = parentEntry
      i = parent
    }

    entries[i] = entry
  }

  /** Removes and returns the entry with the smallest distance; the heap must not be empty. */
  pop(): FrontierEntry {
    const entries = this.entries
    const top = entries[0] as FrontierEntry
    const last = entries.pop() as FrontierEntry

    if (entries.length === 0) return top

    let i = 0

    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = last

      if (left < entries.length && precedes(entries[left] as FrontierEntry, smallest)) {
        smallest = entries[left] as FrontierEntry
      }

      if (right < entries.length && precedes(entries[right] as FrontierEntry, smallest)) {
        smallest = entries[right] as FrontierEntry
      }

      if (smallest === last) break

      const child = smallest === entries[left] ? left : right

      entries[i] = smallest
      i = child
    }

    entries[i] = last

    return top
  }
}
