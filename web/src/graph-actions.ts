/**
 * The network's toolbar: hide, show, remove, pin, group and ungroup the selected nodes, undo
 * and redo (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y), run or stop the layout, and export the view.
 * Each button has a text label and is disabled when it cannot apply.
 */
import './graph-actions.css'

import { plural } from './appearance.js'
import { createElement } from './dom.js'
import { EXPORT_FORMATS, type ExportFormat } from './export/view-export.js'
import type { History } from './history.js'
import type { ViewerState, Store } from './state.js'

export interface GraphActionHandlers {
  hide(): void
  showHidden(): void
  remove(): void
  togglePin(): void
  group(): void
  ungroup(): void
  undo(): void
  redo(): void
  toggleLayout(): void
  exportAs(format: ExportFormat): void
}

export function createGraphActions(root: HTMLElement, store: Store, history: History, handlers: GraphActionHandlers) {
  const hide = button('action-hide', 'Hide', 'Hide the selected nodes', handlers.hide)
  const showHidden = button('action-show-hidden', 'Show hidden', 'Show every hidden node again', handlers.showHidden)
  const remove = button('action-remove', 'Remove', 'Take the selected nodes off the workspace', handlers.remove)
  const pin = button('action-pin', 'Pin', 'Keep the selected nodes where they are during layouts', handlers.togglePin)
  const group = button('action-group', 'Group', 'Draw the selected nodes as one group node', handlers.group)
  const ungroup = button('action-ungroup', 'Ungroup', 'Show the members of the selected groups again', handlers.ungroup)
  const undo = button('action-undo', 'Undo', 'Undo the last step', handlers.undo)
  const redo = button('action-redo', 'Redo', 'Redo the step last undone', handlers.redo)
  undo.setAttribute('aria-keyshortcuts', 'Control+Z')
  redo.setAttribute('aria-keyshortcuts', 'Control+Shift+Z Control+Y')
  const layout = button('action-layout', 'Run layout', 'Run ForceAtlas2 on the visible nodes', handlers.toggleLayout)
  const settling = createElement('span', {
    className: 'settling',
    text: 'Settling…',
    attributes: { id: 'layout-status', role: 'status' },
  })
  settling.hidden = true

  const exportButtons = EXPORT_FORMATS.map((entry) =>
    button(`export-${entry.format}`, entry.text, entry.description, () => {
      closeExportMenu()
      handlers.exportAs(entry.format)
    }),
  )
  const exportSummary = createElement('summary', { text: 'Export', attributes: { id: 'export-menu', 'aria-label': 'Export the view' } })
  const exportMenu = createElement('details', { className: 'export-menu' }, [
    exportSummary,
    createElement('div', { className: 'export-options', attributes: { role: 'group', 'aria-label': 'Export formats' } }, exportButtons),
  ])

  // The open menu lies over the canvas, so it closes after a choice, on Escape and on a click elsewhere.
  function closeExportMenu(): void {
    exportMenu.open = false
  }
  exportMenu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !exportMenu.open) return
    closeExportMenu()
    exportSummary.focus()
  })
  document.addEventListener('pointerdown', (event) => {
    if (exportMenu.open && event.target instanceof Node && !exportMenu.contains(event.target)) closeExportMenu()
  })

  root.replaceChildren(
    createElement('div', { className: 'action-group', attributes: { role: 'group', 'aria-label': 'Selection' } }, [
      hide,
      showHidden,
      remove,
      pin,
      group,
      ungroup,
    ]),
    createElement('div', { className: 'action-group', attributes: { role: 'group', 'aria-label': 'History' } }, [undo, redo]),
    createElement('div', { className: 'action-group', attributes: { role: 'group', 'aria-label': 'Layout' } }, [layout, settling]),
    exportMenu,
  )

  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || isTextEntry(event.target)) return
    if (root.closest('[hidden]') !== null) return
    const key = event.key.toLowerCase()
    if (key === 'z' && !event.shiftKey) handlers.undo()
    else if ((key === 'z' && event.shiftKey) || key === 'y') handlers.redo()
    else return
    event.preventDefault()
  })

  function render(state: Readonly<ViewerState>): void {
    const selection = [...state.selection]
    const groups = selection.filter((key) => state.groups.has(key))
    const entities = selection.filter((key) => !state.groups.has(key))

    hide.disabled = selection.length === 0
    remove.disabled = entities.length === 0
    pin.disabled = selection.length === 0
    const allPinned = selection.length > 0 && selection.every((key) => state.pinnedNodes.has(key))
    pin.textContent = allPinned ? 'Unpin' : 'Pin'
    pin.setAttribute('aria-pressed', String(allPinned))
    group.disabled = entities.length < 2 || groups.length > 0
    group.title = groups.length > 0 ? 'Groups cannot be grouped again: ungroup them first' : 'Draw the selected nodes as one group node'
    ungroup.disabled = groups.length === 0

    const hidden = state.hiddenNodes.size
    showHidden.disabled = hidden === 0
    showHidden.textContent = hidden === 0 ? 'Show hidden' : `Show ${plural(hidden, 'hidden node')}`

    layout.textContent = state.layoutRunning ? 'Stop layout' : 'Run layout'
    layout.setAttribute('aria-pressed', String(state.layoutRunning))
    settling.hidden = !state.layoutRunning
    root.dataset.layout = state.layoutRunning ? 'running' : 'idle'
    root.dataset.selection = String(selection.length)
    renderHistory()
  }

  function renderHistory(): void {
    const next = history.nextUndo()
    const again = history.nextRedo()
    undo.disabled = next === null
    redo.disabled = again === null
    undo.title = next === null ? 'Nothing to undo' : `Undo: ${next.description} (Ctrl+Z)`
    redo.title = again === null ? 'Nothing to redo' : `Redo: ${again.description} (Ctrl+Shift+Z)`
  }

  history.subscribe(renderHistory)
  store.subscribe(render)
  render(store.get())

  return { render }
}

function button(id: string, text: string, title: string, onClick: () => void): HTMLButtonElement {
  const element = createElement('button', { text, attributes: { id, type: 'button', title } })
  element.addEventListener('click', onClick)
  return element
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}
