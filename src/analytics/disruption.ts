/**
 * Arrest simulation: remove the most central nodes of a network one at a
 * time (or in blocks) and follow the size of its largest connected
 * component, or remove a given list of nodes and report what falls apart.
 *
 * The curve is the one Cavallaro et al. draw for the Montagna networks: after
 * each step, the size of the largest weakly connected component (edge
 * direction ignored) divided by its size in the original graph. Nodes are
 * removed by highest score under one centrality measure, either recomputed
 * on the remaining graph after every step (`recompute`) or computed once on
 * the original graph (`static`).
 *
 * Ties: the node with the highest score goes first. Scores within a
 * relative tolerance of 1e-9 of the highest remaining one count as equal,
 * and among them the smallest node key goes first (JavaScript string order,
 * by UTF-16 code units). A block of b nodes is b such picks in a row.
 *
 * [Reference]:
 * Lucia Cavallaro, Annamaria Ficara, Pasquale De Meo, Giacomo Fiumara,
 * Salvatore Catanese, Ovidiu Bagdasar, Wei Song and Antonio Liotta,
 * Disrupting resilient criminal networks through data analysis: the case of
 * Sicilian Mafia. PLOS ONE 15(8): e0236476, 2020.
 */
import {
  CENTRALITY_MEASURES,
  centralityOf,
  checkCentralityOptions,
  type CentralityMeasure,
  type CompactCentralityOptions,
} from './centrality/index.js'
import { trackProgress, type ProgressOptions } from './centrality/progress.js'
import { checkEdgeList, compact, type EdgeList, type Neighbourhoods } from './compact.js'
import { AnalyticsError } from './errors.js'
import { invalidOption } from './options.js'

export const DISRUPTION_STRATEGIES = ['recompute', 'static'] as const
export type DisruptionStrategy = (typeof DISRUPTION_STRATEGIES)[number]

/** Relative tolerance within which two scores count as equal. */
export const SCORE_TOLERANCE = 1e-9

/** Options of the ranking measure other than `measure`, as `centralityOf` takes them. */
export type MeasureOptions = Partial<Omit<CompactCentralityOptions, 'measure' | keyof ProgressOptions>>

export interface DisruptionOptions extends ProgressOptions {
  /** The measure that ranks nodes: the highest score is removed first. */
  measure: CentralityMeasure
  strategy: DisruptionStrategy
  /** Nodes removed per step; default 1. */
  blockSize?: number
  /** Steps at most; without it the run goes on until no edge is left. */
  maxSteps?: number
  /**
   * Read the edge list's weights as the measure reads them: strengths for
   * degree, pagerank and eigenvector, distances for betweenness and
   * closeness. kcore reads no weights.
   */
  weighted?: boolean
  /**
   * Further options of the measure. `normalized` defaults to true, but to
   * false for kcore and weighted degree, which reject true. Ranks do not
   * depend on it. Sampled betweenness uses min(k, nodes left) sources.
   * Personalised PageRank is accepted with the `static` strategy only,
   * because its seeds are node numbers of the original graph.
   */
  measureOptions?: MeasureOptions
}

export interface DisruptionStep {
  /** 1 for the first removal. */
  step: number
  /** Keys of the nodes removed at this step, in the order they were picked. */
  removed: string[]
  /** Their scores when they were picked (on the remaining graph with the `recompute` strategy). */
  scores: number[]
  /** Node count of the largest connected component after this step. */
  largestComponent: number
  /** `largestComponent` divided by the original graph's. */
  fraction: number
}

export interface DisruptionResult {
  originalLargestComponent: number
  steps: DisruptionStep[]
}

export interface RemovalComponent {
  id: number
  /** Node keys in string order. */
  members: string[]
}

export interface RemovalResult {
  /** The removed keys, each once, in the order given. */
  removed: string[]
  originalLargestComponent: number
  largestComponent: number
  fraction: number
  /** Connected components of the remaining graph, largest first, equal sizes by smallest member key. */
  components: RemovalComponent[]
  /**
   * Ids of the components that contain members of the original largest
   * component: more than one means it fell apart.
   */
  largestComponentPieces: number[]
  /** For each removed node, the ids of the components its neighbours are in now: the groups it linked. */
  joined: { node: string; components: number[] }[]
}

