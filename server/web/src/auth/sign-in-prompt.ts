// One sign-in dialog for the whole app: the top bar's buttons open it, and so does a like or a
// comment from a viewer who is not signed in ("Log in to like").
import { useSyncExternalStore } from 'react'
import type { AuthMode } from './auth-dialog'

export interface SignInPrompt {
  mode: AuthMode
  /** Why we ask, in the viewer's words: shown under the dialog's title. */
  reason?: string
}

let prompt: SignInPrompt | null = null
const listeners = new Set<() => void>()

export function askToSignIn(next: SignInPrompt | null): void {
  prompt = next
  for (const listener of listeners) listener()
}

export function useSignInPrompt(): SignInPrompt | null {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange)
      return () => listeners.delete(onChange)
    },
    () => prompt,
  )
}
