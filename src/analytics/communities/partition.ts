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

function compareKeys(a: string, b: string): number {
  if (a === b) return 0

  return a < b ? -1 : 1
}

/** Numbers a list of node groups; every node must be in exactly one group. */
export function partitionFromGroups(groups: string[][]): Partition {
  const sorted = groups
    .map((group) => [...group].sort(compareKeys))
    .sort((a, b) => b.length - a.length || compareKeys(a[0] ?? '', b[0] ?? ''))

  const assignments: Record<string, number> = Object.create(null)
  const communities = sorted.map((members, id) => {
    for (const member of members) assignments[member] = id
    return { id, members }
  })

  return { assignments, communities }
}

/** Groups node keys by an arbitrary label, then numbers the groups. */
export function partitionFromLabels(labels: Iterable<[string, number | string]>): Partition {
  const groups = new Map<number | string, string[]>()

  for (const [node, label] of labels) {
    const group = groups.get(label)

    if (group === undefined) groups.set(label, [node])
    else group.push(node)
  }

  return partitionFromGroups([...groups.values()])
}
