/**
 * The "Trace money" form: direction, hop limit, date window, reporting currency, smallest
 * amount and whether to merge accounts into their holders. It checks what the browser can
 * check before the request; the service checks the rest and its message is shown.
 */
import type { TraceDirection, TraceQuery } from './api.js'

/** The service's bounds on `maxHops`. */
export const TRACE_HOPS = { min: 1, max: 10, default: 6 } as const

export interface MoneyFormElements {
  section: HTMLElement
  form: HTMLFormElement
  fromName: HTMLElement
  direction: HTMLSelectElement
  maxHops: HTMLInputElement
  since: HTMLInputElement
  until: HTMLInputElement
  currency: HTMLInputElement
  minAmount: HTMLInputElement
  holders: HTMLInputElement
  message: HTMLElement
  cancel: HTMLButtonElement
}

export interface MoneyForm {
  /** Shows the form for tracing from entity `id`, keeping the values typed before. */
  open(id: string, name: string): void
  close(): void
}

export function createMoneyForm(
  elements: MoneyFormElements,
  onSubmit: (query: TraceQuery, name: string) => void,
): MoneyForm {
  let start: { id: string; name: string } | null = null

  function showMessage(text: string, field: HTMLElement | null): void {
    elements.message.textContent = text
    elements.message.hidden = false
    field?.focus()
  }

  function readQuery(from: string): TraceQuery | null {
    const maxHops = Number(elements.maxHops.value)
    if (!Number.isInteger(maxHops) || maxHops < TRACE_HOPS.min || maxHops > TRACE_HOPS.max) {
      showMessage(`Max hops must be a whole number from ${TRACE_HOPS.min} to ${TRACE_HOPS.max}.`, elements.maxHops)
      return null
    }

    const since = elements.since.value === '' ? null : elements.since.value
    const until = elements.until.value === '' ? null : elements.until.value
    if (since !== null && until !== null && since > until) {
      showMessage(`The window is empty: ${since} comes after ${until}.`, elements.until)
      return null
    }

    const currencyText = elements.currency.value.trim().toUpperCase()
    if (currencyText !== '' && !/^[A-Z]{3}$/.test(currencyText)) {
      showMessage(`Currency must be an ISO 4217 code of three letters, such as EUR; got “${currencyText}”.`, elements.currency)
      return null
    }
    const currency = currencyText === '' ? null : currencyText

    const minAmountText = elements.minAmount.value.trim()
    if (minAmountText !== '' && !/^\d+(\.\d+)?$/.test(minAmountText)) {
      showMessage(`Smallest amount must be a decimal number with a point, such as 1000.50; got “${minAmountText}”.`, elements.minAmount)
      return null
    }
    if (minAmountText !== '' && currency === null) {
      showMessage('A smallest amount needs a currency to compare against: fill in the currency too.', elements.currency)
      return null
    }

    return {
      from,
      direction: elements.direction.value as TraceDirection,
      maxHops,
      since,
      until,
      currency,
      minAmount: minAmountText === '' ? null : minAmountText,
      holders: elements.holders.checked,
    }
  }

  elements.form.addEventListener('submit', (event) => {
    event.preventDefault()
    if (start === null) return
    elements.message.hidden = true
    const query = readQuery(start.id)
    if (query !== null) onSubmit(query, start.name)
  })

  const close = (): void => {
    start = null
    elements.section.hidden = true
  }
  elements.cancel.addEventListener('click', close)

  return {
    open(id, name) {
      start = { id, name }
      elements.fromName.textContent = name
      elements.message.hidden = true
      elements.section.hidden = false
      elements.direction.focus()
    },
    close,
  }
}