/** Removes the highest-ranked nodes step by step and returns the largest component after each step. */
export function disrupt(edges: EdgeList, options: DisruptionOptions): DisruptionResult {
  const measure = measureOf(options)

  checkDisruptionOptions(options)
  checkEdgeList(edges)

  const n = edges.keys.length
  const neighbourhoods = compact({ ...edges, weights: null }, { orientation: 'undirected', merge: 'sum' }).out
  const present = new Uint8Array(n).fill(1)
  const components = new ComponentSearch(neighbourhoods)
  const original = components.largest(present)

  if (original <= 1) return { originalLargestComponent: original, steps: [] }

  return options.strategy === 'static'
    ? staticCurve(edges, neighbourhoods, original, measure, options)
    : recomputedCurve(edges, components, original, measure, options)
}

/** Builds the `centralityOf` options of the ranking measure, with its default normalisation and weights. */
function measureOf(options: DisruptionOptions): CompactCentralityOptions {
  const { measure } = options

  if (!CENTRALITY_MEASURES.includes(measure)) {
    throw invalidOption(
      `analytics/disruption: invalid measure "${String(measure)}", expected one of ${CENTRALITY_MEASURES.join(', ')}`,
    )
  }

  const weighted = options.weighted === true
  const readsDistance = measure === 'betweenness' || measure === 'closeness'

  if (weighted && measure === 'kcore') {
    throw invalidOption('analytics/disruption: kcore reads no weights, so drop weighted')
  }

  let weights = {}

  if (weighted) weights = readsDistance ? { distanceAttribute: 'weight' } : { strengthAttribute: 'weight' }

  const normalized = measure !== 'kcore' && !(measure === 'degree' && weighted)
  const centrality = { normalized, ...weights, ...options.measureOptions, measure, shouldStop: options.shouldStop }

  checkCentralityOptions(centrality)

  return centrality
}

function checkDisruptionOptions(options: DisruptionOptions): void {
  if (!DISRUPTION_STRATEGIES.includes(options.strategy)) {
    throw invalidOption(
      `analytics/disruption: invalid strategy "${String(options.strategy)}", ` +
        `expected one of ${DISRUPTION_STRATEGIES.join(', ')}`,
    )
  }

  const blockSize = options.blockSize ?? 1

  if (!Number.isInteger(blockSize) || blockSize < 1) {
    throw invalidOption(`analytics/disruption: invalid blockSize ${String(blockSize)}, expected an integer >= 1`)
  }

  if (options.maxSteps !== undefined && (!Number.isInteger(options.maxSteps) || options.maxSteps < 1)) {
    throw invalidOption(`analytics/disruption: invalid maxSteps ${String(options.maxSteps)}, expected an integer >= 1`)
  }

  if (options.strategy === 'recompute' && options.measureOptions?.personalization !== undefined) {
    throw invalidOption(
      'analytics/disruption: personalization applies to the static strategy only, ' +
        'because recomputing renumbers the nodes after each removal',
    )
  }
}

function plannedSteps(n: number, options: DisruptionOptions): number {
  const all = Math.ceil(n / (options.blockSize ?? 1))

  return options.maxSteps === undefined ? all : Math.min(all, options.maxSteps)
}

function recomputedCurve(
  edges: EdgeList,
  components: ComponentSearch,
  original: number,
  measure: CompactCentralityOptions,
  options: DisruptionOptions,
): DisruptionResult {
  const n = edges.keys.length
  const blockSize = options.blockSize ?? 1
  const total = plannedSteps(n, options)
  const progress = trackProgress('disruption', 'steps', total, options)
  const present = new Uint8Array(n).fill(1)
  const steps: DisruptionStep[] = []

  for (let step = 0; step < total; step++) {
    progress(step)

    const remaining = remainingEdges(edges, present)
    const sample = measure.sample
    // With no more nodes left than samples, the exact measure is what sampling estimates.
    const exact = sample !== undefined && remaining.keys.length <= sample.k
    const scores = centralityOf(remaining, exact ? { ...measure, sample: undefined } : measure)
    const ranking = new Ranking(scores, remaining.keys)
    const removed: string[] = []
    const removedScores: number[] = []

    for (let i = 0; i < blockSize; i++) {
      const v = ranking.next()

      if (v === -1) break

      present[remaining.originals[v] as number] = 0
      removed.push(remaining.keys[v] as string)
      removedScores.push(scores[v] as number)
    }

    const largest = components.largest(present)

    steps.push({
      step: step + 1,
      removed,
      scores: removedScores,
      largestComponent: largest,
      fraction: largest / original,
    })

    if (largest <= 1) break
  }

  progress(total)

  return { originalLargestComponent: original, steps }
}

