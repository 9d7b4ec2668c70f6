/**
 * `GET /api/ownership/ultimate/:id` on small hand-built holdings imported as CSV: a chain,
 * parallel chains with control, a loop, an asset of two persons, a restricted intermediate
 * company, an unknown share and the depth limit.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'

const NODES = [
  'id,type,name,dataSource,ownerNcb,restrictedTo',
  // A chain: Pavel holds 60% of Caspian Holding, which holds 50% of Caspian Trade.
  't-own:p1,Person,Pavel,t-own,,',
  't-own:c1,Company,Caspian Holding,t-own,,',
  't-own:c2,Company,Caspian Trade,t-own,,',
  // Parallel chains: Giorgi holds 40% of Batumi Invest (50% of Batumi Port) and 20% of
  // Batumi Port directly; Zurab controls 30% of it.
  't-own:p2,Person,Giorgi,t-own,,',
  't-own:p3,Person,Zurab,t-own,,',
  't-own:c3,Company,Batumi Port,t-own,,',
  't-own:c4,Company,Batumi Invest,t-own,,',
  // A loop between Loop Alpha and Loop Beta.
  't-own:lp,Person,Levan,t-own,,',
  't-own:lq,Person,Kakha,t-own,,',
  't-own:la,Company,Loop Alpha,t-own,,',
  't-own:lb,Company,Loop Beta,t-own,,',
  't-own:lt,Company,Loop Target,t-own,,',
  // A villa owned by two persons.
  't-own:ap1,Person,Nino,t-own,,',
  't-own:ap2,Person,Tamaz,t-own,,',
  't-own:villa,Asset,Villa Marbella,t-own,,',
  // A company restricted to France between Rostom and Riviera Trade.
  't-own:rp,Person,Rostom,t-own,,',
  't-own:rq,Person,Revaz,t-own,,',
  't-own:rh,Company,Riviera Holding,t-own,FR,FR',
  't-own:rt,Company,Riviera Trade,t-own,,',
  // A holding of unknown share.
  't-own:mp,Person,Merab,t-own,,',
  't-own:mc,Company,Mystery Shell,t-own,,',
  't-own:mt,Company,Mystery Trade,t-own,,',
].join('\n')

const EDGES = [
  'id,source,target,type,share,dataSource,ownerNcb,restrictedTo',
  't-own:p1-c1,t-own:p1,t-own:c1,OWNS,0.6,t-own,,',
  't-own:c1-c2,t-own:c1,t-own:c2,OWNS,0.5,t-own,,',
  't-own:p2-c4,t-own:p2,t-own:c4,OWNS,0.4,t-own,,',
  't-own:c4-c3,t-own:c4,t-own:c3,OWNS,0.5,t-own,,',
  't-own:p2-c3,t-own:p2,t-own:c3,OWNS,0.2,t-own,,',
  't-own:p3-c3,t-own:p3,t-own:c3,CONTROLS,0.3,t-own,,',
  't-own:lp-la,t-own:lp,t-own:la,OWNS,0.7,t-own,,',
  't-own:lq-lb,t-own:lq,t-own:lb,OWNS,0.5,t-own,,',
  't-own:la-lt,t-own:la,t-own:lt,OWNS,0.8,t-own,,',
  't-own:la-lb,t-own:la,t-own:lb,OWNS,0.5,t-own,,',
  't-own:lb-la,t-own:lb,t-own:la,OWNS,0.3,t-own,,',
  't-own:ap1-villa,t-own:ap1,t-own:villa,OWNS,0.6,t-own,,',
  't-own:ap2-villa,t-own:ap2,t-own:villa,OWNS,0.4,t-own,,',
  't-own:rp-rh,t-own:rp,t-own:rh,OWNS,1,t-own,,',
  't-own:rh-rt,t-own:rh,t-own:rt,OWNS,0.6,t-own,,',
  't-own:rq-rt,t-own:rq,t-own:rt,OWNS,0.4,t-own,,',
  't-own:mp-mc,t-own:mp,t-own:mc,OWNS,,t-own,,',
  't-own:mc-mt,t-own:mc,t-own:mt,OWNS,0.6,t-own,,',
].join('\n')

interface Owner {
  id: string
  share: number
  control: boolean
  shareUnknown: boolean
  ownersBeyondDepth: boolean
  chains: { nodes: string[]; relationships: string[]; share: number | null; control: boolean }[]
  chainCount: number
}

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  const nodes = await app.services.imports.importText(NODES, { file: 'ownership-nodes.csv', format: 'csv' })
  const edges = await app.services.imports.importText(EDGES, { file: 'ownership-edges.csv', format: 'csv' })
  if (nodes.rejected.length + edges.rejected.length > 0) {
    throw new Error(`fixture rejected: ${JSON.stringify([...nodes.rejected, ...edges.rejected])}`)
  }
})
t.teardown(() => app.close())

async function ultimate(id: string, query = '', ncb: string | null = null) {
  const response = await app.inject({ url: `/api/ownership/ultimate/${id}?${query}`, headers: bearer('viewer', ncb) })
  return { status: response.statusCode, body: response.json() }
}

function owner(body: { owners: Owner[] }, id: string): Owner {
  const found = body.owners.find((candidate) => candidate.id === id)
  if (found === undefined) {
    throw new Error(`no owner ${id} among ${JSON.stringify(body.owners.map((item) => item.id))}`)
  }
  return found
}

t.test('chain of 60% and 50% gives 0.3', async (t) => {
  const { status, body } = await ultimate('t-own:c2')
  t.equal(status, 200)
  t.same(body.target, { id: 't-own:c2', label: 'Company', name: 'Caspian Trade' })
  t.equal(body.threshold, 0.25, 'the default threshold')
  t.equal(body.maxDepth, 10)
  t.same(body.owners.map((item: Owner) => item.id), ['t-own:p1'])
  const pavel = owner(body, 't-own:p1')
  t.ok(Math.abs(pavel.share - 0.3) < 1e-12, `share ${pavel.share}`)
  t.equal(pavel.control, false)
  t.same(pavel.chains[0]?.nodes, ['t-own:p1', 't-own:c1', 't-own:c2'])
  t.same(pavel.chains[0]?.relationships, ['t-own:p1-c1', 't-own:c1-c2'])
  t.equal(body.relationships, 2)
  t.equal(body.truncated, false)
  t.equal(body.belowThreshold, 0)
})

t.test('parallel chains add up and CONTROLS marks control', async (t) => {
  const { status, body } = await ultimate('t-own:c3')
  t.equal(status, 200)
  t.same(body.owners.map((item: Owner) => item.id), ['t-own:p2', 't-own:p3'])
  const giorgi = owner(body, 't-own:p2')
  t.ok(Math.abs(giorgi.share - 0.4) < 1e-12, `0.4 × 0.5 + 0.2 = ${giorgi.share}`)
  t.equal(giorgi.chainCount, 2)
  t.equal(giorgi.control, false)
  const zurab = owner(body, 't-own:p3')
  t.ok(Math.abs(zurab.share - 0.3) < 1e-12)
  t.equal(zurab.control, true)
  t.same(zurab.chains[0]?.relationships, ['t-own:p3-c3'])
})

t.test('ownership loop gives the worked value', async (t) => {
  // Levan holds 70% of Alpha, Kakha 50% of Beta; Alpha holds 80% of the target and 50% of
  // Beta, Beta 30% of Alpha. x(Alpha) = 0.8 + 0.5 × 0.3 x(Alpha) = 0.8 / 0.85 = 16/17,
  // x(Beta) = 0.3 × 16/17 = 24/85, so Levan holds 0.7 × 16/17 = 56/85 ≈ 0.6588 and Kakha
  // 0.5 × 24/85 = 12/85 ≈ 0.1412, below the default threshold.
  const { status, body } = await ultimate('t-own:lt')
  t.equal(status, 200)
  t.same(body.owners.map((item: Owner) => item.id), ['t-own:lp'])
  t.ok(Math.abs(owner(body, 't-own:lp').share - 56 / 85) < 1e-12, `Levan ${owner(body, 't-own:lp').share}`)
  t.equal(body.belowThreshold, 1)
  t.equal(body.relationships, 5)

  const all = await ultimate('t-own:lt', 'threshold=0.1')
  t.same(all.body.owners.map((item: Owner) => item.id), ['t-own:lp', 't-own:lq'])
  const kakha = owner(all.body, 't-own:lq')
  t.ok(Math.abs(kakha.share - 12 / 85) < 1e-12, `Kakha ${kakha.share}`)
  t.same(kakha.chains.map((chain) => chain.nodes), [['t-own:lq', 't-own:lb', 't-own:la', 't-own:lt']], 'a simple path')
  t.equal(all.body.belowThreshold, 0)
})

t.test('asset owned by two persons', async (t) => {
  const { status, body } = await ultimate('t-own:villa')
  t.equal(status, 200)
  t.equal(body.target.label, 'Asset')
  t.same(body.owners.map((item: Owner) => [item.id, item.share]), [['t-own:ap1', 0.6], ['t-own:ap2', 0.4]])

  const half = await ultimate('t-own:villa', 'threshold=0.5')
  t.same(half.body.owners.map((item: Owner) => item.id), ['t-own:ap1'])
  t.equal(half.body.belowThreshold, 1)
})

t.test('restricted intermediate company changes the answer', async (t) => {
  const france = await ultimate('t-own:rt', '', 'FR')
  t.equal(france.status, 200)
  t.same(france.body.owners.map((item: Owner) => [item.id, item.share]), [['t-own:rp', 0.6], ['t-own:rq', 0.4]])
  t.same(owner(france.body, 't-own:rp').chains[0]?.nodes, ['t-own:rp', 't-own:rh', 't-own:rt'])

  const germany = await ultimate('t-own:rt', '', 'DE')
  t.equal(germany.status, 200)
  t.same(germany.body.owners.map((item: Owner) => [item.id, item.share]), [['t-own:rq', 0.4]])
  t.equal(germany.body.relationships, 1, 'nothing through the hidden company is loaded')
  t.notMatch(JSON.stringify(germany.body), /t-own:rh/, 'the hidden company is never named')

  const hidden = await ultimate('t-own:rh', '', 'DE')
  t.equal(hidden.status, 404, 'the hidden company itself is not found')
})

t.test('unknown share is reported, not counted as 1', async (t) => {
  const { status, body } = await ultimate('t-own:mt')
  t.equal(status, 200)
  const merab = owner(body, 't-own:mp')
  t.equal(merab.share, 0)
  t.equal(merab.shareUnknown, true)
  t.equal(merab.chains[0]?.share, null)
})

t.test('maxDepth stops below the top', async (t) => {
  const { status, body } = await ultimate('t-own:c2', 'maxDepth=1&threshold=0')
  t.equal(status, 200)
  t.same(body.owners.map((item: Owner) => item.id), ['t-own:c1'])
  t.equal(owner(body, 't-own:c1').share, 0.5)
  t.equal(owner(body, 't-own:c1').ownersBeyondDepth, true)
})

t.test('person has no owners', async (t) => {
  const { status, body } = await ultimate('t-own:p1', 'threshold=0')
  t.equal(status, 200)
  t.same(body.owners, [])
})

t.test('invalid parameters are rejected', async (t) => {
  const cases: [string, RegExp][] = [
    ['threshold=2', /"threshold".*"2".*a number from 0 to 1/],
    ['threshold=abc', /"threshold".*"abc"/],
    ['maxDepth=99', /"maxDepth".*"99".*an integer from 1 to 10/],
    ['depth=2', /depth/],
  ]
  for (const [query, message] of cases) {
    const { status, body } = await ultimate('t-own:c2', query)
    t.equal(status, 400, query)
    t.equal(body.code, 'MLN_INVALID_PARAMETER', query)
    t.match(body.message, message, query)
  }
})

t.test('unknown id is a 404', async (t) => {
  const { status, body } = await ultimate('t-own:nobody')
  t.equal(status, 404)
  t.equal(body.code, 'MLN_NOT_FOUND')
  t.match(body.message, /"t-own:nobody"/)
})

t.test('route requires a token', async (t) => {
  const response = await app.inject({ url: '/api/ownership/ultimate/t-own:c2' })
  t.equal(response.statusCode, 401)
})
