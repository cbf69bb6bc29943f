// Hash routes (#/settings): they work the same from file:// in Electron and over http, and survive a reload.
import { useSyncExternalStore } from 'react'

export const routes = ['library', 'create', 'uploads', 'dashboard', 'moderation', 'settings'] as const
export type Route = (typeof routes)[number]

function current(): Route {
  const name = window.location.hash.replace(/^#\/?/, '')
  return (routes as readonly string[]).includes(name) ? (name as Route) : 'library'
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener)
  return () => window.removeEventListener('hashchange', listener)
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current)
}

export function hrefFor(route: Route): string {
  return `#/${route}`
}
