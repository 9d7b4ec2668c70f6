/**
 * The viewer's edge states in Debian's headless Chromium against the real service: a failed
 * request, saved views that are empty, hold one node, lack positions or put every node on
 * one point, a file that is not a view, and the workspace timeline. Each must leave a clear
 * message and, where there is something to draw, a canvas that is not blank.
 */
import { chromium, type Page } from 'playwright-core'
import t from 'tap'

import { CHROMIUM_ARGS, CHROMIUM_PATH, buildViewer, chromiumMissing } from '../helpers/browser.js'
import { BLANK_THRESHOLD, pixelsOf, saveScreenshot } from '../helpers/screens.js'
import { startTestService } from '../helpers/service.js'

const SUITE = 'states'

interface SavedNode {
  key: string
  attributes: Record<string, unknown>
}

function savedView(nodes: SavedNode[], edges: { key: string; source: string; target: string; type: string }[]) {
  return JSON.stringify({
    attributes: {},
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    nodes,
    edges: edges.map(({ type, ...edge }) => ({ ...edge, attributes: { type } })),
  })
}

const TRIANGLE_EDGES = [
  { key: 'e1', source: 'a', target: 'b', type: 'ASSOCIATE_OF' },
  { key: 'e2', source: 'b', target: 'c', type: 'ASSOCIATE_OF' },
  { key: 'e3', source: 'c', target: 'a', type: 'MEMBER_OF' },
]

