// Ranking snapshots: the feed ranks once per scroll session and stores the ordered ids; the
// cursor is (snapshot id, offset). Pages of one session therefore never repeat or skip a reel,
// whatever new reels or engagement change meanwhile. When a snapshot is used up, the next one is
// ranked without everything the session already got (excluded_ids). The snapshot id is 128 random
// bits and is bound to its viewer, so a cursor cannot be used to read someone else's feed.
import type Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'

export interface FeedSnapshot {
  id: string
  viewerKey: string
  reelIds: string[]
  excludedIds: string[]
}

export interface FeedCursor {
  snapshotId: string
  offset: number
}

export class BadFeedCursorError extends Error {
  override name = 'BadFeedCursorError'
}

const SNAPSHOT_TTL_MS = 24 * 3600_000
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/

export function encodeFeedCursor(cursor: FeedCursor): string {
  return `${cursor.snapshotId}.${cursor.offset}`
}

export function decodeFeedCursor(text: string): FeedCursor {
  const [snapshotId = '', offset = '', ...rest] = text.split('.')
  if (rest.length === 0 && ID_PATTERN.test(snapshotId) && /^\d{1,6}$/.test(offset)) {
    return { snapshotId, offset: Number(offset) }
  }
  throw new BadFeedCursorError('This feed cursor is not valid; start again without one.')
}

export function createFeedSnapshotStore(db: Database.Database, now: () => number = Date.now) {
  const insert = db.prepare(
    'INSERT INTO feed_snapshots (id, viewer_key, reel_ids, excluded_ids, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const select = db.prepare<[string, number], { viewerKey: string; reelIds: string; excludedIds: string }>(
    `SELECT viewer_key AS viewerKey, reel_ids AS reelIds, excluded_ids AS excludedIds
       FROM feed_snapshots WHERE id = ? AND created_at > ?`,
  )
  const purge = db.prepare('DELETE FROM feed_snapshots WHERE created_at <= ?')

  return {
    create(viewerKey: string, reelIds: string[], excludedIds: string[]): FeedSnapshot {
      const at = now()
      purge.run(at - SNAPSHOT_TTL_MS)
      const id = randomBytes(16).toString('base64url')
      insert.run(id, viewerKey, JSON.stringify(reelIds), JSON.stringify(excludedIds), at)
      return { id, viewerKey, reelIds, excludedIds }
    },

    /** The snapshot a cursor points at, if it exists, is not expired and belongs to this viewer. */
    get(id: string, viewerKey: string): FeedSnapshot {
      const row = select.get(id, now() - SNAPSHOT_TTL_MS)
      if (!row || row.viewerKey !== viewerKey) {
        throw new BadFeedCursorError(
          'This feed cursor has expired or belongs to another viewer; start again.',
        )
      }
      return {
        id,
        viewerKey,
        reelIds: JSON.parse(row.reelIds) as string[],
        excludedIds: JSON.parse(row.excludedIds) as string[],
      }
    },
  }
}

export type FeedSnapshotStore = ReturnType<typeof createFeedSnapshotStore>
