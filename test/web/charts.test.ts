/**
 * End-to-end test of password sign-in and the Charts view: the built page, served by the
 * real service over a real Neo4j with the demo network and a users file, driven in Debian's
 * headless Chromium. Expected values come from the same API the page calls, with the token
 * the page received.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { chromium, type Page } from 'playwright-core'
import t from 'tap'

import { hashPassword } from '../../src/auth/passwords.js'
import { writeUsersFile } from '../../src/auth/users.js'
import { loadDemoNetwork } from '../../src/cli/loaders.js'
import { buildApp } from '../../src/server/app.js'
import { createServices } from '../../src/services/index.js'
import { NOTICE_COLOUR_FILLS, UNKNOWN_COLOUR_FILL } from '../../web/src/charts/colours.js'
import { TOP_MEMBERS } from '../../web/src/charts/members-chart.js'
import { MAX_PERIODS } from '../../web/src/charts/transfers-chart.js'
import { testToken } from '../helpers/app.js'
import { CHROMIUM_ARGS, CHROMIUM_PATH, buildViewer, chromiumMissing } from '../helpers/browser.js'
import { testConfig, testDatabase } from '../helpers/neo4j.js'
import { TEST_DEMO } from '../helpers/service.js'

const USERNAME = 'ana.analyst'
const PASSWORD = 'charts test password'

interface StatsBody {
  notices: { colour: string | null; kind: string | null; count: number }[]
}

interface SeriesBody {
  series: { currency: string | null; periods: { period: string; count: number; total: string | null }[] }[]
}

interface CentralityBody {
  scores: { id: string; name: string; label: string; score: number }[]
}

async function startService(usersFile: string) {
  const config = { ...(await testConfig()), usersFile }
  const database = await testDatabase()
  await loadDemoNetwork(createServices(database), TEST_DEMO)
  const app = await buildApp({ config, database, logger: false })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() }
}

async function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page.locator(`${selector} tbody tr`).evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '')),
  )
}

async function waitForState(page: Page, chart: string, state: string): Promise<void> {
  await page.waitForFunction(
    ({ chart, state }) => document.getElementById(chart)?.dataset.state === state,
    { chart, state },
  )
}

t.test('charts and password sign-in in headless Chromium', { skip: chromiumMissing }, async (t) => {
  buildViewer()
  const folder = mkdtempSync(path.join(tmpdir(), 'millennium-charts-'))
  t.teardown(() => rmSync(folder, { recursive: true, force: true }))
  const usersFile = path.join(folder, 'users.json')
  const passwordHash = await hashPassword(PASSWORD, { logCost: 14, blockSize: 8, parallelization: 1 })
  await writeUsersFile(usersFile, [{ username: USERNAME, role: 'analyst', ncb: 'DE', passwordHash }])

  const service = await startService(usersFile)
  t.teardown(() => service.close())
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  t.teardown(() => browser.close())

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  let token = ''

  async function api<Body>(route: string): Promise<Body> {
    const response = await fetch(`${service.url}${route}`, { headers: { authorization: `Bearer ${token}` } })
    if (!response.ok) throw new Error(`GET ${route} returned ${response.status}: ${await response.text()}`)
    return (await response.json()) as Body
  }

  await t.test('password sign-in opens the workspace', async (t) => {
    await page.goto(service.url)
    await page.locator('#password-form').waitFor()
    t.ok(await page.locator('#sign-in-form').isVisible(), 'the token field is offered too')

    await page.locator('#username-input').fill(USERNAME)
    await page.locator('#password-input').fill('not the password')
    await page.locator('#password-submit').click()
    await page.locator('#sign-in-message').waitFor()
    t.match(await page.locator('#sign-in-message').textContent(), /Invalid username or password/, 'wrong password shown in the alert')
    t.equal(await page.locator('#password-input').inputValue(), '', 'the wrong password is cleared')

    await page.locator('#password-input').fill(PASSWORD)
    await page.locator('#password-submit').click()
    await page.locator('#workspace').waitFor()
    t.ok(await page.locator('#sign-in').isHidden(), 'sign-in hidden')

    token = (await page.evaluate(() => window.sessionStorage.getItem('millennium.token'))) ?? ''
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>
    t.equal(claims.sub, USERNAME, 'the token names the user')
    t.equal(claims.role, 'analyst', 'the token carries the stored role')
    t.equal(claims.ncb, 'DE', 'the token carries the stored country')
  })

  await t.test('notices chart matches the stats', async (t) => {
    const stats = await api<StatsBody>('/api/stats')
    const expected = new Map<string, number>()
    for (const notice of stats.notices) {
      const key = `${notice.colour ?? 'no colour'}|${notice.kind ?? 'no kind'}`
      expected.set(key, (expected.get(key) ?? 0) + notice.count)
    }
    t.ok(expected.size > 1, 'the demo network has notices of several colours and kinds')

    await page.locator('#tab-charts').click()
    await waitForState(page, 'chart-notices', 'ready')

    const rows = await tableRows(page, '#chart-notices-table')
    t.equal(rows.length, expected.size, 'one table row per colour and kind')
    const shownCounts = new Map(rows.map(([colour, kind, count]) => [`${colour}|${kind}`, Number(count)]))
    t.same(Object.fromEntries(shownCounts), Object.fromEntries(expected), 'table counts equal the API sums')

    const bars = await page.locator('#chart-notices rect.bar').evaluateAll((rects) =>
      rects.map((rect) => ({
        colour: rect.getAttribute('data-colour') ?? '',
        kind: rect.getAttribute('data-kind') ?? '',
        count: Number(rect.getAttribute('data-count')),
        fill: rect.getAttribute('fill'),
        height: Number(rect.getAttribute('height')),
      })),
    )
    t.equal(bars.length, expected.size, 'one bar per colour and kind')
    for (const bar of bars) {
      const name = `${bar.colour || 'no colour'} ${bar.kind || 'no kind'}`
      t.equal(bar.fill, NOTICE_COLOUR_FILLS[bar.colour] ?? UNKNOWN_COLOUR_FILL, `${name} bar is filled with its colour`)
      t.equal(bar.count, expected.get(`${bar.colour || 'no colour'}|${bar.kind || 'no kind'}`), `${name} bar count`)
    }
    const tallest = bars.reduce((best, bar) => (bar.count > best.count ? bar : best))
    const shortest = bars.reduce((best, bar) => (bar.count < best.count ? bar : best))
    t.ok(tallest.height > shortest.height, 'bar heights follow the counts')
    t.match(await page.locator('#chart-notices-summary').textContent(), /notices and diffusions are visible to you/)
  })

  await t.test('transfers chart matches the series', async (t) => {
    const monthly = await api<SeriesBody>('/api/stats/transfers?interval=month')
    t.ok(monthly.series.length > 0, 'the demo network has transfers')
    await waitForState(page, 'chart-transfers', 'ready')

    const currencies = await page.locator('#chart-transfers-currency option').evaluateAll((options) =>
      options.map((option) => (option as HTMLOptionElement).value),
    )
    t.same(currencies, monthly.series.map((entry) => entry.currency ?? ''), 'one currency choice per series')

    for (const currency of currencies.slice(0, 2)) {
      await page.locator('#chart-transfers-currency').selectOption(currency)
      const periods = monthly.series.find((entry) => (entry.currency ?? '') === currency)?.periods ?? []
      const rows = await tableRows(page, '#chart-transfers-table')
      t.same(rows, periods.map((entry) => [entry.period, String(entry.count), entry.total ?? 'unknown']), `${currency} months`)
      const counts = new Map(periods.map((entry) => [entry.period, entry.count]))
      const drawn = await page.locator('#chart-transfers rect.bar-count').evaluateAll((rects) =>
        rects.map((rect) => [rect.getAttribute('data-period') ?? '', Number(rect.getAttribute('data-count'))] as const),
      )
      t.ok(drawn.length > 0 && drawn.length <= MAX_PERIODS, `${currency} draws 1 to ${MAX_PERIODS} months`)
      t.equal(drawn.at(-1)?.[0], periods.at(-1)?.period, `${currency} bars end at the last month`)
      t.same(
        drawn.map(([period, count]) => [period, count]),
        drawn.map(([period]) => [period, counts.get(period) ?? 0]),
        `${currency} bar counts equal the API's, and 0 for months without transfers`,
      )
    }

    await page.locator('#chart-transfers-interval').selectOption('year')
    await page.waitForFunction(() => document.querySelector('#chart-transfers-table th')?.textContent === 'Year')
    await waitForState(page, 'chart-transfers', 'ready')
    const yearly = await api<SeriesBody>('/api/stats/transfers?interval=year')
    const currency = await page.locator('#chart-transfers-currency').inputValue()
    const years = yearly.series.find((entry) => (entry.currency ?? '') === currency)?.periods ?? []
    t.same(
      await tableRows(page, '#chart-transfers-table'),
      years.map((entry) => [entry.period, String(entry.count), entry.total ?? 'unknown']),
      `${currency} years`,
    )
  })

  await t.test('members chart ranks and opens a member', async (t) => {
    const ranking = await api<CentralityBody>(`/api/analytics/centrality?measure=pagerank&limit=${TOP_MEMBERS}`)
    await waitForState(page, 'chart-members', 'ready')
    await page.locator('#chart-members-measure').selectOption('pagerank')
    await page.waitForFunction(() => document.querySelector('#chart-members-summary')?.textContent?.includes('PageRank'))
    await waitForState(page, 'chart-members', 'ready')

    const rows = await tableRows(page, '#chart-members-table')
    t.same(
      rows,
      ranking.scores.map((score, index) => [String(index + 1), score.name || score.id, score.label, String(score.score)]),
      'table equals the API ranking',
    )
    t.equal(await page.locator('#chart-members g.member').count(), ranking.scores.length, 'one bar per member')
    const first = ranking.scores[0]
    t.ok(first !== undefined, 'someone is ranked first')
    if (first === undefined) return

    const names = await page.locator('#chart-members .member-name').allTextContents()
    t.ok(first.name.startsWith((names[0] ?? '').replace(/…$/, '')), 'the first name is drawn as text')

    await page.locator('#chart-members g.member').first().focus()
    await page.keyboard.press('Enter')
    await page.waitForFunction((name) => document.querySelector('#details-title')?.textContent === name, first.name)
    t.equal(await page.locator('#tab-network').getAttribute('aria-selected'), 'true', 'the network view opened')
    t.equal(await page.locator('#details-title').textContent(), first.name, 'the member is selected')
  })

  await t.test('charts fit a 390 pixel screen', async (t) => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.locator('#tab-charts').click()
    await waitForState(page, 'chart-members', 'ready')
    await waitForState(page, 'chart-transfers', 'ready')

    const overflow = await page.evaluate(() => {
      const view = document.getElementById('charts-view')
      const widest = Math.max(...[...document.querySelectorAll('#charts-view svg')].map((svg) => svg.getBoundingClientRect().right))
      return { scroll: view?.scrollWidth ?? 0, client: view?.clientWidth ?? 0, widest, page: window.innerWidth }
    })
    t.ok(overflow.scroll <= overflow.client, `no horizontal scrolling (${overflow.scroll} > ${overflow.client})`)
    t.ok(overflow.widest <= overflow.page, `every chart ends within the screen (${overflow.widest} px)`)
    await page.setViewportSize({ width: 1280, height: 900 })
  })

  await t.test('failed and forbidden requests show messages', async (t) => {
    const viewer = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    t.teardown(() => viewer.close())
    await viewer.route('**/api/stats?*', (route) => route.abort('connectionrefused'))
    await viewer.route('**/api/stats', (route) => route.abort('connectionrefused'))
    await viewer.goto(`${service.url}/#token=${encodeURIComponent(testToken('viewer', 'DE'))}`)
    await viewer.locator('#workspace').waitFor()
    await viewer.locator('#tab-charts').click()

    await waitForState(viewer, 'chart-notices', 'error')
    t.match(await viewer.locator('#chart-notices-message').textContent(), /^Could not load the notice counts: /)
    t.ok(await viewer.locator('#chart-notices .chart-data').isHidden(), 'no table for a failed chart')

    await waitForState(viewer, 'chart-members', 'error')
    t.match(await viewer.locator('#chart-members-message').textContent(), /^Your role may not see the member ranking: Role "viewer"/)
    await waitForState(viewer, 'chart-transfers', 'ready')
    t.pass('a viewer still sees the transfers')
  })

  t.same(pageErrors, [], 'no script errors on the page')
})