/**
 * Ranks once, then finds every step's largest component in one pass that
 * adds the removed nodes back in reverse order with a union-find, because
 * the largest component only grows as nodes return.
 */
function staticCurve(
  edges: EdgeList,
  neighbourhoods: Neighbourhoods,
  original: number,
  measure: CompactCentralityOptions,
  options: DisruptionOptions,
): DisruptionResult {
  const n = edges.keys.length
  const blockSize = options.blockSize ?? 1
  const total = plannedSteps(n, options)
  // The one ranking run is the whole of the work, so its progress is reported.
  const scores = centralityOf(edges, { ...measure, onProgress: options.onProgress })
  const ranking = new Ranking(scores, edges.keys)
  const picks: number[] = []

  for (let i = 0; i < total * blockSize; i++) {
    const v = ranking.next()

    if (v === -1) break

    picks.push(v)
  }

  const stepCount = Math.ceil(picks.length / blockSize)
  const largestAfter = largestAfterEachStep(neighbourhoods, picks, blockSize, stepCount)
  const steps: DisruptionStep[] = []

  for (let step = 0; step < stepCount; step++) {
    const block = picks.slice(step * blockSize, (step + 1) * blockSize)
    const largest = largestAfter[step] as number

    steps.push({
      step: step + 1,
      removed: block.map((v) => edges.keys[v] as string),
      scores: block.map((v) => scores[v] as number),
      largestComponent: largest,
      fraction: largest / original,
    })

    if (largest <= 1) break
  }

  return { originalLargestComponent: original, steps }
}

/** Returns the largest component size after each step, for removals in `picks` order. */
function largestAfterEachStep(
  neighbourhoods: Neighbourhoods,
  picks: number[],
  blockSize: number,
  stepCount: number,
): Int32Array {
  const n = neighbourhoods.offsets.length - 1
  const sets = new DisjointSets(n)
  const present = new Uint8Array(n).fill(1)
  const largestAfter = new Int32Array(stepCount)

  for (const v of picks) present[v] = 0

  const add = (v: number): void => {
    present[v] = 1
    sets.include(v)

    for (let k = neighbourhoods.offsets[v] as number; k < (neighbourhoods.offsets[v + 1] as number); k++) {
      const u = neighbourhoods.targets[k] as number

      if (present[u] === 1) sets.union(u, v)
    }
  }

  for (let v = 0; v < n; v++) {
    if (present[v] === 1) add(v)
  }

  for (let step = stepCount - 1; step >= 0; step--) {
    largestAfter[step] = sets.largest

    const end = Math.min(picks.length, (step + 1) * blockSize)

    for (let i = end - 1; i >= step * blockSize; i--) add(picks[i] as number)
  }

  return largestAfter
}

/** Removes `removedKeys` from the graph and describes the components that remain. */
export function removeNodes(edges: EdgeList, removedKeys: string[]): RemovalResult {
  checkEdgeList(edges)

  const n = edges.keys.length
  const indexOf = new Map(edges.keys.map((key, i) => [key, i]))
  const present = new Uint8Array(n).fill(1)
  const removed: number[] = []

  for (const key of removedKeys) {
    const v = indexOf.get(key)

    if (v === undefined) {
      throw new AnalyticsError('ANALYTICS_NODE_NOT_FOUND', `analytics/disruption: node "${key}" not found in the graph`)
    }

    if (present[v] === 0) continue

    present[v] = 0
    removed.push(v)
  }

  const neighbourhoods = compact({ ...edges, weights: null }, { orientation: 'undirected', merge: 'sum' }).out
  const search = new ComponentSearch(neighbourhoods)
  const before = orderedComponents(edges.keys, search.label(new Uint8Array(n).fill(1)))
  const after = orderedComponents(edges.keys, search.label(present))
  const originalLargest = before.components[0]?.members ?? []
  const largestComponent = after.components[0]?.members.length ?? 0
  const pieces = new Set<number>()

  for (const key of originalLargest) {
    const label = after.idOf[indexOf.get(key) as number] as number

    if (label !== -1) pieces.add(label)
  }

  const joined = removed.map((v) => {
    const ids = new Set<number>()

    for (let k = neighbourhoods.offsets[v] as number; k < (neighbourhoods.offsets[v + 1] as number); k++) {
      const label = after.idOf[neighbourhoods.targets[k] as number] as number

      if (label !== -1) ids.add(label)
    }

    return { node: edges.keys[v] as string, components: [...ids].sort((a, b) => a - b) }
  })

  return {
    removed: removed.map((v) => edges.keys[v] as string),
    originalLargestComponent: originalLargest.length,
    largestComponent,
    fraction: originalLargest.length === 0 ? 0 : largestComponent / originalLargest.length,
    components: after.components,
    largestComponentPieces: [...pieces].sort((a, b) => a - b),
    joined,
  }
}

