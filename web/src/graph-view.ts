/**
 * The Sigma.js renderer. Reducers turn each node's data into what is drawn (its name as
 * the label, a colour by label or community, a size by centrality, the path highlight, in
 * money mode transfer widths and the timeline, and the workspace's hidden, pinned, grouped
 * and removed nodes) without touching the graph's attributes. Nodes can be dragged.
 */
import { createNodeBorderProgram } from '@sigma/node-border'
import Sigma from 'sigma'
import { EdgeLineProgram, drawDiscNodeLabel } from 'sigma/rendering'
import type { Settings } from 'sigma/settings'
import type { EdgeDisplayData, NodeDisplayData, PartialButFor } from 'sigma/types'

import { NODE_SIZE, OTHER_COLOUR, TRANSFER_COLOURS, colourForLabel } from './appearance.js'
import { isDatedInside } from './dates.js'
import { installPanPreview } from './pan-preview.js'
import { GROUPED_TYPE } from './graph-edits.js'
import { TRANSFER_WIDTH, inRange, type MoneyView } from './money-view.js'
import { displayName, type NetworkGraph, type NodeAttributes } from './network.js'
import type { ViewerState, Store } from './state.js'

const EDGE_COLOUR = '#b9bec7'
const SELECTED_EDGE_COLOUR = '#5a6270'
const PATH_COLOUR = TRANSFER_COLOURS.path
const FADED_COLOUR = '#e4e6ea'
const PIN_COLOUR = '#1f2328'
const GROUP_COLOUR = '#c9ced6'
const GROUP_BORDER_COLOUR = '#5a6270'
const REMOVED_COLOUR = '#b4b8bf'
const REMOVED_SUFFIX = ' (removed)'

/** Display data with the fields this file adds: the ring of pinned and group nodes, and a struck label. */
type NodeDisplay = Partial<NodeDisplayData> & { borderColor?: string; struck?: boolean }

export interface GraphViewEvents {
  /** A click on a node, or on the background with `key` null; `additive` when shift was held. */
  onSelect(key: string | null, additive: boolean): void
  onExpand(key: string): void
  /** A node dragged from `from` to `to`, in graph coordinates. */
  onMoved(key: string, from: { x: number; y: number }, to: { x: number; y: number }): void
}

export interface GraphView {
  /** Moves the camera to a node and zooms in on it. */
  focus(key: string): void
  /** Moves and zooms the camera so that all the given nodes are in view. */
  fit(keys: string[]): void
  /** Shows the whole graph again. */
  resetCamera(): void
  /** Whether a pan of a large graph is under way. */
  isPanning(): boolean
  /** The canvas's smaller side in pixels. */
  pixelsAcross(): number
  /** The position of a node on screen, in pixels from the container's top left corner, or null when it is not in the graph. */
  viewportPosition(key: string): { x: number; y: number } | null
  readonly renderer: Sigma
  destroy(): void
}

/**
 * Relationships above which the graph is drawn in its large mode: 1-pixel lines without
 * arrowheads, and no relationships or labels while the camera moves. With 50,000
 * relationships on a software WebGL renderer (SwiftShader), redrawing them on every move of a
 * pan took over a second per frame.
 */
export const LARGE_GRAPH_EDGES = 5_000

/** Camera ratios: 1 shows the whole graph, smaller values zoom in. */
const FOCUS_RATIO = 0.4
const MIN_FIT_RATIO = 0.15
const FIT_PADDING = 1.4
const CAMERA_ANIMATION = { duration: 400 }

