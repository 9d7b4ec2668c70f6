/**
 * `GET /api/geo` on a small hand-built network in three countries (GE, DE, AE), plus a place,
 * a notice, a period and a transfer that only FR may see. Every expected count is worked out
 * in the comments next to the fixture. The fixture has its own dataset name, so `source`
 * keeps other test files' data out of the counts.
 */
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { bearer, buildTestApp } from '../helpers/app.js'

const SOURCE = 't-geo'

const NODES = [
  'id,type,name,city,country,latitude:float,longitude:float,jurisdiction,issuedBy,issuedAt:date,colour,kind,ownerNcb,restrictedTo,dataSource',
  `t-geo:tbilisi,Location,Tbilisi,Tbilisi,GE,41.7151,44.8271,,,,,,,,${SOURCE}`,
  `t-geo:kutaisi,Location,Kutaisi,Kutaisi,GE,42.2679,42.6946,,,,,,,,${SOURCE}`,
  `t-geo:berlin,Location,Berlin,Berlin,DE,52.52,13.405,,,,,,,,${SOURCE}`,
  `t-geo:dubai,Location,Dubai,Dubai,AE,25.2048,55.2708,,,,,,,,${SOURCE}`,
  `t-geo:paris,Location,Paris,Paris,FR,48.8566,2.3522,,,,,,FR,FR,${SOURCE}`,
  `t-geo:clan,Group,Geo Clan,,,,,,,,,,,,${SOURCE}`,
  `t-geo:crew,Group,Geo Crew,,,,,,,,,,,,${SOURCE}`,
  `t-geo:boss,Person,Geo Boss,,,,,,,,,,,,${SOURCE}`,
  `t-geo:lieutenant,Person,Geo Lieutenant,,,,,,,,,,,,${SOURCE}`,
  `t-geo:spy,Person,Geo Spy,,,,,,,,,,FR,FR,${SOURCE}`,
  `t-geo:shell,Company,Geo Shell,,,,,AE,,,,,,,${SOURCE}`,
  `t-geo:acc-ge,Account,GE account,,GE,,,,,,,,,,${SOURCE}`,
  `t-geo:acc-de,Account,DE account,,DE,,,,,,,,,,${SOURCE}`,
  `t-geo:acc-shell,Account,Shell account,,,,,,,,,,,,${SOURCE}`,
  `t-geo:acc-berlin,Account,Berlin account,,,,,,,,,,,,${SOURCE}`,
  `t-geo:acc-nowhere,Account,Nowhere account,,,,,,,,,,,,${SOURCE}`,
  // Notices: GE issues two red notices on 1996-03-01 and a blue diffusion on 1998-05-05; DE
  // red notices on 1997-01-01 and 2000-02-02; AE one undated. FR's own GE-issued notice is
  // restricted to FR.
  `t-geo:n1,Notice,Red notice 1,,,,,,GE,1996-03-01,red,notice,,,${SOURCE}`,
  `t-geo:n2,Notice,Red notice 2,,,,,,GE,1996-03-01,red,notice,,,${SOURCE}`,
  `t-geo:n3,Notice,Blue diffusion 3,,,,,,GE,1998-05-05,blue,diffusion,,,${SOURCE}`,
  `t-geo:n4,Notice,Red notice 4,,,,,,DE,1997-01-01,red,notice,,,${SOURCE}`,
  `t-geo:n5,Notice,Red notice 5,,,,,,DE,2000-02-02,red,notice,,,${SOURCE}`,
  `t-geo:n6,Notice,Green notice 6,,,,,,AE,,green,notice,,,${SOURCE}`,
  `t-geo:n7,Notice,Red notice 7,,,,,,GE,1996-03-01,red,notice,FR,FR,${SOURCE}`,
].join('\n')

