/**
 * An analyst's whole session in Debian's headless Chromium, against the real service over a
 * real Neo4j with the demo network: sign in, search and open a person, expand, find a path,
 * trace money from an obshak, switch to the map, move the timeline, read a chart and export
 * a PNG. Every step saves a screenshot under test-output/screenshots/journey and checks that
 * what it drew is not blank. Expected values come from the API with the same token.
 */
import { readFile } from 'node:fs/promises'

import { chromium, type Locator, type Page } from 'playwright-core'
import t, { type Test } from 'tap'

import { CHROMIUM_ARGS, CHROMIUM_PATH, buildViewer, chromiumMissing } from '../helpers/browser.js'
import { BLANK_THRESHOLD, pixelsOf, saveScreenshot, summarisePixels } from '../helpers/screens.js'
import { startTestService } from '../helpers/service.js'

const SUITE = 'journey'
const NEIGHBOURHOOD_LIMIT = 200
const PATH_HOPS = 6
const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">Vor Hostile'

interface SerializedNode {
  key: string
  attributes: { label: string; name?: string }
}

interface GraphBody {
  graph: { nodes: SerializedNode[]; edges: { key: string }[] }
}

interface SearchBody {
  results: { id: string; name: string; label: string }[]
}

t.test('analyst journey in Chromium', { skip: chromiumMissing }, async (t) => {
  buildViewer()
  const service = await startTestService()
  t.teardown(() => service.close())
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  t.teardown(() => browser.close())

  const token = service.token('analyst')
  async function api<Body>(path: string): Promise<Body> {
    const response = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
    if (!response.ok) throw new Error(`GET ${path} returned ${response.status}: ${await response.text()}`)
    return (await response.json()) as Body
  }
  await importHostilePerson(service.url, service.token('admin'))

  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, acceptDownloads: true })
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  let step = 0
  async function evidence(t: Test, name: string, drawing: Locator): Promise<void> {
    step += 1
    await saveScreenshot(page, SUITE, `${String(step).padStart(2, '0')}-${name}`)
    const pixels = await pixelsOf(drawing)
    t.ok(pixels.inked > BLANK_THRESHOLD, `${name}: drawing not blank (inked ${pixels.inked.toFixed(4)})`)
  }
  const canvas = page.locator('#graph')

  const overview = await api<GraphBody>('/api/graph/overview?limit=300')
  const { start, end, hops } = await chooseRoute(api, overview)

  await t.test('sign in with a token', async (t) => {
    await page.goto(service.url)
    await page.locator('#token-input').fill(token)
    await page.locator('#sign-in-form button[type="submit"]').click()
    await page.waitForFunction(() => Number(document.querySelector('#node-count')?.textContent?.replaceAll(',', '')) > 0)

    t.ok(await page.locator('#workspace').isVisible(), 'workspace shown')
    t.equal(await readCount(page, '#node-count'), overview.graph.nodes.length, 'overview nodes on screen')
    await page.waitForTimeout(300)
    await evidence(t, 'signed-in', canvas)
  })

  await t.test('search opens a person', async (t) => {
    await searchAndPick(page, start.name, start.id)
    await waitForTitle(page, start.name)

    t.equal(await page.locator('#details-title').textContent(), start.name, 'detail panel names the person')
    t.match(await page.locator('#details').textContent(), 'Person', 'label shown')
    await evidence(t, 'person-opened', canvas)
  })

  await t.test('expand adds neighbours', async (t) => {
    const before = await readCount(page, '#node-count')
    const around = await api<GraphBody>(`/api/graph/neighbourhood/${encodeURIComponent(start.id)}?depth=1&limit=${NEIGHBOURHOOD_LIMIT}`)
    const drawnNodes = await page.evaluate(() => document.querySelector('#graph')?.getAttribute('data-drawn-nodes'))
    await page.locator('#expand-button').click()
    await page.waitForFunction(() => /^(Added|.* has no neighbours)/.test(document.querySelector('#notice')?.textContent ?? ''))

    const after = await readCount(page, '#node-count')
    t.ok(after >= before, `node count did not drop (${before} to ${after})`)
    const missing = around.graph.nodes.filter((node) => !overview.graph.nodes.some((shownNode) => shownNode.key === node.key))
    t.equal(after - before, missing.length, 'added exactly the neighbours not shown before')
    t.ok(drawnNodes !== null, 'the renderer reports what it drew')
    await evidence(t, 'expanded', canvas)
  })

  await t.test('path between two people', async (t) => {
    await page.locator('#path-from-button').click()
    await searchAndPick(page, end.name, end.id)
    await waitForTitle(page, end.name)
    await page.locator('#path-to-button').click()
    await page.waitForFunction(() => /^(Shortest path|No path)/.test(document.querySelector('#path-summary')?.textContent ?? ''))

    t.equal(await page.locator('#path-summary').textContent(), `Shortest path: ${hops} hops`, 'length equals the API')
    const highlighted = await page.evaluate(() => Number(document.querySelector('#graph')?.getAttribute('data-path-edges')))
    t.equal(highlighted, hops, 'one highlighted relationship per hop')
    await evidence(t, 'path', canvas)
    await page.locator('#path-clear').click()
  })

  await t.test('money trace from an obshak', async (t) => {
    const funds = await api<SearchBody>('/api/search?q=obshak&type=Fund&limit=10')
    const fund = funds.results[0]
    if (fund === undefined) throw new Error('the demo network has no fund called obshak')
    const trace = await api<{ endpoints: unknown[]; counts: { transfers: number } }>(
      `/api/money/trace?from=${encodeURIComponent(fund.id)}&direction=out&maxHops=6&holders=false`,
    )
    t.ok(trace.counts.transfers > 0, 'the API traces transfers out of the fund')

    await searchAndPick(page, fund.name, fund.id, 'Fund')
    await waitForTitle(page, fund.name)
    await page.locator('#trace-money-button').click()
    await page.locator('#money-max-hops').fill('6')
    await page.locator('#money-trace-submit').click()
    await page.locator('#money-endpoints tbody tr').first().waitFor()

    t.equal(await page.locator('#money-endpoints tbody tr').count(), trace.endpoints.length, 'one row per endpoint')
    await page.waitForTimeout(300)
    await evidence(t, 'money-trace', canvas)
    await page.locator('#money-leave').click()
    await page.waitForFunction(() => document.querySelector('#money-panel')?.hasAttribute('hidden'))
  })

  await t.test('map shows places', async (t) => {
    const geo = await api<{ places: { latitude: number | null; longitude: number | null }[] }>('/api/geo')
    const located = geo.places.filter((place) => place.latitude !== null && place.longitude !== null)
    await page.locator('#tab-map').click()
    await page.locator('#map-svg .map-marker').first().waitFor()

    t.equal(await page.locator('#map-svg .map-marker').count(), located.length, 'one marker per located place')
    t.ok(await page.locator('#graph').isHidden(), 'network view hidden behind its tab')
    await evidence(t, 'map', page.locator('#map-stage'))
  })

  await t.test('timeline narrows the network', async (t) => {
    await page.locator('#tab-network').click()
    await page.waitForFunction(() => Number(document.querySelector('#graph')?.getAttribute('data-drawn-edges')) > 0)
    const drawnBefore = await drawnEdges(page)
    const max = Number(await page.locator('#workspace-timeline-end').getAttribute('max'))
    t.ok(max > 1, `the timeline has ${max + 1} stops`)

    await page.locator('#workspace-timeline-end').focus()
    await page.keyboard.press('Home')
    await page.waitForFunction((before) => Number(document.querySelector('#graph')?.getAttribute('data-drawn-edges')) < before, drawnBefore)

    const summary = (await page.locator('#workspace-timeline-summary').textContent()) ?? ''
    const firstDay = await page.locator('#workspace-timeline-start').getAttribute('aria-valuetext')
    t.match(summary, `Showing ${firstDay} to ${firstDay}:`, 'summary names the one-day range')
    t.ok((await drawnEdges(page)) < drawnBefore, 'fewer relationships drawn inside the range')
    await evidence(t, 'timeline', canvas)

    await page.locator('#workspace-timeline-all').click()
    await page.waitForFunction((before) => Number(document.querySelector('#graph')?.getAttribute('data-drawn-edges')) === before, drawnBefore)
    t.equal(await drawnEdges(page), drawnBefore, 'show all draws every relationship again')
  })

  await t.test('chart of notices', async (t) => {
    const stats = await api<{ notices: { colour: string | null; kind: string | null; count: number }[] }>('/api/stats')
    const total = stats.notices.reduce((sum, notice) => sum + notice.count, 0)
    await page.locator('#tab-charts').click()
    await page.waitForFunction(() => document.getElementById('chart-notices')?.dataset.state === 'ready')

    const counts = await page.locator('#chart-notices-table tbody tr').evaluateAll((rows) =>
      rows.map((row) => Number(row.querySelectorAll('td')[2]?.textContent?.replaceAll(',', '') ?? 'NaN')),
    )
    t.equal(counts.reduce((sum, count) => sum + count, 0), total, 'table total equals the API')
    await evidence(t, 'chart', page.locator('#chart-notices svg').first())
  })

  await t.test('PNG export is drawn', async (t) => {
    await page.locator('#tab-network').click()
    await page.locator('#export-menu').click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-png').click()])
    const bytes = await readFile(await download.path())
    const pixels = summarisePixels(bytes)

    t.match(download.suggestedFilename(), /^millennium-.*\.png$/, 'PNG file name')
    t.ok(pixels.width > 0 && pixels.height > 0, `image is ${pixels.width}x${pixels.height}`)
    t.ok(pixels.inked > BLANK_THRESHOLD, `exported image not blank (inked ${pixels.inked.toFixed(4)})`)
    await saveScreenshot(page, SUITE, `${String(++step).padStart(2, '0')}-exported`)
  })

  await t.test('hostile name shown as text', async (t) => {
    await searchAndPick(page, 'Hostile', 't-journey:hostile')
    await waitForTitle(page, HOSTILE_NAME)

    t.equal(await page.locator('#details-title').textContent(), HOSTILE_NAME, 'name shown as typed')
    t.equal(await page.locator('#details img, #search-suggestions img, #notice img').count(), 0, 'no img element made')
    t.equal(await page.evaluate(() => (window as { __pwned?: number }).__pwned), undefined, 'no script ran')
    await evidence(t, 'hostile-name', canvas)
  })

  t.same(pageErrors, [], 'the page threw no uncaught errors')
})

