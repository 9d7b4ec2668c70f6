/**
 * End-to-end test of the viewer's panels (details, paths, analytics) in Debian's headless
 * Chromium, against the real service over a real Neo4j with the demo network and a small
 * hand-made network imported through the API. Expected values come from the same API the
 * page calls, with the same token.
 */
import type { AddressInfo } from 'node:net'

import { chromium, type Page } from 'playwright-core'
import t from 'tap'

import { buildApp } from '../../src/server/app.js'
import { CHROMIUM_ARGS, CHROMIUM_PATH, buildViewer, chromiumMissing } from '../helpers/browser.js'
import { testConfig, testDatabase } from '../helpers/neo4j.js'
import { startTestService } from '../helpers/service.js'

// The limits the viewer sends; the expected values are fetched with the same ones.
const OVERVIEW_LIMIT = 300
const NEIGHBOURHOOD_LIMIT = 200
const DEFAULT_HOPS = 6
const TOP_COUNT = 10
const REMOVALS = 5

const XSS_NAME = '<img src=x onerror=window.__pwned=1>'
const ARABIC_NAME = 'عبد الله الحسيني'
const HEBREW_ALIAS = 'אברהם כהן'
const LONG_NOTE = 'x'.repeat(240)

// Each searchable node has a Latin alias far from the others, so a search finds it first.
// pa and pc are joined by two 2-hop paths (via ASSOCIATE_OF and via CALLED) and by one
// 3-hop path via MET. pd, on the MET path, is a member of three groups.
const NODES = [
  'id,type,name,aliases:string[],kind,colour,status,issuedBy,issuedAt:date,note,dataSource,ownerNcb,restrictedTo',
  `t-panel:xss,Person,${XSS_NAME},Tamarindxss,,,,,,,t-panel,,`,
  `t-panel:ar,Person,${ARABIC_NAME},Marigoldar|${HEBREW_ALIAS}|Абдулла Хусейни,,,,,,${LONG_NOTE},t-panel,,`,
  't-panel:n1,Notice,Red notice 2022/90001,,notice,red,active,GE,2022-02-03,,t-panel,,',
  't-panel:n2,Notice,Blue diffusion 2023/90002,,diffusion,blue,active,DE,2023-04-05,,t-panel,,',
  't-panel:n3,Notice,Green notice 2021/90003,,notice,green,active,FR,2021-06-07,,t-panel,FR,FR',
  't-panel:pa,Person,Anzor Hawthorn,Hawthornpa,,,,,,,t-panel,,',
  't-panel:pb1,Person,Badri Bramble,,,,,,,,t-panel,,',
  't-panel:pb2,Person,Besik Bramble,,,,,,,,t-panel,,',
  't-panel:pc,Person,Churchkhela Sycamore,Sycamorepc,,,,,,,t-panel,,',
  't-panel:pd,Person,Dato Quillwort,Quillwortpd,,,,,,,t-panel,,',
  't-panel:pe,Person,Elguja Quillwort,,,,,,,,t-panel,,',
  't-panel:g1,Group,Quillwort brigade,,,,,,,,t-panel,,',
  't-panel:g2,Group,Quillwort crew,,,,,,,,t-panel,,',
  't-panel:g3,Group,Quillwort circle,,,,,,,,t-panel,,',
].join('\n')

const EDGES = [
  'id,source,target,type,dataSource,ownerNcb,restrictedTo',
  't-panel:s1,t-panel:ar,t-panel:n1,SUBJECT_OF,t-panel,,',
  't-panel:s2,t-panel:ar,t-panel:n2,SUBJECT_OF,t-panel,,',
  't-panel:s3,t-panel:ar,t-panel:n3,SUBJECT_OF,t-panel,,',
  't-panel:ax,t-panel:ar,t-panel:xss,ASSOCIATE_OF,t-panel,,',
  't-panel:a1,t-panel:pa,t-panel:pb1,ASSOCIATE_OF,t-panel,,',
  't-panel:a2,t-panel:pb1,t-panel:pc,ASSOCIATE_OF,t-panel,,',
  't-panel:c1,t-panel:pa,t-panel:pb2,CALLED,t-panel,,',
  't-panel:c2,t-panel:pb2,t-panel:pc,CALLED,t-panel,,',
  't-panel:m1,t-panel:pa,t-panel:pd,MET,t-panel,,',
  't-panel:m2,t-panel:pd,t-panel:pe,MET,t-panel,,',
  't-panel:m3,t-panel:pe,t-panel:pc,MET,t-panel,,',
  't-panel:g1,t-panel:pd,t-panel:g1,MEMBER_OF,t-panel,,',
  't-panel:g2,t-panel:pd,t-panel:g2,MEMBER_OF,t-panel,,',
  't-panel:g3,t-panel:pd,t-panel:g3,MEMBER_OF,t-panel,,',
].join('\n')

