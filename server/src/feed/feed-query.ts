// Reel lists newest first (a creator's page, a hashtag's page), paged with an opaque keyset cursor
// so that a page never repeats or skips a reel when new ones are published while someone scrolls.
// The ranked feed itself is ranked-feed.ts.
import type Database from 'better-sqlite3'
import type { ReelItemRow } from '../../../shared/api/reel-item'

export type FeedRow = ReelItemRow

export interface FeedPage {
  rows: FeedRow[]
  nextCursor: string | null
}

export class BadCursorError extends Error {
  override name = 'BadCursorError'
}

export function encodeCursor(row: Pick<FeedRow, 'publishedAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([row.publishedAt, row.id])).toString('base64url')
}

export function decodeCursor(cursor: string): { publishedAt: number; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(value) && Number.isSafeInteger(value[0]) && typeof value[1] === 'string') {
      return { publishedAt: value[0] as number, id: value[1] }
    }
  } catch {
    // fall through to the error below
  }
  throw new BadCursorError('This feed cursor is not valid; start again without one.')
}

/**
 * What toReelSound() needs, from `reels r` and its creator `users u` (shared/api/reel-item.ts says
 * what the fields mean). The source's title and creator are read by primary key, only while it is
 * published: a removed or unpublished source must not leak its creator's name through other reels.
 */
export const reelSoundColumns = `COALESCE(r.sound_source_reel_id, r.id) AS soundId,
  CASE WHEN r.sound_source_reel_id IS NULL THEN COALESCE(r.sound_title, '')
    ELSE COALESCE((SELECT src.sound_title FROM reels src
      WHERE src.id = r.sound_source_reel_id AND src.status = 'published'), r.sound_title, '')
  END AS soundTitle,
  CASE WHEN r.sound_source_reel_id IS NULL THEN u.username
    ELSE (SELECT su.username FROM reels src JOIN users su ON su.id = src.creator_id
      WHERE src.id = r.sound_source_reel_id AND src.status = 'published')
  END AS soundCreator`

/** What toReelItem() needs, from `reels r`, `users u` and `reel_stats s`. */
export const reelItemColumns = `r.id, u.username, r.caption, r.duration_ms AS durationMs,
  r.published_at AS publishedAt, s.views, s.likes, s.comments, s.shares, ${reelSoundColumns}`

/**
 * Published reels newest first, narrowed by `filter` (an SQL condition on `r`, with `?` parameters
 * passed on each call): the feed has none, a creator's page and a hashtag's page add theirs.
 */
export function createReelListQuery<P extends unknown[] = []>(db: Database.Database, filter = '1') {
  const columns = `SELECT ${reelItemColumns}
    FROM reels r JOIN users u ON u.id = r.creator_id JOIN reel_stats s ON s.reel_id = r.id
    WHERE r.status = 'published' AND (${filter})`
  const order = `ORDER BY r.published_at DESC, r.id DESC LIMIT ?`
  const first = db.prepare<unknown[], FeedRow>(`${columns} ${order}`)
  const after = db.prepare<unknown[], FeedRow>(
    `${columns} AND (r.published_at < ? OR (r.published_at = ? AND r.id < ?)) ${order}`,
  )

  return function listReels(params: P, options: { cursor?: string | undefined; limit: number }): FeedPage {
    // One extra row tells whether there is a next page without a second query.
    const rows = options.cursor
      ? (() => {
          const c = decodeCursor(options.cursor)
          return after.all(...params, c.publishedAt, c.publishedAt, c.id, options.limit + 1)
        })()
      : first.all(...params, options.limit + 1)
    const page = rows.slice(0, options.limit)
    const last = page.at(-1)
    return { rows: page, nextCursor: rows.length > options.limit && last ? encodeCursor(last) : null }
  }
}
