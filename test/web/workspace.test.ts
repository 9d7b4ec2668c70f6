/**
 * End-to-end test of the network workspace's graph actions in Debian's headless Chromium:
 * hide, pin, group, undo, the layout and the exports, on the built viewer served by the real
 * service over a real Neo4j with the demo network. Positions and counts are read from the
 * page's own exports.
 */
import { readFile } from 'node:fs/promises'
import { inflateSync } from 'node:zlib'

import { MultiDirectedGraph } from 'graphology'
import { parse as parseGexf } from 'graphology-gexf/node/index.js'
import { chromium, type Page } from 'playwright-core'
import t from 'tap'

import { CHROMIUM_ARGS, CHROMIUM_PATH, buildViewer, chromiumMissing } from '../helpers/browser.js'
import { startTestService } from '../helpers/service.js'

const OVERVIEW_LIMIT = 300
const NEIGHBOURHOOD_LIMIT = 200

interface SerializedGraph {
  nodes: { key: string; attributes: Record<string, unknown> }[]
  edges: { key: string; source: string; target: string; attributes: Record<string, unknown> }[]
}

interface Point {
  x: number
  y: number
}

declare global {
  interface Window {
    millenniumGraphView?: { viewportPosition(key: string): Point | null }
  }
}

t.test('workspace in headless Chromium', { skip: chromiumMissing }, async (t) => {
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
  const overview = await api<{ graph: SerializedGraph }>(`/api/graph/overview?limit=${OVERVIEW_LIMIT}`)
  const total = overview.graph.nodes.length

  async function openPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
    t.teardown(() => context.close())
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(`${service.url}/#token=${encodeURIComponent(token)}`)
    await page.locator('#graph canvas').first().waitFor()
    await page.waitForFunction(() => Number(document.querySelector('#node-count')?.textContent?.replaceAll(',', '')) > 0)
    return page
  }

  const pageErrors: string[] = []
  const page = await openPage()

  await t.test('hide then undo restores node', async (t) => {
    const [key = ''] = await clickableNodes(page, 1)
    await clickNode(page, key)
    await page.locator('#action-hide').click()

    t.equal(await readCount(page, '#node-count'), total - 1, 'one node fewer on screen')
    await waitForDrawnNodes(page, total - 1)
    t.pass('Sigma draws one node fewer')
    t.equal(await page.locator('#action-show-hidden').textContent(), 'Show 1 hidden node', 'hidden count on the button')

    await page.keyboard.press('Control+z')
    t.equal(await readCount(page, '#node-count'), total, 'Ctrl+Z shows it again')
    t.ok(await page.locator('#action-show-hidden').isDisabled(), 'nothing left to show')

    await page.locator('#action-redo').click()
    t.equal(await readCount(page, '#node-count'), total - 1, 'redo hides it again')
    await page.locator('#action-show-hidden').click()
    t.equal(await readCount(page, '#node-count'), total, 'show hidden brings it back')
  })

  await t.test('pin survives a layout run', async (t) => {
    const [key = ''] = await clickableNodes(page, 1)
    await clickNode(page, key)
    await page.locator('#action-pin').click()
    t.equal(await page.locator('#action-pin').textContent(), 'Unpin', 'button offers to unpin')

    const before = positions(await exportJson(page))
    await runLayout(page)
    const after = positions(await exportJson(page))

    t.same(after.get(key), before.get(key), 'the pinned node did not move')
    const moved = [...before].filter(([other, point]) => other !== key && distance(point, after.get(other)) > 1e-6)
    t.ok(moved.length > 0, `the layout moved other nodes (${moved.length})`)

    await page.keyboard.press('Control+z')
    const undone = positions(await exportJson(page))
    const [movedKey, movedFrom] = moved[0] ?? ['', { x: 0, y: 0 }]
    t.ok(distance(undone.get(movedKey), movedFrom) < 1e-9, 'undo puts a moved node back')

    await clickNode(page, key)
    await page.locator('#action-pin').click()
    t.equal(await page.locator('#action-pin').textContent(), 'Pin', 'unpinned again')
  })

  await t.test('group of three aggregates relationships', async (t) => {
    const shown = await exportJson(page)
    const members = await clickableNodes(page, 3)
    await clickNode(page, members[0])
    await clickNode(page, members[1], true)
    await clickNode(page, members[2], true)
    t.equal(await page.locator('#graph-actions').getAttribute('data-selection'), '3', 'three nodes selected')

    const inside = new Set(members)
    const aggregated = new Set<string>()
    let relationships = 0
    for (const edge of shown.edges) {
      const fromInside = inside.has(edge.source)
      const toInside = inside.has(edge.target)
      if (fromInside === toInside) continue
      relationships += 1
      aggregated.add(fromInside ? `out:${edge.target}` : `in:${edge.source}`)
    }

    await page.locator('#action-group').click()
    t.equal(await readCount(page, '#node-count'), total - 2, 'three nodes become one')

    const grouped = await exportJson(page)
    const group = grouped.nodes.find((node) => node.attributes.label === 'Grouped nodes')
    t.ok(group !== undefined, 'the export contains the group node')
    const groupEdges = grouped.edges.filter((edge) => edge.source === group?.key || edge.target === group?.key)
    t.equal(groupEdges.length, aggregated.size, 'one relationship per neighbour and direction')
    const counted = groupEdges.reduce((sum, edge) => sum + Number(edge.attributes.count), 0)
    t.equal(counted, relationships, 'their counts add up to the members’ relationships')
    t.notOk(grouped.nodes.some((node) => inside.has(node.key)), 'members are not exported')

    await page.locator('#action-ungroup').click()
    t.equal(await readCount(page, '#node-count'), total, 'ungroup shows the members again')
    await page.keyboard.press('Control+z')
    t.equal(await readCount(page, '#node-count'), total - 2, 'undo of ungroup groups them again')
    await page.keyboard.press('Control+z')
    t.equal(await readCount(page, '#node-count'), total, 'undo of group shows them again')
  })

  await t.test('undo of expand removes the neighbourhood', async (t) => {
    const shownKeys = new Set(overview.graph.nodes.map((node) => node.key))
    // How many nodes stand apart depends on the layout of whatever the database holds.
    const candidates = await clickableNodes(page, 30, true)
    let chosen: { key: string; nodes: number; edges: number } | null = null
    for (const key of candidates) {
      const around = await api<{ graph: SerializedGraph }>(
        `/api/graph/neighbourhood/${encodeURIComponent(key)}?depth=1&limit=${NEIGHBOURHOOD_LIMIT}`,
      )
      const nodes = around.graph.nodes.filter((node) => !shownKeys.has(node.key)).length
      if (nodes === 0) continue
      const edgeKeys = new Set(overview.graph.edges.map((edge) => edge.key))
      chosen = { key, nodes, edges: around.graph.edges.filter((edge) => !edgeKeys.has(edge.key)).length }
      break
    }
    if (chosen === null) throw new Error(`none of ${candidates.length} nodes has a neighbour outside the overview`)

    const edgesBefore = await readCount(page, '#edge-count')
    await clickNode(page, chosen.key)
    await page.locator('#expand-button').click()
    await page.waitForFunction((count) => Number(document.querySelector('#node-count')?.textContent?.replaceAll(',', '')) > count, total)

    t.equal(await readCount(page, '#node-count'), total + chosen.nodes, 'expansion added the new neighbours')
    t.equal(await readCount(page, '#edge-count'), edgesBefore + chosen.edges, 'and their relationships')
    t.match(await page.locator('#action-undo').getAttribute('title'), /^Undo: Expand /, 'undo names the expansion')

    await page.keyboard.press('Control+z')
    t.equal(await readCount(page, '#node-count'), total, 'undo removed the neighbours')
    t.equal(await readCount(page, '#edge-count'), edgesBefore, 'and their relationships')
  })

  await t.test('layout is the same on every load', async (t) => {
    const first = await openPage()
    const second = await openPage()
    const firstPositions = positions(await exportJson(first))
    const secondPositions = positions(await exportJson(second))

    t.equal(firstPositions.size, total, 'every node exported')
    t.equal(largestGap(firstPositions, secondPositions), 0, 'first frames match')

    await runLayout(first)
    await runLayout(second)
    const firstRun = positions(await exportJson(first))
    const secondRun = positions(await exportJson(second))
    t.ok(largestGap(firstRun, secondRun) < 1e-6, 'worker layouts match to 1e-6')
    t.ok(largestGap(firstPositions, firstRun) > 1e-6, 'the worker layout moved nodes')
  })

  await t.test('PNG export is a drawn image', async (t) => {
    const file = await exportFile(page, 'png')
    t.match(file.name, /^millennium-\d{4}-\d{2}-\d{2}-\d{4}\.png$/, 'file name with date and time')
    const image = decodePng(file.bytes)
    t.ok(image.width > 100, `image width ${image.width}`)
    t.ok(image.height > 100, `image height ${image.height}`)
    t.ok(distinctColours(image) > 10, 'pixels of many colours, not one background')
    const corner = image.pixels.subarray(0, 4)
    t.same([...corner], [255, 255, 255, 255], 'white opaque background')
  })

  await t.test('GEXF export parses back', async (t) => {
    const [key = ''] = await clickableNodes(page, 1)
    await clickNode(page, key)
    await page.locator('#action-hide').click()

    const file = await exportFile(page, 'gexf')
    t.match(file.name, /^millennium-\d{4}-\d{2}-\d{2}-\d{4}\.gexf$/, 'file name with date and time')
    const parsed = parseGexf(MultiDirectedGraph, file.bytes.toString('utf8'))
    t.equal(parsed.order, await readCount(page, '#node-count'), 'nodes as shown')
    t.equal(parsed.size, await readCount(page, '#edge-count'), 'relationships as shown')
    t.notOk(parsed.hasNode(key), 'the hidden node is left out')
    await page.locator('#action-show-hidden').click()
  })

  await t.test('toolbar buttons have labels', async (t) => {
    const unlabelled = await page.locator('#graph-actions button').evaluateAll((buttons) =>
      buttons.filter((button) => (button.textContent ?? '').trim() === '' && !button.getAttribute('aria-label')).length,
    )
    t.equal(unlabelled, 0, 'every button has a text label')
    await page.locator('#action-layout').focus()
    await page.keyboard.press('Tab')
    t.equal(await page.evaluate(() => document.activeElement?.id), 'export-menu', 'Tab moves from the layout button to the export menu')
  })

  await t.test('no page errors', async (t) => {
    t.same(pageErrors, [], 'the pages threw no uncaught errors')
  })
})

