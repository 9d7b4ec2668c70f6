/**
 * Sections of the detail panel: notices and diffusions with their colour, links by type and
 * direction with an expand button per type, and property lists. Values are set as text.
 */
import type { Entity, NoticeSummary } from './api.js'
import { plural } from './appearance.js'
import { createElement } from './dom.js'
import { showBidiControls } from './text.js'

/** Swatch colours of the notice colours; the colour's name is always written beside it. */
const NOTICE_SWATCHES: Readonly<Record<string, string>> = {
  red: '#d62728',
  yellow: '#f1c232',
  blue: '#1f5fbf',
  black: '#111111',
  green: '#2e8b3e',
  orange: '#ff7f0e',
  purple: '#7b3fa0',
}

const UNKNOWN_SWATCH = '#9c9c9c'

/** Labels whose detail panel states it when the entity is the subject of no notice. */
const NOTICE_SUBJECTS = new Set(['Person', 'Group', 'Company'])

const NOTICE_FIELDS = new Set(['kind', 'colour', 'status', 'issuedBy', 'issuedAt'])

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })

/** Creates an element that shows API data: text only, direction from its first strong character. */
export function dataText<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  text: string,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[Tag] {
  // Bidirectional controls show as markers, so a spoofed name such as "Evil⟨U+202E⟩gnp.exe" is visible as one.
  return createElement(tag, { text: showBidiControls(text), attributes: { ...attributes, dir: 'auto' } })
}

/** Renders a plain JSON value as one line of text. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(formatValue).join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

export function definitionList(entries: [string, unknown][], id: string | null = null): HTMLDListElement {
  const list = createElement('dl', id === null ? {} : { attributes: { id } })
  for (const [term, value] of entries) {
    list.append(createElement('dt', { text: term }), dataText('dd', formatValue(value)))
  }
  return list
}

/**
 * Returns the BCP 47 tag in the entity's `language` or `lang` property, or null when it
 * has none or the value is not a valid tag. The script of a name alone does not tell its
 * language (Cyrillic is Russian, Ukrainian, Bulgarian…), so nothing is guessed from it.
 */
export function languageOf(properties: Record<string, unknown>): string | null {
  const value = properties.language ?? properties.lang
  if (typeof value !== 'string' || value === '') return null
  try {
    return Intl.getCanonicalLocales(value)[0] ?? null
  } catch {
    return null
  }
}

/** Returns "Georgia (GE)" for a known ISO 3166-1 alpha-2 code, else the code as given. */
export function countryText(code: string): string {
  let name: string | undefined
  try {
    name = /^[A-Z]{2}$/.test(code) ? regionNames.of(code) : undefined
  } catch {
    name = undefined
  }
  return name === undefined || name === code ? code : `${name} (${code})`
}

/** Builds one line with a notice's colour (a swatch and the colour's name as text), kind and status. */
function noticeHeadline(notice: Pick<NoticeSummary, 'colour' | 'kind' | 'status'>): HTMLElement {
  const swatch = createElement('span', { className: 'swatch', attributes: { 'aria-hidden': 'true' } })
  const colour = notice.colour ?? 'colour not recorded'
  swatch.style.backgroundColor = NOTICE_SWATCHES[notice.colour ?? ''] ?? UNKNOWN_SWATCH

  const parts: Node[] = [swatch, dataText('span', colour, { class: 'notice-colour' })]
  parts.push(document.createTextNode(' '), dataText('span', notice.kind ?? 'notice or diffusion', { class: 'notice-kind' }))
  if (notice.status !== null) {
    parts.push(document.createTextNode(' · '), dataText('span', notice.status, { class: 'notice-status' }))
  }
  return createElement('p', { className: 'notice-headline' }, parts)
}

