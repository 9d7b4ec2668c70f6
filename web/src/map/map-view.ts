/**
 * The Map tab: countries shaded by a count chosen by the user (notices by issuing country,
 * groups operating there, money received in one currency), markers for places, and lists
 * of the entities placed there. The data is fetched the first time the tab opens after
 * signing in (and on Reload), and the counts are recomputed in the browser whenever the
 * workspace timeline's range changes.
 */
import './map.css'

import type { GeoPlace, GeoResponse } from '../api.js'
import { createElement } from '../dom.js'
import type { DateRange } from '../money-view.js'
import type { Store } from '../state.js'
import { countryName } from './countries.js'
import {
  countGroups,
  countNotices,
  currenciesOf,
  sumMoney,
  type CountryValue,
  type Measure,
} from './counts.js'
import { createMapCanvas, type MapSelection } from './map-canvas.js'
import { createLegendPanel } from './legend-panel.js'
import { createSelectionPanel, type OpenableEntity } from './selection-panel.js'

export interface MapViewOptions {
  store: Store
  load(signal: AbortSignal): Promise<GeoResponse>
  onOpenEntity(entity: OpenableEntity): void
  /** Called with every failed load, so that an expired token signs the user out. */
  onFailure(error: unknown): void
}

const MEASURE_TEXT: Record<Measure, { option: string; caption: string; unit: string }> = {
  notices: {
    option: 'Notices and diffusions (issuing country)',
    caption: 'Notices and diffusions issued by each country’s NCB',
    unit: 'notices and diffusions',
  },
  groups: { option: 'Groups operating there', caption: 'Groups operating in each country', unit: 'groups operating' },
  money: { option: 'Money received', caption: 'Money received by accounts and entities in each country', unit: 'received' },
}

/** Range ends the date inputs write for an end left empty, so that side stays open. */
const OPEN_START = '0001-01-01'
const OPEN_END = '9999-12-31'

function rangeText(range: DateRange | null): string {
  if (range === null) return 'all dates'
  if (range.since === OPEN_START) return range.until === OPEN_END ? 'all dates' : `until ${range.until}`
  if (range.until === OPEN_END) return `from ${range.since}`
  return `${range.since} to ${range.until}`
}

function control(labelText: string, id: string, input: HTMLElement): HTMLElement {
  return createElement('div', { className: 'map-control' }, [
    createElement('label', { text: labelText, attributes: { for: id } }),
    input,
  ])
}

