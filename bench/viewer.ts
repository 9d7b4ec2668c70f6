/**
 * The viewer benchmark: a generated network of 10,000 nodes and 50,000 relationships is
 * imported into the benchmark's Neo4j and served by the real service. Headless Chromium
 * loads the built viewer, whose overview request is widened to the whole network, and
 * then a page that draws the same response with Cytoscape.js at the positions the viewer
 * drew. For each it times the first frame after the response arrived, the frame rate while
 * the mouse drags the view, and the peak JavaScript heap, in alternating repetitions.
 */
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

import { signToken } from '../src/auth/tokens.js'
import { PROJECT_ROOT } from '../src/config/env.js'
import type { Database } from '../src/data/database.js'
import { buildApp } from '../src/server/app.js'
import { createServices } from '../src/services/index.js'
import { CHROMIUM_ARGS, CHROMIUM_PATH, buildViewer } from '../test/helpers/browser.js'
import { LABEL_COLOURS, NODE_SIZE, OTHER_COLOUR } from '../web/src/appearance.js'
import type { GraphCounts } from './import.js'
import type { BenchNeo4j } from './neo4j.js'
import { summarise } from './paths.js'
import {
  dragInCircles,
  emptyViewportPoint,
  findSigmaRenderer,
  sampleHeap,
  sigmaCamera,
  sigmaPositions,
  waitForFirstFrame,
  waitForQuiet,
  webglRenderer,
  type Box,
  type FirstFrame,
  type PanTiming,
} from './viewer-browser.js'
import { generateViewerNetwork, VIEWER_NETWORK_SOURCE, type ViewerNetworkOptions } from './viewer-network.js'

export interface ViewerBenchOptions extends ViewerNetworkOptions {
  repetitions: number
  panSeconds: number
  window: { width: number; height: number }
}

export interface SideRun {
  firstFrame: FirstFrame
  /** Nodes and relationships that the page drew. */
  drawn: GraphCounts
  /** Wait after the first frame until the page drew nothing for a second, and whether it did. */
  settle: { ms: number; quiet: boolean }
  pan: PanTiming & { medianFps: number; p5Fps: number; pageFps: number; moved: boolean }
  heapBytes: number
  backingStoreBytes: number
  pageErrors: string[]
}

export interface ViewerTiming {
  options: ViewerBenchOptions
  stored: GraphCounts
  importSeconds: number
  /** Time of the overview request from Node before the browser runs, with an empty cache. */
  apiSeconds: number
  renderer: string
  versions: { chromium: string; sigma: string; cytoscape: string }
  /** The viewer's graph container, where both pages draw. */
  box: Box
  viewer: SideRun[]
  peer: SideRun[]
}

const FIRST_FRAME_TIMEOUT_MS = 600_000
/** Distance in pixels from every node's centre that a drag must start at to pan rather than move a node. */
const EMPTY_CLEARANCE_PX = 12
/** The page counts as settled once it has drawn nothing for QUIET_MS, or after SETTLE_TIMEOUT_MS. */
export const QUIET_MS = 1000
export const SETTLE_TIMEOUT_MS = 60_000
const TOKEN_LIFETIME_SECONDS = 6 * 3600
const PEER_FILES = path.join(PROJECT_ROOT, 'bench', 'peers')
const PEER_PREFIX = '/bench-peer/'
/** Cytoscape.js's fit padding, Sigma's default stage padding, in pixels. */
const PADDING = 30

export async function benchmarkViewer(
  neo4j: BenchNeo4j,
  options: ViewerBenchOptions,
  log: (message: string) => void,
): Promise<ViewerTiming> {
  const loaded = await loadViewerNetwork(neo4j.database, options, log)
  return { ...loaded, ...(await measureViewer(neo4j, options, log)) }
}

/** Generates the network and imports it through the service's graph JSON import. */
export async function loadViewerNetwork(database: Database, options: ViewerBenchOptions, log: (message: string) => void) {
  const network = generateViewerNetwork(options)
  const services = createServices(database)
  const importStarted = performance.now()
  const report = await services.imports.importText(JSON.stringify(network), {
    file: `${VIEWER_NETWORK_SOURCE}.json`,
    format: 'graph-json',
    source: VIEWER_NETWORK_SOURCE,
  })
  const importSeconds = (performance.now() - importStarted) / 1000
  if (report.rejectedCount > 0) {
    throw new Error(`The import rejected ${report.rejectedCount} records, the first: ${JSON.stringify(report.rejected[0])}`)
  }
  const stored = await countSource(database)
  log(`Viewer: imported ${stored.nodes} nodes and ${stored.relationships} relationships in ${importSeconds.toFixed(1)} s`)
  return { stored, importSeconds }
}

