/**
 * End-to-end test of the viewer: the built page, served by the real service over a real
 * Neo4j with the demo network, driven in Debian's headless Chromium. Expected values come
 * from the same API the page calls, with the same token.
 */
import { chromium, type Browser, type Page } from 'playwright-core'
import t, { type Test } from 'tap'

import { signToken } from '../../src/auth/tokens.js'
import { CHROMIUM_ARGS, CHROMIUM_PATH, buildViewer, chromiumMissing } from '../helpers/browser.js'
import { TEST_SECRET } from '../helpers/neo4j.js'
import { startTestService } from '../helpers/service.js'

// The limits the viewer sends; the expected values are fetched with the same ones.
const OVERVIEW_LIMIT = 300
const NEIGHBOURHOOD_LIMIT = 200
const SEARCH_LIMIT = 10
const MAX_HOPS = 6
const LOUVAIN_SEED = 42
const COMMUNITY_COLOURS = 10

interface SerializedNode {
  key: string
  attributes: { label: string; name?: string }
}

interface GraphBody {
  graph: { nodes: SerializedNode[]; edges: { key: string }[] }
}

interface SearchBody {
  results: { id: string; name: string }[]
}

interface PathBody extends GraphBody {
  paths: { length: number; nodes: string[] }[]
}

interface CommunitiesBody {
  communities: { size: number }[]
}