export function createGraphView(
  container: HTMLElement,
  graph: NetworkGraph,
  store: Store,
  events: GraphViewEvents,
): GraphView {
  const renderer = new Sigma(graph, container, {
    allowInvalidContainer: true,
    defaultEdgeType: 'arrow',
    labelRenderedSizeThreshold: 7,
    zIndex: true,
    nodeProgramClasses: { ringed: RingedNodeProgram },
    edgeProgramClasses: { thin: EdgeLineProgram },
    defaultDrawNodeLabel: drawNodeLabel,
    nodeReducer: (key, attributes) => reduceNode(graph, key, attributes as NodeAttributes, store.get(), grouped()),
    edgeReducer: (key) => reduceEdge(graph, key, store.get()),
  })

  // Members of groups, derived again only when the groups change.
  let groupsSeen: ViewerState['groups'] | null = null
  let members = new Set<string>()
  function grouped(): ReadonlySet<string> {
    const groups = store.get().groups
    if (groups !== groupsSeen) {
      groupsSeen = groups
      members = new Set([...groups.values()].flat())
    }
    return members
  }

  renderer.on('clickNode', ({ node, event }) => events.onSelect(node, event.original.shiftKey))
  renderer.on('clickStage', ({ event }) => {
    if (!event.original.shiftKey && !panPreview.justPanned()) events.onSelect(null, false)
  })
  renderer.on('doubleClickNode', (event) => {
    // Sigma zooms in on a double click by default; here a double click expands the node.
    event.preventSigmaDefault()
    // Sigma also reads quick shift+clicks on two nodes as a double click, whose second click it
    // swallows: that one joins the selection instead.
    if (event.event.original.shiftKey) events.onSelect(event.node, true)
    else events.onExpand(event.node)
  })
  // What Sigma draws once the reducers ran, for tests and tools that cannot read the canvas:
  // the edges shown, and those among them in the path colour.
  renderer.on('afterProcess', () => {
    let drawn = 0
    let onPath = 0
    graph.forEachEdge((key) => {
      const display = renderer.getEdgeDisplayData(key)
      if (display === undefined || display.hidden) return
      drawn += 1
      if (display.color === PATH_COLOUR) onPath += 1
    })
    container.dataset.drawnEdges = String(drawn)
    container.dataset.pathEdges = String(onPath)

    let drawnNodes = 0
    graph.forEachNode((key) => {
      const display = renderer.getNodeDisplayData(key)
      if (display !== undefined && !display.hidden) drawnNodes += 1
    })
    container.dataset.drawnNodes = String(drawnNodes)
  })

  // Large graphs skip relationships and labels while the camera moves; see LARGE_GRAPH_EDGES.
  function adaptToSize(): void {
    const large = graph.size > LARGE_GRAPH_EDGES
    if (renderer.getSetting('hideEdgesOnMove') === large) return
    renderer.setSetting('hideEdgesOnMove', large)
    renderer.setSetting('hideLabelsOnMove', large)
  }
  adaptToSize()
  graph.on('edgeAdded', adaptToSize)
  graph.on('edgeDropped', adaptToSize)
  graph.on('cleared', adaptToSize)

  // Frame count and the first frame after each graph load, which the viewer benchmark reads.
  let frames = 0
  let awaitingFirstFrame = true
  renderer.on('afterRender', () => {
    frames += 1
    container.dataset.frames = String(frames)
    if (awaitingFirstFrame && graph.order > 0) {
      awaitingFirstFrame = false
      performance.mark('millennium:first-frame')
    }
  })
  const onCleared = (): void => {
    awaitingFirstFrame = true
  }
  graph.on('cleared', onCleared)

  // A frame in which a large graph's pan moved the drawn pictures counts as a frame too.
  const panPreview = installPanPreview(renderer, {
    isLarge: () => graph.size > LARGE_GRAPH_EDGES,
    onFrame: () => {
      frames += 1
      container.dataset.frames = String(frames)
    },
  })

  // Dragging a node moves it; the camera keeps its frame meanwhile, so the graph does not rescale under the pointer.
  let dragged: { key: string; from: { x: number; y: number }; moved: boolean } | null = null
  renderer.on('downNode', ({ node }) => {
    dragged = { key: node, from: { x: graph.getNodeAttribute(node, 'x'), y: graph.getNodeAttribute(node, 'y') }, moved: false }
    if (renderer.getCustomBBox() === null) renderer.setCustomBBox(renderer.getBBox())
  })
  const captor = renderer.getMouseCaptor()
  captor.on('mousemovebody', (event) => {
    if (dragged === null) return
    const point = renderer.viewportToGraph(event)
    graph.mergeNodeAttributes(dragged.key, { x: point.x, y: point.y })
    dragged.moved = true
    event.preventSigmaDefault()
    event.original.preventDefault()
    event.original.stopPropagation()
  })
  captor.on('mouseup', () => {
    const drag = dragged
    dragged = null
    renderer.setCustomBBox(null)
    if (drag === null || !drag.moved || !graph.hasNode(drag.key)) return
    const to = { x: graph.getNodeAttribute(drag.key, 'x'), y: graph.getNodeAttribute(drag.key, 'y') }
    events.onMoved(drag.key, drag.from, to)
  })
  renderer.on('enterNode', () => container.classList.add('over-node'))
  renderer.on('leaveNode', () => container.classList.remove('over-node'))

  const unsubscribe = store.subscribe(() => renderer.refresh())

  function viewportPosition(key: string): { x: number; y: number } | null {
    if (!graph.hasNode(key)) return null
    return renderer.graphToViewport({ x: graph.getNodeAttribute(key, 'x'), y: graph.getNodeAttribute(key, 'y') })
  }
  // Browser tests find where to click a node through this; it gives positions and nothing else.
  Object.assign(window, { millenniumGraphView: { viewportPosition } })

  return {
    renderer,

    isPanning: () => panPreview.isPanning(),

    pixelsAcross() {
      const { width, height } = renderer.getDimensions()
      return Math.min(width, height)
    },

    viewportPosition,

    focus(key) {
      // A node added in this same task has no display data until Sigma processes the graph.
      renderer.refresh()
      const position = renderer.getNodeDisplayData(key)
      if (position === undefined) return
      void renderer.getCamera().animate({ x: position.x, y: position.y, ratio: FOCUS_RATIO }, CAMERA_ANIMATION)
    },

    fit(keys) {
      renderer.refresh()
      const positions = keys.flatMap((key) => renderer.getNodeDisplayData(key) ?? [])
      if (positions.length === 0) return

      // Display coordinates are normalised so that the whole graph spans about one unit.
      const xs = positions.map((position) => position.x)
      const ys = positions.map((position) => position.y)
      const width = Math.max(...xs) - Math.min(...xs)
      const height = Math.max(...ys) - Math.min(...ys)
      const target = {
        x: (Math.max(...xs) + Math.min(...xs)) / 2,
        y: (Math.max(...ys) + Math.min(...ys)) / 2,
        ratio: Math.min(Math.max(Math.max(width, height) * FIT_PADDING, MIN_FIT_RATIO), 1),
      }
      void renderer.getCamera().animate(target, CAMERA_ANIMATION)
    },

    resetCamera() {
      void renderer.getCamera().animatedReset(CAMERA_ANIMATION)
    },

    destroy() {
      unsubscribe()
      graph.off('cleared', onCleared)
      panPreview.remove()
      graph.off('edgeAdded', adaptToSize)
      graph.off('edgeDropped', adaptToSize)
      graph.off('cleared', adaptToSize)
      renderer.kill()
    },
  }
}

