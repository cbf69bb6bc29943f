// Reels start muted (browsers only autoplay muted video); once the viewer unmutes, every reel
// after it plays with sound for the rest of the session, as on Reels and TikTok.
import { useSyncExternalStore } from 'react'

const KEY = 'spool.muted'
const listeners = new Set<() => void>()

function read(): boolean {
  try {
    return window.sessionStorage.getItem(KEY) !== 'false'
  } catch {
    return true
  }
}

let muted = read()

export function setMuted(next: boolean): void {
  muted = next
  try {
    window.sessionStorage.setItem(KEY, String(next))
  } catch {
    // Storage can be off (private mode); the choice then lasts until the page is reloaded.
  }
  for (const listener of listeners) listener()
}

export function useMuted(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange)
      return () => listeners.delete(onChange)
    },
    () => muted,
  )
}