const EDGES = [
  'id,source,target,type,since:date,until:date,date:date,amount,currency,ownerNcb,restrictedTo,dataSource',
  // The clan operates in Tbilisi from 1990, in Berlin from mid-1995 to the end of 1999 and
  // in Dubai from 2001; the crew in Berlin from 1998 on, and (seen by FR alone) in Paris.
  `t-geo:o1,t-geo:clan,t-geo:tbilisi,OPERATES_IN,1990-01-01,,,,,,,${SOURCE}`,
  `t-geo:o2,t-geo:clan,t-geo:berlin,OPERATES_IN,1995-06-01,1999-12-31,,,,,,${SOURCE}`,
  `t-geo:o3,t-geo:clan,t-geo:dubai,OPERATES_IN,2001-01-01,,,,,,,${SOURCE}`,
  `t-geo:o4,t-geo:crew,t-geo:berlin,OPERATES_IN,1998-01-01,,,,,,,${SOURCE}`,
  `t-geo:o5,t-geo:crew,t-geo:paris,OPERATES_IN,2002-01-01,,,,,FR,FR,${SOURCE}`,
  `t-geo:l1,t-geo:boss,t-geo:tbilisi,LOCATED_IN,,,,,,,,${SOURCE}`,
  `t-geo:l2,t-geo:lieutenant,t-geo:kutaisi,LOCATED_IN,,,,,,,,${SOURCE}`,
  `t-geo:l3,t-geo:shell,t-geo:dubai,LOCATED_IN,,,,,,,,${SOURCE}`,
  `t-geo:l4,t-geo:acc-berlin,t-geo:berlin,LOCATED_IN,,,,,,,,${SOURCE}`,
  `t-geo:l5,t-geo:spy,t-geo:paris,LOCATED_IN,,,,,,FR,FR,${SOURCE}`,
  `t-geo:h1,t-geo:shell,t-geo:acc-shell,HOLDS,,,,,,,,${SOURCE}`,
  // Money received: DE 100.00 + 50.50 EUR on 1996-04-01 and 20.00 EUR on 1999-09-09 (the
  // Berlin account has no country but is located in Berlin); AE 1000.00 USD through the
  // shell's account (country of its holder's jurisdiction); GE 300.00 USD. The transfer to
  // the account with no country is left out, and DE's 999.00 EUR is seen by FR alone.
  `t-geo:t1,t-geo:acc-ge,t-geo:acc-de,TRANSFER,,,1996-04-01,100.00,EUR,,,${SOURCE}`,
  `t-geo:t2,t-geo:acc-ge,t-geo:acc-de,TRANSFER,,,1996-04-01,50.50,EUR,,,${SOURCE}`,
  `t-geo:t3,t-geo:acc-de,t-geo:acc-shell,TRANSFER,,,1998-01-10,1000.00,USD,,,${SOURCE}`,
  `t-geo:t4,t-geo:acc-de,t-geo:acc-berlin,TRANSFER,,,1999-09-09,20.00,EUR,,,${SOURCE}`,
  `t-geo:t5,t-geo:acc-shell,t-geo:acc-ge,TRANSFER,,,2000-01-01,300.00,USD,,,${SOURCE}`,
  `t-geo:t6,t-geo:acc-ge,t-geo:acc-nowhere,TRANSFER,,,2000-01-02,5.00,EUR,,,${SOURCE}`,
  `t-geo:t7,t-geo:acc-ge,t-geo:acc-de,TRANSFER,,,1997-07-07,999.00,EUR,FR,FR,${SOURCE}`,
].join('\n')

interface GeoBody {
  places: {
    id: string
    name: string
    country: string | null
    latitude: number | null
    longitude: number | null
    entityCount: number
    linkCount: number
    links: { id: string; label: string; type: string; since: string | null; until: string | null }[]
    truncated: boolean
  }[]
  placesTruncated: boolean
  notices: { rows: { country: string; date: string | null; count: number }[]; truncated: boolean }
  groups: { rows: { country: string; groupId: string; since: string | null; until: string | null }[]; truncated: boolean }
  money: { rows: { country: string; date: string | null; currency: string; transfers: number; total: string }[]; truncated: boolean }
}

let app: FastifyInstance

