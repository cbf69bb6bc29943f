// What this viewer has liked and whom they follow, as far as this browser knows: the server's
// reel and profile answers do not say so for the caller, so the app remembers what the server
// confirmed to it (per account, in localStorage, the most recent few hundred). Something done on
// another device shows as not done here; doing it again is harmless (PUT like/follow are idempotent).
import { useSyncExternalStore } from 'react'

const KEPT = 500

export function createRememberedSet(storagePrefix: string) {
  const listeners = new Set<() => void>()
  let cache: { username: string; ids: Set<string> } | null = null
  const keyFor = (username: string) => `${storagePrefix}.${username}`

  function idsOf(username: string): Set<string> {
    if (cache?.username === username) return cache.ids
    let stored: unknown = []
    try {
      stored = JSON.parse(window.localStorage.getItem(keyFor(username)) ?? '[]')
    } catch {
      // unreadable: start empty
    }
    const ids = new Set(
      Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [],
    )
    cache = { username, ids }
    return ids
  }

  return {
    remember(username: string, id: string, member: boolean): void {
      const ids = idsOf(username)
      ids.delete(id)
      if (member) ids.add(id)
      const kept = [...ids].slice(-KEPT)
      cache = { username, ids: new Set(kept) }
      try {
        window.localStorage.setItem(keyFor(username), JSON.stringify(kept))
      } catch {
        // Storage off: remembered for this page only.
      }
      for (const listener of listeners) listener()
    },
    useHas(username: string | null, id: string): boolean {
      return useSyncExternalStore(
        (onChange) => {
          listeners.add(onChange)
          return () => listeners.delete(onChange)
        },
        () => (username ? idsOf(username).has(id) : false),
      )
    },
  }
}

export const likedReels = createRememberedSet('spool.liked')
export const followedCreators = createRememberedSet('spool.following')
