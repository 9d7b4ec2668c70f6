/**
 * Renders the viewer benchmark as one section of `docs/benchmarks.md`, between two marker
 * comments, so that `--only viewer` replaces that section alone and the other sections'
 * runs carry it over.
 */
import type { Machine } from './machine.js'
import { count, mebibytes, reflow } from './report.js'
import { CHROMIUM_ARGS } from '../test/helpers/browser.js'
import { NODE_SIZE } from '../web/src/appearance.js'
import { QUIET_MS, SETTLE_TIMEOUT_MS, type SideRun, type ViewerTiming } from './viewer.js'

export const VIEWER_SECTION_START = '<!-- viewer section: rewritten by `npm run bench -- --only viewer` -->'
export const VIEWER_SECTION_END = '<!-- end of the viewer section -->'

export interface ViewerReport {
  date: string
  command: string
  machine: Machine
  /** One-minute load average when the run started and when it ended. */
  loadAverage: { start: number; end: number }
  neo4jVersion: string
  viewer: ViewerTiming
}

const FIRST_FRAME_TARGET_MS = 3000
const PAN_TARGET_FPS = 30

export function renderViewerSection(report: ViewerReport): string {
  const sections = [introduction(report), runTable(report), targetsTable(report), peerTable(report), repetitionsTable(report), notes(report)]
  return `${VIEWER_SECTION_START}\n${sections.map(reflow).join('\n\n')}\n${VIEWER_SECTION_END}`
}

/** Returns the viewer section of a page, markers included, or null when it has none. */
export function viewerSectionOf(page: string): string | null {
  const start = page.indexOf(VIEWER_SECTION_START)
  const end = page.indexOf(VIEWER_SECTION_END)
  if (start < 0 || end < start) {
    return null
  }
  return page.slice(start, end + VIEWER_SECTION_END.length)
}

/** Replaces the page's viewer section with `section`, or appends it where the page has none. */
export function withViewerSection(page: string, section: string): string {
  const old = viewerSectionOf(page)
  if (old !== null) {
    return page.replace(old, () => section)
  }
  return `${page.trimEnd()}\n\n${section}\n`
}

function introduction({ viewer }: ViewerReport): string {
  return `## Viewer: first frame and panning on ${count(viewer.options.nodes)} nodes and ${count(viewer.options.edges)} relationships

The viewer (Sigma.js ${viewer.versions.sigma}, WebGL) against Cytoscape.js ${viewer.versions.cytoscape}
(canvas renderer) drawing the same API response at the same positions in the same headless
Chromium and window, measured in the same run. \`npm run bench -- --only viewer\` rewrites
this section alone, on its own Neo4j, and the other sections' runs keep it.`
}

function runTable({ date, command, machine, loadAverage, neo4jVersion, viewer }: ViewerReport): string {
  const { options, stored, box } = viewer
  return `### Run

| | |
| --- | --- |
| date | ${date} |
| command | \`${command}\` |
| network | seed ${options.seed}; ${count(stored.nodes)} nodes and ${count(stored.relationships)} relationships from \`bench/viewer-network.ts\`, imported through the service's graph JSON import in ${viewer.importSeconds.toFixed(1)} s; \`GET /api/graph/overview?limit=${options.nodes}\` returns all of them (${viewer.apiSeconds.toFixed(1)} s on its first request, ${mebibytes(medianOf(viewer.viewer, (run) => run.firstFrame.responseBytes))} MiB) |
| browser | Chromium ${viewer.versions.chromium} (Debian's \`/usr/bin/chromium\`), \`${CHROMIUM_ARGS.join(' ')}\`, the tests' flags; window ${options.window.width}×${options.window.height}, device pixel ratio 1; the graph area is ${count(box.width)}×${count(box.height)} pixels |
| WebGL renderer | ${viewer.renderer} (\`UNMASKED_RENDERER_WEBGL\`)${/swiftshader|llvmpipe|software/i.test(viewer.renderer) ? ': software rendering on the CPU' : ''} |
| CPU | ${machine.cpu}, ${machine.cores} cores, shared with other work; one-minute load average ${loadAverage.start.toFixed(2)} at the start, ${loadAverage.end.toFixed(2)} at the end |
| memory | ${machine.memoryGiB.toFixed(1)} GiB |
| Node.js | ${machine.node} |
| Neo4j | ${neo4jVersion} Community, embedded |
| repetitions | ${options.repetitions} of each page, alternating, each in a fresh browser context; ${options.panSeconds} s of panning each |`
}