/**
 * Returns `count` node keys, in key order, drawn inside the canvas away from the toolbar and
 * from other nodes. With `upTo`, fewer will do, as long as there is one.
 */
async function clickableNodes(page: Page, count: number, upTo = false): Promise<string[]> {
  const found = await page.evaluate(() => {
    const graph = document.querySelector('#graph')?.getBoundingClientRect()
    const toolbar = document.querySelector('#graph-actions')?.getBoundingClientRect()
    if (window.millenniumGraphView === undefined || graph === undefined || toolbar === undefined) return null
    return { graph: { width: graph.width, height: graph.height }, top: toolbar.bottom - graph.top }
  })
  if (found === null) throw new Error('the page exposes no graph view')

  const shown = await exportJson(page)
  const points = await page.evaluate(
    (keys) => keys.map((key) => ({ key, point: window.millenniumGraphView?.viewportPosition(key) ?? null })),
    shown.nodes.map((node) => node.key),
  )
  const margin = 40
  const inside = points.filter(
    (entry): entry is { key: string; point: Point } =>
      entry.point !== null &&
      entry.point.x > margin &&
      entry.point.x < found.graph.width - 200 &&
      entry.point.y > found.top + margin &&
      entry.point.y < found.graph.height - margin,
  )
  const apart = inside.filter(({ key, point }) =>
    inside.every((other) => other.key === key || distance(point, other.point) > 16),
  )
  apart.sort((a, b) => a.key.localeCompare(b.key, 'en'))
  const needed = upTo ? 1 : count
  if (apart.length < needed) throw new Error(`only ${apart.length} nodes are clickable, ${needed} needed`)
  return apart.slice(0, count).map((entry) => entry.key)
}

