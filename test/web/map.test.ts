/**
 * End-to-end test of the Map tab: the built page, served by the real service over a real
 * Neo4j with the demo network, driven in Debian's headless Chromium. Expected values are
 * recounted here from `GET /api/geo`, fetched with the page's token.
 */
import { chromium, type Page } from 'playwright-core'
import t from 'tap'

import { CHROMIUM_ARGS, CHROMIUM_PATH, buildViewer, chromiumMissing } from '../helpers/browser.js'
import { startTestService } from '../helpers/service.js'

interface GeoBody {
  places: {
    id: string
    name: string
    country: string | null
    latitude: number | null
    longitude: number | null
    links: { id: string; name: string }[]
  }[]
  notices: { rows: { country: string; date: string | null; count: number }[] }
  groups: { rows: { country: string; groupId: string; since: string | null; until: string | null }[] }
  money: { rows: { country: string; date: string | null; currency: string; transfers: number; total: string }[] }
}

interface Range {
  since: string
  until: string
}

function inRange(date: string | null, range: Range | null): boolean {
  return range === null || (date !== null && date >= range.since && date <= range.until)
}

function noticeCounts(body: GeoBody, range: Range | null): Map<string, number> {
  const counts = new Map<string, number>()
  for (const row of body.notices.rows) {
    if (inRange(row.date, range)) counts.set(row.country, (counts.get(row.country) ?? 0) + row.count)
  }
  return counts
}

function groupCounts(body: GeoBody, range: Range): Map<string, number> {
  const groups = new Map<string, Set<string>>()
  for (const row of body.groups.rows) {
    const overlaps = (row.since === null || row.since <= range.until) && (row.until === null || row.until >= range.since)
    if (!overlaps) continue
    const ids = groups.get(row.country) ?? new Set<string>()
    ids.add(row.groupId)
    groups.set(row.country, ids)
  }
  return new Map([...groups].map(([country, ids]) => [country, ids.size]))
}

/** Returns the largest total received by one country, as the legend writes it. */
function largestMoneyText(body: GeoBody, currency: string, range: Range): string {
  const rows = body.money.rows.filter((row) => row.currency === currency && inRange(row.date, range))
  const scale = Math.max(0, ...rows.map((row) => row.total.split('.')[1]?.length ?? 0))
  const totals = new Map<string, bigint>()
  for (const row of rows) {
    const [whole = '0', fraction = ''] = row.total.split('.')
    const units = BigInt(whole + fraction.padEnd(scale, '0'))
    totals.set(row.country, (totals.get(row.country) ?? 0n) + units)
  }
  const largest = [...totals.values()].reduce((max, value) => (value > max ? value : max), 0n)
  const divisor = 10n ** BigInt(scale)
  const whole = (largest / divisor).toLocaleString('en')
  const fraction = (largest % divisor).toString().padStart(scale, '0')
  return `${scale === 0 ? whole : `${whole}.${fraction}`} ${currency}`
}

function maxOf(counts: Map<string, number>): number {
  return Math.max(0, ...counts.values())
}

