// Hash routes (#/settings, #/create/<id>): they work the same from file:// in Electron and over
// http, and survive a reload.
import { useSyncExternalStore } from 'react'

export const routes = ['library', 'create', 'uploads', 'dashboard', 'moderation', 'settings'] as const
export type Route = (typeof routes)[number]

function segments(): string[] {
  return window.location.hash.replace(/^#\/?/, '').split('/')
}

function current(): Route {
  const name = segments()[0] ?? ''
  return (routes as readonly string[]).includes(name) ? (name as Route) : 'library'
}

/** The part after the screen, e.g. the library item id in #/create/<id>; '' when there is none. */
function currentParam(): string {
  try {
    return decodeURIComponent(segments()[1] ?? '')
  } catch {
    return ''
  }
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener)
  return () => window.removeEventListener('hashchange', listener)
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current)
}

export function useRouteParam(): string {
  return useSyncExternalStore(subscribe, currentParam)
}

export function hrefFor(route: Route, param?: string): string {
  return param ? `#/${route}/${encodeURIComponent(param)}` : `#/${route}`
}
