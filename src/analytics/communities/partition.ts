/**
 * The shape every community detection result takes: a community id per node,
 * and the communities numbered by decreasing size, ties broken by their
 * smallest member key, so that equal partitions always get equal ids
 * whatever labels the algorithm produced.
 */

export interface Community {
  id: number
  /** Node keys, sorted by UTF-16 code units like `Array.prototype.sort`. */
  members: string[]
}

export interface Partition {
  assignments: Record<string, number>
  communities: Community[]
}

/** A partition numbered by the rule above, with the id of node i also in `ids[i]`. */
export interface NumberedPartition extends Partition {
  ids: Int32Array
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0

  return a < b ? -1 : 1
}

/**
 * Numbers the communities of a labelling, where node i is in community
 * `labels[i]`, an integer from 0 to `count - 1`. Labels that no node carries
 * are dropped. Sorting the communities and their members costs O(n log n).
 */
export function numberPartition(keys: string[], labels: Int32Array, count: number): NumberedPartition {
  const n = keys.length
  const sizes = new Int32Array(count)
  // Node number of each label's smallest member key, -1 while it has none.
  const smallest = new Int32Array(count).fill(-1)

  for (let i = 0; i < n; i++) {
    const label = labels[i] as number
    const first = smallest[label] as number

    sizes[label] = (sizes[label] as number) + 1

    if (first === -1 || (keys[i] as string) < (keys[first] as string)) smallest[label] = i
  }

  const order: number[] = []

  for (let label = 0; label < count; label++) if ((sizes[label] as number) > 0) order.push(label)

  order.sort(
    (a, b) =>
      (sizes[b] as number) - (sizes[a] as number) ||
      compareKeys(keys[smallest[a] as number] as string, keys[smallest[b] as number] as string),
  )

  const idOfLabel = new Int32Array(count).fill(-1)

  order.forEach((label, id) => {
    idOfLabel[label] = id
  })

  const ids = new Int32Array(n)
  const members: string[][] = order.map(() => [])
  const assignments: Record<string, number> = Object.create(null)

  for (let i = 0; i < n; i++) {
    const id = idOfLabel[labels[i] as number] as number

    ids[i] = id
    ;(members[id] as string[]).push(keys[i] as string)
    assignments[keys[i] as string] = id
  }

  const communities = members.map((group, id) => ({ id, members: group.sort(compareKeys) }))

  return { assignments, communities, ids }
}

/**
 * Renumbers labels taken from 0..n-1, n being the number of labels, to
 * 0..count-1 keeping their order, and returns count.
 */
export function renumberLabels(labels: Int32Array): number {
  const used = new Uint8Array(labels.length)
  const idOf = new Int32Array(labels.length)
  let count = 0

  for (const label of labels) used[label] = 1

  for (let label = 0; label < labels.length; label++) {
    if (used[label] === 1) idOf[label] = count++
  }

  for (let i = 0; i < labels.length; i++) labels[i] = idOf[labels[i] as number] as number

  return count
}
