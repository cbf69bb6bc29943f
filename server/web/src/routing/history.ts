// A tiny router on the History API: the current path as React state, and navigate() for links.
import { useSyncExternalStore } from 'react'

const NAVIGATE_EVENT = 'spool:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname)
}

/** The address's query string (e.g. "?q=sunset"), as React state. */
export function useLocationSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search)
}

/**
 * Which history entry this is. A page that rewrites its own URL (the feed follows the reel on
 * screen) keeps its key, so it is not rebuilt; a real navigation gets a new one.
 */
export function useLocationKey(): string {
  return useSyncExternalStore(subscribe, () => {
    const state = window.history.state as { key?: unknown } | null
    return typeof state?.key === 'string' ? state.key : 'entry'
  })
}

let keys = 0

export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.search) return
  window.history.pushState({ key: `${Date.now().toString(36)}-${++keys}` }, '', to)
  window.scrollTo(0, 0)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

/** Changes the address bar without a navigation: sharing the URL shares what is on screen. */
export function replacePath(to: string): void {
  if (to === window.location.pathname + window.location.search) return
  window.history.replaceState(window.history.state, '', to)
}