t.test('viewer edge states', { skip: chromiumMissing }, async (t) => {
  buildViewer()
  const service = await startTestService()
  t.teardown(() => service.close())
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  t.teardown(() => browser.close())
  const token = service.token('analyst')

  async function openWorkspace(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(`${service.url}/#token=${encodeURIComponent(token)}`)
    await page.waitForFunction(() => Number(document.querySelector('#node-count')?.textContent) > 0)
    return page
  }

  async function openFile(page: Page, name: string, text: string): Promise<string> {
    await page.locator('#open-view').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) })
    await page.waitForFunction((file) => document.querySelector('#notice')?.textContent?.includes(file), name)
    return (await page.locator('#notice').textContent()) ?? ''
  }

  await t.test('failed overview request reported', async (t) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    t.teardown(() => page.close())
    await page.route('**/api/graph/overview*', (route) => route.abort('connectionrefused'))
    await page.goto(`${service.url}/#token=${encodeURIComponent(token)}`)
    await page.locator('#notice[data-kind="error"]').waitFor()

    const notice = (await page.locator('#notice').textContent()) ?? ''
    t.match(notice, /Loading the overview failed/, 'action named')
    t.match(notice, /could not reach the server/, 'cause named')
    t.equal(await page.locator('#node-count').textContent(), '0', 'no nodes claimed')
    t.ok(await page.locator('#workspace').isVisible(), 'workspace stays usable')
    await saveScreenshot(page, SUITE, '01-failed-request')
  })

  await t.test('single-node view drawn', async (t) => {
    const page = await openWorkspace()
    t.teardown(() => page.close())
    const text = savedView([{ key: 'solo', attributes: { label: 'Person', name: 'Одинокий человек', x: 5, y: 5 } }], [])
    const notice = await openFile(page, 'solo.json', text)

    t.match(notice, /1 node and 0 relationships/, 'counts reported')
    t.equal(await page.locator('#node-count').textContent(), '1', 'one node on screen')
    await page.waitForTimeout(500)
    const pixels = await pixelsOf(page.locator('#graph'))
    t.ok(pixels.inked > BLANK_THRESHOLD, `canvas not blank (inked ${pixels.inked.toFixed(4)})`)
    await saveScreenshot(page, SUITE, '02-single-node')
  })

  await t.test('view without positions laid out', async (t) => {
    const page = await openWorkspace()
    t.teardown(() => page.close())
    const nodes = ['a', 'b', 'c'].map((key) => ({ key, attributes: { label: 'Person', name: `Person ${key}` } }))
    const notice = await openFile(page, 'unplaced.json', savedView(nodes, TRIANGLE_EDGES))

    t.match(notice, /3 of 3 nodes had no position/, 'reason reported')
    t.equal(await page.locator('#node-count').textContent(), '3', 'three nodes')
    t.equal(await page.locator('#edge-count').textContent(), '3', 'three relationships')
    await page.waitForTimeout(500)
    const pixels = await pixelsOf(page.locator('#graph'))
    t.ok(pixels.inked > BLANK_THRESHOLD, `canvas not blank (inked ${pixels.inked.toFixed(4)})`)
    await saveScreenshot(page, SUITE, '03-no-positions')
  })

  await t.test('view on one point laid out', async (t) => {
    const page = await openWorkspace()
    t.teardown(() => page.close())
    const nodes = ['a', 'b', 'c'].map((key) => ({ key, attributes: { label: 'Company', name: key, x: 7, y: 7 } }))
    const notice = await openFile(page, 'stacked.json', savedView(nodes, TRIANGLE_EDGES))

    t.match(notice, /all 3 nodes had the same position/, 'reason reported')
    const positions = await page.evaluate(() => document.querySelector('#graph')?.getAttribute('data-drawn-edges'))
    t.equal(positions, '3', 'all three relationships drawn')
    await saveScreenshot(page, SUITE, '04-one-point')
  })

  await t.test('empty view reported', async (t) => {
    const page = await openWorkspace()
    t.teardown(() => page.close())
    const notice = await openFile(page, 'empty.json', savedView([], []))

    t.match(notice, /the saved view is empty/, 'empty state named')
    t.equal(await page.locator('#node-count').textContent(), '0', 'no nodes')
    await saveScreenshot(page, SUITE, '05-empty-view')
  })

  await t.test('invalid file keeps graph', async (t) => {
    const page = await openWorkspace()
    t.teardown(() => page.close())
    const before = await page.locator('#node-count').textContent()
    const cases = [
      { name: 'broken.json', text: '{"nodes": [', reason: /not valid JSON/ },
      { name: 'other.json', text: '{"rows": []}', reason: /expected an object with "nodes" and "edges"/ },
      {
        name: 'repeated-edge.json',
        text: savedView(
          [{ key: 'a', attributes: {} }, { key: 'b', attributes: {} }],
          [
            { key: 'e1', source: 'a', target: 'b', type: 'OWNS' },
            { key: 'e1', source: 'b', target: 'a', type: 'OWNS' },
          ],
        ),
        reason: /edges\[1\] repeats the key "e1"/,
      },
      {
        name: 'dangling.json',
        text: savedView([{ key: 'a', attributes: {} }], [{ key: 'x', source: 'a', target: 'zz', type: 'OWNS' }]),
        reason: /edges\[0\]\.target "zz" was not found/,
      },
    ]

    for (const { name, text, reason } of cases) {
      const notice = await openFile(page, name, text)
      t.match(notice, reason, `${name}: reason named`)
      t.match(notice, /unchanged/, `${name}: graph said to be unchanged`)
      t.equal(await page.locator('#node-count').textContent(), before, `${name}: node count kept`)
    }
  })

  await t.test('timeline narrows the dated items', async (t) => {
    const page = await openWorkspace()
    t.teardown(() => page.close())
    const nodes = ['a', 'b', 'c'].map((key, index) => ({ key, attributes: { label: 'Account', name: key, x: index, y: index * index } }))
    const edges = [
      { key: 't1', source: 'a', target: 'b', attributes: { type: 'TRANSFER', date: '2020-01-05' } },
      { key: 't2', source: 'b', target: 'c', attributes: { type: 'TRANSFER', date: '2021-06-30' } },
      { key: 'm1', source: 'a', target: 'c', attributes: { type: 'MEMBER_OF', since: '2019-03-01' } },
      { key: 'u1', source: 'c', target: 'a', attributes: { type: 'ASSOCIATE_OF' } },
    ]
    const text = JSON.stringify({ attributes: {}, options: {}, nodes, edges })
    await openFile(page, 'dated.json', text)

    const summary = page.locator('#workspace-timeline-summary')
    t.match(await summary.textContent(), /all dates: 3 of 3 dated items/, 'all dated items counted')
    t.equal(await page.locator('#workspace-timeline-end').getAttribute('max'), '2', 'three distinct days')

    // Moving the last day back to the first stop keeps the open membership and the 2020 transfer.
    await page.locator('#workspace-timeline-end').focus()
    await page.keyboard.press('Home')
    t.match(await summary.textContent(), /2019-03-01 to 2019-03-01: 1 of 3/, 'first day only: the open membership')
    await page.keyboard.press('ArrowRight')
    t.match(await summary.textContent(), /2019-03-01 to 2020-01-05: 2 of 3/, 'up to 2020: membership and one transfer')
    await saveScreenshot(page, SUITE, '06-timeline')

    await page.locator('#workspace-timeline-all').click()
    t.match(await summary.textContent(), /all dates: 3 of 3/, 'show all restores the full range')
  })

  await t.test('late response after sign-out dropped', async (t) => {
    const otherToken = service.token('viewer', 'FR')
    const response = await fetch(`${service.url}/api/graph/overview?limit=300`, { headers: { authorization: `Bearer ${otherToken}` } })
    const otherOverview = (await response.json()) as { graph: { nodes: unknown[] } }

    const page = await openWorkspace()
    t.teardown(() => page.close())
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    const first = await page.evaluate(() => document.querySelector('#graph')?.getAttribute('data-drawn-nodes'))
    t.ok(Number(first) > 0, 'first user sees nodes')
    const input = page.locator('#search-input')
    await input.pressSequentially('obshak')
    await page.locator('#search-suggestions li').first().click()
    await page.locator('#expand-button').waitFor()

    // The first user's expansion gets its response only once the second user's overview is on screen.
    let delayed = 0
    let release: () => void = () => undefined
    const released = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/api/graph/neighbourhood/**', async (route) => {
      delayed += 1
      await released
      await route.continue()
    })
    await page.locator('#expand-button').click()
    await page.waitForFunction(() => /^Expanding/.test(document.querySelector('#notice')?.textContent ?? ''))
    await page.locator('#sign-out').click()
    await page.locator('#token-input').fill(otherToken)
    await page.locator('#sign-in-form button[type="submit"]').click()
    await page.waitForFunction(() => Number(document.querySelector('#node-count')?.textContent?.replaceAll(',', '')) > 0)
    release()
    await page.waitForTimeout(2000)

    t.ok(delayed >= 1, 'the first session request was held back')
    t.equal(Number((await page.locator('#node-count').textContent())?.replaceAll(',', '')), otherOverview.graph.nodes.length, 'second user sees only their overview')
    t.notMatch(await page.locator('#notice').textContent(), /Added|neighbours|Loading|failed/, 'no message from the first session')
    t.equal(await page.locator('#search-input').inputValue(), '', 'search box emptied at sign-out')
    t.same(pageErrors, [], 'no page errors')
  })

  await t.test('large graph pans by moving pictures', async (t) => {
    const page = await openWorkspace()
    t.teardown(() => page.close())
    // 200 nodes on a grid and 6,000 relationships: past the 5,000 at which the viewer draws lightly.
    const nodes = Array.from({ length: 200 }, (_, index) => ({
      key: `n${index}`,
      attributes: { label: 'Account', name: `Account ${index}`, x: (index % 20) * 10, y: Math.floor(index / 20) * 10 },
    }))
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
    const edges = Array.from({ length: 6000 }, (_, index) => ({
      key: `e${index}`,
      source: `n${next() % 200}`,
      target: `n${next() % 200}`,
      type: 'TRANSFER',
    }))
    await openFile(page, 'large.json', savedView(nodes, edges))
    await page.waitForTimeout(500)

    const box = await page.locator('#graph').boundingBox()
    if (box === null) throw new Error('the graph area has no box')
    const corner = (key: string) => page.evaluate((node) => (window as unknown as { millenniumGraphView: { viewportPosition(key: string): { x: number; y: number } } }).millenniumGraphView.viewportPosition(node), key)
    const [a, b, c] = [await corner('n0'), await corner('n1'), await corner('n20')]
    // The middle of a grid cell lies between four nodes, away from all of them.
    const start = { x: box.x + (a.x + b.x) / 2, y: box.y + (a.y + c.y) / 2 }
    const framesBefore = Number(await page.locator('#graph').getAttribute('data-frames'))

    await page.mouse.move(start.x, start.y)
    await page.mouse.down()
    for (let step = 1; step <= 10; step += 1) await page.mouse.move(start.x + step * 10, start.y + step * 5)
    await page.waitForTimeout(100)
    const shifted = await page.locator('#graph canvas:not(.sigma-mouse)').first().evaluate((layer) => (layer as HTMLElement).style.transform)
    t.equal(shifted, 'translate(100px, 50px)', 'drawn layers shifted while dragging')
    await page.mouse.up()
    await page.waitForTimeout(300)

    const after = await corner('n0')
    t.ok(Math.abs(after.x - a.x - 100) < 2, `node moved right with the drag (${(after.x - a.x).toFixed(1)} px)`)
    t.ok(Math.abs(after.y - a.y - 50) < 2, `node moved down with the drag (${(after.y - a.y).toFixed(1)} px)`)
    const cleared = await page.locator('#graph canvas:not(.sigma-mouse)').first().evaluate((layer) => (layer as HTMLElement).style.transform)
    t.equal(cleared, '', 'layers back in place once the camera moved')
    t.ok(Number(await page.locator('#graph').getAttribute('data-frames')) > framesBefore, 'frames counted during the pan')

    // A wheel turn in the middle of a pan zooms around the cursor, and the grabbed point stays under it.
    const [a2, b2] = [await corner('n0'), await corner('n1')]
    const press = { x: start.x + 100, y: start.y + 50 }
    const offset = { x: press.x - box.x - a2.x, y: press.y - box.y - a2.y }
    await page.mouse.move(press.x, press.y)
    await page.mouse.down()
    for (let step = 1; step <= 4; step += 1) await page.mouse.move(press.x + step * 10, press.y + step * 5)
    await page.mouse.wheel(0, -120)
    await page.waitForTimeout(400)
    await page.mouse.move(press.x + 60, press.y + 30)
    await page.mouse.move(press.x + 60, press.y + 30)
    await page.mouse.up()
    await page.waitForTimeout(600)

    const [a3, b3] = [await corner('n0'), await corner('n1')]
    const scale = Math.hypot(b3.x - a3.x, b3.y - a3.y) / Math.hypot(b2.x - a2.x, b2.y - a2.y)
    t.ok(scale > 1.05, `the wheel zoomed in (scale ${scale.toFixed(2)})`)
    const expected = { x: press.x + 60 - box.x - offset.x * scale, y: press.y + 30 - box.y - offset.y * scale }
    t.ok(Math.hypot(a3.x - expected.x, a3.y - expected.y) < 3, `grabbed point under the cursor (off by ${Math.hypot(a3.x - expected.x, a3.y - expected.y).toFixed(1)} px)`)
  })
})