/** Serves the loaded network and measures both pages in alternating repetitions. */
export async function measureViewer(
  neo4j: Pick<BenchNeo4j, 'config' | 'database'>,
  options: ViewerBenchOptions,
  log: (message: string) => void,
): Promise<Omit<ViewerTiming, 'stored' | 'importSeconds'>> {
  log('Viewer: building web/dist')
  buildViewer()

  const app = await buildApp({ config: neo4j.config, database: neo4j.database, logger: false })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  try {
    const { port } = app.server.address() as AddressInfo
    const service = {
      url: `http://127.0.0.1:${port}`,
      token: signToken(neo4j.config.jwtSecret, {
        sub: 'bench-viewer',
        role: 'viewer',
        ncb: null,
        lifetimeSeconds: TOKEN_LIFETIME_SECONDS,
      }),
    }
    const apiSeconds = await checkOverview(service, options)
    log(`Viewer: the overview of ${options.nodes} nodes took ${apiSeconds.toFixed(1)} s through the API`)

    const viewer: SideRun[] = []
    const peer: SideRun[] = []
    let drawing: Drawing | null = null
    let renderer = ''
    for (let repetition = 1; repetition <= options.repetitions; repetition++) {
      const ours = await runViewer(browser, service, options, drawing === null)
      drawing ??= ours.drawing
      renderer = ours.renderer
      viewer.push(ours.run)
      if (ours.run.pageErrors.length > 0) log(`Viewer page errors: ${ours.run.pageErrors.join('; ')}`)
      log(`Viewer ${repetition}/${options.repetitions}: ${describeRun(ours.run)}`)

      const theirs = await runPeer(browser, service, options, drawing)
      peer.push(theirs)
      log(`Cytoscape.js ${repetition}/${options.repetitions}: ${describeRun(theirs)}`)
    }
    if (drawing === null) throw new Error('No repetition ran: --viewer-repetitions must be at least 1')

    return {
      options,
      apiSeconds,
      renderer,
      versions: { chromium: browser.version(), sigma: packageVersion('sigma'), cytoscape: packageVersion('cytoscape') },
      box: drawing.box,
      viewer,
      peer,
    }
  } finally {
    await browser.close()
    await app.close()
  }
}

/** Counts the nodes and relationships of the network's dataset. */
async function countSource(database: Database): Promise<GraphCounts> {
  const parameters = { source: VIEWER_NETWORK_SOURCE }
  const nodes = await database.driver.executeQuery('MATCH (n:Entity {source: $source}) RETURN count(n) AS count', parameters)
  const relationships = await database.driver.executeQuery(
    'MATCH (:Entity)-[r]->(:Entity) WHERE r.source = $source RETURN count(r) AS count',
    parameters,
  )
  return {
    nodes: Number(nodes.records[0]?.get('count') ?? 0),
    relationships: Number(relationships.records[0]?.get('count') ?? 0),
  }
}

interface Service {
  url: string
  token: string
}

/** The viewer's drawing: its container's box and each node's position, y pointing down. */
interface Drawing {
  box: Box
  positions: Record<string, [number, number]>
}

