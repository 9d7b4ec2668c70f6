/**
 * Centrality, communities and shortest paths through the API, on karate club and Les
 * Misérables stored in a real Neo4j, against the networkx 3.6.1 reference values.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { loadReference, type Reference } from '../analytics/fixtures.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { dataFile, skipUnlessData } from '../helpers/data.js'

const TOLERANCE = 1e-6

interface Dataset {
  name: 'karate' | 'lesmis'
  source: string
  files: string[]
  reference: string
}

const DATASETS: Dataset[] = [
  {
    name: 'karate',
    source: 'karate',
    files: ['karate/karate_networkx_weighted_edgelist.txt'],
    reference: 'karate/reference_networkx.json',
  },
  { name: 'lesmis', source: 'lesmis', files: ['lesmis/lesmis.gml'], reference: 'lesmis/reference_networkx.json' },
]

const CASES: { key: keyof Reference; query: string }[] = [
  { key: 'degree', query: 'measure=degree&normalized=false' },
  { key: 'degree_centrality', query: 'measure=degree&normalized=true' },
  { key: 'betweenness_normalized', query: 'measure=betweenness&normalized=true' },
  { key: 'betweenness_raw', query: 'measure=betweenness&normalized=false' },
  { key: 'closeness', query: 'measure=closeness' },
  { key: 'eigenvector', query: 'measure=eigenvector' },
  { key: 'pagerank_0.85_unweighted', query: 'measure=pagerank' },
  { key: 'pagerank_0.85_weighted', query: 'measure=pagerank&weighted=true&weightProperty=weight' },
]

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
})
t.teardown(() => app.close())

for (const dataset of DATASETS) {
  const skip = skipUnlessData(dataset.reference)

  t.test(`${dataset.name} against networkx`, { skip }, async (t) => {
    for (const file of dataset.files) {
      const report = await app.services.imports.importFile(dataFile(file))
      t.same(report.rejected, [], `${file} imports without rejections`)
    }
    const reference = loadReference(dataset.name)

    // networkx keys karate by number and Les Misérables by character name.
    const keyOf = (score: { id: string; name: string }) =>
      dataset.name === 'karate' ? score.id.replace('karate:', '') : score.name
    const idByKey = new Map<string, string>()

    for (const { key, query } of CASES) {
      const response = await app.inject({
        url: `/api/analytics/centrality?${query}&source=${dataset.source}&limit=10000`,
        headers: bearer(),
      })
      t.equal(response.statusCode, 200, `${key} answers 200`)
      const scores = response.json().scores as { id: string; name: string; score: number }[]
      const expected = reference[key] as Record<string, number>
      t.equal(scores.length, Object.keys(expected).length, `${key} scores every node`)
      const mismatches = scores.filter((score) => {
        idByKey.set(keyOf(score), score.id)
        const value = expected[keyOf(score)]
        return value === undefined || Math.abs(value - score.score) > TOLERANCE
      })
      t.same(mismatches, [], `${key} equals networkx to ${TOLERANCE}`)
    }

    await t.test('connected components', async (t) => {
      const response = await app.inject({
        url: `/api/analytics/communities?algorithm=wcc&source=${dataset.source}`,
        headers: bearer(),
      })
      t.equal(response.statusCode, 200)
      const communities = response.json().communities as { members: string[] }[]
      const expected = reference.connected_components.map((component) =>
        component.map((member) => idByKey.get(String(member))).sort(),
      )
      t.same(communities.map((community) => [...community.members].sort()), expected)
    })

    for (const weighted of [false, true]) {
      const range = weighted ? reference.louvain_weighted : reference.louvain_unweighted
      await t.test(`louvain ${weighted ? 'weighted' : 'unweighted'} modularity in networkx range`, async (t) => {
        for (const seed of [1, 7, 42]) {
          const response = await app.inject({
            url: `/api/analytics/communities?algorithm=louvain&seed=${seed}&weighted=${weighted}&source=${dataset.source}`,
            headers: bearer(),
          })
          t.equal(response.statusCode, 200)
          const { modularity } = response.json() as { modularity: number }
          t.ok(modularity >= range.min_Q - TOLERANCE, `seed ${seed}: ${modularity} >= ${range.min_Q}`)
          t.ok(modularity <= range.max_Q + TOLERANCE, `seed ${seed}: ${modularity} <= ${range.max_Q}`)
        }
      })
    }

    await t.test('shortest paths', async (t) => {
      for (const [pair, length] of Object.entries(reference.shortest_path_lengths)) {
        const [from, to] = pair.split('->').map((key) => idByKey.get(key))
        const response = await app.inject({ url: `/api/paths/shortest?from=${from}&to=${to}&all=true&limit=100`, headers: bearer() })
        t.equal(response.statusCode, 200)
        const paths = response.json().paths as { length: number; nodes: string[] }[]
        t.ok(paths.length > 0, `${pair} has a path`)
        t.ok(paths.every((path) => path.length === length), `${pair} has length ${length}`)
        const expected = (reference.shortest_paths_all[pair] ?? [])
          .map((path) => path.map((key) => idByKey.get(String(key))).join(' '))
          .sort()
        t.same(paths.map((path) => path.nodes.join(' ')).sort(), expected, `${pair} has every shortest path`)
      }
    })
  })
}
