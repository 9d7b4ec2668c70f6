/**
 * The path panel: the two ends the user picked, the search options (one or all shortest
 * paths, relationship types to use or leave out, max hops), and the paths found, each
 * listed step by step with names and relationship types.
 */
import './path-panel.css'

import { plural } from './appearance.js'
import { dataText } from './detail-sections.js'
import { createElement } from './dom.js'
import { displayName, type NetworkGraph } from './network.js'
import { MAX_PATH_HOPS, type PathOptions, type TypeFilter } from './path-controller.js'
import type { FoundPath, ViewerState } from './state.js'

export interface PathPanelEvents {
  onSearch(options: PathOptions): void
  /** Highlights one path alone, or all of them for null. */
  onShowPath(index: number | null): void
  onSelectNode(key: string): void
  onClear(): void
}

const TYPE_FILTER_TEXT: Record<TypeFilter, string> = {
  any: 'Any relationship type',
  only: 'Only the checked types',
  except: 'Any type except the checked ones',
}

export function createPathPanel(
  root: HTMLElement,
  graph: NetworkGraph,
  relationshipTypes: readonly string[],
  initial: PathOptions,
  events: PathPanelEvents,
) {
  const fromText = dataText('dd', '', { id: 'path-from' })
  const toText = dataText('dd', '', { id: 'path-to' })
  const endpoints = createElement('dl', {}, [
    createElement('dt', { text: 'From' }),
    fromText,
    createElement('dt', { text: 'To' }),
    toText,
  ])

  const form = buildOptionsForm(relationshipTypes, initial)
  form.element.addEventListener('submit', (event) => {
    event.preventDefault()
    const options = form.read()
    if (typeof options === 'string') {
      form.message.textContent = options
      form.message.hidden = false
      return
    }
    form.message.hidden = true
    events.onSearch(options)
  })

  const summary = createElement('p', { className: 'path-summary', attributes: { id: 'path-summary', role: 'status' } })
  const results = createElement('div', { className: 'path-results', attributes: { id: 'path-results' } })

  const clear = createElement('button', { text: 'Clear path', attributes: { type: 'button', id: 'path-clear' } })
  clear.addEventListener('click', events.onClear)

  root.replaceChildren(
    createElement('h2', { text: 'Paths', attributes: { id: 'path-title' } }),
    endpoints,
    form.element,
    summary,
    results,
    clear,
  )

  // What the results list was built from: rebuilt when the paths or the graph's size change,
  // and otherwise only updated, so that keyboard focus stays on the button that was pressed.
  let builtFrom: { paths: FoundPath[]; order: number; size: number } | null = null
  const pathButtons: HTMLButtonElement[] = []
  let showAll: HTMLButtonElement | null = null

  function endpointText(key: string | null): string {
    return key === null ? 'not chosen: use “Path from” or “Path to” on a node' : displayName(graph, key)
  }

  function buildResults(paths: FoundPath[]): void {
    pathButtons.length = 0
    showAll = null
    const items: HTMLElement[] = []

    if (paths.length > 1) {
      showAll = createElement('button', { text: 'Highlight all paths', attributes: { type: 'button', id: 'path-show-all' } })
      showAll.addEventListener('click', () => events.onShowPath(null))
      items.push(showAll)
    }

    paths.forEach((path, index) => {
      const hops = plural(path.relationships.length, 'hop')
      const heading = createElement('h3', { text: paths.length > 1 ? `Path ${index + 1}: ${hops}` : `Path: ${hops}` })
      const parts: HTMLElement[] = [heading]

      if (paths.length > 1) {
        const only = createElement('button', {
          text: `Highlight path ${index + 1} only`,
          attributes: { type: 'button', 'aria-pressed': 'false', class: 'path-only' },
        })
        only.addEventListener('click', () => events.onShowPath(index))
        pathButtons.push(only)
        parts.push(only)
      }

      parts.push(stepList(path))
      items.push(createElement('section', { className: 'path-result', attributes: { 'data-index': String(index) } }, parts))
    })
    results.replaceChildren(...items)
  }

  function stepList(path: FoundPath): HTMLOListElement {
    const list = createElement('ol', { className: 'path-steps' })
    path.nodes.forEach((key, index) => {
      const item = createElement('li')
      const relationship = index === 0 ? undefined : path.relationships[index - 1]
      if (relationship !== undefined) item.append(linkText(relationship, path.nodes[index - 1] ?? ''))

      const name = createElement('button', {
        className: 'path-node',
        text: displayName(graph, key),
        attributes: { type: 'button', dir: 'auto', 'data-id': key },
      })
      name.addEventListener('click', () => events.onSelectNode(key))
      item.append(name)
      list.append(item)
    })
    return list
  }

  /** Names the relationship leading to a step, with an arrow for its direction. */
  function linkText(relationship: string, previous: string): HTMLElement {
    const known = graph.hasEdge(relationship)
    const type = known ? String(graph.getEdgeAttribute(relationship, 'type')) : 'relationship'
    const forward = known && graph.source(relationship) === previous
    const text = forward ? `${type} →` : `← ${type}`
    const direction = forward ? 'from the step above' : 'to the step above'
    return createElement('span', {
      className: 'path-link',
      text,
      attributes: { 'data-type': type, title: `${type}, pointing ${direction}` },
    })
  }

  return {
    render(state: Readonly<ViewerState>): void {
      if (state.pathFrom === null && state.pathTo === null) {
        root.hidden = true
        results.replaceChildren()
        builtFrom = null
        return
      }

      fromText.textContent = endpointText(state.pathFrom)
      toText.textContent = endpointText(state.pathTo)
      summary.textContent = summaryText(state, form.current())

      const path = state.path
      if (path.status !== 'found') {
        if (builtFrom !== null) results.replaceChildren()
        builtFrom = null
      } else {
        const stale =
          builtFrom === null || builtFrom.paths !== path.paths || builtFrom.order !== graph.order || builtFrom.size !== graph.size
        if (stale) {
          buildResults(path.paths)
          builtFrom = { paths: path.paths, order: graph.order, size: graph.size }
        }
        pathButtons.forEach((button, index) => button.setAttribute('aria-pressed', String(path.highlightedIndex === index)))
        showAll?.setAttribute('aria-pressed', String(path.highlightedIndex === null))
      }
      root.hidden = false
    },
  }
}