interface GraphPayload {
  nodes: { key: string }[]
  edges: { key: string }[]
}

interface GraphBody {
  graph: GraphPayload
}

interface PathBody extends GraphBody {
  paths: { length: number; nodes: string[]; relationships: string[] }[]
}

interface EntityBody {
  name: string
  notices: { id: string; name: string; kind: string | null; colour: string | null; issuedBy: string | null }[]
}

interface CentralityBody {
  scores: { id: string; name: string; score: number }[]
}

interface DisruptionBody {
  originalLargestComponent: number
  steps: { removed: string[]; largestComponent: number }[]
}

t.test('viewer panels in headless Chromium', { skip: chromiumMissing }, async (t) => {
  buildViewer()
  const service = await startTestService()
  t.teardown(() => service.close())
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  t.teardown(() => browser.close())

  await importFixture(service.url, service.token('admin'), 'panel-nodes.csv', NODES)
  await importFixture(service.url, service.token('admin'), 'panel-edges.csv', EDGES)

  const token = service.token('analyst')
  async function api<Body>(path: string, body?: unknown): Promise<Body> {
    const init: RequestInit = { headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }
    if (body !== undefined) Object.assign(init, { method: 'POST', body: JSON.stringify(body) })
    const response = await fetch(`${service.url}${path}`, init)
    if (!response.ok) throw new Error(`${path} returned ${response.status}: ${await response.text()}`)
    return (await response.json()) as Body
  }

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  // What the canvas holds, tracked from the payloads the viewer merges.
  const overview = await api<GraphBody>(`/api/graph/overview?limit=${OVERVIEW_LIMIT}`)
  const shownNodes = new Set(overview.graph.nodes.map((node) => node.key))
  const shownEdges = new Set(overview.graph.edges.map((edge) => edge.key))
  function merge(payload: GraphPayload): void {
    for (const node of payload.nodes) shownNodes.add(node.key)
    for (const edge of payload.edges) shownEdges.add(edge.key)
  }

  /** Opens an entity through the search box, as the viewer does: its neighbourhood loads when it is not shown. */
  async function openBySearch(alias: string, id: string): Promise<void> {
    const found = await api<{ results: { id: string }[] }>(`/api/search?q=${encodeURIComponent(alias)}&limit=10`)
    const index = found.results.findIndex((result) => result.id === id)
    if (index < 0) throw new Error(`a search for ${alias} does not find ${id}`)
    if (!shownNodes.has(id)) {
      merge((await api<GraphBody>(`/api/graph/neighbourhood/${encodeURIComponent(id)}?depth=1&limit=${NEIGHBOURHOOD_LIMIT}`)).graph)
    }
    const entity = await api<EntityBody>(`/api/entities/${encodeURIComponent(id)}`)

    const input = page.locator('#search-input')
    await input.fill('')
    await input.pressSequentially(alias)
    await page.locator(`#suggestion-${index}`).click()
    await waitForDetails(page, entity.name)
  }

  await page.goto(`${service.url}/#token=${encodeURIComponent(token)}`)
  await page.locator('#graph canvas').first().waitFor()
  await page.waitForFunction(() => Number(document.querySelector('#node-count')?.textContent?.replaceAll(',', '')) > 0)

  await t.test('detail panel lists notices', async (t) => {
    const entity = await api<EntityBody>('/api/entities/t-panel:ar')
    await openBySearch('Marigoldar', 't-panel:ar')

    const items = page.locator('#entity-notices li')
    t.equal(await items.count(), entity.notices.length, 'one item per notice the API returns')
    t.equal(entity.notices.length, 2, 'the FR-only notice is not among them')
    for (const [index, notice] of entity.notices.entries()) {
      const item = items.nth(index)
      t.equal(await item.getAttribute('data-id'), notice.id, `notice ${index + 1} in the API's order`)
      t.equal(await item.locator('.notice-colour').textContent(), notice.colour, `colour of ${notice.id} as text`)
      t.equal(await item.locator('.notice-kind').textContent(), notice.kind, `kind of ${notice.id}`)
      t.equal(await item.locator('.notice-issuer').getAttribute('data-country'), notice.issuedBy, `issuing country of ${notice.id}`)
      t.match(await item.locator('.notice-issuer').textContent(), notice.issuedBy ?? '', 'issuing country written out')
    }
  })

  await t.test('Arabic name shown as text', async (t) => {
    const title = page.locator('#details-title')
    t.equal(await title.textContent(), ARABIC_NAME, 'title is the name')
    t.equal(await title.getAttribute('dir'), 'auto', 'title direction follows the text')
    const aliases = await page.locator('#entity-aliases li').allTextContents()
    t.same(aliases, ['Marigoldar', HEBREW_ALIAS, 'Абдулла Хусейни'], 'aliases listed')
    const directions = await page.locator('#entity-aliases li').evaluateAll((items) => items.map((item) => item.getAttribute('dir')))
    t.same(directions, ['auto', 'auto', 'auto'], 'each alias has dir="auto"')
  })

  await t.test('panel fits 390 px', async (t) => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.locator('#entity-properties').waitFor()
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    t.ok(width <= 390, `no horizontal scrolling with a ${LONG_NOTE.length}-character value (page is ${width} px wide)`)
    const panelOverflow = await page.locator('#details').evaluate((panel) => panel.scrollWidth - panel.clientWidth)
    t.equal(panelOverflow, 0, 'the detail panel does not overflow')
    await page.setViewportSize({ width: 1280, height: 900 })
  })

  await t.test('markup in a name stays text', async (t) => {
    await openBySearch('Tamarindxss', 't-panel:xss')
    const title = page.locator('#details-title')
    t.equal(await title.textContent(), XSS_NAME, 'title is the name, character for character')
    t.equal(await title.getAttribute('dir'), 'auto', 'title has dir="auto"')
    t.equal(await page.locator('#details img, #path-panel img, #analytics-panel img').count(), 0, 'no img element was made')
    t.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined, 'the handler never ran')
  })

  await t.test('one shortest path', async (t) => {
    const query = 'from=t-panel:pa&to=t-panel:pc'
    const expected = await api<PathBody>(`/api/paths/shortest?${query}&maxHops=${DEFAULT_HOPS}&all=false&limit=1`)

    await openBySearch('Hawthornpa', 't-panel:pa')
    await page.locator('#path-from-button').click()
    await openBySearch('Sycamorepc', 't-panel:pc')
    await page.locator('#path-to-button').click()
    await waitForSummary(page, /^(Shortest path|No path)/)
    merge(expected.graph)

    t.equal(await page.locator('#path-summary').textContent(), 'Shortest path: 2 hops', 'summary gives the length')
    t.same(await pathNodeIds(page), expected.paths.map((path) => path.nodes), 'steps are the API path')
    t.equal(await pathEdges(page, 2), expected.paths[0]?.relationships.length, 'path edges highlighted')
  })

  await t.test('all shortest paths highlighted', async (t) => {
    const expected = await api<PathBody>(`/api/paths/shortest?from=t-panel:pa&to=t-panel:pc&maxHops=${DEFAULT_HOPS}&all=true&limit=25`)
    const relationships = new Set(expected.paths.flatMap((path) => path.relationships))

    await page.locator('#path-mode-all').check()
    await page.locator('#path-search').click()
    await waitForSummary(page, /shortest paths? of/)
    merge(expected.graph)

    t.equal(expected.paths.length, 2, 'the API finds both 2-hop paths')
    t.equal(await page.locator('#path-summary').textContent(), `${expected.paths.length} shortest paths of 2 hops`, 'summary counts the paths')
    t.equal(await page.locator('#path-results .path-result').count(), expected.paths.length, 'one list per path')
    t.same(await pathNodeIds(page), expected.paths.map((path) => path.nodes), 'each list follows its path')
    t.equal(await pathEdges(page, relationships.size), relationships.size, 'every edge of every path highlighted')

    const links = await page.locator('#path-results .path-link').evaluateAll((items) => items.map((item) => item.getAttribute('data-type')))
    t.same(links.sort(), ['ASSOCIATE_OF', 'ASSOCIATE_OF', 'CALLED', 'CALLED'], 'relationship types named on the steps')

    await page.locator('#path-results .path-only').first().click()
    await page.waitForFunction(() => document.querySelector('#path-results .path-only')?.getAttribute('aria-pressed') === 'true')
    t.equal(await pathEdges(page, 2), expected.paths[0]?.relationships.length, 'one path alone highlighted')
  })

  await t.test('excluded types change the path', async (t) => {
    const base = `/api/paths/shortest?from=t-panel:pa&to=t-panel:pc&maxHops=${DEFAULT_HOPS}&all=false&limit=1`
    const before = await api<PathBody>(base)
    const after = await api<PathBody>(`${base}&excludeTypes=ASSOCIATE_OF,CALLED`)
    t.notSame(after.paths[0]?.nodes, before.paths[0]?.nodes, 'the API gives another path without those types')

    await page.locator('#path-mode-shortest').check()
    await page.locator('#path-type-filter').selectOption('except')
    await page.locator('#path-type-ASSOCIATE_OF').check()
    await page.locator('#path-type-CALLED').check()
    await page.locator('#path-search').click()
    await waitForSummary(page, /^Shortest path: 3 hops$/)
    merge(after.graph)

    t.same(await pathNodeIds(page), [after.paths[0]?.nodes], 'the page shows the API path')
    t.equal(await pathEdges(page, 3), after.paths[0]?.relationships.length, 'its edges highlighted')
  })

  await t.test('no path within hop limit', async (t) => {
    const body = await api<PathBody>('/api/paths/shortest?from=t-panel:pa&to=t-panel:pc&maxHops=2&excludeTypes=ASSOCIATE_OF,CALLED')
    t.same(body.paths, [], 'the API finds none either')

    await page.locator('#path-max-hops').fill('2')
    await page.locator('#path-search').click()
    await waitForSummary(page, /^No path/)
    t.equal(
      await page.locator('#path-summary').textContent(),
      'No path of at most 2 hops without ASSOCIATE_OF, CALLED joins these nodes.',
      'summary names the hop limit and the excluded types',
    )
    t.equal(await page.locator('#path-results .path-result').count(), 0, 'no path listed')

    await page.locator('#path-max-hops').fill('11')
    await page.locator('#path-search').click()
    t.match(await page.locator('#path-options-message').textContent(), 'from 1 to 10', 'an invalid hop limit is explained')
  })

  await t.test('Expand MEMBER_OF adds its neighbours', async (t) => {
    const typed = await api<GraphBody>(`/api/graph/neighbourhood/t-panel:pd?depth=1&limit=${NEIGHBOURHOOD_LIMIT}&types=MEMBER_OF`)
    const entity = await api<EntityBody>('/api/entities/t-panel:pd')

    // The MET path goes through pd; picking pd there shows it without its neighbourhood.
    await page.locator('#path-max-hops').fill(String(DEFAULT_HOPS))
    await page.locator('#path-search').click()
    await waitForSummary(page, /^Shortest path: 3 hops$/)
    await page.locator('#path-results .path-node[data-id="t-panel:pd"]').click()
    await waitForDetails(page, entity.name)
    const before = { nodes: await readCount(page, '#node-count'), edges: await readCount(page, '#edge-count') }
    t.equal(before.nodes, shownNodes.size, 'nodes on screen before, as tracked')

    merge(typed.graph)
    await page.locator('#expand-type-MEMBER_OF').click()
    await page.waitForFunction(() => /^(Added|.* has no MEMBER_OF)/.test(document.querySelector('#notice')?.textContent ?? ''))

    t.equal(typed.graph.nodes.length, 4, 'the API returns pd and its three groups')
    t.equal(await readCount(page, '#node-count'), shownNodes.size, 'exactly the new MEMBER_OF neighbours added')
    t.equal(await readCount(page, '#edge-count'), shownEdges.size, 'and their relationships')
    t.ok((await readCount(page, '#node-count')) > before.nodes, 'the groups were not shown before')
  })

  await t.test('top 10 equals the API', async (t) => {
    const expected = await api<CentralityBody>(`/api/analytics/centrality?measure=degree&limit=${TOP_COUNT}`)

    await page.locator('#analytics-measure').selectOption('degree')
    await page.waitForFunction((count) => document.querySelectorAll('#analytics-top li').length === count, expected.scores.length)

    const rows = await page.locator('#analytics-top .top-member').evaluateAll((buttons) =>
      buttons.map((button) => ({
        id: button.getAttribute('data-id'),
        name: button.querySelector('.top-name')?.textContent,
        score: button.querySelector('.top-score')?.getAttribute('data-score'),
      })),
    )
    t.equal(expected.scores.length, TOP_COUNT, 'the API ranks ten members')
    t.same(
      rows,
      expected.scores.map((entry) => ({ id: entry.id, name: entry.name, score: String(entry.score) })),
      'ids, names and exact scores in the API order',
    )
    t.equal(await page.locator('#size-mode').inputValue(), 'degree', 'the toolbar sizes by the same measure')
  })

  await t.test('disruption curve and removed members', async (t) => {
    const expected = await api<DisruptionBody>('/api/analytics/disruption', {
      measure: 'degree',
      strategy: 'recompute',
      blockSize: 1,
      maxSteps: REMOVALS,
    })
    const removed = expected.steps.flatMap((step) => step.removed)

    await page.locator('#disruption-measure').selectOption('degree')
    await page.locator('#disruption-strategy').selectOption('recompute')
    await page.locator('#disruption-removals').fill(String(REMOVALS))
    await page.locator('#disruption-run').click()
    await page.locator('#disruption-summary').waitFor()

    const ids = await page.locator('#disruption-removed .removed-member').evaluateAll((buttons) =>
      buttons.map((button) => button.getAttribute('data-id')),
    )
    t.same(ids, removed, 'the removed members are the API ones, in order')

    const points = await page.locator('.disruption-chart circle').evaluateAll((circles) =>
      circles.map((circle) => ({ removals: Number(circle.getAttribute('data-removals')), size: Number(circle.getAttribute('data-size')) })),
    )
    t.equal(points.length, expected.steps.length + 1, 'one point per removal, plus the network as it is')
    t.same(
      points.map((point) => point.size),
      [expected.originalLargestComponent, ...expected.steps.map((step) => step.largestComponent)],
      'the curve is the API largest component after each removal',
    )
    t.same(points.map((point) => point.removals), points.map((_point, index) => index), 'x is the number removed')
    t.equal(await page.locator('.disruption-chart .x-tick').first().textContent(), '0', 'x axis labelled from 0')
    const last = expected.steps.at(-1)?.largestComponent
    t.match(await page.locator('#disruption-summary').textContent(), `to ${last?.toLocaleString('en')} node`, 'summary gives the last size')
    t.notOk(await page.locator('#disruption-restore').isDisabled(), 'Restore enabled while members are removed')

    await page.locator('#disruption-restore').click()
    await page.waitForFunction(() => document.querySelector('#disruption-result')?.childElementCount === 0)
    t.ok(await page.locator('#disruption-restore').isDisabled(), 'Restore disabled once restored')
  })

  await t.test('long disruption runs as job', async (t) => {
    // A second service on the same data whose per-request work limit every simulation exceeds.
    const config = await testConfig({ MILLENNIUM_ANALYTICS_MAX_WORK: '1000' })
    const limited = await buildApp({ config, database: await testDatabase(), logger: false })
    t.teardown(() => limited.close())
    await limited.listen({ host: '127.0.0.1', port: 0 })
    const url = `http://127.0.0.1:${(limited.server.address() as AddressInfo).port}`

    const body = { measure: 'degree', strategy: 'recompute', blockSize: 1, maxSteps: REMOVALS }
    const direct = await fetch(`${url}/api/analytics/disruption`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    t.equal(direct.status, 400, 'the limited service rejects the simulation within a request')
    const expected = await api<DisruptionBody>('/api/analytics/disruption', body)

    const jobPage = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    t.teardown(() => jobPage.close())
    await jobPage.goto(`${url}/#token=${encodeURIComponent(token)}`)
    await jobPage.locator('#disruption-run').waitFor()
    await jobPage.locator('#disruption-measure').selectOption('degree')
    await jobPage.locator('#disruption-removals').fill(String(REMOVALS))
    await jobPage.locator('#disruption-run').click()

    await jobPage.waitForFunction(() => (document.querySelector('#disruption-status')?.textContent ?? '').includes('background job'))
    t.pass('the panel says the simulation runs as a background job')
    await jobPage.locator('#disruption-summary').waitFor()
    const ids = await jobPage.locator('#disruption-removed .removed-member').evaluateAll((buttons) =>
      buttons.map((button) => button.getAttribute('data-id')),
    )
    t.same(ids, expected.steps.flatMap((step) => step.removed), 'the job removes the same members')
    t.equal(await jobPage.locator('.disruption-chart circle').count(), expected.steps.length + 1, 'one point per removal, plus one')
  })

  await t.test('community legend shows sizes', async (t) => {
    const body = await api<{ communities: { size: number }[] }>('/api/analytics/communities?algorithm=louvain&seed=42')
    const largest = Math.max(...body.communities.map((community) => community.size))

    await page.locator('#analytics-communities').check()
    await page.waitForFunction(() => document.querySelector('#legend-title')?.textContent === 'Colour: community (Louvain)')
    const first = await page.locator('#legend-entries .legend-bar').first().getAttribute('data-size')
    t.equal(Number(first), largest, 'the first bar is the largest community')
    t.equal(await page.locator('#colour-mode').inputValue(), 'community', 'the toolbar follows')
  })

  await t.test('no page errors', async (t) => {
    t.same(pageErrors, [], 'the page threw no uncaught errors')
  })
})

