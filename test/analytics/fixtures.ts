/**
 * Test-only loaders for the reference graphs in the shared data folder:
 * Zachary's karate club (edge list) and Les Misérables (GML), plus the
 * networkx 3.6.1 reference values computed for them. The folder comes from
 * MILLENNIUM_DATA_DIR, else ../shared/data beside the repository; tests skip
 * when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { UndirectedGraph } from 'graphology'

const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export const DATA_DIR = process.env.MILLENNIUM_DATA_DIR ?? path.resolve(REPOSITORY_ROOT, '../shared/data')

/** Returns a skip message when a file under the data folder is missing, else false. */
export function missingData(...relativePaths: string[]): string | false {
  for (const relativePath of relativePaths) {
    const file = path.join(DATA_DIR, relativePath)

    if (!existsSync(file)) return `reference data not found: ${file} (set MILLENNIUM_DATA_DIR)`
  }

  return false
}

export const KARATE_FILES = ['karate/karate_networkx_weighted_edgelist.txt', 'karate/reference_networkx.json']
export const LESMIS_FILES = ['lesmis/lesmis.gml', 'lesmis/reference_networkx.json']

/** Karate club, node keys "0".."33", interaction counts in the `weight` attribute. */
export function loadKarate(): UndirectedGraph {
  const graph = new UndirectedGraph()
  const text = readFileSync(path.join(DATA_DIR, 'karate/karate_networkx_weighted_edgelist.txt'), 'utf8')

  for (const line of text.split('\n')) {
    if (line.trim() === '') continue

    const [source, target, weight] = line.trim().split(/\s+/)

    if (source === undefined || target === undefined || weight === undefined) {
      throw new Error(`karate edge list: invalid line ${JSON.stringify(line)}, expected "source target weight"`)
    }

    graph.mergeNode(source)
    graph.mergeNode(target)
    graph.addEdge(source, target, { weight: Number(weight) })
  }

  return graph
}

type GmlValue = string | number | GmlRecord
interface GmlRecord {
  entries: [string, GmlValue][]
}

/** Parses the subset of GML that lesmis.gml uses: keys, numbers, quoted strings, nested lists. */
function parseGml(text: string): GmlRecord {
  const tokens = text.match(/"[^"]*"|\[|\]|[^\s[\]]+/g) ?? []
  let position = 0

  const parseList = (): GmlRecord => {
    const entries: [string, GmlValue][] = []

    while (position < tokens.length && tokens[position] !== ']') {
      const key = tokens[position++] as string
      const token = tokens[position++]

      if (token === undefined) throw new Error(`GML: missing value for key "${key}"`)

      if (token === '[') {
        entries.push([key, parseList()])
        position++
      } else if (token.startsWith('"')) {
        entries.push([key, token.slice(1, -1)])
      } else {
        entries.push([key, Number(token)])
      }
    }

    return { entries }
  }

  return parseList()
}

function field(record: GmlRecord, key: string): GmlValue | undefined {
  return record.entries.find(([name]) => name === key)?.[1]
}

/** Les Misérables, node keys are character names, co-appearance counts in the `value` attribute. */
export function loadLesMis(): UndirectedGraph {
  const root = parseGml(readFileSync(path.join(DATA_DIR, 'lesmis/lesmis.gml'), 'utf8'))
  const body = field(root, 'graph') as GmlRecord
  const labels = new Map<number, string>()
  const graph = new UndirectedGraph()

  for (const [key, value] of body.entries) {
    if (key !== 'node') continue

    const node = value as GmlRecord
    const label = field(node, 'label') as string

    labels.set(field(node, 'id') as number, label)
    graph.addNode(label)
  }

  for (const [key, value] of body.entries) {
    if (key !== 'edge') continue

    const edge = value as GmlRecord
    const source = labels.get(field(edge, 'source') as number) as string
    const target = labels.get(field(edge, 'target') as number) as string

    graph.addEdge(source, target, { value: field(edge, 'value') as number })
  }

  return graph
}

/** Spread of networkx's Louvain over seeds 0..99: modularity and community count. */
export interface LouvainRange {
  min_Q: number
  max_Q: number
  n_communities_range: [number, number]
}

export interface Reference {
  n_nodes: number
  n_edges: number
  degree: Record<string, number>
  degree_centrality: Record<string, number>
  betweenness_normalized: Record<string, number>
  betweenness_raw: Record<string, number>
  closeness: Record<string, number>
  closeness_wf_improved_False: Record<string, number>
  eigenvector: Record<string, number>
  'pagerank_0.85_unweighted': Record<string, number>
  'pagerank_0.85_weighted': Record<string, number>
  connected_components: string[][]
  shortest_path_lengths: Record<string, number>
  shortest_paths_all: Record<string, (string | number)[][]>
  louvain_unweighted: LouvainRange
  louvain_weighted: LouvainRange
  greedy_modularity: { Q: number; communities: string[][] }
  label_propagation_semisync: { Q: number; communities: string[][] }
  club_split_modularity_unweighted?: number
  club?: Record<string, string>
  'weighted_shortest_path_length(weight=weight as distance)'?: Record<string, number>
}

export function loadReference(name: 'karate' | 'lesmis'): Reference {
  return JSON.parse(readFileSync(path.join(DATA_DIR, name, 'reference_networkx.json'), 'utf8')) as Reference
}