function reduceNode(
  graph: NetworkGraph,
  key: string,
  attributes: NodeAttributes,
  state: Readonly<ViewerState>,
  grouped: ReadonlySet<string>,
): NodeDisplay {
  // Sigma needs a position even for a node it does not draw.
  const hidden = { x: attributes.x, y: attributes.y, hidden: true }
  if (state.hiddenNodes.has(key) || grouped.has(key)) return hidden
  if (attributes.label === 'Notice' && !isDatedInside(attributes, state.timeRange)) return hidden

  // The display data is built from scratch: entity properties such as `type` or `size`
  // must never reach Sigma, which would read them as rendering settings.
  const display: NodeDisplay = {
    x: attributes.x,
    y: attributes.y,
    label: displayName(graph, key),
    type: 'circle',
    color: nodeColour(key, attributes, state),
    size: nodeSize(key, state),
    zIndex: 1,
  }

  const path = state.path
  if (path.status === 'found') {
    if (path.nodes.includes(key)) {
      display.forceLabel = true
      display.zIndex = 2
    } else {
      display.color = FADED_COLOUR
      display.label = null
      display.zIndex = 0
    }
  }

  if (state.money !== null) applyMoneyMode(key, display, state.money)

  if (key === state.pathFrom || key === state.pathTo) display.forceLabel = true

  if (state.groups.has(key)) {
    const size = state.groups.get(key)?.length ?? 2
    display.type = 'ringed'
    display.color = GROUP_COLOUR
    display.borderColor = GROUP_BORDER_COLOUR
    display.size = Math.min(NODE_SIZE.max, NODE_SIZE.uniform + 2 * Math.sqrt(size))
    display.forceLabel = true
  }

  if (state.pinnedNodes.has(key)) {
    display.type = 'ringed'
    display.borderColor = PIN_COLOUR
  }

  if (state.removedNodes?.has(key) === true) {
    display.color = REMOVED_COLOUR
    display.label = `${displayName(graph, key)}${REMOVED_SUFFIX}`
    display.struck = true
    display.zIndex = 0
  }

  if (key === state.selected || state.selection.has(key)) {
    display.highlighted = true
    display.forceLabel = true
    display.zIndex = 3
  }

  return display
}

/** A disc with a ring in `borderColor`, for pinned nodes and groups. */
const RingedNodeProgram = createNodeBorderProgram({
  borders: [
    { size: { value: 2.5, mode: 'pixels' }, color: { attribute: 'borderColor', defaultValue: PIN_COLOUR } },
    { size: { fill: true }, color: { attribute: 'color' } },
  ],
})

