/**
 * The detail panel for the selected node: name, label, properties and provenance, with the
 * actions that start from it (expand, path from, path to, trace money).
 */
import type { Entity } from './api.js'
import { colourForLabel } from './appearance.js'
import { createElement } from './dom.js'

export interface DetailPanelEvents {
  onExpand(id: string): void
  onPathFrom(id: string): void
  onPathTo(id: string): void
  onTraceMoney(id: string, name: string): void
  onClose(): void
}

export interface DetailPanel {
  /** Shows what the graph already has about a node while its details load. */
  showLoading(id: string, name: string, label: unknown): void
  showEntity(entity: Entity): void
  showFailure(id: string, name: string, label: unknown, reason: string): void
  hide(): void
}

export function createDetailPanel(root: HTMLElement, events: DetailPanelEvents): DetailPanel {
  function renderHeader(id: string, name: string, label: unknown): HTMLElement[] {
    const title = createElement('h2', { text: name, attributes: { id: 'details-title' } })
    const close = createElement('button', {
      className: 'icon-button',
      text: '×',
      attributes: { type: 'button', 'aria-label': 'Close details' },
    })
    close.addEventListener('click', events.onClose)

    const labelText = typeof label === 'string' ? label : 'Unknown label'
    const swatch = createElement('span', { className: 'swatch', attributes: { 'aria-hidden': 'true' } })
    swatch.style.backgroundColor = colourForLabel(label)
    const labelLine = createElement('p', { className: 'entity-label' }, [swatch, document.createTextNode(labelText)])

    const actions = createElement('div', { className: 'actions' }, [
      actionButton('Expand', 'expand-button', () => events.onExpand(id)),
      actionButton('Path from', 'path-from-button', () => events.onPathFrom(id)),
      actionButton('Path to', 'path-to-button', () => events.onPathTo(id)),
      actionButton('Trace money', 'trace-money-button', () => events.onTraceMoney(id, name)),
    ])

    return [createElement('div', { className: 'panel-heading' }, [title, close]), labelLine, actions]
  }

  return {
    showLoading(id, name, label) {
      const loading = createElement('p', { className: 'muted', text: 'Loading details…' })
      root.replaceChildren(...renderHeader(id, name, label), loading)
      root.hidden = false
    },

    showEntity(entity) {
      const properties = Object.entries(entity.properties).sort(([a], [b]) => a.localeCompare(b))
      const provenance: [string, unknown][] = [
        ['Source', entity.provenance.source ?? 'Unknown'],
        ['Owner NCB', entity.provenance.ownerNcb ?? 'Open data (no owner)'],
        [
          'Restricted to',
          entity.provenance.restrictedTo.length === 0 ? 'Not restricted' : entity.provenance.restrictedTo,
        ],
      ]

      root.replaceChildren(
        ...renderHeader(entity.id, entity.name, entity.label),
        createElement('h3', { text: 'Properties' }),
        properties.length === 0
          ? createElement('p', { className: 'muted', text: 'No other properties.' })
          : definitionList(properties, 'entity-properties'),
        createElement('h3', { text: 'Provenance' }),
        definitionList(provenance, 'entity-provenance'),
      )
      root.hidden = false
    },

    showFailure(id, name, label, reason) {
      const failure = createElement('p', { className: 'error', text: reason })
      root.replaceChildren(...renderHeader(id, name, label), failure)
      root.hidden = false
    },

    hide() {
      root.replaceChildren()
      root.hidden = true
    },
  }
}

function actionButton(text: string, id: string, onClick: () => void): HTMLButtonElement {
  const button = createElement('button', { text, attributes: { type: 'button', id } })
  button.addEventListener('click', onClick)
  return button
}

function definitionList(entries: [string, unknown][], id: string): HTMLDListElement {
  const list = createElement('dl', { attributes: { id } })
  for (const [term, value] of entries) {
    list.append(createElement('dt', { text: term }), createElement('dd', { text: formatValue(value) }))
  }
  return list
}

/** Renders a plain JSON value as one line of text. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(formatValue).join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
