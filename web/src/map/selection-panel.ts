/**
 * The list under the map of what a marker or a country click picked: its entities, each
 * with the link that places it there and a button that opens it in the network view.
 */
import type { GeoPlace } from '../api.js'
import { createElement } from '../dom.js'
import type { DateRange } from '../money-view.js'
import { countryName } from './countries.js'
import { overlaps, type CountryValue } from './counts.js'
import { entityCountText, placeTitle } from './map-canvas.js'

/** Maximum entities listed for one country. The summary counts the rest. */
const MAX_LISTED = 200

export interface OpenableEntity {
  id: string
  label: string
  name: string
}

type Link = GeoPlace['links'][number]

export type PanelSubject =
  | { kind: 'place'; place: GeoPlace }
  | { kind: 'country'; code: string; places: GeoPlace[]; value: CountryValue | undefined; unit: string }

function linkText(link: Link, placeName: string | null): string {
  const verb = link.type === 'OPERATES_IN' ? 'operates' : 'located'
  const where = placeName === null ? 'here' : `in ${placeName}`
  const period = [link.since === null ? null : `since ${link.since}`, link.until === null ? null : `until ${link.until}`]
  return [`${verb} ${where}`, ...period.filter((part) => part !== null)].join(', ')
}

export function createSelectionPanel(section: HTMLElement, onOpen: (entity: OpenableEntity) => void) {
  const title = createElement('h3', { attributes: { id: 'map-selection-title' } })
  const summary = createElement('p', { className: 'muted', attributes: { id: 'map-selection-summary' } })
  const list = createElement('ul', { className: 'map-entity-list', attributes: { id: 'map-entity-list' } })
  const close = createElement('button', { text: 'Close', attributes: { type: 'button', id: 'map-selection-close' } })
  section.append(createElement('div', { className: 'map-selection-head' }, [title, close]), summary, list)
  section.hidden = true

  let onClose: () => void = () => undefined
  close.addEventListener('click', () => onClose())

  function item(link: Link, placeName: string | null, range: DateRange | null): HTMLLIElement {
    const outside = !overlaps(link.since, link.until, range)
    const open = createElement('button', { text: 'Open in network', attributes: { type: 'button' } })
    open.setAttribute('aria-label', `Open ${link.name} in the network view`)
    open.addEventListener('click', () => onOpen({ id: link.id, label: link.label, name: link.name }))
    const details = outside ? `${linkText(link, placeName)} (outside the dates shown)` : linkText(link, placeName)
    return createElement('li', { className: outside ? 'outside' : '' }, [
      createElement('div', {}, [
        createElement('strong', { text: link.name }),
        createElement('span', { className: 'entity-label', text: link.label }),
      ]),
      createElement('span', { className: 'muted', text: details }),
      open,
    ])
  }

  return {
    /** Shows `subject`, or hides the panel for null. `close` runs when the user closes it. */
    render(subject: PanelSubject | null, range: DateRange | null, closeHandler: () => void): void {
      onClose = closeHandler
      section.hidden = subject === null
      if (subject === null) return

      const items: HTMLLIElement[] = []
      if (subject.kind === 'place') {
        const { place } = subject
        title.textContent = placeTitle(place)
        const shown = place.truncated ? ` The service sent the first ${place.links.length} of ${place.linkCount} links.` : ''
        summary.textContent = `${entityCountText(place.entityCount)} placed here.${shown}`
        for (const link of place.links) items.push(item(link, null, range))
        if (place.links.length === 0) items.push(createElement('li', { className: 'muted', text: 'No entity you may see is placed here.' }))
      } else {
        const { code, places, value, unit } = subject
        title.textContent = `${countryName(code)} (${code})`
        const links = places.flatMap((place) => place.links.map((link) => ({ link, place })))
        const count = value === undefined ? `no ${unit}` : `${value.text} ${unit}`
        const cut = links.length > MAX_LISTED ? ` Listing the first ${MAX_LISTED} of ${links.length} links.` : ''
        const placeCount = places.length === 1 ? '1 place' : `${places.length} places`
        summary.textContent = `${count} in the dates shown. ${placeCount} on the map.${cut}`
        for (const { link, place } of links.slice(0, MAX_LISTED)) items.push(item(link, place.name, range))
        if (links.length === 0) items.push(createElement('li', { className: 'muted', text: 'No entity you may see is placed in this country.' }))
      }
      list.replaceChildren(...items)
    },
  }
}