/** Relative luminance of a CSS `rgb(r, g, b)` colour, 0 for black to 1 for white. */
function luminance(colour: string): number {
  const channels = (colour.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number)
  const [red = 0, green = 0, blue = 0] = channels.map((channel) => {
    const value = channel / 255
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue
}

/** Fills of the drawn countries (shapes and small-country dots), by ISO code. */
async function countryFills(page: Page): Promise<Map<string, string>> {
  const fills = await page.$$eval('#map-svg [data-country]', (elements) =>
    elements.map((element) => [(element as SVGElement).dataset.country ?? '', getComputedStyle(element).fill]),
  )
  return new Map(fills as [string, string][])
}

async function setDates(page: Page, range: Range): Promise<void> {
  await page.locator('#map-since').fill(range.since)
  await page.locator('#map-until').fill(range.until)
  await page.waitForFunction(
    (text) => (document.querySelector('#map-legend-caption')?.textContent ?? '').endsWith(text),
    `${range.since} to ${range.until}`,
  )
}

t.test('map view in headless Chromium', { skip: chromiumMissing }, async (t) => {
  buildViewer()
  const service = await startTestService()
  t.teardown(() => service.close())
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  t.teardown(() => browser.close())

  const token = service.token('analyst')
  const response = await fetch(`${service.url}/api/geo`, { headers: { authorization: `Bearer ${token}` } })
  if (!response.ok) throw new Error(`GET /api/geo returned ${response.status}: ${await response.text()}`)
  const geo = (await response.json()) as GeoBody
  const located = geo.places.filter((place) => place.latitude !== null && place.longitude !== null)

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  t.teardown(() => context.close())
  const foreignRequests: string[] = []
  context.on('request', (request) => {
    const url = request.url()
    if (!url.startsWith(`${service.url}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url)
  })
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  await page.goto(`${service.url}/#token=${encodeURIComponent(token)}`)
  await page.locator('#tab-map').click()
  await page.locator('#map-svg .map-marker').first().waitFor()

  await t.test('one marker per placed location', async (t) => {
    t.ok(located.length > 0, 'the demo network has places')
    t.equal(await page.locator('#map-svg .map-marker').count(), located.length, 'markers')
    t.equal(await page.locator('#map-legend-caption').textContent(), 'Notices and diffusions issued by each country’s NCB, all dates')
  })

  await t.test('maximum count has darkest shade', async (t) => {
    const counts = noticeCounts(geo, null)
    const max = maxOf(counts)
    const fills = await countryFills(page)
    const top = [...counts].filter(([code, value]) => value === max && fills.has(code)).map(([code]) => code)
    t.ok(top.length > 0, 'a country with the maximum count is drawn')

    const darkest = Math.min(...[...fills.values()].map(luminance))
    for (const code of top) t.equal(luminance(fills.get(code) ?? ''), darkest, `${code} has the darkest shade`)
    for (const [code, value] of counts) {
      const fill = fills.get(code)
      if (value < max && fill !== undefined) t.ok(luminance(fill) > darkest, `${code} (${value}) is lighter than the maximum`)
    }
    t.equal(await page.locator('#map-legend-max').textContent(), max.toLocaleString('en'), 'legend maximum')
  })

  const dates = [...new Set(geo.notices.rows.map((row) => row.date).filter((date) => date !== null))].sort()
  const range: Range = {
    since: dates[Math.floor(dates.length / 4)] ?? '2000-01-01',
    until: dates[Math.floor((dates.length * 3) / 4)] ?? '2020-12-31',
  }

  await t.test('timeline range recounts notices', async (t) => {
    await setDates(page, range)

    const max = maxOf(noticeCounts(geo, range))
    t.ok(max < maxOf(noticeCounts(geo, null)), 'the range leaves some notices out')
    t.equal(await page.locator('#map-legend-max').textContent(), max.toLocaleString('en'), 'legend maximum in range')
    const fills = await countryFills(page)
    const outside = [...noticeCounts(geo, null).keys()].filter((code) => !noticeCounts(geo, range).has(code) && fills.has(code))
    for (const code of outside) {
      t.equal(await page.locator(`#map-svg [data-country="${code}"]`).first().getAttribute('data-count'), '0', `${code} counts 0 in range`)
    }
  })

  await t.test('groups and money follow the range', async (t) => {
    await page.locator('#map-measure').selectOption('groups')
    t.equal(await page.locator('#map-legend-max').textContent(), maxOf(groupCounts(geo, range)).toLocaleString('en'), 'groups')

    await page.locator('#map-measure').selectOption('money')
    const currency = await page.locator('#map-currency').inputValue()
    t.match(currency, /^[A-Z]{3}$/, 'a currency is chosen')
    t.equal(await page.locator('#map-legend-max').textContent(), largestMoneyText(geo, currency, range), `money in ${currency}`)
    await page.locator('#map-measure').selectOption('notices')
  })

  await t.test('empty range shows message', async (t) => {
    await setDates(page, { since: '1800-01-01', until: '1800-12-31' })

    t.equal(
      await page.locator('#map-message').textContent(),
      'No notices and diffusions in 1800-01-01 to 1800-12-31. Widen the dates to shade the countries.',
    )
    t.equal(await page.locator('#map-svg [data-country][style*="fill"]').count(), 0, 'no country shaded')

    await page.locator('#map-all-dates').click()
    await page.waitForFunction(() => document.querySelector('#map-message')?.hasAttribute('hidden'))
    t.equal(await page.locator('#map-since').inputValue(), '', 'since cleared')
    t.equal(await page.locator('#map-legend-max').textContent(), maxOf(noticeCounts(geo, null)).toLocaleString('en'), 'all dates again')
  })

  await t.test('marker lists entities and opens one', async (t) => {
    const place = [...located].sort((a, b) => b.links.length - a.links.length)[0]
    const link = place?.links[0]
    if (place === undefined || link === undefined) throw new Error('no place with an entity')

    await page.locator(`#map-svg .map-marker[data-place-id="${place.id}"]`).focus()
    await page.keyboard.press('Enter')
    await page.locator('#map-selection:not([hidden])').waitFor()
    t.match(await page.locator('#map-selection-title').textContent(), place.name, 'place named')
    t.equal(await page.locator('#map-entity-list li').count(), place.links.length, 'one row per link')

    await page.locator('#map-entity-list li').first().getByRole('button').click()
    await page.waitForFunction((name) => document.querySelector('#details-title')?.textContent === name, link.name)
    t.equal(await page.locator('#tab-network').getAttribute('aria-selected'), 'true', 'network tab open')
    t.ok(await page.locator('#map-view').isHidden(), 'map hidden')
  })

  await t.test('country list selects a country', async (t) => {
    await page.locator('#tab-map').click()
    const first = page.locator('#map-country-list button').first()
    const code = await first.getAttribute('data-country')
    await first.click()

    t.match(await page.locator('#map-selection-title').textContent(), `(${code})`, 'country named')
    const places = located.filter((place) => place.country === code).length
    t.match(await page.locator('#map-selection-summary').textContent(), `${places === 1 ? '1 place' : `${places} places`} on the map`)
  })

  await t.test('zoom by buttons and keys', async (t) => {
    const transform = () => page.locator('#map-svg .map-viewport').getAttribute('transform')
    await page.locator('#map-zoom-in').click()
    t.match(await transform(), /scale\(1\.5000\)/, 'zoomed in')

    await page.locator('#map-svg').focus()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('-')
    t.match(await transform(), /scale\(1\.0000\)/, 'zoomed out')
    await page.keyboard.press('+')
    await page.keyboard.press('0')
    t.equal(await transform(), 'translate(0.00 0.00) scale(1.0000)', 'reset')
  })

  await t.test('map at 390 px wide', async (t) => {
    await page.setViewportSize({ width: 390, height: 844 })
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    t.ok(width <= 390, `no horizontal scrolling (page is ${width} px wide)`)
    const stage = await page.locator('#map-stage').boundingBox()
    t.ok((stage?.height ?? 0) >= 150, `map is ${stage?.height} px high`)
    t.ok(await page.locator('#map-legend').isVisible(), 'legend visible')
  })

  await t.test('failed request shows message', async (t) => {
    const failing = await context.newPage()
    await failing.route('**/api/geo', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ code: 'MLN_DATABASE_UNAVAILABLE', message: 'Neo4j is not answering' }) }),
    )
    await failing.goto(`${service.url}/#token=${encodeURIComponent(token)}`)
    await failing.locator('#tab-map').click()
    await failing.waitForFunction(() => (document.querySelector('#map-message')?.textContent ?? '').includes('could not be loaded'))

    t.match(await failing.locator('#map-message').textContent(), 'Neo4j is not answering', 'reason shown')
    t.equal(await failing.locator('#map-svg .map-marker').count(), 0, 'no markers')
    await failing.close()
  })

  await t.test('no other hosts and no errors', async (t) => {
    t.same(foreignRequests, [], 'every request went to the service')
    t.same(pageErrors, [], 'the page threw no uncaught errors')
  })
})