function targetsTable({ viewer }: ViewerReport): string {
  const firstFrame = medianOf(viewer.viewer, (run) => run.firstFrame.ms)
  const panFps = medianOf(viewer.viewer, (run) => run.pan.medianFps)
  const complete = viewer.viewer.every((run) => isComplete(run, viewer))
  const moved = viewer.viewer.every((run) => run.pan.moved)
  return `### Targets

| target | measured (median of ${viewer.viewer.length}) | required | result |
| --- | ---: | ---: | --- |
| First frame after the API response, ms | ${count(firstFrame)} | under ${count(FIRST_FRAME_TARGET_MS)} | ${verdict(firstFrame < FIRST_FRAME_TARGET_MS && complete)} |
| Panning, median frames per second | ${panFps.toFixed(1)} | at least ${PAN_TARGET_FPS} | ${verdict(panFps >= PAN_TARGET_FPS && moved)} |

${complete ? `Every repetition drew all ${count(viewer.options.nodes)} nodes and ${count(viewer.options.edges)} relationships.` : 'NOTE: at least one repetition did not draw the whole network (see the repetitions below), so the first-frame target fails.'}
${moved ? '' : 'NOTE: the camera did not move in at least one repetition, so the panning target fails.'}`
}

function peerTable({ viewer }: ViewerReport): string {
  const rows = FIGURES.map((figure) => {
    const ours = medianOf(viewer.viewer, figure.value)
    const peer = medianOf(viewer.peer, figure.value)
    return `| ${figure.label} | ${figure.format(ours)} | ${figure.format(peer)} | ${(ours / peer).toFixed(2)} |`
  })
  return `### Against Cytoscape.js

| figure (median of ${viewer.viewer.length}) | Millennium (Sigma.js) | Cytoscape.js | ratio Millennium / Cytoscape.js |
| --- | ---: | ---: | ---: |
${rows.join('\n')}

For the first frame and memory, a ratio below 1 means Millennium took less; for frames per
second, a ratio above 1 means Millennium drew more.`
}

interface Figure {
  label: string
  value: (run: SideRun) => number
  format: (value: number) => string
}

const FIGURES: Figure[] = [
  { label: 'First frame after the API response, ms', value: (run) => run.firstFrame.ms, format: count },
  { label: 'Panning, median frames per second', value: (run) => run.pan.medianFps, format: oneDecimal },
  { label: 'Panning, 5th percentile frames per second', value: (run) => run.pan.p5Fps, format: oneDecimal },
  { label: 'Panning, frames drawn per second on average', value: (run) => run.pan.renders / run.pan.seconds, format: oneDecimal },
  { label: "Panning, the page's animation frames per second on average", value: (run) => run.pan.pageFps, format: oneDecimal },
  { label: 'Peak JavaScript heap, MiB', value: (run) => run.heapBytes, format: mebibytes },
  { label: 'Peak array buffer memory, MiB', value: (run) => run.backingStoreBytes, format: mebibytes },
]

function repetitionsTable({ viewer }: ViewerReport): string {
  const rows = viewer.viewer.flatMap((ours, index) => {
    const peer = viewer.peer[index]
    return [repetitionRow(index + 1, 'Millennium', ours), ...(peer === undefined ? [] : [repetitionRow(index + 1, 'Cytoscape.js', peer)])]
  })
  return `### Repetitions

| # | page | first frame, ms | drawn nodes, relationships | quiet after, s | pan fps: median, 5th percentile, page | frames drawn, mouse moves | heap, array buffers, MiB | page errors |
| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}`
}

function repetitionRow(repetition: number, page: string, run: SideRun): string {
  const settled = `${(run.settle.ms / 1000).toFixed(1)}${run.settle.quiet ? '' : ' (still drawing)'}`
  const pan = `${oneDecimal(run.pan.medianFps)}, ${oneDecimal(run.pan.p5Fps)}, ${oneDecimal(run.pan.pageFps)}`
  const drawn = `${count(run.drawn.nodes)}, ${count(run.drawn.relationships)}`
  const memory = `${mebibytes(run.heapBytes)}, ${mebibytes(run.backingStoreBytes)}`
  return `| ${repetition} | ${page} | ${count(run.firstFrame.ms)} | ${drawn} | ${settled} | ${pan} | ${run.pan.renders}, ${run.pan.moves} | ${memory} | ${run.pageErrors.length} |`
}

