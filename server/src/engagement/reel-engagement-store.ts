// The per-reel engagement rows — views, likes, shares, reports, "not interested" — and the counts
// the reel page shows. Only published reels take engagement; callers look the reel up first.
// Views are decided at once and written in batches (view-write-queue.ts).
import type Database from 'better-sqlite3'
import { ulid } from 'ulid'
import type { ReelCounts, ReportReason } from '../../../shared/api/engagement'
import { createViewWriteQueue, type ViewWriteQueueOptions } from './view-write-queue'
import { continuesWatch, VIEW_REPEAT_WINDOW_MS, viewCounts, watchCompleted } from './view-rule'

export interface EngagedReel {
  id: string
  creatorId: string
  durationMs: number | null
}

export function createReelEngagementStore(
  db: Database.Database,
  now: () => number = Date.now,
  // By default each view is written at once, and a failing write fails the request as before.
  viewWrites: ViewWriteQueueOptions = {
    maxDelayMs: 0,
    maxRows: 1,
    onError: (error) => {
      throw error
    },
  },
) {
  const views = createViewWriteQueue(db, viewWrites)
  const publishedReel = db.prepare<[string], EngagedReel>(
    `SELECT id, creator_id AS creatorId, duration_ms AS durationMs FROM reels WHERE id = ? AND status = 'published'`,
  )
  const lastCounted = db.prepare<[string, string, number], { at: number }>(
    `SELECT MAX(created_at) AS at FROM view_events
      WHERE reel_id = ? AND viewer_key = ? AND counted = 1 AND created_at > ?`,
  )
  const like = db.prepare('INSERT OR IGNORE INTO reel_likes (reel_id, user_id, created_at) VALUES (?, ?, ?)')
  const unlike = db.prepare('DELETE FROM reel_likes WHERE reel_id = ? AND user_id = ?')
  const insertReport = db.prepare(
    'INSERT INTO reel_reports (id, reel_id, reporter_id, reason, note, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const markNotInterested = db.prepare(
    'INSERT OR IGNORE INTO not_interested (user_id, reel_id, created_at) VALUES (?, ?, ?)',
  )
  // reel_stats is kept equal to COUNT(*) over the rows by triggers (0007-search.sql).
  const counts = db.prepare<[string], ReelCounts>(
    'SELECT views, likes, comments, shares FROM reel_stats WHERE reel_id = ?',
  )

  /**
   * Queues the watch (always) and answers whether it counted as a view. Synchronous from the
   * decision to the queue, so concurrent requests of one viewer cannot both count.
   */
  function recordView(
    reel: EngagedReel,
    viewer: { key: string; userId: string | null },
    watchedMs: number,
  ): boolean {
    const at = now()
    const stored = lastCounted.get(reel.id, viewer.key, at - VIEW_REPEAT_WINDOW_MS)?.at ?? null
    const waiting = views.countedWaitingAt(reel.id, viewer.key) ?? null
    const last = stored === null || waiting === null ? (stored ?? waiting) : Math.max(stored, waiting)
    const counted = viewCounts({ watchedMs, durationMs: reel.durationMs, now: at }, last)
    const completed = watchCompleted(watchedMs, reel.durationMs)
    // The report on leaving raises the watch's row rather than adding a second watch.
    const previous = views.latestReport(reel.id, viewer.key)
    if (previous && continuesWatch(previous, { watchedMs, counted, at })) {
      views.extend(previous, watchedMs, completed, at)
      return false
    }
    views.add({
      reelId: reel.id,
      viewerKey: viewer.key,
      userId: viewer.userId,
      watchedMs,
      completed,
      counted,
      at,
    })
    return counted
  }

  return {
    publishedReel(reelId: string): EngagedReel | undefined {
      return publishedReel.get(reelId)
    },
    recordView,
    /** Writes the views still waiting; every read that must see them (a GET) comes after this. */
    flushViews: views.flush,
    /** Runs `callback` once the views recorded so far are in the database (live documents). */
    afterViewsStored: views.afterWrite,
    setLike(reelId: string, userId: string, liked: boolean): void {
      if (liked) like.run(reelId, userId, now())
      else unlike.run(reelId, userId)
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
      views.flush()
      return counts.get(reelId) ?? { views: 0, likes: 0, comments: 0, shares: 0 }
    },
  }
}

export type ReelEngagementStore = ReturnType<typeof createReelEngagementStore>