/** Requests the whole overview once and checks that it contains the whole network. */
async function checkOverview(service: Service, options: ViewerBenchOptions): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${service.url}/api/graph/overview?limit=${options.nodes}`, {
    headers: { authorization: `Bearer ${service.token}` },
  })
  if (!response.ok) throw new Error(`GET /api/graph/overview returned ${response.status}: ${await response.text()}`)
  const body = (await response.json()) as { graph: { nodes: unknown[]; edges: unknown[] }; truncated: boolean }
  const seconds = (performance.now() - started) / 1000
  if (body.graph.nodes.length !== options.nodes || body.graph.edges.length !== options.edges || body.truncated) {
    throw new Error(
      `The overview returned ${body.graph.nodes.length} nodes and ${body.graph.edges.length} relationships ` +
        `(truncated: ${body.truncated}), expected ${options.nodes} and ${options.edges}`,
    )
  }
  return seconds
}

async function runViewer(browser: Browser, service: Service, options: ViewerBenchOptions, readPositions: boolean) {
  const { context, page, pageErrors } = await openPage(browser, options)
  try {
    // The viewer requests its usual 300 most connected nodes, and the benchmark requests all of them.
    await page.route(
      (url) => url.pathname === '/api/graph/overview',
      (route) => {
        const url = new URL(route.request().url())
        url.searchParams.set('limit', String(options.nodes))
        return route.continue({ url: url.toString() })
      },
    )
    await page.goto(`${service.url}/health`)
    const cdp = await context.newCDPSession(page)
    const heap = sampleHeap(cdp)

    await page.goto(`${service.url}/#token=${encodeURIComponent(service.token)}`)
    const firstFrame = await waitForFirstFrame(page, 'millennium:first-frame', FIRST_FRAME_TIMEOUT_MS)
    const settle = await waitForQuiet(page, '#graph', QUIET_MS, SETTLE_TIMEOUT_MS)
    const drawn = { nodes: await readNumber(page, '#node-count'), relationships: await readNumber(page, '#edge-count') }
    const box = await boxOf(page, '#graph')

    const sigma = await findSigmaRenderer(cdp, '#graph')
    const positions = readPositions ? await sigmaPositions(cdp, sigma) : {}
    const before = await sigmaCamera(cdp, sigma)
    // A drag that starts on a node moves that node instead of panning, so it starts off the nodes.
    const empty = await emptyViewportPoint(cdp, sigma, EMPTY_CLEARANCE_PX)
    if (empty === null) throw new Error('No point of the graph area is clear of nodes, so a drag there would move a node rather than pan')
    const pan = await dragInCircles(page, cdp, box, '#graph', options.panSeconds, { x: box.x + empty.x, y: box.y + empty.y })
    const after = await sigmaCamera(cdp, sigma)
    const moved = before.x !== after.x || before.y !== after.y
    const { heapBytes, backingStoreBytes } = await heap.stop()

    return {
      run: { firstFrame, drawn, settle, pan: { ...pan, ...fps(pan), moved }, heapBytes, backingStoreBytes, pageErrors },
      drawing: { box, positions },
      renderer: await webglRenderer(page),
    }
  } catch (error) {
    throw withPageErrors(error, 'The viewer', pageErrors)
  } finally {
    await context.close()
  }
}

async function runPeer(browser: Browser, service: Service, options: ViewerBenchOptions, drawing: Drawing): Promise<SideRun> {
  const { context, page, pageErrors } = await openPage(browser, options)
  try {
    await page.route(
      (url) => url.pathname.startsWith(PEER_PREFIX),
      (route) => route.fulfill(peerFile(new URL(route.request().url()).pathname.slice(PEER_PREFIX.length))),
    )
    await page.goto(`${service.url}${PEER_PREFIX}cytoscape.html`)
    const cdp = await context.newCDPSession(page)
    const heap = sampleHeap(cdp)

    const drawnCounts = await page.evaluate(
      (peerOptions) => (window as unknown as PeerWindow).loadPeer(peerOptions),
      {
        url: `/api/graph/overview?limit=${options.nodes}`,
        token: service.token,
        box: drawing.box,
        positions: fitPositions(drawing.positions, drawing.box),
        padding: PADDING,
        colours: LABEL_COLOURS,
        otherColour: OTHER_COLOUR,
        nodeDiameter: 2 * NODE_SIZE.uniform,
        labelSize: 12,
        minimumLabelSize: 14,
        edgeColour: '#b9bec7',
      },
    )
    const firstFrame = await waitForFirstFrame(page, 'cytoscape:first-frame', FIRST_FRAME_TIMEOUT_MS)
    const settle = await waitForQuiet(page, '#frames', QUIET_MS, SETTLE_TIMEOUT_MS)

    const panOf = () => page.evaluate(() => (window as unknown as PeerWindow).peer.pan())
    const before = await panOf()
    const pan = await dragInCircles(page, cdp, drawing.box, '#frames', options.panSeconds)
    const after = await panOf()
    const moved = before.x !== after.x || before.y !== after.y
    const { heapBytes, backingStoreBytes } = await heap.stop()

    const drawn = { nodes: drawnCounts.nodes, relationships: drawnCounts.edges }
    return { firstFrame, drawn, settle, pan: { ...pan, ...fps(pan), moved }, heapBytes, backingStoreBytes, pageErrors }
  } catch (error) {
    throw withPageErrors(error, 'The Cytoscape.js page', pageErrors)
  } finally {
    await context.close()
  }
}

