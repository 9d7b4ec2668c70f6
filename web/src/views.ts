/**
 * The workspace's three views (network, map, charts) as tabs. One view shows at a time; a
 * view's `show` runs each time its tab opens, so the map and the charts fetch or redraw only
 * when someone looks at them. Arrow keys move between tabs, as in the ARIA tabs pattern.
 */
import { requireElement } from './dom.js'

export type ViewName = 'network' | 'map' | 'charts'

export const VIEW_NAMES: readonly ViewName[] = ['network', 'map', 'charts']

export interface ViewHooks {
  show(): void
  hide?(): void
}

export function createViewTabs() {
  const hooks = new Map<ViewName, ViewHooks>()
  let current: ViewName = 'network'

  const tabs = new Map(VIEW_NAMES.map((name) => [name, requireElement(`tab-${name}`, HTMLButtonElement)]))
  const panels = new Map(VIEW_NAMES.map((name) => [name, requireElement(`${name}-view`, HTMLElement)]))

  function open(name: ViewName, moveFocus = false): void {
    if (name !== current) hooks.get(current)?.hide?.()
    current = name
    for (const view of VIEW_NAMES) {
      const selected = view === name
      const tab = tabs.get(view)
      const panel = panels.get(view)
      if (tab === undefined || panel === undefined) continue
      tab.setAttribute('aria-selected', String(selected))
      tab.tabIndex = selected ? 0 : -1
      panel.hidden = !selected
      if (selected && moveFocus) tab.focus()
    }
    document.body.dataset.view = name
    hooks.get(name)?.show()
  }

  for (const [name, tab] of tabs) {
    tab.addEventListener('click', () => open(name))
    tab.addEventListener('keydown', (event) => {
      const index = VIEW_NAMES.indexOf(name)
      let next: number | null = null
      if (event.key === 'ArrowRight') next = (index + 1) % VIEW_NAMES.length
      else if (event.key === 'ArrowLeft') next = (index + VIEW_NAMES.length - 1) % VIEW_NAMES.length
      else if (event.key === 'Home') next = 0
      else if (event.key === 'End') next = VIEW_NAMES.length - 1
      const target = next === null ? undefined : VIEW_NAMES[next]
      if (target === undefined) return
      event.preventDefault()
      open(target, true)
    })
  }

  return {
    open,
    current: () => current,
    /** Registers what a view does when its tab opens and closes. */
    register(name: ViewName, viewHooks: ViewHooks): void {
      hooks.set(name, viewHooks)
    },
  }
}

export type ViewTabs = ReturnType<typeof createViewTabs>
