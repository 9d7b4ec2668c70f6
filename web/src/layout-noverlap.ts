/**
 * Overlap removal after ForceAtlas2, with graphology-layout-noverlap. Node sizes are in
 * pixels while positions are in graph units, so each node's radius is converted with the
 * scale at which Sigma fits the whole graph into the canvas.
 */
import noverlapModule from 'graphology-layout-noverlap'
import type { MultiDirectedGraph } from 'graphology'

import { NODE_SIZE } from './appearance.js'

// CommonJS typed with `export default`, as for ForceAtlas2 in layout.ts.
const noverlap = (noverlapModule as { default?: typeof noverlapModule.default }).default
  ?? (noverlapModule as unknown as typeof noverlapModule.default)

/** The maximum noverlap work, counted as iterations × nodes, done in one go on the main thread. */
const NOVERLAP_WORK_BUDGET = 300_000
const MAX_ITERATIONS = 50
/** Room kept free around each node, as a share of its radius. */
const MARGIN = 0.5

/**
 * Pushes apart the nodes of the layout's graph (see buildLayoutGraph) that would be drawn on
 * top of each other on a canvas `pixelsAcross` pixels wide at zoom 1. Nodes marked `fixed`
 * end where they started.
 */
export function removeOverlaps(copy: MultiDirectedGraph, pixelsAcross: number): void {
  if (copy.order < 2 || pixelsAcross <= 0) return

  const extent = extentOf(copy)
  if (extent === 0) return
  const radius = (NODE_SIZE.uniform * extent) / pixelsAcross
  separateCoincidentNodes(copy, radius)

  const fixed = new Map<string, { x: number; y: number }>()
  copy.forEachNode((key, attributes) => {
    if (attributes.fixed === true) fixed.set(key, { x: attributes.x as number, y: attributes.y as number })
  })

  noverlap.assign(copy, {
    maxIterations: Math.max(1, Math.min(MAX_ITERATIONS, Math.floor(NOVERLAP_WORK_BUDGET / copy.order))),
    inputReducer: (_key, attributes) => ({ x: attributes.x, y: attributes.y, size: radius }),
    settings: { margin: radius * MARGIN, ratio: 1, expansion: 1.1, speed: 3 },
  })

  // noverlap has no notion of fixed nodes, so the pinned ones are put back.
  for (const [key, point] of fixed) copy.mergeNodeAttributes(key, point)
}

/** Returns the larger side of the nodes' bounding box. */
function extentOf(copy: MultiDirectedGraph): number {
  let minX = Infinity
  let maxX = -Infinity
  let minY = Infinity
  let maxY = -Infinity
  copy.forEachNode((_key, attributes) => {
    const x = attributes.x as number
    const y = attributes.y as number
    minX = Math.min(minX, x)
    maxX = Math.max(maxX, x)
    minY = Math.min(minY, y)
    maxY = Math.max(maxY, y)
  })
  return Math.max(maxX - minX, maxY - minY)
}

/**
 * Moves apart nodes that sit on exactly the same point. noverlap would jitter them with
 * `Math.random`, so the picture would differ from one load to the next. Here the offset
 * depends only on how many nodes came before on that point.
 */
function separateCoincidentNodes(copy: MultiDirectedGraph, radius: number): void {
  const seen = new Map<string, number>()
  copy.forEachNode((key, attributes) => {
    if (attributes.fixed === true) return
    const spot = `${String(attributes.x)},${String(attributes.y)}`
    const earlier = seen.get(spot) ?? 0
    seen.set(spot, earlier + 1)
    if (earlier === 0) return

    const angle = earlier * 2.399963
    copy.mergeNodeAttributes(key, {
      x: (attributes.x as number) + radius * Math.cos(angle),
      y: (attributes.y as number) + radius * Math.sin(angle),
    })
  })
}
