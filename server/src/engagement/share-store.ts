// Shares (the copy-link button counts as one). A signed-in viewer's every share counts — the
// Idempotency-Key keeps a retried request from counting twice. A signed-out viewer's share carries
// the anonymous session id its views use and counts once per session per reel per hour, so
// pressing "Copy link" again and again is one share; the route also caps them per address.
import type Database from 'better-sqlite3'

/** The same window as views: one anonymous share per session per reel per hour. */
export const SHARE_REPEAT_WINDOW_MS = 3600_000

export type Sharer = { userId: string } | { sessionId: string }

export function createShareStore(db: Database.Database, now: () => number = Date.now) {
  const insert = db.prepare(
    'INSERT INTO reel_shares (reel_id, user_id, session_id, created_at) VALUES (?, ?, ?, ?)',
  )
  const recentBySession = db.prepare<[string, string, number], { id: number }>(
    `SELECT id FROM reel_shares WHERE reel_id = ? AND session_id = ? AND created_at > ? LIMIT 1`,
  )
  // Kept equal to COUNT(*) of reel_shares by triggers (migration 0007), without scanning them.
  const count = db.prepare<[string], number>('SELECT shares FROM reel_stats WHERE reel_id = ?').pluck()

  const share = db.transaction((reelId: string, sharer: Sharer): boolean => {
    const at = now()
    if ('userId' in sharer) {
      insert.run(reelId, sharer.userId, null, at)
      return true
    }
    if (recentBySession.get(reelId, sharer.sessionId, at - SHARE_REPEAT_WINDOW_MS)) return false
    insert.run(reelId, null, sharer.sessionId, at)
    return true
  })

  return {
    /** Records the share; false when it did not count (this session shared the reel within the hour). */
    share,
    count(reelId: string): number {
      return count.get(reelId) ?? 0
    },
  }
}

export type ShareStore = ReturnType<typeof createShareStore>
