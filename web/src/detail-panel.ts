/**
 * The detail panel for the selected node: name, label, aliases, notices and diffusions,
 * links by relationship type and direction, properties and provenance, with the actions
 * that start from it (expand, expand one type, path from, path to, trace money).
 *
 * Every value from the API is set as text with `dir="auto"`, so that Arabic or Hebrew
 * names read right to left inside a left-to-right page and markup in a name stays text.
 */
import './detail-panel.css'

import type { Entity } from './api.js'
import { colourForLabel } from './appearance.js'
import { dataText, definitionList, languageOf, linksSection, noticeBlock, noticesSection } from './detail-sections.js'
import { createElement } from './dom.js'

export interface DetailPanelEvents {
  onExpand(id: string): void
  /** Expands the node along relationships of one type only. */
  onExpandType(id: string, type: string): void
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

/** Properties shown in a section of their own rather than in the property list. */
const OWN_SECTION_PROPERTIES = new Set(['aliases'])

export function createDetailPanel(root: HTMLElement, events: DetailPanelEvents): DetailPanel {
  function renderHeader(id: string, name: string, label: unknown, language: string | null = null): HTMLElement[] {
    const title = dataText('h2', name, { id: 'details-title' })
    if (language !== null) title.lang = language
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
      const language = languageOf(entity.properties)
      const properties = Object.entries(entity.properties)
        .filter(([key]) => !OWN_SECTION_PROPERTIES.has(key))
        .sort(([a], [b]) => a.localeCompare(b))
      const provenance: [string, unknown][] = [
        ['Source', entity.provenance.source ?? 'Unknown'],
        ['Owner NCB', entity.provenance.ownerNcb ?? 'Open data (no owner)'],
        [
          'Restricted to',
          entity.provenance.restrictedTo.length === 0 ? 'Not restricted' : entity.provenance.restrictedTo,
        ],
      ]

      const sections: HTMLElement[] = [...renderHeader(entity.id, entity.name, entity.label, language)]
      if (entity.label === 'Notice') sections.push(noticeBlock(entity, 'entity-notice'))
      sections.push(...aliasSection(entity.properties.aliases))
      sections.push(...noticesSection(entity))
      sections.push(...linksSection(entity, (type) => events.onExpandType(entity.id, type)))
      sections.push(
        createElement('h3', { text: 'Properties' }),
        properties.length === 0
          ? createElement('p', { className: 'muted', text: 'No other properties.' })
          : definitionList(properties, 'entity-properties'),
        createElement('h3', { text: 'Provenance' }),
        definitionList(provenance, 'entity-provenance'),
      )

      root.replaceChildren(...sections)
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

function aliasSection(aliases: unknown): HTMLElement[] {
  const names = Array.isArray(aliases) ? aliases.map(String).filter((alias) => alias !== '') : []
  if (names.length === 0) return []

  const list = createElement('ul', { className: 'entity-aliases', attributes: { id: 'entity-aliases' } })
  for (const alias of names) list.append(dataText('li', alias))
  return [createElement('h3', { text: `Aliases (${names.length})` }), list]
}

function actionButton(text: string, id: string, onClick: () => void): HTMLButtonElement {
  const button = createElement('button', { text, attributes: { type: 'button', id } })
  button.addEventListener('click', onClick)
  return button
}