t.before(async () => {
  app = await buildTestApp()
  for (const [text, file] of [
    [NODES, 'geo-nodes.csv'],
    [EDGES, 'geo-edges.csv'],
  ] as const) {
    const report = await app.services.imports.importText(text, { file, format: 'csv' })
    if (report.rejected.length > 0) {
      throw new Error(`${file} rejected rows: ${JSON.stringify(report.rejected)}`)
    }
  }
})
t.teardown(() => app?.close())

async function geo(query: string, ncb: string | null = 'GE', role: 'viewer' | 'admin' = 'viewer'): Promise<GeoBody> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/geo?source=${SOURCE}${query}`,
    headers: bearer(role, ncb),
  })
  if (response.statusCode !== 200) {
    throw new Error(`GET /api/geo${query} returned ${response.statusCode}: ${response.body}`)
  }
  return response.json<GeoBody>()
}

function noticesByCountry(body: GeoBody): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const row of body.notices.rows) counts[row.country] = (counts[row.country] ?? 0) + row.count
  return counts
}

function groupsByCountry(body: GeoBody): Record<string, string[]> {
  const groups: Record<string, Set<string>> = {}
  for (const row of body.groups.rows) (groups[row.country] ??= new Set()).add(row.groupId)
  return Object.fromEntries(Object.entries(groups).map(([country, ids]) => [country, [...ids].sort()]))
}

t.test('places with their entities', async (t) => {
  const body = await geo('')

  t.same(
    body.places.map((place) => [place.id, place.country, place.entityCount, place.linkCount]),
    [
      ['t-geo:dubai', 'AE', 2, 2],
      ['t-geo:berlin', 'DE', 3, 3],
      ['t-geo:kutaisi', 'GE', 1, 1],
      ['t-geo:tbilisi', 'GE', 2, 2],
    ],
    'four places by country and city; the FR-only Paris is not placed',
  )
  t.equal(body.placesTruncated, false, 'places not truncated')

  const berlin = body.places.find((place) => place.id === 't-geo:berlin')
  t.same(berlin?.links, [
    { id: 't-geo:acc-berlin', label: 'Account', name: 'Berlin account', type: 'LOCATED_IN', since: null, until: null },
    { id: 't-geo:clan', label: 'Group', name: 'Geo Clan', type: 'OPERATES_IN', since: '1995-06-01', until: '1999-12-31' },
    { id: 't-geo:crew', label: 'Group', name: 'Geo Crew', type: 'OPERATES_IN', since: '1998-01-01', until: null },
  ])
  t.equal(berlin?.latitude, 52.52, 'latitude')
  t.equal(berlin?.longitude, 13.405, 'longitude')
})

t.test('links per place are capped', async (t) => {
  const body = await geo('&linksPerPlace=1')
  const berlin = body.places.find((place) => place.id === 't-geo:berlin')

  t.equal(berlin?.links.length, 1, 'one link listed')
  t.equal(berlin?.linkCount, 3, 'all links counted')
  t.equal(berlin?.entityCount, 3, 'all entities counted')
  t.equal(berlin?.truncated, true, 'place marked truncated')
})

t.test('facts per country without a window', async (t) => {
  const body = await geo('')

  t.same(noticesByCountry(body), { GE: 3, DE: 2, AE: 1 }, 'notices by issuing country')
  t.same(groupsByCountry(body), { AE: ['t-geo:clan'], DE: ['t-geo:clan', 't-geo:crew'], GE: ['t-geo:clan'] })
  t.same(
    body.money.rows,
    [
      { country: 'GE', date: '2000-01-01', currency: 'USD', transfers: 1, total: '300.00' },
      { country: 'DE', date: '1999-09-09', currency: 'EUR', transfers: 1, total: '20.00' },
      { country: 'AE', date: '1998-01-10', currency: 'USD', transfers: 1, total: '1000.00' },
      { country: 'DE', date: '1996-04-01', currency: 'EUR', transfers: 2, total: '150.50' },
    ],
    'money received per day, latest first',
  )
  const undated = body.notices.rows.filter((row) => row.date === null)
  t.same(undated, [{ country: 'AE', date: null, colour: 'green', kind: 'notice', count: 1 }], 'undated notice kept')
  t.equal(body.notices.truncated, false, 'notices not truncated')
  t.equal(body.groups.truncated, false, 'groups not truncated')
  t.equal(body.money.truncated, false, 'money not truncated')
})

t.test('window cuts a group period', async (t) => {
  const late = await geo('&since=2000-01-01&until=2005-12-31')
  t.same(groupsByCountry(late), { AE: ['t-geo:clan'], DE: ['t-geo:crew'], GE: ['t-geo:clan'] }, 'clan left Berlin in 1999')

  const early = await geo('&since=1990-01-01&until=1994-12-31')
  t.same(groupsByCountry(early), { GE: ['t-geo:clan'] }, 'before Berlin and Dubai')

  const edge = await geo('&since=1999-12-31&until=1999-12-31')
  t.same(groupsByCountry(edge), { DE: ['t-geo:clan', 't-geo:crew'], GE: ['t-geo:clan'] }, 'last day included')
})

t.test('window filters notices and money', async (t) => {
  const body = await geo('&since=1997-01-01&until=1999-12-31')

  t.same(noticesByCountry(body), { GE: 1, DE: 1 }, 'undated AE notice left out of a window')
  t.same(
    body.money.rows.map((row) => [row.country, row.currency, row.total]),
    [
      ['DE', 'EUR', '20.00'],
      ['AE', 'USD', '1000.00'],
    ],
  )
})

t.test('restricted records for their country', async (t) => {
  const france = await geo('', 'FR')

  t.equal(france.places.length, 5, 'FR sees Paris too')
  const paris = france.places.find((place) => place.id === 't-geo:paris')
  t.same(
    paris?.links.map((link) => link.id),
    ['t-geo:crew', 't-geo:spy'],
    'Paris lists the crew and the spy',
  )
  t.same(noticesByCountry(france), { GE: 4, DE: 2, AE: 1 }, 'FR counts its own GE notice')
  t.same(groupsByCountry(france).FR, ['t-geo:crew'], 'FR sees the crew in Paris')
  const secret = france.money.rows.find((row) => row.date === '1997-07-07')
  t.same(secret, { country: 'DE', date: '1997-07-07', currency: 'EUR', transfers: 1, total: '999.00' })

  const georgia = await geo('', 'GE')
  t.notOk(
    georgia.money.rows.some((row) => row.date === '1997-07-07'),
    'GE does not see the restricted transfer',
  )
  t.notOk(
    georgia.groups.rows.some((row) => row.country === 'FR'),
    'GE does not see the restricted period',
  )

  const admin = await geo('', null, 'admin')
  t.equal(admin.places.length, 5, 'admins see every place')
})

t.test('bad input is rejected', async (t) => {
  const cases: [string, string, RegExp][] = [
    ['since', '&since=2020-02-30', /"since".*"2020-02-30".*calendar date/],
    ['until before since', '&since=2000-01-02&until=2000-01-01', /"until".*"2000-01-01".*on or after since/],
    ['linksPerPlace zero', '&linksPerPlace=0', /"linksPerPlace".*"0".*integer from 1 to 500/],
    ['linksPerPlace text', '&linksPerPlace=many', /"linksPerPlace".*"many"/],
    ['unknown parameter', '&country=GE', /country/],
  ]
  for (const [name, query, message] of cases) {
    const url = `/api/geo?source=${SOURCE}${query}`
    const response = await app.inject({ method: 'GET', url, headers: bearer('viewer', 'GE') })
    t.equal(response.statusCode, 400, `${name}: status`)
    t.equal(response.json().code, 'MLN_INVALID_PARAMETER', `${name}: code`)
    t.match(response.json().message, message, `${name}: message`)
  }

  const source = await app.inject({ method: 'GET', url: '/api/geo?source=a%20b', headers: bearer('viewer', 'GE') })
  t.equal(source.statusCode, 400, 'source: status')
  t.match(source.json().message, /"source".*"a b".*dataset name/, 'source: message')

  const anonymous = await app.inject({ method: 'GET', url: '/api/geo' })
  t.equal(anonymous.statusCode, 401, 'no token')
})
