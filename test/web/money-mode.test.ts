/**
 * End-to-end test of money mode: the built viewer, served by the real service over a real
 * Neo4j, traces a small hand-built trail in Debian's headless Chromium. The trail's amounts
 * are worked out below, and the page is also checked against the API's own response.
 */
import { chromium, type Page } from 'playwright-core'
import t from 'tap'

import { CHROMIUM_ARGS, CHROMIUM_PATH, buildViewer, chromiumMissing } from '../helpers/browser.js'
import { startTestService } from '../helpers/service.js'

const SOURCE = 't-mm'
const FUND_NAME = 'Mm Zolotoy Fund'

const NODES = [
  'id,type,name,dataSource',
  `t-mm:fund,Fund,${FUND_NAME},${SOURCE}`,
  ...['a0', 'b', 'c', 'd', 'e', 'g'].map((key) => `t-mm:${key},Account,Mm account ${key.toUpperCase()},${SOURCE}`),
].join('\n')

// The fund's account A0 pays B 1000.00 EUR. B passes 600.00 to C and 300.00 to D and keeps
// 100.00. C passes 500.00 to E and keeps 100.00, and pays G 100.00 GEL, which the test service
// has no rate for. D passes 250.00 to E and keeps 50.00. E receives 750.00 and sends nothing.
const EDGES = [
  'id,source,target,type,dataSource,date:date,amount,currency',
  `t-mm:holds,t-mm:fund,t-mm:a0,HOLDS,${SOURCE},,,`,
  `t-mm:a0-b,t-mm:a0,t-mm:b,TRANSFER,${SOURCE},1908-01-10,1000.00,EUR`,
  `t-mm:b-c,t-mm:b,t-mm:c,TRANSFER,${SOURCE},1908-01-12,600.00,EUR`,
  `t-mm:b-d,t-mm:b,t-mm:d,TRANSFER,${SOURCE},1908-01-15,300.00,EUR`,
  `t-mm:c-e,t-mm:c,t-mm:e,TRANSFER,${SOURCE},1908-02-01,500.00,EUR`,
  `t-mm:c-g,t-mm:c,t-mm:g,TRANSFER,${SOURCE},1908-02-20,100.00,GEL`,
  `t-mm:d-e,t-mm:d,t-mm:e,TRANSFER,${SOURCE},1908-03-01,250.00,EUR`,
].join('\n')

interface TraceBody {
  total: string
  endpoints: { id: string; amount: string; stop: string }[]
  paths: { nodes: string[]; amount: string }[]
  graph: { nodes: unknown[]; edges: unknown[] }
}

