// The `reels` table: library items as rows, mapped to the contract's LibraryItem. Search is a
// case-insensitive substring of the caption or the source file name (what the card shows).
import type Database from 'better-sqlite3'
import {
  libraryItemSchema,
  type LibraryItem,
  type MediaProbe,
  type ReelStatus,
} from '../../../shared/rpc/contract'

interface ReelRow {
  id: string
  status: string
  source_name: string
  source_path: string
  sha256: string
  size_bytes: number
  probe: string
  caption: string
  reject_reason: string | null
  thumbnail_count: number
  created_at: string
  updated_at: string
}

export interface NewReel {
  id: string
  sourceName: string
  sourcePath: string
  sha256: string
  sizeBytes: number
  probe: MediaProbe
}

function toItem(row: ReelRow): LibraryItem {
  return libraryItemSchema.parse({
    id: row.id,
    status: row.status,
    sourceName: row.source_name,
    caption: row.caption,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    probe: JSON.parse(row.probe),
    thumbnailCount: row.thumbnail_count,
    rejectReason: row.reject_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  })
}

/** `%` and `_` typed by a person are literal characters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export function createReelStore(db: Database.Database) {
  const insert = db.prepare<[string, string, string, string, number, string, string, string]>(
    `INSERT INTO reels (id, source_name, source_path, sha256, size_bytes, probe, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const byId = db.prepare<[string], ReelRow>('SELECT * FROM reels WHERE id = ?')
  const remove = db.prepare<[string]>('DELETE FROM reels WHERE id = ?')
  const setThumbs = db.prepare<[number, string, string]>(
    'UPDATE reels SET thumbnail_count = ?, updated_at = ? WHERE id = ?',
  )
  const allIds = db.prepare<[], { id: string }>('SELECT id FROM reels')
  const setStatus = db.prepare<[string, string, string]>(
    'UPDATE reels SET status = ?, updated_at = ? WHERE id = ?',
  )
  const setStatusAndReason = db.prepare<[string, string | null, string, string]>(
    'UPDATE reels SET status = ?, reject_reason = ?, updated_at = ? WHERE id = ?',
  )
  const setCaption = db.prepare<[string, string, string]>(
    'UPDATE reels SET caption = ?, updated_at = ? WHERE id = ?',
  )

  return {
    insert(reel: NewReel): LibraryItem {
      const now = new Date().toISOString()
      insert.run(
        reel.id,
        reel.sourceName,
        reel.sourcePath,
        reel.sha256,
        reel.sizeBytes,
        JSON.stringify(reel.probe),
        now,
        now,
      )
      return toItem(byId.get(reel.id)!)
    },
    get(id: string): LibraryItem | undefined {
      const row = byId.get(id)
      return row ? toItem(row) : undefined
    },
    sourcePath(id: string): string | undefined {
      return byId.get(id)?.source_path
    },
    list(filter: { query?: string; status?: ReelStatus }): LibraryItem[] {
      const where: string[] = []
      const args: string[] = []
      const query = filter.query?.trim()
      if (query) {
        where.push(`(caption LIKE ? ESCAPE '\\' OR source_name LIKE ? ESCAPE '\\')`)
        args.push(likePattern(query), likePattern(query))
      }
      if (filter.status) {
        where.push('status = ?')
        args.push(filter.status)
      }
      const sql = `SELECT * FROM reels ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC`
      return db
        .prepare<string[], ReelRow>(sql)
        .all(...args)
        .map(toItem)
    },
    delete(id: string): boolean {
      return remove.run(id).changes > 0
    },
    setThumbnailCount(id: string, count: number): LibraryItem | undefined {
      setThumbs.run(count, new Date().toISOString(), id)
      return this.get(id)
    },
    setStatus(id: string, status: ReelStatus): LibraryItem | undefined {
      setStatus.run(status, new Date().toISOString(), id)
      return this.get(id)
    },
    /** The server's verdict (or a new upload): the reject reason goes with the status, or is cleared. */
    setStatusWithReason(
      id: string,
      status: ReelStatus,
      rejectReason: string | null,
    ): LibraryItem | undefined {
      setStatusAndReason.run(status, rejectReason, new Date().toISOString(), id)
      return this.get(id)
    },
    setCaption(id: string, caption: string): LibraryItem | undefined {
      setCaption.run(caption, new Date().toISOString(), id)
      return this.get(id)
    },
    ids(): Set<string> {
      return new Set(allIds.all().map((row) => row.id))
    },
  }
}

export type ReelStore = ReturnType<typeof createReelStore>