interface PeerWindow {
  loadPeer(options: unknown): Promise<{ nodes: number; edges: number }>
  peer: { pan(): { x: number; y: number } }
}

async function openPage(browser: Browser, options: ViewerBenchOptions): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: options.window })
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  return { context, page, pageErrors }
}

function withPageErrors(error: unknown, page: string, pageErrors: string[]): Error {
  const message = error instanceof Error ? error.message : String(error)
  const errors = pageErrors.length === 0 ? 'no page errors' : `page errors: ${pageErrors.join('; ')}`
  return new Error(`${page} failed: ${message} (${errors})`, { cause: error })
}

function peerFile(name: string): { contentType: string; body: Buffer } {
  const files: Record<string, [string, string]> = {
    'cytoscape.html': [path.join(PEER_FILES, 'cytoscape.html'), 'text/html'],
    'cytoscape-page.js': [path.join(PEER_FILES, 'cytoscape-page.js'), 'text/javascript'],
    'cytoscape.min.js': [path.join(PROJECT_ROOT, 'node_modules', 'cytoscape', 'dist', 'cytoscape.min.js'), 'text/javascript'],
  }
  const file = files[name]
  if (file === undefined) throw new Error(`The Cytoscape.js peer has no file "${name}"`)
  return { contentType: file[1], body: readFileSync(file[0]) }
}

/**
 * Scales the viewer's positions so that the whole drawing fills the box less the padding,
 * as Sigma fits it, so that Cytoscape.js's fit ends near zoom 1 and its node sizes in
 * model units are pixels, like Sigma's.
 */
function fitPositions(positions: Record<string, [number, number]>, box: Box): Record<string, [number, number]> {
  const points = Object.values(positions)
  const xs = points.map(([x]) => x)
  const ys = points.map(([, y]) => y)
  const width = Math.max(...xs) - Math.min(...xs)
  const height = Math.max(...ys) - Math.min(...ys)
  const room = { width: Math.max(box.width - 2 * PADDING, 1), height: Math.max(box.height - 2 * PADDING, 1) }
  // A drawing with no width or no height is scaled by its other side alone.
  const scales = [width > 0 ? room.width / width : Infinity, height > 0 ? room.height / height : Infinity]
  const scale = Math.min(...scales)
  const factor = Number.isFinite(scale) ? scale : 1
  return Object.fromEntries(Object.entries(positions).map(([key, [x, y]]) => [key, [x * factor, y * factor]]))
}

/**
 * Frames per second at the median interval between drawn frames and at the 95th percentile
 * one, and the page's animation frames per second over the whole drag.
 */
function fps(pan: PanTiming): { medianFps: number; p5Fps: number; pageFps: number } {
  const drawn = summarise(pan.renderIntervalsMs)
  return { medianFps: 1000 / drawn.medianMs, p5Fps: 1000 / drawn.p95Ms, pageFps: (pan.frameIntervalsMs.length + 1) / pan.seconds }
}

async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).boundingBox()
  if (box === null || box.width === 0 || box.height === 0) throw new Error(`${selector} is not visible`)
  return box
}

async function readNumber(page: Page, selector: string): Promise<number> {
  const text = (await page.textContent(selector)) ?? ''
  return Number(text.replace(/[^0-9]/g, ''))
}

function packageVersion(name: string): string {
  const file = path.join(PROJECT_ROOT, 'node_modules', name, 'package.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
}

function describeRun(run: SideRun): string {
  return (
    `first frame ${run.firstFrame.ms.toFixed(0)} ms after the response, ` +
    `${run.drawn.nodes} nodes and ${run.drawn.relationships} relationships, ` +
    `pan ${run.pan.medianFps.toFixed(1)} fps median, ${run.pan.p5Fps.toFixed(1)} at the 5th percentile ` +
    `(${run.pan.renders} renders, ${run.pan.moves} moves in ${run.pan.seconds.toFixed(1)} s), ` +
    `heap ${(run.heapBytes / 1024 ** 2).toFixed(0)} MiB`
  )
}
