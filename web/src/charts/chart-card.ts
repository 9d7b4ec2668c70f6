/**
 * The frame every chart shares: a title, its controls, a one-paragraph text summary, the
 * drawing, and the values again as a table inside a <details>, for screen readers and for
 * anyone who wants the exact numbers. A message replaces drawing and table while the chart
 * loads, has no data, or failed.
 */
import { createElement } from '../dom.js'

export type MessageKind = 'loading' | 'empty' | 'error'

export interface TableColumn {
  heading: string
  /** Right-aligns the column, for numbers. */
  numeric?: boolean
}

export function createChartCard(id: string, title: string, controls: HTMLElement[] = []) {
  const heading = createElement('h2', { text: title, attributes: { id: `${id}-title` } })
  const summary = createElement('p', { className: 'chart-summary', attributes: { id: `${id}-summary` } })
  const message = createElement('p', { className: 'chart-message', attributes: { id: `${id}-message`, role: 'status' } })
  const figure = createElement('div', { className: 'chart-figure', attributes: { id: `${id}-figure` } })
  const table = createElement('table', { className: 'chart-table', attributes: { id: `${id}-table` } })
  const details = createElement('details', { className: 'chart-data' }, [
    createElement('summary', { text: `Data table: ${title.toLowerCase()}` }),
    createElement('div', { className: 'chart-table-scroll' }, [table]),
  ])
  const element = createElement(
    'section',
    { className: 'chart', attributes: { id, 'aria-labelledby': heading.id } },
    [
      createElement('header', { className: 'chart-header' }, [
        heading,
        createElement('div', { className: 'chart-controls' }, controls),
      ]),
      summary,
      message,
      figure,
      details,
    ],
  )
  message.hidden = true

  return {
    element,
    /** Width available to the drawing, in CSS pixels. */
    width: () => figure.clientWidth,

    showMessage(kind: MessageKind, text: string): void {
      element.dataset.state = kind
      message.textContent = text
      message.className = `chart-message chart-message-${kind}`
      message.hidden = false
      summary.textContent = ''
      figure.replaceChildren()
      table.replaceChildren()
      details.hidden = true
    },

    /**
     * Shows a drawing with its summary and table. Each cell of `rows` is text or a ready cell, such as
     * one with a button.
     */
    show(svg: SVGSVGElement, text: string, columns: TableColumn[], rows: (string | HTMLTableCellElement)[][]): void {
      element.dataset.state = 'ready'
      message.hidden = true
      summary.textContent = text
      svg.setAttribute('role', 'img')
      svg.setAttribute('aria-labelledby', `${heading.id} ${summary.id}`)
      figure.replaceChildren(svg)
      details.hidden = false

      const head = createElement('tr', {}, columns.map((column) =>
        createElement('th', { text: column.heading, attributes: { scope: 'col' }, className: column.numeric ? 'numeric' : '' }),
      ))
      const body = rows.map((row) =>
        createElement('tr', {}, row.map((cell, index) => {
          if (typeof cell !== 'string') return cell
          return createElement('td', { text: cell, className: columns[index]?.numeric ? 'numeric' : '' })
        })),
      )
      table.replaceChildren(createElement('thead', {}, [head]), createElement('tbody', {}, body))
    },
  }
}

export type ChartCard = ReturnType<typeof createChartCard>

/** Builds a labelled select for a chart's header. */
export function createChartSelect(id: string, label: string, options: [string, string][]) {
  const select = createElement('select', { attributes: { id } }, options.map(([value, text]) => {
    const option = createElement('option', { text })
    option.value = value
    return option
  }))
  const element = createElement('div', { className: 'chart-control' }, [
    createElement('label', { text: label, attributes: { for: id } }),
    select,
  ])
  return { element, select }
}
