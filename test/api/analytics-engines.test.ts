/**
 * The two engines through the API: `engine=gds` and `engine=inprocess` give the same scores
 * and partitions on Zachary's karate club. The comparison needs a test Neo4j with Graph Data
 * Science, and test/data/gds.test.ts says how to start one. Without it, the file checks that
 * `engine=gds` is a 400 naming the parameter.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { loadReference } from '../analytics/fixtures.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { dataFile, skipUnlessData } from '../helpers/data.js'
import { testDatabase } from '../helpers/neo4j.js'

const TOLERANCE = 1e-6

const CENTRALITY = [
  'measure=degree',
  'measure=betweenness',
  'measure=betweenness&normalized=false',
  'measure=closeness',
  'measure=harmonic',
  'measure=pagerank',
  'measure=pagerank&weighted=true',
  'measure=pagerank&seeds=karate:0,karate:33',
  'measure=eigenvector',
  'measure=kcore',
  'measure=degree&orientation=natural&direction=in',
  'measure=closeness&orientation=natural',
]

const probe = await testDatabase()
const gdsVersion = await probe
  .readText('RETURN gds.version() AS version', {}, { ncb: null, all: true })
  .then((result) => result.records[0]?.get('version') as string)
  .catch(() => null)
await probe.close()

const skipGds =
  gdsVersion === null ? 'Neo4j Graph Data Science is not installed on the test Neo4j' : skipUnlessData('karate/karate_networkx_weighted_edgelist.txt')

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
})
t.teardown(() => app.close())

t.test('engine=gds without the plugin is a 400', async (t) => {
  if (gdsVersion !== null) {
    t.pass(`GDS ${gdsVersion} is installed here`)
    return
  }
  const response = await app.inject({ url: '/api/analytics/centrality?measure=degree&source=karate&engine=gds', headers: bearer() })
  t.equal(response.statusCode, 400)
  t.match(response.json().message, /"engine"/)

  const job = await app.inject({
    method: 'POST',
    url: '/api/jobs',
    headers: bearer(),
    payload: { kind: 'centrality', parameters: { measure: 'degree', source: 'karate', engine: 'gds' } },
  })
  t.equal(job.statusCode, 400, 'a job asking for GDS is rejected before it starts')
  t.match(job.json().message, /"engine"/)
})

t.test('both engines agree on karate club', { skip: skipGds }, async (t) => {
  await app.services.imports.importFile(dataFile('karate/karate_networkx_weighted_edgelist.txt'))

  for (const query of CENTRALITY) {
    const [inprocess, gds] = await Promise.all(
      ['inprocess', 'gds'].map((engine) =>
        app.inject({ url: `/api/analytics/centrality?${query}&source=karate&limit=100&engine=${engine}`, headers: bearer() }),
      ),
    )
    t.equal(inprocess?.statusCode, 200, `${query} in process`)
    t.equal(gds?.statusCode, 200, `${query} in GDS`)
    const expected = new Map((inprocess?.json().scores as { id: string; score: number }[]).map((score) => [score.id, score.score]))
    const scores = gds?.json().scores as { id: string; score: number }[]
    t.equal(scores.length, expected.size, `${query}: every node scored`)
    const differing = scores.filter((score) => Math.abs(score.score - (expected.get(score.id) ?? Number.NaN)) > TOLERANCE)
    t.same(differing, [], `${query}: GDS equals in-process to ${TOLERANCE}`)
    t.equal(gds?.json().engine, 'gds')
  }

  for (const algorithm of ['wcc', 'scc']) {
    const [inprocess, gds] = await Promise.all(
      ['inprocess', 'gds'].map((engine) =>
        app.inject({ url: `/api/analytics/communities?algorithm=${algorithm}&source=karate&orientation=natural&engine=${engine}`, headers: bearer() }),
      ),
    )
    t.same(gds?.json().communities, inprocess?.json().communities, `${algorithm}: the same components`)
    t.ok(Math.abs((gds?.json().modularity as number) - (inprocess?.json().modularity as number)) < 1e-9, `${algorithm}: the same modularity`)
  }

  // GDS's Louvain takes no seed, so its partition may differ; its modularity must still lie
  // in networkx's range over 100 seeds for the karate club.
  const range = loadReference('karate').louvain_unweighted as { min_Q: number; max_Q: number }
  const louvain = await app.inject({ url: '/api/analytics/communities?algorithm=louvain&source=karate&engine=gds', headers: bearer() })
  t.equal(louvain.statusCode, 200)
  const quality = louvain.json().modularity as number
  t.ok(quality >= range.min_Q - 1e-6 && quality <= range.max_Q + 1e-6, `GDS Louvain modularity ${quality} in ${range.min_Q}..${range.max_Q}`)
})