t.test('viewer in headless Chromium', { skip: chromiumMissing }, async (t) => {
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

  const overview = await api<GraphBody>(`/api/graph/overview?limit=${OVERVIEW_LIMIT}`)
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  const { start, end } = await chooseRoute(api, overview)

  await t.test('overview shows its node count', async (t) => {
    await page.goto(`${service.url}/#token=${encodeURIComponent(token)}`)
    await page.locator('#graph canvas').first().waitFor()
    await waitForCountAbove(page, 0)

    t.equal(await readCount(page, '#node-count'), overview.graph.nodes.length, 'nodes on screen')
    t.equal(await readCount(page, '#edge-count'), overview.graph.edges.length, 'relationships on screen')
    t.ok((await page.locator('#graph canvas').count()) > 0, 'Sigma drew into canvases')
    t.notMatch(page.url(), /token=/, 'token removed from the address bar')
    const stored = await page.evaluate(() => window.sessionStorage.getItem('millennium.token'))
    t.equal(stored, token, 'token kept in sessionStorage')
    t.notOk(await page.locator('#sign-in').isVisible(), 'sign-in form hidden')
  })

  await t.test('search suggestion opens detail panel', async (t) => {
    const entity = await api<{ name: string; label: string; provenance: { source: string | null } }>(
      `/api/entities/${encodeURIComponent(start.id)}`,
    )

    // Arrow keys and Enter: the suggestions must work from the keyboard alone.
    await typeSearch(page, start.name)
    for (let step = 0; step <= start.index; step += 1) await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')

    await page.locator('#entity-provenance').waitFor()
    t.equal(await page.locator('#details-title').textContent(), entity.name, 'panel title is the name')
    t.equal((await page.locator('#details .entity-label').textContent())?.trim(), entity.label, 'panel shows the label')
    const provenance = (await page.locator('#entity-provenance').textContent()) ?? ''
    t.match(provenance, entity.provenance.source ?? 'Unknown', 'panel shows the provenance source')
  })

  await t.test('expand adds the neighbourhood', async (t) => {
    const neighbourhood = await api<GraphBody>(
      `/api/graph/neighbourhood/${encodeURIComponent(start.id)}?depth=1&limit=${NEIGHBOURHOOD_LIMIT}`,
    )
    const expectedNodes = new Set([...keysOf(overview.graph.nodes), ...keysOf(neighbourhood.graph.nodes)])
    const expectedEdges = new Set([...keysOf(overview.graph.edges), ...keysOf(neighbourhood.graph.edges)])

    await page.locator('#expand-button').click()
    // "Expanding NAME…" shows while the request runs, then a result or a failure replaces it.
    await page.waitForFunction((name) => {
      const notice = document.querySelector('#notice')?.textContent ?? ''
      return notice.includes(name) && !notice.endsWith('…')
    }, start.name)

    t.equal(await readCount(page, '#node-count'), expectedNodes.size, 'nodes after expanding')
    t.equal(await readCount(page, '#edge-count'), expectedEdges.size, 'relationships after expanding')
    const outcome = /^(Added \d+ nodes? and \d+ relationships? around|.* has no neighbours)/
    t.match(await page.locator('#notice').textContent(), outcome, 'expansion result reported')
  })

  await t.test('two picked nodes show path length', async (t) => {
    await page.locator('#path-from-button').click()

    await typeSearch(page, end.name)
    await page.locator(`#suggestion-${end.index}`).click()
    await page.waitForFunction((name) => document.querySelector('#details-title')?.textContent === name, end.name)
    await page.locator('#path-to-button').click()
    await page.waitForFunction(() => /^(Shortest path|No path)/.test(document.querySelector('#path-summary')?.textContent ?? ''))

    const hops = end.path.length === 1 ? '1 hop' : `${end.path.length} hops`
    t.equal(await page.locator('#path-summary').textContent(), `Shortest path: ${hops}`, 'path length shown')
    t.equal(await page.locator('#path-from').textContent(), start.name, 'path starts at the first pick')
    t.equal(await page.locator('#path-to').textContent(), end.name, 'path ends at the second pick')

    const steps = await page.locator('#path-panel .path-steps .path-node').allTextContents()
    t.equal(steps.length, end.path.length + 1, 'one step per node on the path')
    t.equal(steps[0], start.name, 'first step')
    t.equal(steps.at(-1), end.name, 'last step')
  })

  await t.test('community colouring shows legend', async (t) => {
    const body = await api<CommunitiesBody>(`/api/analytics/communities?algorithm=louvain&seed=${LOUVAIN_SEED}`)
    const sizes = body.communities.map((community) => community.size).sort((a, b) => b - a)
    const expectedEntries = Math.min(sizes.length, COMMUNITY_COLOURS) + (sizes.length > COMMUNITY_COLOURS ? 1 : 0)

    await page.locator('#colour-mode').selectOption('community')
    await page.waitForFunction(() => document.querySelector('#legend-title')?.textContent === 'Colour: community (Louvain)')

    const entries = await page.locator('#legend-entries li').allTextContents()
    t.equal(entries.length, expectedEntries, 'one legend entry per coloured community, plus one for the rest')
    t.equal(entries[0], `Community 1: ${sizes[0]} ${sizes[0] === 1 ? 'member' : 'members'}`, 'largest community first')
    t.match(await page.locator('#notice').textContent(), `Louvain found ${sizes.length} `, 'community count reported')
  })

  await t.test('size by PageRank updates legend', async (t) => {
    await page.locator('#size-mode').selectOption('pagerank')
    await page.waitForFunction(() => (document.querySelector('#legend')?.textContent ?? '').includes('Size: PageRank'))

    t.equal(await page.locator('#size-mode').inputValue(), 'pagerank', 'choice kept after loading')
    t.not(await page.locator('#notice').getAttribute('data-kind'), 'error', 'no failure reported')
  })

  await t.test('no page errors', async (t) => {
    t.same(pageErrors, [], 'the page threw no uncaught errors')
  })

  await t.test('invalid token returns to sign-in', async (t) => {
    await expectSignIn(t, browser, `${service.url}/#token=not-a-jwt`)
  })

  await t.test('expired token returns to sign-in', async (t) => {
    const anHourAgo = Date.now() - 3_600_000
    const expired = signToken(TEST_SECRET, { sub: 'test-expired', role: 'analyst', ncb: null, lifetimeSeconds: 60 }, anHourAgo)
    await expectSignIn(t, browser, `${service.url}/#token=${encodeURIComponent(expired)}`)
  })

  await t.test('sign-in form accepts pasted token', async (t) => {
    const context = await browser.newContext()
    t.teardown(() => context.close())
    const fresh = await context.newPage()

    await fresh.goto(service.url)
    await fresh.locator('#sign-in-form').waitFor()
    t.ok(await fresh.locator('#sign-in-message').isHidden(), 'no error before any attempt')

    await fresh.getByLabel('Access token').fill(token)
    await fresh.getByRole('button', { name: 'Sign in' }).click()
    await waitForCountAbove(fresh, 0)
    t.equal(await readCount(fresh, '#node-count'), overview.graph.nodes.length, 'overview loaded after sign-in')
  })

  await t.test('viewer at 390 px wide', async (t) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    t.teardown(() => context.close())
    const narrow = await context.newPage()

    await narrow.goto(`${service.url}/#token=${encodeURIComponent(token)}`)
    await waitForCountAbove(narrow, 0)
    const width = await narrow.evaluate(() => document.documentElement.scrollWidth)
    t.ok(width <= 390, `no horizontal scrolling (page is ${width} px wide)`)
    t.ok(await narrow.locator('#search-input').isVisible(), 'search box visible')
    t.ok(await narrow.locator('#legend').isVisible(), 'legend visible below the graph')
  })
})