function notes({ viewer, machine }: ViewerReport): string {
  const { options } = viewer
  const software = /swiftshader|llvmpipe/i.test(viewer.renderer)
  return `### What the numbers mean

**First frame.** Both pages fetch \`/api/graph/overview?limit=${options.nodes}\` from the same
service with the same token. The viewer requests its usual 300 nodes, so the benchmark
rewrites the limit of that one request in flight (Playwright's \`route.continue\`), and nothing
else in the page changes. The clock starts at \`responseEnd\` of that request's resource timing
entry, when the last byte of the body has arrived, and stops at the page's first-frame mark:
\`millennium:first-frame\`, which the viewer's graph view sets after the first Sigma render
that has nodes, or \`cytoscape:first-frame\`, set on Cytoscape.js's first \`render\` event. Both
are on the page's own clock. The time includes parsing the JSON, building the graph, placing
the nodes and drawing them.

**Same picture.** Before the first Cytoscape.js page, the benchmark reads every node's
position from the viewer's Sigma renderer through the DevTools protocol, once the viewer has
drawn nothing for ${QUIET_MS / 1000} s. The renderer is the \`renderer\` of the object that Sigma's
mouse handlers are bound to. Cytoscape.js gets those positions as a \`preset\` layout, scaled
to fill the same area with y pointing down. Both draw ${2 * NODE_SIZE.uniform}-pixel nodes coloured by label and
1-pixel grey straight edges with arrowheads, and no labels at that zoom. Cytoscape.js gets the
positions for free, while the viewer computes its own within its time.

**Panning.** Once the page has drawn nothing for ${QUIET_MS / 1000} s, or after ${SETTLE_TIMEOUT_MS / 1000} s, the left button
goes down and the mouse circles, a quarter of the area's smaller side from its start, one turn per 1.5 s, for ${options.panSeconds} s. The moves are DevTools
protocol input events, one every 8 ms, sent without waiting for the page to take the one
before, as a real mouse does. Chromium merges the moves that queue up while the page is busy,
so the page sets the pace. In the viewer a drag that starts on a node moves that node, so
the drag starts at the point nearest the middle that is at least 12 pixels from every node's
centre; Cytoscape.js's nodes take no mouse events, and its drag starts in the middle. The
benchmark checks that each camera moved. Above 5,000 relationships the viewer pans by
shifting the layers it has drawn with a CSS transform, one shift per animation frame, and
moves Sigma's camera once when the button comes up; those shifts count as drawn frames. "Quiet after" above 60 s means
ForceAtlas2 was still running in its worker during the pan; the viewer shows its positions
every 200 ms, but not while a pan is under way. The frame rate counts the frames that the renderer
drew (Sigma's \`afterRender\`, Cytoscape.js's \`render\`): the median is 1000 divided by the median
interval between two drawn frames, and the 5th percentile is 1000 divided by the 95th
percentile interval. The page's animation frame rate, counted by a \`requestAnimationFrame\`
loop over the whole drag, shows how often the page's main thread was free to draw.

**Memory.** The JavaScript heap is V8's used size of the page, sampled every 50 ms through
the DevTools protocol (\`Runtime.getHeapUsage\`) from before the page loads to the end of
the pan. The array buffer figure comes from the same call: typed arrays, such as the ones
Sigma fills for WebGL, live there, outside the heap. A peak shorter than the sampling
interval can be missed. The Cytoscape.js page's heap also holds the positions it was given.

**Limits.** ${count(options.repetitions)} ${options.repetitions === 1 ? 'repetition' : 'repetitions'} of each page, on ${machine.cores} cores shared with the service, Neo4j
and other work, as the load averages show. ${software ? `The WebGL renderer is SwiftShader: every
pixel that Sigma draws is computed on the CPU, on the same cores as the page's JavaScript,
and Cytoscape.js's canvas is drawn on the CPU as well, since the tests' flags disable the GPU.
Sigma 3.0 also reads a pixel back from WebGL on every mouse move, to find the node under the
mouse; in a probe on a 10,000-node view with fixed positions, skipping that read left the
rate at about 3 frames per second, so the time goes to drawing and compositing the WebGL
layers in software.` : ''}
These figures are for this machine, and an analyst's desktop with a GPU will differ.`
}

function isComplete(run: SideRun, viewer: ViewerTiming): boolean {
  return run.drawn.nodes === viewer.options.nodes && run.drawn.relationships === viewer.options.edges
}

function medianOf(runs: SideRun[], value: (run: SideRun) => number): number {
  const sorted = runs.map(value).sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return Number.NaN
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

function oneDecimal(value: number): string {
  return value.toFixed(1)
}

function verdict(met: boolean): string {
  return met ? 'PASS' : 'FAIL'
}
