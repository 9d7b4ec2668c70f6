/**
 * The analyst's edits of the workspace: hide, show, pin, remove, group and ungroup nodes,
 * each recorded as an undoable step together with expansions and layout moves. Hidden,
 * pinned and grouped nodes are kept in the viewer's state; the entities' own attributes are
 * never changed.
 *
 * A group is a node of its own that stands for its members, which stay in the graph but are
 * hidden. Its relationships are derived: one per neighbour and direction, with the number of
 * member relationships it stands for, rebuilt whenever groups or the graph change.
 */
import { plural } from './appearance.js'
import { createHistory, type Step } from './history.js'
import { capturePositions, restorePositions, type Point, type Positions } from './layout.js'
import { displayName, type NetworkGraph, type NodeAttributes } from './network.js'
import type { ViewerState, Store } from './state.js'
import type { RelationshipAttributes } from './api.js'

/** The `label` of group nodes, which the legend counts like any Neo4j label. */
export const GROUP_LABEL = 'Grouped nodes'
/** The `type` of a group's derived relationships. */
export const GROUPED_TYPE = 'GROUPED'

const GROUP_PREFIX = 'workspace-group:'
const GROUP_EDGE_PREFIX = 'workspace-group-edge:'
/** Members named in a group's label before the rest are counted. */
const NAMED_MEMBERS = 3

interface StoredNode {
  key: string
  attributes: NodeAttributes
}

interface StoredEdge {
  key: string
  source: string
  target: string
  attributes: RelationshipAttributes
}

export interface GraphEditsParts {
  graph: NetworkGraph
  store: Store
}

