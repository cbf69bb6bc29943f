// What the live documents show, read from the database, which stays the one source of truth:
// the publisher sets documents to these values instead of adding to them, so a lost or repeated
// write can never make a document drift.
import type Database from 'better-sqlite3'
import type { LiveComment, LiveReelStats } from '../../../shared/api/live-docs'

export interface ReelStatsRow extends LiveReelStats {
  id: string
  creatorId: string
}

interface RawStats {
  id: string
  creatorId: string
  caption: string
  publishedAt: number
  removedAt: number | null
  views: number
  likes: number
  comments: number
  shares: number
}

export type ReelStatus = 'processing' | 'published' | 'rejected' | 'removed'

// reel_stats (0007-search.sql) is kept equal to COUNT(*) over the engagement rows by triggers on
// every insert and delete (cascades included); no code updates those rows in place. Reading it
// saves four counts per reel, which for a creator's document was every view of every reel.
const STATS = `SELECT r.id, r.creator_id AS creatorId, r.caption, r.published_at AS publishedAt,
    CASE WHEN r.status = 'removed' THEN COALESCE(r.removed_at, r.published_at) END AS removedAt,
    s.views, s.likes, s.comments, s.shares
  FROM reels r JOIN reel_stats s ON s.reel_id = r.id`
/** What a creator's dashboard lists: their published reels, and the removed ones marked so. */
const ON_DASHBOARD = "r.status IN ('published', 'removed')"

const toStats = ({ removedAt, ...row }: RawStats): ReelStatsRow => ({
  ...row,
  publishedAt: new Date(row.publishedAt).toISOString(),
  ...(removedAt === null ? {} : { removedAt: new Date(removedAt).toISOString() }),
})

export function createLiveQueries(db: Database.Database, now: () => number = Date.now) {
  const oneReel = db.prepare<[string], RawStats>(`${STATS} WHERE r.id = ? AND r.status = 'published'`)
  const dashboardReel = db.prepare<[string], RawStats>(`${STATS} WHERE r.id = ? AND ${ON_DASHBOARD}`)
  const creatorReels = db.prepare<[string], RawStats>(
    `${STATS} WHERE r.creator_id = ? AND ${ON_DASHBOARD} ORDER BY r.published_at`,
  )
  const latestComments = db.prepare<[string, number], Omit<LiveComment, 'createdAt'> & { createdAt: number }>(
    `SELECT c.id, u.username AS author, c.text, c.parent_id AS parentId, c.created_at AS createdAt
      FROM comments c JOIN users u ON u.id = c.user_id
      WHERE c.reel_id = ? ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
  )
  const followers = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM follows WHERE followee_id = ?',
  )
  const userById = db.prepare<[string], { id: string; username: string }>(
    'SELECT id, username FROM users WHERE id = ?',
  )
  const userByName = db.prepare<[string], { id: string; username: string }>(
    'SELECT id, username FROM users WHERE username = ?',
  )
  const claimMilestone = db.prepare(
    'INSERT OR IGNORE INTO sync_like_milestones (reel_id, likes, created_at) VALUES (?, ?, ?)',
  )
  const reel = db.prepare<[string], { status: ReelStatus; creatorId: string }>(
    'SELECT status, creator_id AS creatorId FROM reels WHERE id = ?',
  )
  const commentExists = db.prepare<[string], { id: string }>('SELECT id FROM comments WHERE id = ?')

  return {
    /** A published reel's numbers, or undefined when it is not (or no longer) published. */
    reelStats(reelId: string): ReelStatsRow | undefined {
      const row = oneReel.get(reelId)
      return row && toStats(row)
    },
    /** A reel's status and creator, or undefined for an unknown id. */
    reel(reelId: string) {
      return reel.get(reelId)
    },
    /** A reel as its creator's dashboard lists it (published or removed), else undefined. */
    dashboardReel(reelId: string): ReelStatsRow | undefined {
      const row = dashboardReel.get(reelId)
      return row && toStats(row)
    },
    /** Every reel the creator's dashboard lists, oldest published first. */
    creatorReelStats(creatorId: string): ReelStatsRow[] {
      return creatorReels.all(creatorId).map(toStats)
    },
    /** The newest comments (replies included), oldest of them first, as reel:<id> lists them. */
    latestComments(reelId: string, limit: number): LiveComment[] {
      return latestComments
        .all(reelId, limit)
        .reverse()
        .map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() }))
    },
    followerCount(userId: string): number {
      return followers.get(userId)!.n
    },
    user(userId: string) {
      return userById.get(userId)
    },
    userByName(username: string) {
      return userByName.get(username)
    },
    /** Records that a reel reached a like milestone; false when it had been recorded before. */
    claimMilestone(reelId: string, likes: number): boolean {
      return claimMilestone.run(reelId, likes, now()).changes > 0
    },
    commentExists(commentId: string): boolean {
      return commentExists.get(commentId) !== undefined
    },
  }
}

export type LiveQueries = ReturnType<typeof createLiveQueries>
