/**
 * The map's legend (what the shades count, over which dates, from which smallest to which
 * largest value, with notes on what is missing) and the list of countries by count, whose
 * buttons select a country from the keyboard.
 */
import { createElement } from '../dom.js'
import { countryName } from './countries.js'
import type { CountryValue } from './counts.js'
import { legendGradient } from './scale.js'

/** Rows shown in the list of countries by count. */
const LISTED_COUNTRIES = 30

export interface LegendContent {
  caption: string
  /** Countries with a count above zero, largest first. */
  ranked: [string, CountryValue][]
  notes: string[]
}

export function createLegendPanel(onSelectCountry: (code: string) => void) {
  const caption = createElement('p', { attributes: { id: 'map-legend-caption' } })
  const smallest = createElement('span', { attributes: { id: 'map-legend-min' } })
  const largest = createElement('span', { attributes: { id: 'map-legend-max' } })
  const bar = createElement('div', { className: 'map-legend-bar', attributes: { 'aria-hidden': 'true' } })
  bar.style.background = legendGradient()
  const scale = createElement('div', { className: 'map-legend-scale' }, [bar, smallest, largest])
  const notes = createElement('ul', { className: 'map-notes', attributes: { id: 'map-notes' } })
  const legend = createElement('section', { className: 'map-legend', attributes: { id: 'map-legend', 'aria-label': 'Legend' } }, [
    caption,
    scale,
    notes,
  ])

  const list = createElement('ol', { className: 'map-country-list', attributes: { id: 'map-country-list' } })
  const countries = createElement('section', { className: 'map-countries', attributes: { 'aria-labelledby': 'map-countries-title' } }, [
    createElement('h3', { text: 'Countries by count', attributes: { id: 'map-countries-title' } }),
    list,
  ])

  function countryRow([code, value]: [string, CountryValue]): HTMLLIElement {
    const button = createElement('button', { text: `${countryName(code)} (${code})`, attributes: { type: 'button' } })
    button.dataset.country = code
    button.addEventListener('click', () => onSelectCountry(code))
    return createElement('li', {}, [button, createElement('span', { className: 'map-count', text: value.text })])
  }

  return {
    legend,
    countries,

    render(content: LegendContent): void {
      const { ranked } = content
      caption.textContent = content.caption
      scale.hidden = ranked.length === 0
      smallest.textContent = ranked[ranked.length - 1]?.[1].text ?? ''
      largest.textContent = ranked[0]?.[1].text ?? ''
      notes.replaceChildren(...content.notes.map((note) => createElement('li', { text: note })))

      const rows = ranked.slice(0, LISTED_COUNTRIES).map(countryRow)
      if (ranked.length > LISTED_COUNTRIES) {
        rows.push(createElement('li', { className: 'muted', text: `and ${ranked.length - LISTED_COUNTRIES} more` }))
      }
      if (rows.length === 0) rows.push(createElement('li', { className: 'muted', text: 'No country has a count in these dates.' }))
      list.replaceChildren(...rows)
    },
  }
}
