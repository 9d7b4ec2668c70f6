/**
 * The sign-in form, shown when there is no token or the service rejected it. The user
 * pastes a bearer token issued by their administrator.
 */

export interface SignInElements {
  section: HTMLElement
  form: HTMLFormElement
  input: HTMLInputElement
  message: HTMLElement
}

export function createSignIn(elements: SignInElements, onSubmit: (token: string) => void) {
  const { section, form, input, message } = elements

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const token = input.value.trim()
    if (token === '') {
      message.textContent = 'Paste a token first: the field is empty.'
      message.hidden = false
      input.focus()
      return
    }

    input.value = ''
    onSubmit(token)
  })

  return {
    /** Shows the form, with `reason` above it when the user was signed out by a failure. */
    show(reason: string | null): void {
      message.textContent = reason ?? ''
      message.hidden = reason === null
      section.hidden = false
      input.focus()
    },

    hide(): void {
      section.hidden = true
    },
  }
}