export function createMapView(root: HTMLElement, options: MapViewOptions) {
  const { store } = options

  const measureSelect = createElement('select', { attributes: { id: 'map-measure' } })
  for (const [value, text] of Object.entries(MEASURE_TEXT)) {
    measureSelect.append(createElement('option', { text: text.option, attributes: { value } }))
  }
  const currencySelect = createElement('select', { attributes: { id: 'map-currency' } })
  const currencyControl = control('Currency', 'map-currency', currencySelect)
  currencyControl.hidden = true
  const sinceInput = createElement('input', { attributes: { id: 'map-since', type: 'date' } })
  const untilInput = createElement('input', { attributes: { id: 'map-until', type: 'date' } })
  const allDates = createElement('button', { text: 'All dates', attributes: { type: 'button', id: 'map-all-dates' } })
  const reload = createElement('button', { text: 'Reload', attributes: { type: 'button', id: 'map-reload' } })
  const toolbar = createElement('div', { className: 'map-toolbar' }, [
    control('Shade countries by', 'map-measure', measureSelect),
    currencyControl,
    createElement('fieldset', { className: 'map-range' }, [
      createElement('legend', { text: 'Dates (the workspace timeline)' }),
      control('From', 'map-since', sinceInput),
      control('To', 'map-until', untilInput),
      allDates,
    ]),
    reload,
  ])

  const stage = createElement('div', { className: 'map-stage', attributes: { id: 'map-stage' } })
  const message = createElement('p', { className: 'map-message', attributes: { id: 'map-message', role: 'status' } })
  message.hidden = true

  const legendPanel = createLegendPanel((code) => select({ kind: 'country', code }))
  const selectionSection = createElement('section', {
    className: 'map-selection',
    attributes: { id: 'map-selection', 'aria-labelledby': 'map-selection-title' },
  })
  root.replaceChildren(
    toolbar,
    stage,
    createElement('div', { className: 'map-details' }, [legendPanel.legend, selectionSection, legendPanel.countries]),
  )

  const canvas = createMapCanvas(stage, {
    onSelectPlace: (place) => select({ kind: 'place', id: place.id }),
    onSelectCountry: (code) => select({ kind: 'country', code }),
  })
  stage.append(message)
  const panel = createSelectionPanel(selectionSection, options.onOpenEntity)

  let data: GeoResponse | null = null
  let loading: AbortController | null = null
  let selection: MapSelection = null
  let values: ReadonlyMap<string, CountryValue> = new Map()
  let shownRange: DateRange | null | undefined

  function measure(): Measure {
    return measureSelect.value as Measure
  }

  function showMessage(text: string | null): void {
    message.hidden = text === null
    message.textContent = text ?? ''
  }

  async function load(): Promise<void> {
    loading?.abort()
    const controller = new AbortController()
    loading = controller
    showMessage('Loading the map…')
    try {
      const response = await options.load(controller.signal)
      if (controller.signal.aborted) return
      data = response
    } catch (error) {
      if (controller.signal.aborted) return
      const detail = error instanceof Error ? error.message : String(error)
      showMessage(`The map data could not be loaded (${detail}). Press Reload to try again.`)
      options.onFailure(error)
      return
    } finally {
      if (loading === controller) loading = null
    }

    fillCurrencies(data)
    canvas.setPlaces(data.places)
    render()
  }

  function fillCurrencies(response: GeoResponse): void {
    const previous = currencySelect.value
    const currencies = currenciesOf(response.money.rows)
    currencySelect.replaceChildren(...currencies.map((currency) => createElement('option', { text: currency, attributes: { value: currency } })))
    if (currencies.length === 0) currencySelect.append(createElement('option', { text: 'no transfers', attributes: { value: '' } }))
    if (currencies.includes(previous)) currencySelect.value = previous
  }

  function computeValues(response: GeoResponse, range: DateRange | null): ReadonlyMap<string, CountryValue> {
    switch (measure()) {
      case 'notices':
        return countNotices(response.notices.rows, range)
      case 'groups':
        return countGroups(response.groups.rows, range)
      case 'money':
        return sumMoney(response.money.rows, currencySelect.value, range)
    }
  }

  /** Recounts for the current measure and range, and redraws the shading, legend and lists. */
  function render(): void {
    const range = store.get().timeRange
    shownRange = range
    currencyControl.hidden = measure() !== 'money'
    if (data === null) return

    values = computeValues(data, range)
    const ranked = [...values]
      .filter(([, value]) => value.value > 0)
      .sort((a, b) => b[1].value - a[1].value || a[0].localeCompare(b[0]))
    const max = ranked[0]?.[1].value ?? 0
    const text = MEASURE_TEXT[measure()]
    canvas.setShading({ values, max, unit: text.unit })

    const currency = measure() === 'money' ? ` in ${currencySelect.value || 'no currency'}` : ''
    legendPanel.render({ caption: `${text.caption}${currency}, ${rangeText(range)}`, ranked, notes: notesFor(data, ranked.length) })

    if (data.places.length === 0 && ranked.length === 0) {
      showMessage(`No places are visible to you, and no ${text.unit} fall in ${rangeText(range)}.`)
    } else if (ranked.length === 0) {
      showMessage(`No ${text.unit}${currency} in ${rangeText(range)}. Widen the dates to shade the countries.`)
    } else if (data.places.length === 0) {
      showMessage('No places are visible to you: there are no locations you may see.')
    } else {
      showMessage(null)
    }
    renderSelection()
  }

  /** Returns the legend's notes: how many countries count, and what the map cannot show. */
  function notesFor(response: GeoResponse, counted: number): string[] {
    const notes: string[] = []
    const drawn = canvas.drawnCountries()
    const undrawn = [...values.keys()].filter((code) => !drawn.has(code) && (values.get(code)?.value ?? 0) > 0)
    if (counted > 0) {
      notes.push(`${counted === 1 ? '1 country' : `${counted} countries`} counted. The lightest shade is the smallest count above zero.`)
    }
    if (undrawn.length > 0) {
      notes.push(`Not on the map (no shape and no place): ${undrawn.sort().map((code) => `${countryName(code)} (${code})`).join(', ')}.`)
    }
    for (const [kind, rows] of [
      ['notice rows', response.notices],
      ['group periods', response.groups],
      ['money rows', response.money],
    ] as const) {
      if (rows.truncated) notes.push(`The service sent only the latest ${response.limits.rows.toLocaleString('en')} ${kind}, so older ones are not counted.`)
    }
    if (response.placesTruncated) notes.push(`The service sent only the first ${response.limits.places.toLocaleString('en')} places.`)
    return notes
  }

  function placesOf(code: string): GeoPlace[] {
    return data?.places.filter((place) => place.country === code) ?? []
  }

  function renderSelection(): void {
    const range = store.get().timeRange
    const close = () => select(null)
    if (selection === null || data === null) {
      panel.render(null, range, close)
      return
    }
    if (selection.kind === 'place') {
      const id = selection.id
      const place = data.places.find((candidate) => candidate.id === id)
      panel.render(place === undefined ? null : { kind: 'place', place }, range, close)
      return
    }
    const code = selection.code
    const unit = MEASURE_TEXT[measure()].unit
    panel.render({ kind: 'country', code, places: placesOf(code), value: values.get(code), unit }, range, close)
  }

  function select(next: MapSelection): void {
    selection = next
    canvas.setSelection(next)
    renderSelection()
  }

  /** Writes the date inputs into the store's range: an empty end leaves that side open. */
  function applyDates(): void {
    const since = sinceInput.value
    const until = untilInput.value
    if (since === '' && until === '') {
      store.update({ timeRange: null })
      return
    }
    const first = since === '' ? OPEN_START : since
    const last = until === '' ? OPEN_END : until
    store.update({ timeRange: first <= last ? { since: first, until: last } : { since: last, until: first } })
  }

  function showRangeInInputs(range: DateRange | null): void {
    sinceInput.value = range === null || range.since === OPEN_START ? '' : range.since
    untilInput.value = range === null || range.until === OPEN_END ? '' : range.until
  }

  measureSelect.addEventListener('change', render)
  currencySelect.addEventListener('change', render)
  sinceInput.addEventListener('change', applyDates)
  untilInput.addEventListener('change', applyDates)
  allDates.addEventListener('click', () => store.update({ timeRange: null }))
  reload.addEventListener('click', () => void load())

  store.subscribe((state) => {
    if (state.timeRange === shownRange) return
    showRangeInInputs(state.timeRange)
    render()
  })

  return {
    show(): void {
      // A failed load leaves `data` null, so opening the tab again retries it.
      if (data === null && loading === null) void load()
    },

    hide(): void {
      canvas.svg.blur()
    },

    /** Forgets the data and the selection, as after signing out. */
    reset(): void {
      loading?.abort()
      loading = null
      data = null
      selection = null
      canvas.setPlaces([])
      canvas.setSelection(null)
      panel.render(null, null, () => undefined)
      showMessage(null)
    },
  }
}

export type MapView = ReturnType<typeof createMapView>
