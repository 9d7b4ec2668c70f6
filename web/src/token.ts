/**
 * The bearer token: taken once from the URL fragment `#token=...` or from the sign-in
 * form, then kept in sessionStorage so that it survives a reload but not the tab.
 */

const STORAGE_KEY = 'millennium.token'

/**
 * Moves a token found in the URL fragment into sessionStorage and removes it from the
 * address bar, so that it does not stay in the history or get copied with the link.
 */
export function takeTokenFromFragment(): string | null {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''))
  const token = fragment.get('token')?.trim()
  if (token === undefined) return null

  fragment.delete('token')
  const remaining = fragment.toString()
  const address = window.location.pathname + window.location.search
  window.history.replaceState(null, '', remaining === '' ? address : `${address}#${remaining}`)

  if (token === '') return null
  storeToken(token)
  return token
}

export function readStoredToken(): string | null {
  return window.sessionStorage.getItem(STORAGE_KEY)
}

export function storeToken(token: string): void {
  window.sessionStorage.setItem(STORAGE_KEY, token)
}

export function forgetToken(): void {
  window.sessionStorage.removeItem(STORAGE_KEY)
}
