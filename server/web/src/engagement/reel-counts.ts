// The numbers under each reel's buttons, one store for the whole page. They come from
// GET /api/reels/:id when a reel first comes on screen, from the answers to our own writes, and
// from the live reel:<id> document; the newest wins, since each is the server's count at that time.
import { useEffect, useSyncExternalStore } from 'react'
import type { ReelCounts } from '../../../../shared/api/engagement'
import { fetchCounts } from './engagement-api'

const counts = new Map<string, ReelCounts>()
const asked = new Set<string>()
const listeners = new Set<() => void>()

export function setReelCounts(reelId: string, next: Partial<ReelCounts>): void {
  const current = counts.get(reelId) ?? { views: 0, likes: 0, comments: 0, shares: 0 }
  counts.set(reelId, { ...current, ...next })
  for (const listener of listeners) listener()
}

/** Asks the server again, e.g. after our comment was stored (its answer has no counts). */
export function refreshReelCounts(reelId: string): void {
  fetchCounts(reelId).then(
    (fetched) => setReelCounts(reelId, fetched),
    () => undefined,
  )
}

/**
 * A reel's counts (null until known): `listed` (the numbers its feed item came with) until
 * something newer arrives, else asked of the server once per page load.
 */
export function useReelCounts(reelId: string, listed?: ReelCounts): ReelCounts | null {
  useEffect(() => {
    if (asked.has(reelId) || counts.has(reelId)) return
    asked.add(reelId)
    if (listed) {
      setReelCounts(reelId, listed)
      return
    }
    fetchCounts(reelId).then(
      (fetched) => {
        // The live document may have answered meanwhile, with newer numbers.
        if (!counts.has(reelId)) setReelCounts(reelId, fetched)
      },
      () => asked.delete(reelId),
    )
    // `listed` only matters the first time; later numbers come from the live document and writes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reelId])
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange)
      return () => listeners.delete(onChange)
    },
    () => counts.get(reelId) ?? null,
  )
}