async function importHostilePerson(url: string, adminToken: string): Promise<void> {
  const csv = ['id,type,name,dataSource', `t-journey:hostile,Person,"${HOSTILE_NAME.replaceAll('"', '""')}",t-journey`].join('\n')
  const response = await fetch(`${url}/api/import?filename=journey.csv&format=csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' },
    body: csv,
  })
  const body = (await response.json()) as { rejectedCount?: number }
  if (!response.ok || body.rejectedCount !== 0) throw new Error(`importing the hostile person failed: ${JSON.stringify(body)}`)
}

type Api = <Body>(path: string) => Promise<Body>

/** Picks two people of the overview, both found by search, joined by a shortest path of 2 to 4 hops. */
async function chooseRoute(api: Api, overview: GraphBody) {
  const people = overview.graph.nodes
    .filter((node) => node.attributes.label === 'Person' && typeof node.attributes.name === 'string')
    .sort((a, b) => a.key.localeCompare(b.key, 'en'))
  const searchable: { id: string; name: string }[] = []
  for (const person of people.slice(0, 40)) {
    const name = person.attributes.name ?? ''
    const found = await api<SearchBody>(`/api/search?q=${encodeURIComponent(name)}&limit=10`)
    if (found.results.some((result) => result.id === person.key)) searchable.push({ id: person.key, name })
  }

  for (const start of searchable) {
    for (const end of searchable) {
      if (end.id === start.id) continue
      const query = `from=${encodeURIComponent(start.id)}&to=${encodeURIComponent(end.id)}&maxHops=${PATH_HOPS}`
      const body = await api<{ paths: { length: number }[] }>(`/api/paths/shortest?${query}`)
      const hops = body.paths[0]?.length ?? 0
      if (hops >= 2 && hops <= 4) return { start, end, hops }
    }
  }
  throw new Error('no two searchable people of the overview are 2 to 4 hops apart')
}

async function searchAndPick(page: Page, text: string, id: string, type = ''): Promise<void> {
  await page.locator('#search-type').selectOption(type)
  const input = page.locator('#search-input')
  await input.fill('')
  await input.pressSequentially(text)
  await page.locator(`#search-suggestions li[data-id="${id}"]`).click()
}

async function waitForTitle(page: Page, name: string): Promise<void> {
  await page.waitForFunction((expected) => document.querySelector('#details-title')?.textContent === expected, name)
}

async function readCount(page: Page, selector: string): Promise<number> {
  return Number(((await page.locator(selector).textContent()) ?? '').replaceAll(',', ''))
}

async function drawnEdges(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.querySelector('#graph')?.getAttribute('data-drawn-edges')))
}
