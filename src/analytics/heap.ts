/**
 * A binary min-heap for Dijkstra's frontier, kept in typed arrays so that a
 * search allocates nothing per entry. Entries are ordered by distance, then
 * by insertion, like networkx's `heapq` of `(distance, counter, ...)` tuples,
 * so equal distances are settled first-in, first-out.
 */

export class Frontier {
  private distances: Float64Array
  private sequences: Float64Array
  private predecessors: Int32Array
  private nodes: Int32Array
  private count = 0
  private sequence = 0

  /** Distance of the entry the last `pop` removed. */
  poppedDistance = 0
  /** Predecessor of the entry the last `pop` removed, -1 for the source. */
  poppedPredecessor = -1

  constructor(capacity = 16) {
    const size = Math.max(1, capacity)

    this.distances = new Float64Array(size)
    this.sequences = new Float64Array(size)
    this.predecessors = new Int32Array(size)
    this.nodes = new Int32Array(size)
  }

  get size(): number {
    return this.count
  }

  /** Empties the heap and restarts the insertion counter, keeping the storage. */
  clear(): void {
    this.count = 0
    this.sequence = 0
  }

  push(distance: number, predecessor: number, node: number): void {
    if (this.count === this.nodes.length) this.grow()

    const sequence = this.sequence++
    let i = this.count++

    // Move parents down until the new entry's slot is found.
    while (i > 0) {
      const parent = (i - 1) >> 1

      if (!this.precedesSlot(distance, sequence, parent)) break

      this.moveSlot(parent, i)
      i = parent
    }

    this.writeSlot(i, distance, sequence, predecessor, node)
  }

  /**
   * Removes the entry with the smallest distance and returns its node; its
   * distance and predecessor are left in `poppedDistance` and
   * `poppedPredecessor`. The heap must not be empty.
   */
  pop(): number {
    const node = this.nodes[0] as number

    this.poppedDistance = this.distances[0] as number
    this.poppedPredecessor = this.predecessors[0] as number
    this.count -= 1

    const last = this.count

    if (last === 0) return node

    const distance = this.distances[last] as number
    const sequence = this.sequences[last] as number
    const predecessor = this.predecessors[last] as number
    const lastNode = this.nodes[last] as number
    let i = 0

    // Move smaller children up until the last entry's slot is found.
    for (;;) {
      const left = 2 * i + 1

      if (left >= last) break

      const right = left + 1
      const child = right < last && this.slotPrecedesSlot(right, left) ? right : left

      if (this.precedesSlot(distance, sequence, child)) break

      this.moveSlot(child, i)
      i = child
    }

    this.writeSlot(i, distance, sequence, predecessor, lastNode)

    return node
  }

  private precedesSlot(distance: number, sequence: number, slot: number): boolean {
    const other = this.distances[slot] as number

    return distance < other || (distance === other && sequence < (this.sequences[slot] as number))
  }

  private slotPrecedesSlot(a: number, b: number): boolean {
    return this.precedesSlot(this.distances[a] as number, this.sequences[a] as number, b)
  }

  private moveSlot(from: number, to: number): void {
    this.distances[to] = this.distances[from] as number
    this.sequences[to] = this.sequences[from] as number
    this.predecessors[to] = this.predecessors[from] as number
    this.nodes[to] = this.nodes[from] as number
  }

  private writeSlot(slot: number, distance: number, sequence: number, predecessor: number, node: number): void {
    this.distances[slot] = distance
    this.sequences[slot] = sequence
    this.predecessors[slot] = predecessor
    this.nodes[slot] = node
  }

  private grow(): void {
    const size = this.nodes.length * 2
    const distances = new Float64Array(size)
    const sequences = new Float64Array(size)
    const predecessors = new Int32Array(size)
    const nodes = new Int32Array(size)

    distances.set(this.distances)
    sequences.set(this.sequences)
    predecessors.set(this.predecessors)
    nodes.set(this.nodes)

    this.distances = distances
    this.sequences = sequences
    this.predecessors = predecessors
    this.nodes = nodes
  }
}
