// Who is signed in, for the whole app. The session itself is the HttpOnly cookie; this store keeps
// the user and the CSRF token (from /api/auth/me at start-up, or from login) in memory only.
import { useSyncExternalStore } from 'react'
import { publicUserSchema, type PublicUser } from '../../../../shared/accounts'
import { z } from 'zod'
import { ApiError, getJson, sendJson } from '../api/api-client'

export type SessionState =
  | { status: 'unknown' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: PublicUser; csrfToken: string }

let state: SessionState = { status: 'unknown' }
const listeners = new Set<() => void>()

function set(next: SessionState): void {
  state = next
  for (const listener of listeners) listener()
}

export function useSession(): SessionState {
  return useSyncExternalStore(onSessionChange, () => state)
}

/** The session right now, for code outside React (writes need its CSRF token). */
export function currentSession(): SessionState {
  return state
}

/** Calls `listener` on every change of the session; returns the unsubscribe function. */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const signedInSchema = z.object({ user: publicUserSchema, csrfToken: z.string() })

// The cookie is HttpOnly, so the page cannot see whether it has one. This marker (no secret in
// it) says a sign-in happened in this browser; without it, asking /api/auth/me would only earn
// every anonymous visitor a 401 in the console and a wasted request.
const MARKER = 'spool.signedIn'

function mark(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(MARKER, '1')
    else window.localStorage.removeItem(MARKER)
  } catch {
    // Storage can be off; the session then lasts for this page only.
  }
}

function marked(): boolean {
  try {
    return window.localStorage.getItem(MARKER) === '1'
  } catch {
    return false
  }
}

/** At start-up: the cookie may still hold a session from an earlier visit. */
export async function restoreSession(): Promise<void> {
  if (!marked()) {
    set({ status: 'signed-out' })
    return
  }
  try {
    const me = await getJson('/api/auth/me', signedInSchema)
    set({ status: 'signed-in', user: me.user, csrfToken: me.csrfToken })
  } catch (error) {
    // 401: the session ended. An unreachable server shows as signed out too; the pages say so,
    // and the session is asked for again when the browser is back online.
    if (error instanceof ApiError && error.status === 401) mark(false)
    else window.addEventListener('online', () => void restoreSession(), { once: true })
    set({ status: 'signed-out' })
  }
}

export async function signIn(mode: 'login' | 'register', username: string, password: string) {
  const result = await sendJson('POST', `/api/auth/${mode}`, signedInSchema, {
    body: { username, password },
  })
  mark(true)
  set({ status: 'signed-in', user: result.user, csrfToken: result.csrfToken })
  return result.user
}

export async function signOut(): Promise<void> {
  const csrfToken = state.status === 'signed-in' ? state.csrfToken : null
  try {
    await sendJson('POST', '/api/auth/logout', z.unknown(), { csrfToken })
  } catch (error) {
    // An ended session is already signed out; anything else is worth telling.
    if (!(error instanceof ApiError && error.status === 401)) throw error
  }
  mark(false)
  set({ status: 'signed-out' })
}
