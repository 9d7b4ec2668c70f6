/**
 * Merges sent at the same moment on the real Neo4j: two merges that share a record run one
 * after the other, so no name is lost, no request fails with a 5xx, and every merge that
 * succeeded can be undone.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'

const ROUNDS = 6

let app: FastifyInstance

async function removeFixture(): Promise<void> {
  const session = app.database.driver.session()
  try {
    await session.run(
      `MATCH (n) WHERE (n:Entity AND n.source = 't-race') OR (n:MergeSnapshot AND n.source = 't-race')
         OR (n:Merge AND n.keepId STARTS WITH 't-race:')
       DETACH DELETE n`,
    )
  } finally {
    await session.close()
  }
}

/** Imports open persons a, b and c of one round, and an associate of c when `linked`. */
async function importRound(round: string, linked: boolean): Promise<void> {
  const nodes = [
    'id,type,name,dataSource',
    `t-race:${round}a,Person,Alpha ${round},t-race`,
    `t-race:${round}b,Person,Beta ${round},t-race`,
    `t-race:${round}c,Person,Gamma ${round},t-race`,
    `t-race:${round}x,Person,Delta ${round},t-race`,
  ].join('\n')
  const edges = ['id,source,target,type,dataSource', `t-race:${round}e,t-race:${round}c,t-race:${round}x,ASSOCIATE_OF,t-race`].join('\n')
  const imported = await app.services.imports.importText(nodes, { file: `race-${round}.csv`, format: 'csv' })
  const linkedResult = linked ? await app.services.imports.importText(edges, { file: `race-${round}-edges.csv`, format: 'csv' }) : null
  if (imported.rejectedCount + (linkedResult?.rejectedCount ?? 0) > 0) {
    throw new Error(`fixture rejected in round ${round}`)
  }
}

function merge(keep: string, merged: string) {
  return app.inject({ method: 'POST', url: '/api/entities/merge', headers: bearer('editor'), payload: { keep, merge: merged } })
}

function undo(id: string) {
  return app.inject({ method: 'POST', url: `/api/entities/merge/${id}/undo`, headers: bearer('editor') })
}

/** Returns every name and alias on the live records of a round, sorted. */
async function liveNames(round: string): Promise<string[]> {
  const session = app.database.driver.session()
  try {
    const result = await session.run(
      `MATCH (n:Entity) WHERE n.source = 't-race' AND n.id STARTS WITH $prefix AND NOT n.id ENDS WITH 'x'
       RETURN n.name AS name, coalesce(n.aliases, []) AS aliases`,
      { prefix: `t-race:${round}` },
    )
    return result.records.flatMap((record) => [record.get('name') as string, ...(record.get('aliases') as string[])]).sort()
  } finally {
    await session.close()
  }
}

t.before(async () => {
  app = await buildTestApp()
  await removeFixture()
})
t.teardown(async () => {
  await removeFixture()
  await app.close()
})

for (const linked of [false, true]) {
  t.test(`a<-b and b<-c at once${linked ? ', c with a relationship' : ''}`, async (t) => {
    for (let index = 0; index < ROUNDS; index += 1) {
      const round = `${linked ? 'l' : 'n'}${index}`
      await importRound(round, linked)
      const [a, b, c] = ['a', 'b', 'c'].map((letter) => `t-race:${round}${letter}`) as [string, string, string]

      const [first, second] = await Promise.all([merge(b, c), merge(a, b)])

      t.ok([200, 404, 409].includes(first.statusCode), `b<-c answers ${first.statusCode}: ${first.body}`)
      t.ok([200, 404, 409].includes(second.statusCode), `a<-b answers ${second.statusCode}: ${second.body}`)
      t.same(await liveNames(round), [`Alpha ${round}`, `Beta ${round}`, `Gamma ${round}`], `round ${round}: every name on a live record`)

      // When both succeeded, b<-c committed first; undo in the reverse order.
      const done = [second, first].filter((response) => response.statusCode === 200)
      for (const response of done) {
        const undone = await undo(response.json().merge.id as string)
        t.equal(undone.statusCode, 200, `undo: ${undone.body}`)
      }
      t.same(await liveNames(round), [`Alpha ${round}`, `Beta ${round}`, `Gamma ${round}`], `round ${round}: names back after undo`)
    }
  })
}

t.test('a<-b and b<-a at once', async (t) => {
  for (let index = 0; index < ROUNDS; index += 1) {
    const round = `s${index}`
    await importRound(round, false)
    const [a, b] = [`t-race:${round}a`, `t-race:${round}b`]

    const responses = await Promise.all([merge(a, b), merge(b, a)])

    const statuses = responses.map((response) => response.statusCode).sort()
    t.ok(statuses[0] === 200 && [404, 409].includes(statuses[1]!), `one succeeds, the other is rejected: ${statuses.join(', ')}`)
    t.same(await liveNames(round), [`Alpha ${round}`, `Beta ${round}`, `Gamma ${round}`], `round ${round}: both names survive`)
    const winner = responses.find((response) => response.statusCode === 200)!
    t.equal((await undo(winner.json().merge.id as string)).statusCode, 200, 'the winner can be undone')
    t.same(await liveNames(round), [`Alpha ${round}`, `Beta ${round}`, `Gamma ${round}`])
  }
})
