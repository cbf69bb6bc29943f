// The creator's own likes laid over the Dashboard's numbers. The counts in creator:<username> are
// the server's; a like or unlike still waiting in the outbox is shown at once (the heart and the
// count), as the viewer app does with its queue, and gives way to the server's numbers once sent.
import type { LiveCreatorTotals, LiveReelStats } from '../../../shared/api/live-docs'

export interface OwnLike {
  liked: boolean
  likeWaiting: boolean
}

/**
 * `known`: the server's last word per reel (absent: never learned, shown as not liked);
 * `waiting`: the like (true) or unlike (false) each reel has waiting in the outbox.
 */
export function withOwnLikes<R extends LiveReelStats & { reelId: string }>(
  reels: readonly R[],
  totals: LiveCreatorTotals | null,
  known: ReadonlyMap<string, boolean>,
  waiting: ReadonlyMap<string, boolean>,
): { reels: Array<R & OwnLike>; totals: LiveCreatorTotals | null } {
  let totalDelta = 0
  const shown = reels.map((reel) => {
    const server = known.get(reel.reelId) ?? false
    const chosen = waiting.get(reel.reelId)
    if (chosen === undefined) return { ...reel, liked: server, likeWaiting: false }
    const delta = Number(chosen) - Number(server)
    // A removed reel's numbers are not in the totals, so neither is its like.
    if (!reel.removedAt) totalDelta += delta
    return { ...reel, likes: Math.max(0, reel.likes + delta), liked: chosen, likeWaiting: true }
  })
  return {
    reels: shown,
    totals: totals && { ...totals, likes: Math.max(0, totals.likes + totalDelta) },
  }
}