/**
 * Numbers components largest first, equal sizes by their smallest member
 * key, and returns each node's new id (-1 for removed nodes).
 */
function orderedComponents(
  keys: string[],
  labels: { label: Int32Array; count: number },
): { components: RemovalComponent[]; idOf: Int32Array } {
  const groups: string[][] = Array.from({ length: labels.count }, () => [])

  keys.forEach((key, v) => {
    const label = labels.label[v] as number

    if (label !== -1) groups[label]?.push(key)
  })

  for (const members of groups) members.sort(compareKeys)

  const order = groups.map((_, i) => i)

  order.sort((a, b) => {
    const sizeA = (groups[a] as string[]).length
    const sizeB = (groups[b] as string[]).length

    if (sizeA !== sizeB) return sizeB - sizeA

    return compareKeys((groups[a] as string[])[0] as string, (groups[b] as string[])[0] as string)
  })

  const newId = new Int32Array(labels.count)

  order.forEach((label, id) => {
    newId[label] = id
  })

  const idOf = labels.label.map((label) => (label === -1 ? -1 : (newId[label] as number)))
  const components = order.map((label, id) => ({ id, members: groups[label] as string[] }))

  return { components, idOf }
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0

  return a < b ? -1 : 1
}

/** Builds the edge list of the nodes still present, renumbered, with each new node's original number. */
function remainingEdges(edges: EdgeList, present: Uint8Array): EdgeList & { originals: Int32Array } {
  const n = edges.keys.length
  const renumbered = new Int32Array(n).fill(-1)
  const keys: string[] = []
  const originals: number[] = []

  for (let v = 0; v < n; v++) {
    if (present[v] === 0) continue

    renumbered[v] = keys.length
    keys.push(edges.keys[v] as string)
    originals.push(v)
  }

  let m = 0

  for (let e = 0; e < edges.sources.length; e++) {
    if (present[edges.sources[e] as number] === 1 && present[edges.targets[e] as number] === 1) m += 1
  }

  const sources = new Int32Array(m)
  const targets = new Int32Array(m)
  const weights = edges.weights === null ? null : new Float64Array(m)
  let edge = 0

  for (let e = 0; e < edges.sources.length; e++) {
    const s = edges.sources[e] as number
    const t = edges.targets[e] as number

    if (present[s] === 0 || present[t] === 0) continue

    sources[edge] = renumbered[s] as number
    targets[edge] = renumbered[t] as number
    if (weights !== null) weights[edge] = edges.weights?.[e] as number
    edge += 1
  }

  return { keys, directed: edges.directed, sources, targets, weights, originals: Int32Array.from(originals) }
}

/**
 * Hands out node numbers by the tie rule above. A node enters the window, a
 * min-heap by key, once its score is within the tolerance of the highest
 * remaining score. The window only grows, because that highest score only
 * falls.
 */
class Ranking {
  private readonly scores: Float64Array
  private readonly keys: string[]
  private readonly byScore: Int32Array
  private readonly removed: Uint8Array
  private readonly window: number[] = []
  private admitted = 0
  private top = 0

  constructor(scores: Float64Array, keys: string[]) {
    this.scores = scores
    this.keys = keys
    this.removed = new Uint8Array(scores.length)
    this.byScore = Int32Array.from(
      Array.from({ length: scores.length }, (_, i) => i).sort(
        (a, b) => (scores[b] as number) - (scores[a] as number) || compareKeys(keys[a] as string, keys[b] as string),
      ),
    )
  }