async function clickNode(page: Page, key: string | undefined, additive = false): Promise<void> {
  if (key === undefined) throw new Error('no node to click')
  const point = await page.evaluate((node) => window.millenniumGraphView?.viewportPosition(node) ?? null, key)
  const box = await page.locator('#graph').boundingBox()
  if (point === null || box === null) throw new Error(`node ${key} is not drawn`)
  // Sigma reads two clicks within its double-click delay (300 ms) as a double click, even on two nodes.
  await page.waitForTimeout(400)
  if (additive) await page.keyboard.down('Shift')
  await page.mouse.click(box.x + point.x, box.y + point.y)
  if (additive) await page.keyboard.up('Shift')
  await page.waitForFunction(
    (additive) => {
      const count = Number(document.querySelector('#graph-actions')?.getAttribute('data-selection'))
      return additive ? count > 0 : count === 1
    },
    additive,
  )
}

async function runLayout(page: Page): Promise<void> {
  await page.locator('#action-layout').click()
  await page.waitForFunction(() => document.querySelector('#graph-actions')?.getAttribute('data-layout') === 'idle', undefined, {
    timeout: 60_000,
  })
}

async function exportFile(page: Page, format: string): Promise<{ name: string; bytes: Buffer }> {
  if (!(await page.locator('.export-menu').evaluate((menu) => (menu as HTMLDetailsElement).open))) {
    await page.locator('#export-menu').click()
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`#export-${format}`).click()])
  const path = await download.path()
  return { name: download.suggestedFilename(), bytes: await readFile(path) }
}

