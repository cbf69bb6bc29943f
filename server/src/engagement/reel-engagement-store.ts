// The per-reel engagement rows — views, likes, shares, reports, "not interested" — and the counts
// the reel page shows. Only published reels take engagement; callers look the reel up first.
import type Database from 'better-sqlite3'
import { ulid } from 'ulid'
import type { ReelCounts, ReportReason } from '../../../shared/api/engagement'
import { VIEW_REPEAT_WINDOW_MS, viewCounts, watchCompleted } from './view-rule'

export interface EngagedReel {
  id: string
  creatorId: string
  durationMs: number | null
}

export function createReelEngagementStore(db: Database.Database, now: () => number = Date.now) {
  const publishedReel = db.prepare<[string], EngagedReel>(
    `SELECT id, creator_id AS creatorId, duration_ms AS durationMs FROM reels WHERE id = ? AND status = 'published'`,
  )
  const lastCounted = db.prepare<[string, string, number], { at: number }>(
    `SELECT MAX(created_at) AS at FROM view_events
      WHERE reel_id = ? AND viewer_key = ? AND counted = 1 AND created_at > ?`,
  )
  const insertView = db.prepare(
    `INSERT INTO view_events (reel_id, viewer_key, user_id, watched_ms, completed, counted, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const like = db.prepare('INSERT OR IGNORE INTO reel_likes (reel_id, user_id, created_at) VALUES (?, ?, ?)')
  const unlike = db.prepare('DELETE FROM reel_likes WHERE reel_id = ? AND user_id = ?')
  const insertShare = db.prepare('INSERT INTO reel_shares (reel_id, user_id, created_at) VALUES (?, ?, ?)')
  const insertReport = db.prepare(
    'INSERT INTO reel_reports (id, reel_id, reporter_id, reason, note, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const markNotInterested = db.prepare(
    'INSERT OR IGNORE INTO not_interested (user_id, reel_id, created_at) VALUES (?, ?, ?)',
  )
  const counts = db.prepare<[string, string, string, string], ReelCounts>(
    `SELECT (SELECT COUNT(*) FROM view_events WHERE reel_id = ? AND counted = 1) AS views,
        (SELECT COUNT(*) FROM reel_likes WHERE reel_id = ?) AS likes,
        (SELECT COUNT(*) FROM comments WHERE reel_id = ?) AS comments,
        (SELECT COUNT(*) FROM reel_shares WHERE reel_id = ?) AS shares`,
  )

  const recordView = db.transaction(
    (reel: EngagedReel, viewer: { key: string; userId: string | null }, watchedMs: number): boolean => {
      const at = now()
      const last = lastCounted.get(reel.id, viewer.key, at - VIEW_REPEAT_WINDOW_MS)?.at ?? null
      const counted = viewCounts({ watchedMs, durationMs: reel.durationMs, now: at }, last)
      const completed = watchCompleted(watchedMs, reel.durationMs)
      insertView.run(reel.id, viewer.key, viewer.userId, watchedMs, completed ? 1 : 0, counted ? 1 : 0, at)
      return counted
    },
  )

  return {
    publishedReel(reelId: string): EngagedReel | undefined {
      return publishedReel.get(reelId)
    },
    /** Stores the watch (always) and answers whether it counted as a view. */
    recordView,
    setLike(reelId: string, userId: string, liked: boolean): void {
      if (liked) like.run(reelId, userId, now())
      else unlike.run(reelId, userId)
    },
    share(reelId: string, userId: string): void {
      insertShare.run(reelId, userId, now())
    },
    report(reelId: string, reporterId: string, reason: ReportReason, note: string | undefined): string {
      const id = ulid()
      insertReport.run(id, reelId, reporterId, reason, note || null, now())
      return id
    },
    notInterested(reelId: string, userId: string): void {
      markNotInterested.run(userId, reelId, now())
    },
    counts(reelId: string): ReelCounts {
      return counts.get(reelId, reelId, reelId, reelId)!
    },
  }
}

export type ReelEngagementStore = ReturnType<typeof createReelEngagementStore>
