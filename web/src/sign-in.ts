/**
 * The sign-in screen, shown when there is no token or the service rejected it. The user
 * pastes a bearer token issued by their administrator or, when the service offers password
 * sign-in, enters a username and password that the service trades for a token.
 */
import './sign-in.css'

import { ApiError, requestJson, type PasswordSignIn, type SignInMethods } from './api.js'

export interface SignInElements {
  section: HTMLElement
  form: HTMLFormElement
  input: HTMLInputElement
  message: HTMLElement
  passwordForm: HTMLFormElement
  username: HTMLInputElement
  password: HTMLInputElement
  /** The token form's heading, shown only beside the password form. */
  tokenHeading: HTMLElement
}

export function createSignIn(elements: SignInElements, onSubmit: (token: string) => void) {
  const { section, form, input, message, passwordForm, username, password, tokenHeading } = elements
  const passwordButton = passwordForm.querySelector('button')
  let methods: Promise<SignInMethods | null> | null = null

  function showMessage(text: string): void {
    message.textContent = text
    message.hidden = false
  }

  /** Asks the service once whether it offers password sign-in; a failure offers the token alone. */
  async function offersPassword(): Promise<boolean> {
    methods ??= requestJson<SignInMethods>('/api/auth/methods').catch(() => {
      methods = null
      return null
    })
    return (await methods)?.password === true
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const token = input.value.trim()
    if (token === '') {
      showMessage('Paste a token first: the field is empty.')
      input.focus()
      return
    }

    input.value = ''
    onSubmit(token)
  })

  passwordForm.addEventListener('submit', (event) => {
    event.preventDefault()
    const name = username.value.trim()
    if (name === '' || password.value === '') {
      showMessage(name === '' ? 'Enter your username first: the field is empty.' : 'Enter your password first: the field is empty.')
      ;(name === '' ? username : password).focus()
      return
    }
    void signInWithPassword(name, password.value)
  })

  async function signInWithPassword(name: string, secret: string): Promise<void> {
    if (passwordButton !== null) passwordButton.disabled = true
    try {
      const response = await requestJson<PasswordSignIn>('/api/auth/token', { body: { username: name, password: secret } })
      password.value = ''
      message.hidden = true
      onSubmit(response.token)
    } catch (error) {
      password.value = ''
      password.focus()
      showMessage(describeFailure(error))
    } finally {
      if (passwordButton !== null) passwordButton.disabled = false
    }
  }

  return {
    /** Shows the form, with `reason` above it when the user was signed out by a failure. */
    show(reason: string | null): void {
      message.textContent = reason ?? ''
      message.hidden = reason === null
      section.hidden = false
      input.focus()

      void offersPassword().then((offered) => {
        passwordForm.hidden = !offered
        tokenHeading.hidden = !offered
        if (offered && !section.hidden) username.focus()
      })
    },

    hide(): void {
      section.hidden = true
    },
  }
}

function describeFailure(error: unknown): string {
  if (!(error instanceof ApiError)) return `Sign-in failed: ${String(error)}`
  if (error.status === 401) return `${error.detail}. Check both and try again.`
  if (error.status === 429) return `${error.detail}.`
  if (error.status === 0) return `The service could not be reached (${error.detail}). Try again shortly.`
  return `Sign-in failed: ${error.detail}`
}