t.test('money mode in headless Chromium', { skip: chromiumMissing }, async (t) => {
  buildViewer()
  const service = await startTestService()
  t.teardown(() => service.close())
  for (const [text, filename] of [
    [NODES, 'money-mode-nodes.csv'],
    [EDGES, 'money-mode-edges.csv'],
  ] as const) {
    const response = await fetch(`${service.url}/api/import?filename=${filename}&source=${SOURCE}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${service.token('editor')}`, 'content-type': 'text/csv' },
      body: text,
    })
    const report = (await response.json()) as { rejected?: unknown[] }
    if (response.status !== 200 || (report.rejected?.length ?? 0) > 0) {
      throw new Error(`importing ${filename} returned ${response.status}: ${JSON.stringify(report)}`)
    }
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  t.teardown(() => browser.close())
  const token = service.token('analyst')
  const traced = await fetch(`${service.url}/api/money/trace?from=t-mm:fund&maxHops=6&holders=false`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const expected = (await traced.json()) as TraceBody

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  await t.test('trace from the fund draws the trail', async (t) => {
    await page.goto(`${service.url}/#token=${encodeURIComponent(token)}`)
    await page.locator('#graph canvas').first().waitFor()
    await page.waitForFunction(() => Number(document.querySelector('#node-count')?.textContent?.replaceAll(',', '')) > 0)

    const input = page.locator('#search-input')
    await input.pressSequentially(FUND_NAME)
    await page.locator('#search-suggestions li', { hasText: FUND_NAME }).first().click()
    await page.waitForFunction((name) => document.querySelector('#details-title')?.textContent === name, FUND_NAME)

    await page.locator('#trace-money-button').click()
    t.equal(await page.locator('#money-from-name').textContent(), FUND_NAME, 'form names the start')
    await page.locator('#money-max-hops').fill('6')
    await page.locator('#money-trace-submit').click()
    await page.locator('#money-endpoints tbody tr').first().waitFor()
    await waitForDrawnEdges(page, 6)

    t.equal(await readNumber(page, '#edge-count'), 6, 'six transfers in the graph')
    t.equal(expected.graph.edges.length, 6, 'the API returns the same six')
    t.equal(await readNumber(page, '#node-count'), 7, 'the fund, its account and five payees')
    t.equal(await drawnEdges(page), 6, 'Sigma draws all six')
    t.match(await page.locator('#money-summary').textContent(), 'Money out of Mm Zolotoy Fund: 1,000.00 EUR traced')
  })

  await t.test('endpoints panel lists amounts', async (t) => {
    const rows = await page.locator('#money-endpoints tbody tr').evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')),
    )
    t.same(
      rows.map((row) => row[1]),
      ['750.00', '100.00', '100.00', '50.00'],
      'E, then B and C, then D',
    )
    t.same(
      rows.map((row) => row[1]),
      expected.endpoints.map((endpoint) => endpoint.amount),
      'amounts as the API gave them',
    )
    t.same(
      rows.map((row) => row[2]),
      ['75.0 %', '10.0 %', '10.0 %', '5.0 %'],
      'shares of the 1000.00 traced',
    )
    t.match(rows[0]?.[0], 'Mm account E', 'largest endpoint first')
    t.match(rows[0]?.[3], 'only receives', 'E sends nothing on')
    t.match(rows[1]?.[3], 'kept', 'B kept part of it')
  })

  await t.test('unconverted transfer and rule shown', async (t) => {
    const unconverted = await page.locator('#money-unconverted li').allTextContents()
    t.same(unconverted, ['100.00 GEL on 1908-02-20 (t-mm:c-g)'])
    t.match(await page.locator('#money-unconverted-warning').textContent(), '1 transfer on the trail')
    t.equal(await page.locator('#money-truncated').count(), 0, 'not truncated')
    t.match(await page.locator('#money-rule').textContent(), 'pro-rata')
    t.match(await page.locator('#legend-edge-width').textContent(), 'square root of the amount in EUR')
  })

  await t.test('timeline hides edges outside the range', async (t) => {
    t.equal(await page.locator('#timeline-first').textContent(), '1908-01-10', 'first transfer date')
    t.equal(await page.locator('#timeline-last').textContent(), '1908-03-01', 'last transfer date')

    await page.locator('#timeline-end').focus()
    await page.keyboard.press('ArrowLeft')
    await waitForDrawnEdges(page, 5)
    t.equal(await page.locator('#timeline-last').textContent(), '1908-02-20', 'last day moved back one stop')
    await page.keyboard.press('ArrowLeft')
    await waitForDrawnEdges(page, 4)

    await page.locator('#timeline-start').focus()
    await page.keyboard.press('ArrowRight')
    await waitForDrawnEdges(page, 3)
    t.equal(await page.locator('#timeline-first').textContent(), '1908-01-12', 'first day moved on one stop')
    t.equal(await drawnEdges(page), 3, 'B to C, B to D and C to E remain')
    t.equal(await page.locator('#timeline-shown').textContent(), '3 of 6 transfers dated in this range.')
    t.equal(await readNumber(page, '#edge-count'), 6, 'hidden edges stay in the graph')

    await page.keyboard.press('Home')
    await page.locator('#timeline-end').focus()
    await page.keyboard.press('End')
    await waitForDrawnEdges(page, 6)
    t.pass('the whole range draws all six again')
  })

  await t.test('ranked path highlights on click', async (t) => {
    const first = page.locator('#money-paths .path-button').first()
    const heaviest = expected.paths[0]
    t.ok(heaviest !== undefined, 'the API ranks at least one path')
    t.match(await first.textContent(), `${heaviest?.amount} EUR`, 'heaviest path first')

    await first.click()
    t.equal(await first.getAttribute('aria-pressed'), 'true', 'path marked as highlighted')
    await page.waitForFunction(
      (count) => document.querySelector('#graph')?.getAttribute('data-path-edges') === String(count),
      heaviest?.nodes.length === undefined ? 0 : heaviest.nodes.length - 1,
    )
    t.pass('its transfers are drawn in the path colour')

    await first.click()
    t.equal(await first.getAttribute('aria-pressed'), 'false', 'a second click removes the highlight')
  })

  await t.test('back to overview leaves money mode', async (t) => {
    await page.locator('#money-leave').click()
    await page.locator('#money-panel').waitFor({ state: 'hidden' })
    await page.waitForFunction(() => Number(document.querySelector('#node-count')?.textContent?.replaceAll(',', '')) > 7)
    t.notOk(await page.locator('#legend-edge-width').count(), 'money legend gone')
  })

  await t.test('no page errors', async (t) => {
    t.same(pageErrors, [], 'the page threw no uncaught errors')
  })
})

async function readNumber(page: Page, selector: string): Promise<number> {
  const text = (await page.locator(selector).textContent()) ?? ''
  return Number(text.replaceAll(',', ''))
}

async function drawnEdges(page: Page): Promise<number> {
  return Number(await page.locator('#graph').getAttribute('data-drawn-edges'))
}

async function waitForDrawnEdges(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('#graph')?.getAttribute('data-drawn-edges') === String(expected),
    count,
  )
}