/** Sigma's label, with a line through it for removed nodes. */
function drawNodeLabel(
  context: CanvasRenderingContext2D,
  data: PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'> & { struck?: boolean },
  settings: Settings,
): void {
  drawDiscNodeLabel(context, data, settings)
  if (data.struck !== true || data.label === null) return

  // drawDiscNodeLabel writes the text from x + size + 3, with its baseline a third of the font size below y.
  const fontSize = settings.labelSize
  context.font = `${settings.labelWeight} ${fontSize}px ${settings.labelFont}`
  const width = context.measureText(data.label).width
  const left = data.x + data.size + 3
  const middle = data.y + fontSize / 3 - fontSize * 0.3
  context.strokeStyle = REMOVED_COLOUR
  context.lineWidth = 1
  context.beginPath()
  context.moveTo(left, middle)
  context.lineTo(left + width, middle)
  context.stroke()
}

function applyMoneyMode(key: string, display: Partial<NodeDisplayData>, money: MoneyView): void {
  if (money.labelled.has(key)) display.forceLabel = true

  const highlight = money.highlight
  const faded = highlight === null ? !money.activeNodes.has(key) : !highlight.nodes.has(key)
  if (faded) {
    display.color = FADED_COLOUR
    display.label = null
    display.forceLabel = false
    display.zIndex = 0
  } else if (highlight !== null) {
    display.forceLabel = true
    display.zIndex = 2
  }
}

function nodeColour(key: string, attributes: NodeAttributes, state: Readonly<ViewerState>): string {
  if (state.colourMode === 'community' && state.communities !== null) {
    return state.communities.colourOf.get(key) ?? OTHER_COLOUR
  }
  return colourForLabel(attributes.label)
}

function nodeSize(key: string, state: Readonly<ViewerState>): number {
  if (state.nodeSizes === null) return NODE_SIZE.uniform
  return state.nodeSizes.get(key) ?? NODE_SIZE.min
}

function reduceEdge(graph: NetworkGraph, key: string, state: Readonly<ViewerState>): Partial<EdgeDisplayData> {
  // As for nodes: the relationship's own `type` (MEMBER_OF, TRANSFER…) is not a Sigma program.
  if (state.money?.transfers.has(key)) return reduceTransfer(graph, key, state.money)

  const attributes = graph.getEdgeAttributes(key)
  if (!isDatedInside(attributes, state.timeRange)) return { hidden: true }

  const display: Partial<EdgeDisplayData> = {
    type: graph.size > LARGE_GRAPH_EDGES ? 'thin' : 'arrow',
    label: attributes.type,
    color: EDGE_COLOUR,
    size: 1,
    zIndex: 0,
  }

  if (attributes.type === GROUPED_TYPE) {
    const count = typeof attributes.count === 'number' ? attributes.count : 1
    display.label = `${count} ${count === 1 ? 'relationship' : 'relationships'}: ${String(attributes.types)}`
    display.size = 1 + Math.log2(count)
  }

  const removed = state.removedNodes
  if (removed !== null && (removed.has(graph.source(key)) || removed.has(graph.target(key)))) {
    display.color = FADED_COLOUR
    display.zIndex = 0
    return display
  }

  const path = state.path
  if (path.status === 'found') {
    const onPath = path.relationships.has(key)
    display.color = onPath ? PATH_COLOUR : FADED_COLOUR
    display.size = onPath ? 3 : 1
    display.zIndex = onPath ? 2 : 0
    // A thin line has no width, so a path keeps its wide arrows in a large graph too.
    if (onPath) display.type = 'arrow'
    return display
  }

  if (state.selected !== null && graph.hasExtremity(key, state.selected)) {
    display.color = SELECTED_EDGE_COLOUR
    display.size = 2
    display.zIndex = 1
  }

  return display
}

/**
 * Draws a transfer of the money trail as wide as its converted amount, hides it when dated
 * outside the timeline's range, and colours it red when it lies on the highlighted path.
 */
function reduceTransfer(graph: NetworkGraph, key: string, money: MoneyView): Partial<EdgeDisplayData> {
  const attributes = graph.getEdgeAttributes(key)
  const converted = typeof attributes.converted === 'string'
  const display: Partial<EdgeDisplayData> = {
    type: 'arrow',
    label: `${String(attributes.amount)} ${String(attributes.currency)}, ${String(attributes.date)}`,
    color: converted ? TRANSFER_COLOURS.converted : TRANSFER_COLOURS.unconverted,
    size: money.widths.get(key) ?? TRANSFER_WIDTH.min,
    zIndex: 1,
    hidden: !inRange(money.dateOf.get(key), money.range),
  }

  if (money.highlight !== null) {
    const onPath = money.highlight.transfers.has(key)
    display.color = onPath ? TRANSFER_COLOURS.path : FADED_COLOUR
    display.zIndex = onPath ? 2 : 0
  }
  return display
}
