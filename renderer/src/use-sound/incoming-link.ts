// Links that open a studio flow, from wherever they come: Electron hands spool: links over the
// preload bridge, studio:web is opened as <studio url>/?open=<link>. Both land in openStudioLink,
// which parses the link (shared/api/studio-links.ts) and keeps it for the flow to show; anything
// that is not a link the studio knows is kept as a sentence instead, so the person hears why.
import { useSyncExternalStore } from 'react'
import { parseUseSoundLink, type UseSoundLink } from '../../../shared/api/studio-links'

export type IncomingLink =
  { key: number; kind: 'use-sound'; link: UseSoundLink } | { key: number; kind: 'invalid'; problem: string }

let current: IncomingLink | null = null
let nextKey = 1
const listeners = new Set<() => void>()

function publish(next: IncomingLink | null): void {
  current = next
  for (const listener of [...listeners]) listener()
}

/** The one door for every link: a newer one replaces whatever flow was showing. */
export function openStudioLink(text: string): void {
  const link = parseUseSoundLink(text.trim())
  publish(
    link
      ? { key: nextKey++, kind: 'use-sound', link }
      : {
          key: nextKey++,
          kind: 'invalid',
          problem:
            'This link is not one Spool Studio can open. Open “Use this sound” again from the sound’s page.',
        },
  )
}

export function dismissStudioLink(key: number): void {
  if (current?.key === key) publish(null)
}

export function useIncomingLink(): IncomingLink | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => current,
  )
}

/**
 * Start-up: studio:web's ?open= (taken out of the address bar, so a reload does not open the flow
 * again), and in Electron every link main hands over, now and later.
 */
export function listenForStudioLinks(): void {
  const url = new URL(window.location.href)
  const fromPage = url.searchParams.get('open')
  if (fromPage !== null) {
    url.searchParams.delete('open')
    history.replaceState(history.state, '', url.pathname + url.search + url.hash)
    openStudioLink(fromPage)
  }
  window.spool?.onOpenLink(openStudioLink)
}