async function exportJson(page: Page): Promise<SerializedGraph> {
  const file = await exportFile(page, 'json')
  return JSON.parse(file.bytes.toString('utf8')) as SerializedGraph
}

function positions(graph: SerializedGraph): Map<string, Point> {
  return new Map(graph.nodes.map((node) => [node.key, { x: Number(node.attributes.x), y: Number(node.attributes.y) }]))
}

function distance(a: Point | undefined, b: Point | undefined): number {
  if (a === undefined || b === undefined) return Infinity
  return Math.hypot(a.x - b.x, a.y - b.y)
}

function largestGap(first: Map<string, Point>, second: Map<string, Point>): number {
  let largest = first.size === second.size ? 0 : Infinity
  for (const [key, point] of first) largest = Math.max(largest, distance(point, second.get(key)))
  return largest
}

async function readCount(page: Page, selector: string): Promise<number> {
  const text = (await page.locator(selector).textContent()) ?? ''
  return Number(text.replaceAll(',', ''))
}

async function waitForDrawnNodes(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('#graph')?.getAttribute('data-drawn-nodes') === String(expected),
    count,
  )
}

interface DecodedImage {
  width: number
  height: number
  /** RGBA, 8 bits a channel, row after row. */
  pixels: Uint8Array
}

/** Decodes an 8-bit RGBA or RGB, non-interlaced PNG, which is what Chromium's canvas writes. */
function decodePng(bytes: Buffer): DecodedImage {
  const signature = '89504e470d0a1a0a'
  if (bytes.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG file')

  let offset = 8
  let width = 0
  let height = 0
  let channels = 4
  const data: Buffer[] = []
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset)
    const type = bytes.subarray(offset + 4, offset + 8).toString('latin1')
    const body = bytes.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      width = body.readUInt32BE(0)
      height = body.readUInt32BE(4)
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]]
      if (depth !== 8 || (colour !== 6 && colour !== 2) || interlace !== 0) {
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`)
      }
      channels = colour === 6 ? 4 : 3
    } else if (type === 'IDAT') {
      data.push(body)
    }
    offset += 12 + length
  }

  const raw = inflateSync(Buffer.concat(data))
  const stride = width * channels
  const rows = new Uint8Array(height * stride)
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)]
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0
      const left = x >= channels ? (rows[y * stride + x - channels] ?? 0) : 0
      const up = y > 0 ? (rows[(y - 1) * stride + x] ?? 0) : 0
      const upLeft = y > 0 && x >= channels ? (rows[(y - 1) * stride + x - channels] ?? 0) : 0
      rows[y * stride + x] = (value + predict(filter, left, up, upLeft)) & 0xff
    }
  }

  const pixels = new Uint8Array(width * height * 4)
  for (let index = 0; index < width * height; index += 1) {
    for (let channel = 0; channel < 4; channel += 1) {
      pixels[index * 4 + channel] = channel < channels ? (rows[index * channels + channel] ?? 0) : 255
    }
  }
  return { width, height, pixels }
}

function predict(filter: number | undefined, left: number, up: number, upLeft: number): number {
  if (filter === 0) return 0
  if (filter === 1) return left
  if (filter === 2) return up
  if (filter === 3) return Math.floor((left + up) / 2)
  if (filter === 4) {
    const estimate = left + up - upLeft
    const toLeft = Math.abs(estimate - left)
    const toUp = Math.abs(estimate - up)
    const toUpLeft = Math.abs(estimate - upLeft)
    if (toLeft <= toUp && toLeft <= toUpLeft) return left
    return toUp <= toUpLeft ? up : upLeft
  }
  throw new Error(`unknown PNG filter ${filter}`)
}

function distinctColours(image: DecodedImage): number {
  const colours = new Set<number>()
  for (let index = 0; index < image.pixels.length; index += 4) {
    const [r = 0, g = 0, b = 0] = image.pixels.subarray(index, index + 3)
    colours.add((r << 16) | (g << 8) | b)
  }
  return colours.size
}