  /** Returns the next node to remove, or -1 when every node has been handed out. */
  next(): number {
    while (this.top < this.byScore.length && this.removed[this.byScore[this.top] as number] === 1) this.top += 1

    if (this.top === this.byScore.length) return -1

    const highest = this.scores[this.byScore[this.top] as number] as number
    const threshold = highest - SCORE_TOLERANCE * Math.abs(highest)

    while (this.admitted < this.byScore.length) {
      const v = this.byScore[this.admitted] as number

      if ((this.scores[v] as number) < threshold) break

      this.push(v)
      this.admitted += 1
    }

    const v = this.pop()

    this.removed[v] = 1

    return v
  }

  private precedes(a: number, b: number): boolean {
    return (this.keys[a] as string) < (this.keys[b] as string)
  }

  private push(v: number): void {
    const heap = this.window
    let i = heap.length

    heap.push(v)

    while (i > 0) {
      const parent = (i - 1) >> 1

      if (!this.precedes(v, heap[parent] as number)) break

      heap[i] = heap[parent] as number
      i = parent
    }

    heap[i] = v
  }

  private pop(): number {
    const heap = this.window
    const top = heap[0] as number
    const last = heap.pop() as number

    if (heap.length === 0) return top

    let i = 0

    for (;;) {
      const left = 2 * i + 1

      if (left >= heap.length) break

      const right = left + 1
      const child = right < heap.length && this.precedes(heap[right] as number, heap[left] as number) ? right : left

      if (!this.precedes(heap[child] as number, last)) break

      heap[i] = heap[child] as number
      i = child
    }

    heap[i] = last

    return top
  }
}

/** Weakly connected components by breadth-first search over undirected neighbourhoods. */
class ComponentSearch {
  private readonly neighbourhoods: Neighbourhoods
  private readonly queue: Int32Array

  constructor(neighbourhoods: Neighbourhoods) {
    this.neighbourhoods = neighbourhoods
    this.queue = new Int32Array(neighbourhoods.offsets.length - 1)
  }

  /** Labels the components of the nodes flagged 1 in `present`; others get -1. */
  label(present: Uint8Array): { label: Int32Array; count: number } {
    const n = present.length
    const label = new Int32Array(n).fill(-1)
    const { offsets, targets } = this.neighbourhoods
    let count = 0

    for (let root = 0; root < n; root++) {
      if (present[root] === 0 || label[root] !== -1) continue

      let tail = 0

      label[root] = count
      this.queue[tail++] = root

      for (let head = 0; head < tail; head++) {
        const v = this.queue[head] as number

        for (let k = offsets[v] as number; k < (offsets[v + 1] as number); k++) {
          const w = targets[k] as number

          if (present[w] === 0 || label[w] !== -1) continue

          label[w] = count
          this.queue[tail++] = w
        }
      }

      count += 1
    }

    return { label, count }
  }

  /** Returns the node count of the largest component among the nodes flagged 1 in `present`. */
  largest(present: Uint8Array): number {
    const { label, count } = this.label(present)
    const sizes = new Int32Array(count)
    let largest = 0

    for (let v = 0; v < label.length; v++) {
      const l = label[v] as number

      if (l === -1) continue

      sizes[l] = (sizes[l] as number) + 1
      largest = Math.max(largest, sizes[l] as number)
    }

    return largest
  }
}

/** Union-find with union by size and path halving, tracking the largest set of included nodes. */
class DisjointSets {
  private readonly parent: Int32Array
  private readonly size: Int32Array
  largest = 0

  constructor(n: number) {
    this.parent = new Int32Array(n)
    this.size = new Int32Array(n).fill(1)

    for (let i = 0; i < n; i++) this.parent[i] = i
  }

  /** Counts v's set in `largest`; sets of nodes never included are not counted. */
  include(v: number): void {
    this.largest = Math.max(this.largest, this.size[this.find(v)] as number)
  }

  find(v: number): number {
    let x = v

    while (this.parent[x] !== x) {
      const grandparent = this.parent[this.parent[x] as number] as number

      this.parent[x] = grandparent
      x = grandparent
    }

    return x
  }

  union(a: number, b: number): void {
    let rootA = this.find(a)
    let rootB = this.find(b)

    if (rootA === rootB) return

    if ((this.size[rootA] as number) < (this.size[rootB] as number)) [rootA, rootB] = [rootB, rootA]

    this.parent[rootB] = rootA
    this.size[rootA] = (this.size[rootA] as number) + (this.size[rootB] as number)
    this.largest = Math.max(this.largest, this.size[rootA] as number)
  }
}