function summaryText(state: Readonly<ViewerState>, options: PathOptions): string {
  const path = state.path
  switch (path.status) {
    case 'idle':
      return state.pathFrom !== null && state.pathFrom === state.pathTo
        ? 'Pick two different nodes.'
        : 'Pick the other end of the path.'
    case 'searching':
      return options.all ? 'Searching for all shortest paths…' : 'Searching for the shortest path…'
    case 'not-found':
      return `No path of at most ${plural(path.maxHops, 'hop')}${filterText(options)} joins these nodes.`
    case 'found': {
      const hops = plural(path.length, 'hop')
      if (path.paths.length === 1 && !options.all) return `Shortest path: ${hops}`
      const count = plural(path.paths.length, 'shortest path')
      if (path.truncated) return `Showing the first ${count} of ${hops}; there may be more.`
      return `${count} of ${hops}`
    }
  }
}

function filterText(options: PathOptions): string {
  if (options.typeFilter === 'any' || options.types.length === 0) return ''
  const types = options.types.join(', ')
  return options.typeFilter === 'only' ? ` using only ${types}` : ` without ${types}`
}

/** The search options form; `read` returns the options, or a message saying what to fix. */
function buildOptionsForm(relationshipTypes: readonly string[], initial: PathOptions) {
  const shortest = radio('path-mode', 'path-mode-shortest', 'shortest', 'The shortest path', !initial.all)
  const all = radio('path-mode', 'path-mode-all', 'all', 'All shortest paths', initial.all)
  const mode = createElement('fieldset', { className: 'path-mode' }, [
    createElement('legend', { text: 'Find' }),
    shortest.label,
    all.label,
  ])

  const hopsLabel = createElement('label', { text: `Max hops (1 to ${MAX_PATH_HOPS})`, attributes: { for: 'path-max-hops' } })
  const hops = createElement('input', {
    attributes: { id: 'path-max-hops', type: 'number', min: '1', max: String(MAX_PATH_HOPS), step: '1', required: '' },
  })
  hops.value = String(initial.maxHops)

  const filterLabel = createElement('label', { text: 'Relationship types', attributes: { for: 'path-type-filter' } })
  const filter = createElement('select', { attributes: { id: 'path-type-filter' } })
  for (const [value, text] of Object.entries(TYPE_FILTER_TEXT)) {
    filter.append(createElement('option', { text, attributes: { value } }))
  }
  filter.value = initial.typeFilter

  const boxes = new Map<string, HTMLInputElement>()
  const typeList = createElement('div', { className: 'path-types', attributes: { role: 'group', 'aria-label': 'Checked relationship types' } })
  for (const type of relationshipTypes) {
    const box = createElement('input', { attributes: { type: 'checkbox', id: `path-type-${type}`, value: type } })
    box.checked = initial.types.includes(type)
    boxes.set(type, box)
    typeList.append(createElement('label', { className: 'checkbox', attributes: { for: `path-type-${type}` } }, [box, document.createTextNode(type)]))
  }

  // The checkboxes matter only with "only" or "except", so they stay out of the way otherwise.
  typeList.hidden = filter.value === 'any'
  filter.addEventListener('change', () => {
    typeList.hidden = filter.value === 'any'
  })

  const message = createElement('p', { className: 'error', attributes: { id: 'path-options-message', role: 'alert' } })
  message.hidden = true
  const submit = createElement('button', { text: 'Find paths', attributes: { type: 'submit', id: 'path-search' } })

  const element = createElement('form', { className: 'path-options', attributes: { id: 'path-options', novalidate: '' } }, [
    mode,
    hopsLabel,
    hops,
    filterLabel,
    filter,
    typeList,
    message,
    submit,
  ])

  let current = initial

  function read(): PathOptions | string {
    const maxHops = Number(hops.value)
    if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_PATH_HOPS) {
      return `Max hops must be a whole number from 1 to ${MAX_PATH_HOPS}; “${hops.value}” is not.`
    }
    const typeFilter = filter.value as TypeFilter
    const types = [...boxes.entries()].filter(([, box]) => box.checked).map(([type]) => type)
    if (typeFilter !== 'any' && types.length === 0) {
      return 'Check at least one relationship type, or choose “Any relationship type”.'
    }
    current = { all: all.input.checked, typeFilter, types: typeFilter === 'any' ? [] : types, maxHops }
    return current
  }

  return { element, message, read, current: () => current }
}

function radio(name: string, id: string, value: string, text: string, checked: boolean) {
  const input = createElement('input', { attributes: { type: 'radio', name, id, value } })
  input.checked = checked
  const label = createElement('label', { className: 'checkbox', attributes: { for: id } }, [input, document.createTextNode(text)])
  return { input, label }
}