function noticeDetails(notice: NoticeSummary): HTMLDListElement {
  const list = createElement('dl', { className: 'notice-details' })
  const issuer = notice.issuedBy === null ? '—' : countryText(notice.issuedBy)
  list.append(
    createElement('dt', { text: 'Issued by' }),
    dataText('dd', issuer, { class: 'notice-issuer', 'data-country': notice.issuedBy ?? '' }),
    createElement('dt', { text: 'Issued on' }),
    dataText('dd', notice.issuedAt ?? '—', { class: 'notice-issued' }),
  )

  const others = Object.entries(notice.properties)
    .filter(([key]) => !NOTICE_FIELDS.has(key))
    .sort(([a], [b]) => a.localeCompare(b))
  for (const [key, value] of others) list.append(createElement('dt', { text: key }), dataText('dd', formatValue(value)))

  if (notice.provenance.ownerNcb !== null) {
    list.append(createElement('dt', { text: 'Owner NCB' }), dataText('dd', notice.provenance.ownerNcb))
  }
  return list
}

/** Builds the notice fields of an entity that is itself a Notice, read from its properties. */
export function noticeBlock(entity: Entity, id: string): HTMLElement {
  const text = (value: unknown) => (typeof value === 'string' ? value : null)
  const notice: NoticeSummary = {
    id: entity.id,
    label: entity.label,
    name: entity.name,
    properties: {},
    provenance: entity.provenance,
    kind: text(entity.properties.kind),
    colour: text(entity.properties.colour),
    status: text(entity.properties.status),
    issuedBy: text(entity.properties.issuedBy),
    issuedAt: text(entity.properties.issuedAt),
  }
  return createElement('div', { className: 'notice-item', attributes: { id } }, [
    noticeHeadline(notice),
    noticeDetails(notice),
  ])
}

export function noticesSection(entity: Entity): HTMLElement[] {
  const notices = entity.notices
  if (notices.length === 0) {
    if (!NOTICE_SUBJECTS.has(entity.label)) return []
    return [
      createElement('h3', { text: 'Notices and diffusions' }),
      createElement('p', { className: 'muted', text: 'No notices or diffusions that you may see.', attributes: { id: 'entity-no-notices' } }),
    ]
  }

  const list = createElement('ul', { className: 'entity-notices', attributes: { id: 'entity-notices' } })
  for (const notice of notices) {
    list.append(
      createElement('li', { className: 'notice-item', attributes: { 'data-id': notice.id } }, [
        noticeHeadline(notice),
        dataText('p', notice.name, { class: 'notice-name' }),
        noticeDetails(notice),
      ]),
    )
  }
  return [createElement('h3', { text: `Notices and diffusions (${notices.length})` }), list]
}

/** Links by relationship type, most first, each with a button that expands that type only. */
export function linksSection(entity: Entity, onExpandType: (type: string) => void): HTMLElement[] {
  if (entity.links.length === 0) {
    return [
      createElement('h3', { text: 'Links' }),
      createElement('p', { className: 'muted', text: 'No links that you may see.', attributes: { id: 'entity-no-links' } }),
    ]
  }

  const total = entity.links.reduce((sum, link) => sum + link.count, 0)
  const list = createElement('ul', { className: 'entity-links', attributes: { id: 'entity-links' } })
  for (const link of entity.links) {
    const directions = [
      link.outgoing > 0 ? `${link.outgoing.toLocaleString('en')} outgoing` : null,
      link.incoming > 0 ? `${link.incoming.toLocaleString('en')} incoming` : null,
    ].filter((part) => part !== null)

    const expand = createElement('button', {
      text: `Expand ${link.type}`,
      attributes: { type: 'button', id: `expand-type-${link.type}`, 'data-type': link.type },
    })
    expand.addEventListener('click', () => onExpandType(link.type))

    const counts = `${plural(link.count, 'link')}: ${directions.join(', ')}`
    list.append(
      createElement('li', { attributes: { 'data-type': link.type } }, [
        createElement('span', { className: 'link-type', text: link.type }),
        createElement('span', { className: 'link-counts muted', text: counts }),
        expand,
      ]),
    )
  }
  return [createElement('h3', { text: `Links (${total.toLocaleString('en')})` }), list]
}
