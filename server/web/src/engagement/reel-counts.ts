// The numbers under each reel's buttons, one store for the whole page. They come from
// GET /api/reels/:id when a reel first comes on screen, from the answers to our own writes, and
// from the live reel:<id> document; the newest wins, since each is the server's count at that time.
// The same answer tells a signed-in viewer whether they like the reel and follow its creator
// (viewer-marks.ts), so a signed-in viewer's reels are asked for even when a list gave the counts.
import { useEffect, useSyncExternalStore } from 'react'
import type { ReelCounts } from '../../../../shared/api/engagement'
import { currentSession, useSession } from '../session/session-store'
import { fetchReelState, type ReelState } from './engagement-api'
import { knowsLiked, setMark } from './viewer-marks'

const counts = new Map<string, ReelCounts>()
/** `<username or empty> <reelId>`: asked once per page load and account. */
const asked = new Set<string>()
const listeners = new Set<() => void>()

export function setReelCounts(reelId: string, next: Partial<ReelCounts>): void {
  const current = counts.get(reelId) ?? { views: 0, likes: 0, comments: 0, shares: 0 }
  counts.set(reelId, { ...current, ...next })
  for (const listener of listeners) listener()
}

function signedInUsername(): string | null {
  const session = currentSession()
  return session.status === 'signed-in' ? session.user.username : null
}

/** Keeps what a GET /api/reels/:id answer says about the viewer who was signed in when it was asked. */
function noteViewer(reelId: string, state: ReelState, username: string | null): void {
  if (!state.viewer || username === null || signedInUsername() !== username) return
  setMark(username, 'liked', reelId, state.viewer.liked)
  setMark(username, 'following', state.creator.username, state.viewer.following)
}

/** Asks the server again, e.g. after our comment was stored (its answer has no counts). */
export function refreshReelCounts(reelId: string): void {
  const username = signedInUsername()
  fetchReelState(reelId).then(
    (fetched) => {
      setReelCounts(reelId, fetched.counts)
      noteViewer(reelId, fetched, username)
    },
    () => undefined,
  )
}

/**
 * A reel's counts (null until known): `listed` (the numbers its feed item came with) until
 * something newer arrives, else asked of the server once per page load.
 */
export function useReelCounts(reelId: string, listed?: ReelCounts): ReelCounts | null {
  const session = useSession()
  const username = session.status === 'signed-in' ? session.user.username : null
  useEffect(() => {
    if (listed && !counts.has(reelId)) setReelCounts(reelId, listed)
    const key = `${username ?? ''} ${reelId}`
    const needed = !counts.has(reelId) || (username !== null && !knowsLiked(username, reelId))
    if (!needed || asked.has(key)) return
    asked.add(key)
    fetchReelState(reelId).then(
      (fetched) => {
        // The live document may have answered meanwhile, with newer numbers.
        if (!counts.has(reelId)) setReelCounts(reelId, fetched.counts)
        noteViewer(reelId, fetched, username)
      },
      () => asked.delete(key),
    )
    // `listed` only matters the first time; later numbers come from the live document and writes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reelId, username])
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange)
      return () => listeners.delete(onChange)
    },
    () => counts.get(reelId) ?? null,
  )
}
