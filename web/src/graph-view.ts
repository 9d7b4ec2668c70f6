/**
 * The Sigma.js renderer. Reducers turn each node's data into what is drawn (its name as
 * the label, a colour by label or community, a size by centrality, the path highlight, and
 * in money mode transfer widths and the timeline) without touching the graph's attributes.
 */
import Sigma from 'sigma'
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types'

import { NODE_SIZE, OTHER_COLOUR, TRANSFER_COLOURS, colourForLabel } from './appearance.js'
import { TRANSFER_WIDTH, inRange, type MoneyView } from './money-view.js'
import { displayName, type NetworkGraph, type NodeAttributes } from './network.js'
import type { ViewerState, Store } from './state.js'

const EDGE_COLOUR = '#b9bec7'
const SELECTED_EDGE_COLOUR = '#5a6270'
const PATH_COLOUR = TRANSFER_COLOURS.path
const FADED_COLOUR = '#e4e6ea'

export interface GraphViewEvents {
  onSelect(key: string | null): void
  onExpand(key: string): void
}

export interface GraphView {
  /** Moves the camera to a node and zooms in on it. */
  focus(key: string): void
  /** Moves and zooms the camera so that all the given nodes are in view. */
  fit(keys: string[]): void
  /** Shows the whole graph again. */
  resetCamera(): void
  destroy(): void
}

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
    nodeReducer: (key, attributes) => reduceNode(graph, key, attributes as NodeAttributes, store.get()),
    edgeReducer: (key) => reduceEdge(graph, key, store.get()),
  })

  renderer.on('clickNode', ({ node }) => events.onSelect(node))
  renderer.on('clickStage', () => events.onSelect(null))
  renderer.on('doubleClickNode', (event) => {
    // Sigma zooms in on a double click by default; here a double click expands the node.
    event.preventSigmaDefault()
    events.onExpand(event.node)
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
  })
  // Frames drawn, and a mark at the first frame that shows nodes, for the viewer benchmark.
  let frames = 0
  renderer.on('afterRender', () => {
    frames += 1
    container.dataset.frames = String(frames)
    if (graph.order > 0 && performance.getEntriesByName('millennium:first-frame').length === 0) {
      performance.mark('millennium:first-frame')
    }
  })
  renderer.on('enterNode', () => container.classList.add('over-node'))
  renderer.on('leaveNode', () => container.classList.remove('over-node'))

  const unsubscribe = store.subscribe(() => renderer.refresh())

  return {
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
      renderer.kill()
    },
  }
}

function reduceNode(
  graph: NetworkGraph,
  key: string,
  attributes: NodeAttributes,
  state: Readonly<ViewerState>,
): Partial<NodeDisplayData> {
  // The display data is built from scratch: entity properties such as `type` or `size`
  // must never reach Sigma, which would read them as rendering settings.
  const display: Partial<NodeDisplayData> = {
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

  if (key === state.selected) {
    display.highlighted = true
    display.forceLabel = true
    display.zIndex = 3
  }

  return display
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

  const display: Partial<EdgeDisplayData> = {
    type: 'arrow',
    label: graph.getEdgeAttribute(key, 'type'),
    color: EDGE_COLOUR,
    size: 1,
    zIndex: 0,
  }

  const path = state.path
  if (path.status === 'found') {
    const onPath = path.relationships.has(key)
    display.color = onPath ? PATH_COLOUR : FADED_COLOUR
    display.size = onPath ? 3 : 1
    display.zIndex = onPath ? 2 : 0
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
