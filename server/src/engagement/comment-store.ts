// Comments on reels: one level of replies, newest first with a keyset cursor. Deleting a comment
// deletes its replies too (the schema cascades): a thread never shows answers to nothing, and
// "delete" means the words are gone, which is what people who delete expect.
import type Database from 'better-sqlite3'
import { ulid } from 'ulid'
import type { CommentItem } from '../../../shared/api/engagement'

interface CommentRow {
  id: string
  parentId: string | null
  username: string
  text: string
  createdAt: number
  replyCount: number
}

export interface StoredComment {
  id: string
  reelId: string
  userId: string
  parentId: string | null
  reelCreatorId: string
}

export class BadCommentCursorError extends Error {
  override name = 'BadCommentCursorError'
}

function encodeCursor(row: CommentRow): string {
  return Buffer.from(JSON.stringify([row.createdAt, row.id])).toString('base64url')
}

function decodeCursor(cursor: string): { createdAt: number; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(value) && Number.isSafeInteger(value[0]) && typeof value[1] === 'string') {
      return { createdAt: value[0] as number, id: value[1] }
    }
  } catch {
    // fall through
  }
  throw new BadCommentCursorError('This comments cursor is not valid; start again without one.')
}

function toItem(row: CommentRow): CommentItem {
  return {
    id: row.id,
    parentId: row.parentId,
    author: { username: row.username },
    text: row.text,
    createdAt: new Date(row.createdAt).toISOString(),
    replyCount: row.replyCount,
  }
}

export function createCommentStore(db: Database.Database, now: () => number = Date.now) {
  const select = `SELECT c.id, c.parent_id AS parentId, u.username, c.text, c.created_at AS createdAt,
      (SELECT COUNT(*) FROM comments r WHERE r.parent_id = c.id) AS replyCount
    FROM comments c JOIN users u ON u.id = c.user_id
    WHERE c.reel_id = ? AND c.parent_id IS ?`
  const order = 'ORDER BY c.created_at DESC, c.id DESC LIMIT ?'
  const first = db.prepare<[string, string | null, number], CommentRow>(`${select} ${order}`)
  const after = db.prepare<[string, string | null, number, number, string, number], CommentRow>(
    `${select} AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?)) ${order}`,
  )
  const byId = db.prepare<[string], StoredComment>(
    `SELECT c.id, c.reel_id AS reelId, c.user_id AS userId, c.parent_id AS parentId, r.creator_id AS reelCreatorId
      FROM comments c JOIN reels r ON r.id = c.reel_id WHERE c.id = ?`,
  )
  const itemById = db.prepare<[string], CommentRow>(
    `SELECT c.id, c.parent_id AS parentId, u.username, c.text, c.created_at AS createdAt, 0 AS replyCount
      FROM comments c JOIN users u ON u.id = c.user_id WHERE c.id = ?`,
  )
  const insert = db.prepare(
    'INSERT INTO comments (id, reel_id, user_id, parent_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const remove = db.prepare('DELETE FROM comments WHERE id = ?')

  return {
    find(commentId: string): StoredComment | undefined {
      return byId.get(commentId)
    },
    add(comment: { reelId: string; userId: string; parentId: string | null; text: string }): CommentItem {
      const id = ulid()
      insert.run(id, comment.reelId, comment.userId, comment.parentId, comment.text, now())
      return toItem(itemById.get(id)!)
    },
    remove(commentId: string): void {
      remove.run(commentId)
    },
    list(
      reelId: string,
      parentId: string | null,
      options: { cursor?: string | undefined; limit: number },
    ): { items: CommentItem[]; nextCursor: string | null } {
      const rows = options.cursor
        ? (() => {
            const c = decodeCursor(options.cursor)
            return after.all(reelId, parentId, c.createdAt, c.createdAt, c.id, options.limit + 1)
          })()
        : first.all(reelId, parentId, options.limit + 1)
      const page = rows.slice(0, options.limit)
      const last = page.at(-1)
      return {
        items: page.map(toItem),
        nextCursor: rows.length > options.limit && last ? encodeCursor(last) : null,
      }
    },
  }
}

export type CommentStore = ReturnType<typeof createCommentStore>