async function importFixture(url: string, token: string, filename: string, text: string): Promise<void> {
  const response = await fetch(`${url}/api/import?filename=${filename}&format=csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: text,
  })
  const body = (await response.json()) as { rejectedCount?: number }
  if (!response.ok || body.rejectedCount !== 0) throw new Error(`importing ${filename} failed: ${JSON.stringify(body)}`)
}

async function waitForDetails(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('#details-title')?.textContent === expected && document.querySelector('#entity-provenance') !== null,
    name,
  )
}

async function waitForSummary(page: Page, pattern: RegExp): Promise<void> {
  await page.waitForFunction(
    ({ source, flags }) => new RegExp(source, flags).test(document.querySelector('#path-summary')?.textContent ?? ''),
    { source: pattern.source, flags: pattern.flags },
  )
}

async function pathNodeIds(page: Page): Promise<string[][]> {
  return page.locator('#path-results .path-steps').evaluateAll((lists) =>
    lists.map((list) => [...list.querySelectorAll('.path-node')].map((node) => node.getAttribute('data-id') ?? '')),
  )
}

/**
 * Returns the edges Sigma drew in the path colour, which the renderer writes on the graph
 * container, once it reaches `expected` or after two seconds, whichever comes first.
 */
async function pathEdges(page: Page, expected: number): Promise<number> {
  await page
    .waitForFunction((count) => document.querySelector('#graph')?.getAttribute('data-path-edges') === String(count), expected, {
      timeout: 2000,
    })
    .catch(() => undefined)
  return Number(await page.locator('#graph').getAttribute('data-path-edges'))
}

async function readCount(page: Page, selector: string): Promise<number> {
  const text = (await page.locator(selector).textContent()) ?? ''
  return Number(text.replaceAll(',', ''))
}