export function createGraphEdits(parts: GraphEditsParts) {
  const { graph, store } = parts
  const history = createHistory()
  const groupEdges = new Set<string>()
  let groupCounter = 0

  function record(description: string, undo: () => void, redo: () => void): void {
    history.record({ description, undo, redo })
  }

  /** Selects `keys`; the node shown in the detail panel stays selected only when it is among them. */
  function selectionAfter(keys: Iterable<string>): Pick<ViewerState, 'selection' | 'selected'> {
    const selection = new Set([...keys].filter((key) => graph.hasNode(key)))
    const { selected } = store.get()
    return { selection, selected: selected !== null && selection.has(selected) ? selected : null }
  }

  // Groups.

  /** Drops the derived relationships of every group and derives them again from the graph. */
  function rebuildGroupEdges(): void {
    for (const key of groupEdges) if (graph.hasEdge(key)) graph.dropEdge(key)
    groupEdges.clear()

    const groupOf = new Map<string, string>()
    for (const [group, members] of store.get().groups) for (const member of members) groupOf.set(member, group)
    if (groupOf.size === 0) return

    const aggregates = new Map<string, { source: string; target: string; count: number; types: Set<string> }>()
    graph.forEachEdge((_key, attributes, source, target) => {
      const from = groupOf.get(source) ?? source
      const to = groupOf.get(target) ?? target
      if ((from === source && to === target) || from === to) return

      const key = `${GROUP_EDGE_PREFIX}${from}->${to}`
      const aggregate = aggregates.get(key) ?? { source: from, target: to, count: 0, types: new Set<string>() }
      aggregate.count += 1
      aggregate.types.add(attributes.type)
      aggregates.set(key, aggregate)
    })

    for (const [key, aggregate] of aggregates) {
      if (!graph.hasNode(aggregate.source) || !graph.hasNode(aggregate.target)) continue
      graph.addEdgeWithKey(key, aggregate.source, aggregate.target, {
        type: GROUPED_TYPE,
        count: aggregate.count,
        types: [...aggregate.types].sort().join(', '),
      })
      groupEdges.add(key)
    }
  }

  function addGroup(key: string, members: string[], position: Point): void {
    const names = members.slice(0, NAMED_MEMBERS).map((member) => displayName(graph, member))
    const rest = members.length - names.length
    const name = `${plural(members.length, 'node')}: ${names.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`
    graph.addNode(key, { label: GROUP_LABEL, name, memberCount: members.length, x: position.x, y: position.y })

    const groups = new Map(store.get().groups)
    groups.set(key, members)
    store.update({ groups, ...selectionAfter([key]) })
    rebuildGroupEdges()
  }

  /** Removes a group node and shows its members again, moved along with the group since it was made. */
  function dropGroup(key: string, origin: Point): readonly string[] {
    const members = store.get().groups.get(key) ?? []
    if (graph.hasNode(key)) {
      const dx = graph.getNodeAttribute(key, 'x') - origin.x
      const dy = graph.getNodeAttribute(key, 'y') - origin.y
      for (const member of members) {
        if (!graph.hasNode(member)) continue
        graph.mergeNodeAttributes(member, {
          x: graph.getNodeAttribute(member, 'x') + dx,
          y: graph.getNodeAttribute(member, 'y') + dy,
        })
      }
      graph.dropNode(key)
    }

    const groups = new Map(store.get().groups)
    groups.delete(key)
    store.update({ groups, ...selectionAfter(members) })
    rebuildGroupEdges()
    return members
  }

  function centreOf(keys: string[]): Point {
    let x = 0
    let y = 0
    for (const key of keys) {
      x += graph.getNodeAttribute(key, 'x')
      y += graph.getNodeAttribute(key, 'y')
    }
    return { x: x / keys.length, y: y / keys.length }
  }

  // Removal.

  function storeNodes(keys: string[]): { nodes: StoredNode[]; edges: StoredEdge[] } {
    const edges = new Map<string, StoredEdge>()
    for (const key of keys) {
      graph.forEachEdge(key, (edge, attributes, source, target) => {
        if (!groupEdges.has(edge)) edges.set(edge, { key: edge, source, target, attributes: { ...attributes } })
      })
    }
    const nodes = keys.map((key) => ({ key, attributes: { ...graph.getNodeAttributes(key) } }))
    return { nodes, edges: [...edges.values()] }
  }

  function restoreNodes(stored: { nodes: StoredNode[]; edges: StoredEdge[] }): void {
    for (const node of stored.nodes) if (!graph.hasNode(node.key)) graph.addNode(node.key, { ...node.attributes })
    for (const edge of stored.edges) {
      if (graph.hasEdge(edge.key) || !graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue
      graph.addEdgeWithKey(edge.key, edge.source, edge.target, { ...edge.attributes })
    }
  }

  function dropNodes(keys: string[]): void {
    for (const key of keys) if (graph.hasNode(key)) graph.dropNode(key)
    const state = store.get()
    store.update({
      hiddenNodes: without(state.hiddenNodes, keys),
      pinnedNodes: without(state.pinnedNodes, keys),
      selection: without(state.selection, keys),
      selected: state.selected !== null && keys.includes(state.selected) ? null : state.selected,
    })
  }

  const edits = {
    history,

    isGroup: (key: string): boolean => store.get().groups.has(key),

    /** Re-derives the groups' relationships after relationships were added to the graph. */
    graphChanged: rebuildGroupEdges,

    hide(keys: Iterable<string>): void {
      const hidden = [...keys].filter((key) => graph.hasNode(key) && !store.get().hiddenNodes.has(key))
      if (hidden.length === 0) return

      const apply = (): void => {
        const state = store.get()
        store.update({ hiddenNodes: union(state.hiddenNodes, hidden), ...selectionAfter(without(state.selection, hidden)) })
      }
      const revert = (): void => store.update({ hiddenNodes: without(store.get().hiddenNodes, hidden), ...selectionAfter(hidden) })
      apply()
      record(`Hide ${plural(hidden.length, 'node')}`, revert, apply)
    },

    showHidden(): void {
      const hidden = [...store.get().hiddenNodes].filter((key) => graph.hasNode(key))
      if (hidden.length === 0) return

      const apply = (): void => store.update({ hiddenNodes: new Set(), ...selectionAfter(hidden) })
      const revert = (): void => {
        const state = store.get()
        store.update({ hiddenNodes: union(state.hiddenNodes, hidden), ...selectionAfter(without(state.selection, hidden)) })
      }
      apply()
      record(`Show ${plural(hidden.length, 'hidden node')}`, revert, apply)
    },

    /** Pins the given nodes, or unpins them when all of them are pinned already. */
    togglePin(keys: Iterable<string>): void {
      const targets = [...keys].filter((key) => graph.hasNode(key))
      if (targets.length === 0) return
      const pinning = targets.some((key) => !store.get().pinnedNodes.has(key))
      const changed = targets.filter((key) => store.get().pinnedNodes.has(key) !== pinning)

      const pin = (): void => store.update({ pinnedNodes: union(store.get().pinnedNodes, changed) })
      const unpin = (): void => store.update({ pinnedNodes: without(store.get().pinnedNodes, changed) })
      if (pinning) pin()
      else unpin()
      const verb = pinning ? 'Pin' : 'Unpin'
      record(`${verb} ${plural(changed.length, 'node')}`, pinning ? unpin : pin, pinning ? pin : unpin)
    },

    /** Takes nodes off the workspace; expanding a neighbour can bring them back. Group nodes are left alone. */
    remove(keys: Iterable<string>): void {
      const removed = [...keys].filter((key) => graph.hasNode(key) && !store.get().groups.has(key))
      if (removed.length === 0) return

      const stored = storeNodes(removed)
      const flags = { hidden: [...store.get().hiddenNodes], pinned: [...store.get().pinnedNodes] }
      const apply = (): void => {
        dropNodes(removed)
        rebuildGroupEdges()
      }
      const revert = (): void => {
        restoreNodes(stored)
        const state = store.get()
        store.update({
          hiddenNodes: union(state.hiddenNodes, removed.filter((key) => flags.hidden.includes(key))),
          pinnedNodes: union(state.pinnedNodes, removed.filter((key) => flags.pinned.includes(key))),
          ...selectionAfter(removed),
        })
        rebuildGroupEdges()
      }
      apply()
      record(`Remove ${plural(removed.length, 'node')}`, revert, apply)
    },

    /** Groups two or more nodes that are not groups themselves; returns the group's key, or null. */
    group(keys: Iterable<string>): string | null {
      const state = store.get()
      const members = [...new Set(keys)].filter(
        (key) => graph.hasNode(key) && !state.groups.has(key) && !state.hiddenNodes.has(key),
      )
      if (members.length < 2) return null

      groupCounter += 1
      const key = `${GROUP_PREFIX}${groupCounter}`
      const origin = centreOf(members)
      const apply = (): void => addGroup(key, members, origin)
      const revert = (): void => {
        dropGroup(key, graph.hasNode(key) ? { x: graph.getNodeAttribute(key, 'x'), y: graph.getNodeAttribute(key, 'y') } : origin)
      }
      apply()
      record(`Group ${plural(members.length, 'node')}`, revert, apply)
      return key
    },

    ungroup(keys: Iterable<string>): void {
      const groups = [...keys].filter((key) => store.get().groups.has(key))
      if (groups.length === 0) return

      const records = groups.map((key) => {
        const members = (store.get().groups.get(key) ?? []).filter((member) => graph.hasNode(member))
        const before: Positions = new Map()
        for (const member of members) before.set(member, { x: graph.getNodeAttribute(member, 'x'), y: graph.getNodeAttribute(member, 'y') })
        const position = { x: graph.getNodeAttribute(key, 'x'), y: graph.getNodeAttribute(key, 'y') }
        return { key, members, before, position, origin: centreOf(members) }
      })
      const apply = (): void => {
        for (const group of records) dropGroup(group.key, group.origin)
        store.update(selectionAfter(records.flatMap((group) => group.members)))
      }
      const revert = (): void => {
        for (const group of records) {
          restorePositions(graph, group.before)
          addGroup(group.key, group.members.filter((member) => graph.hasNode(member)), group.position)
        }
        store.update(selectionAfter(records.map((group) => group.key)))
      }
      apply()
      record(`Ungroup ${plural(records.length, 'group')}`, revert, apply)
    },

    /** Records an expansion that added `added` nodes and `addedEdges` relationships and moved others from `before`. */
    recordExpand(name: string, added: string[], addedEdges: string[], before: Positions): void {
      if (added.length === 0 && addedEdges.length === 0) return
      const after = capturePositions(graph)
      const stored = { nodes: [] as StoredNode[], edges: [] as StoredEdge[] }

      const revert = (): void => {
        const edges = addedEdges.filter((key) => graph.hasEdge(key))
        stored.edges = edges.map((key) => ({
          key,
          source: graph.source(key),
          target: graph.target(key),
          attributes: { ...graph.getEdgeAttributes(key) },
        }))
        stored.nodes = added.filter((key) => graph.hasNode(key)).map((key) => ({ key, attributes: { ...graph.getNodeAttributes(key) } }))
        for (const key of edges) graph.dropEdge(key)
        dropNodes(added)
        restorePositions(graph, before)
        rebuildGroupEdges()
      }
      const apply = (): void => {
        restoreNodes(stored)
        restorePositions(graph, after)
        rebuildGroupEdges()
      }
      record(`Expand ${name}`, revert, apply)
    },

    /** Records a layout run, or a node dragged by hand, as a step from `before` to `after`. */
    recordMove(description: string, before: Positions, after: Positions): void {
      record(description, () => restorePositions(graph, before), () => restorePositions(graph, after))
    },

    undo(): Step | null {
      return history.undo()
    },

    redo(): Step | null {
      return history.redo()
    },

    /** Forgets every edit, as when a new graph replaces the one on screen. */
    reset(): void {
      groupEdges.clear()
      history.clear()
    },
  }
  return edits
}

export type GraphEdits = ReturnType<typeof createGraphEdits>

/**
 * Counts what the workspace shows: the nodes that are neither hidden nor inside a group, and
 * the relationships between two such nodes. Relationships hidden by a date filter still count.
 */
export function countShown(graph: NetworkGraph, state: Readonly<ViewerState>): { order: number; size: number } {
  const grouped = new Set<string>()
  for (const members of state.groups.values()) for (const member of members) grouped.add(member)
  const shown = (key: string): boolean => !state.hiddenNodes.has(key) && !grouped.has(key)
  if (grouped.size === 0 && state.hiddenNodes.size === 0) return { order: graph.order, size: graph.size }

  let order = 0
  graph.forEachNode((key) => {
    if (shown(key)) order += 1
  })
  let size = 0
  graph.forEachEdge((_key, _attributes, source, target) => {
    if (shown(source) && shown(target)) size += 1
  })
  return { order, size }
}

function union(set: ReadonlySet<string>, keys: Iterable<string>): Set<string> {
  const result = new Set(set)
  for (const key of keys) result.add(key)
  return result
}

function without(set: ReadonlySet<string>, keys: Iterable<string>): Set<string> {
  const result = new Set(set)
  for (const key of keys) result.delete(key)
  return result
}
