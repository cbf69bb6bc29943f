// The feed: published reels, newest first, paged with an opaque keyset cursor so that a page never
// repeats or skips a reel when new ones are published while someone scrolls.
import type Database from 'better-sqlite3'

export interface FeedRow {
  id: string
  username: string
  caption: string
  durationMs: number | null
  publishedAt: number
}

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

export function createFeedQuery(db: Database.Database) {
  const columns = `SELECT r.id, u.username, r.caption, r.duration_ms AS durationMs, r.published_at AS publishedAt
    FROM reels r JOIN users u ON u.id = r.creator_id
    WHERE r.status = 'published'`
  const order = `ORDER BY r.published_at DESC, r.id DESC LIMIT ?`
  const first = db.prepare<[number], FeedRow>(`${columns} ${order}`)
  const after = db.prepare<[number, number, string, number], FeedRow>(
    `${columns} AND (r.published_at < ? OR (r.published_at = ? AND r.id < ?)) ${order}`,
  )

  return function listFeed(options: { cursor?: string | undefined; limit: number }): FeedPage {
    // One extra row tells whether there is a next page without a second query.
    const rows = options.cursor
      ? (() => {
          const c = decodeCursor(options.cursor)
          return after.all(c.publishedAt, c.publishedAt, c.id, options.limit + 1)
        })()
      : first.all(options.limit + 1)
    const page = rows.slice(0, options.limit)
    const last = page.at(-1)
    return { rows: page, nextCursor: rows.length > options.limit && last ? encodeCursor(last) : null }
  }
}