type Api = <Body>(path: string) => Promise<Body>

interface SearchTarget {
  id: string
  name: string
  /** Position of the entity among the suggestions for its exact name. */
  index: number
}

async function findInSearch(api: Api, node: SerializedNode): Promise<SearchTarget | null> {
  const name = node.attributes.name
  if (name === undefined || name.trim().length < 2) return null

  const body = await api<SearchBody>(`/api/search?q=${encodeURIComponent(name)}&limit=${SEARCH_LIMIT}`)
  const index = body.results.findIndex((result) => result.id === node.key)
  return index < 0 ? null : { id: node.key, name, index }
}

/**
 * Picks the first Person of the overview, in key order, that a search for its name finds
 * and that has a node 2 or more hops away, also found by search. Other test files load
 * their own networks into the same database, so the first person may have no such node.
 */
async function chooseRoute(api: Api, overview: GraphBody) {
  const people = sortByKey(overview.graph.nodes).filter((node) => node.attributes.label === 'Person')
  for (const person of people) {
    const start = await findInSearch(api, person)
    const end = start === null ? null : await chooseEnd(api, start)
    if (start !== null && end !== null) return { start, end }
  }
  throw new Error(`None of the ${people.length} people in the overview has a searchable node 2 to ${MAX_HOPS} hops away`)
}

/** Picks the first node, in key order, two links from `start` and found by search. */
async function chooseEnd(api: Api, start: SearchTarget) {
  const around = await api<GraphBody>(`/api/graph/neighbourhood/${encodeURIComponent(start.id)}?depth=2&limit=200`)
  for (const node of sortByKey(around.graph.nodes)) {
    if (node.key === start.id) continue

    const query = `from=${encodeURIComponent(start.id)}&to=${encodeURIComponent(node.key)}&maxHops=${MAX_HOPS}`
    const body = await api<PathBody>(`/api/paths/shortest?${query}`)
    const path = body.paths[0]
    if (path === undefined || path.length < 2) continue

    const target = await findInSearch(api, node)
    if (target !== null) return { ...target, path }
  }
  return null
}

async function typeSearch(page: Page, text: string): Promise<void> {
  const input = page.locator('#search-input')
  await input.fill('')
  await input.pressSequentially(text)
  await page.locator('#search-suggestions li').first().waitFor()
}

async function readCount(page: Page, selector: string): Promise<number> {
  const text = (await page.locator(selector).textContent()) ?? ''
  return Number(text.replaceAll(',', ''))
}

async function waitForCountAbove(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (minimum) => Number(document.querySelector('#node-count')?.textContent?.replaceAll(',', '')) > minimum,
    count,
  )
}

async function expectSignIn(t: Test, browser: Browser, address: string): Promise<void> {
  const context = await browser.newContext()
  t.teardown(() => context.close())
  const page = await context.newPage()

  await page.goto(address)
  await page.locator('#sign-in-message').waitFor()

  t.ok(await page.locator('#sign-in-form').isVisible(), 'sign-in form shown')
  t.ok(await page.locator('#workspace').isHidden(), 'workspace hidden')
  t.match(await page.locator('#sign-in-message').textContent(), 'rejected the token', 'reason shown')
  const stored = await page.evaluate(() => window.sessionStorage.getItem('millennium.token'))
  t.equal(stored, null, 'rejected token forgotten')
}

function keysOf(items: { key: string }[]): string[] {
  return items.map((item) => item.key)
}

function sortByKey<Item extends { key: string }>(items: Item[]): Item[] {
  return [...items].sort((a, b) => a.key.localeCompare(b.key, 'en'))
}
