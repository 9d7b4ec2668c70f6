/**
 * The search box: an ARIA combobox that requests suggestions from the API as the user
 * types, after a short pause, and cancels the previous request when a new one starts.
 */
import type { SearchResult } from './api.js'
import { createElement } from './dom.js'
import { showBidiControls } from './text.js'

const DEBOUNCE_MS = 250
const MIN_QUERY_LENGTH = 2

export interface SearchElements {
  input: HTMLInputElement
  typeFilter: HTMLSelectElement
  listbox: HTMLUListElement
  message: HTMLElement
}

export interface SearchEvents {
  search(text: string, type: string | null, signal: AbortSignal): Promise<SearchResult[]>
  onPick(result: SearchResult): void
  onError(error: unknown): void
}

export function createSearchBox(elements: SearchElements, events: SearchEvents): void {
  const { input, typeFilter, listbox, message } = elements
  let results: SearchResult[] = []
  let active = -1
  let timer: number | undefined
  let inFlight: AbortController | null = null

  function close(): void {
    results = []
    active = -1
    listbox.replaceChildren()
    listbox.hidden = true
    message.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
  }

  function showMessage(text: string): void {
    close()
    message.textContent = text
    message.hidden = false
  }

  function render(): void {
    const options = results.map((result, index) => {
      const option = createElement('li', {
        className: 'suggestion',
        attributes: {
          id: `suggestion-${index}`,
          role: 'option',
          'aria-selected': String(index === active),
          'data-id': result.id,
        },
      })
      option.append(
        createElement('span', { className: 'suggestion-name', text: showBidiControls(result.name) }),
        createElement('span', { className: 'suggestion-label', text: result.label }),
      )
      if (result.aliases.length > 0) {
        option.append(createElement('span', { className: 'suggestion-aliases', text: `also ${showBidiControls(result.aliases.join(', '))}` }))
      }

      // mousedown, not click: the input's blur would otherwise close the list first.
      option.addEventListener('mousedown', (event) => {
        event.preventDefault()
        pick(index)
      })
      return option
    })

    listbox.replaceChildren(...options)
    listbox.hidden = false
    message.hidden = true
    input.setAttribute('aria-expanded', 'true')
    if (active >= 0) input.setAttribute('aria-activedescendant', `suggestion-${active}`)
    else input.removeAttribute('aria-activedescendant')
  }

  function pick(index: number): void {
    const result = results[index]
    if (result === undefined) return
    close()
    input.value = result.name
    events.onPick(result)
  }

  async function runSearch(): Promise<void> {
    const text = input.value.trim()
    inFlight?.abort()
    if (text.length < MIN_QUERY_LENGTH) {
      close()
      return
    }

    const controller = new AbortController()
    inFlight = controller
    const type = typeFilter.value === '' ? null : typeFilter.value

    try {
      const found = await events.search(text, type, controller.signal)
      if (controller.signal.aborted) return

      if (found.length === 0) {
        showMessage(`No entities match “${text}”.`)
        return
      }
      results = found
      active = -1
      render()
    } catch (error) {
      if (controller.signal.aborted) return
      close()
      events.onError(error)
    }
  }

  function scheduleSearch(): void {
    window.clearTimeout(timer)
    timer = window.setTimeout(() => void runSearch(), DEBOUNCE_MS)
  }

  input.addEventListener('input', scheduleSearch)
  typeFilter.addEventListener('change', scheduleSearch)
  input.addEventListener('blur', close)

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      close()
      return
    }
    if (results.length === 0) return

    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const next = active + (event.key === 'ArrowDown' ? 1 : -1)
      active = next < 0 ? results.length - 1 : next % results.length
      render()
    } else if (event.key === 'Enter') {
      event.preventDefault()
      pick(Math.max(active, 0))
    }
  })
}
