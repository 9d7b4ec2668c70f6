/**
 * The trail's timeline: a histogram strip of transfers per date and two sliders that pick
 * the first and last day shown. The sliders step over the trail's distinct transfer dates,
 * so every stop shows at least one more or one fewer transfer. Edges dated outside the
 * range are hidden by the renderer.
 */
import { plural } from './appearance.js'
import { createElement } from './dom.js'
import { countInRange, type DateRange, type MoneyView } from './money-view.js'

/** Bars in the histogram; longer trails put several consecutive dates in one bar. */
const MAX_BARS = 60

interface Bar {
  element: HTMLElement
  first: string
  last: string
}

export function createTimeline(onChange: (range: DateRange) => void) {
  let dates: string[] = []
  let bars: Bar[] = []

  const first = createElement('strong', { attributes: { id: 'timeline-first' } })
  const last = createElement('strong', { attributes: { id: 'timeline-last' } })
  const histogram = createElement('div', { className: 'histogram', attributes: { 'aria-hidden': 'true' } })
  const startSlider = slider('timeline-start')
  const endSlider = slider('timeline-end')
  const shownCount = createElement('p', { className: 'muted', attributes: { id: 'timeline-shown', role: 'status' } })
  const root = createElement('div', { className: 'timeline', attributes: { id: 'timeline' } }, [
    createElement('p', {}, [document.createTextNode('Showing '), first, document.createTextNode(' to '), last]),
    histogram,
    createElement('label', { text: 'First day shown', attributes: { for: 'timeline-start' } }),
    startSlider,
    createElement('label', { text: 'Last day shown', attributes: { for: 'timeline-end' } }),
    endSlider,
    shownCount,
  ])

  function changed(moved: 'start' | 'end'): void {
    let start = Number(startSlider.value)
    let end = Number(endSlider.value)
    // The slider being moved pushes the other one along rather than crossing it.
    if (start > end) {
      if (moved === 'start') end = start
      else start = end
    }
    const since = dates[start]
    const until = dates[end]
    if (since !== undefined && until !== undefined) onChange({ since, until })
  }
  startSlider.addEventListener('input', () => changed('start'))
  endSlider.addEventListener('input', () => changed('end'))

  return {
    element: root,

    /** Rebuilds the strip and the sliders for a new trail. */
    build(view: MoneyView): void {
      dates = view.dates
      const counts = new Map<string, number>()
      for (const date of view.dateOf.values()) counts.set(date, (counts.get(date) ?? 0) + 1)

      const perBar = Math.max(1, Math.ceil(dates.length / MAX_BARS))
      const groups: string[][] = []
      for (let index = 0; index < dates.length; index += perBar) groups.push(dates.slice(index, index + perBar))
      const totals = groups.map((group) => group.reduce((sum, date) => sum + (counts.get(date) ?? 0), 0))
      const highest = Math.max(1, ...totals)

      bars = groups.map((group, index) => {
        const count = totals[index] ?? 0
        const element = createElement('span', { className: 'bar' })
        element.style.height = `${Math.max(8, (count / highest) * 100)}%`
        const firstDate = group[0] ?? ''
        const lastDate = group.at(-1) ?? ''
        const when = firstDate === lastDate ? firstDate : `${firstDate} to ${lastDate}`
        element.title = `${when}: ${plural(count, 'transfer')}`
        return { element, first: firstDate, last: lastDate }
      })
      histogram.replaceChildren(...bars.map((bar) => bar.element))

      for (const input of [startSlider, endSlider]) {
        input.max = String(Math.max(0, dates.length - 1))
        input.disabled = dates.length < 2
      }
      root.hidden = dates.length === 0
    },

    /** Moves the sliders and labels to the view's range. */
    update(view: MoneyView): void {
      const start = dates.indexOf(view.range.since)
      const end = dates.indexOf(view.range.until)
      startSlider.value = String(Math.max(start, 0))
      endSlider.value = String(end < 0 ? dates.length - 1 : end)
      startSlider.setAttribute('aria-valuetext', view.range.since)
      endSlider.setAttribute('aria-valuetext', view.range.until)
      first.textContent = view.range.since
      last.textContent = view.range.until

      for (const bar of bars) {
        const inside = bar.last >= view.range.since && bar.first <= view.range.until
        bar.element.classList.toggle('outside', !inside)
      }
      const total = view.transfers.size
      shownCount.textContent = `${countInRange(view).toLocaleString('en')} of ${plural(total, 'transfer')} dated in this range.`
    },
  }
}

function slider(id: string): HTMLInputElement {
  return createElement('input', { attributes: { id, type: 'range', min: '0', max: '0', step: '1', value: '0' } })
}
