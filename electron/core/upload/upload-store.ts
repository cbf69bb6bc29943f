// The `uploads` table: one row per reel in the upload queue, mapped to the contract's UploadItem
// (joined with the library row for what the Uploads screen shows: file name, caption, poster).
import type Database from 'better-sqlite3'
import { uploadItemSchema, type UploadItem, type UploadState } from '../../../shared/rpc/contract'

export interface UploadRow {
  reel_id: string
  state: UploadState
  server_url: string
  package_sha256: string
  fingerprint: string
  bytes_sent: number
  bytes_total: number
  upload_url: string | null
  attempts: number
  next_attempt_at: string | null
  last_error: string | null
  server_status: string | null
  reject_code: string | null
  reject_message: string | null
  published_url: string | null
  created_at: string
  updated_at: string
}

type Joined = UploadRow & { source_name: string; caption: string; thumbnail_count: number }

export type UploadPatch = Partial<Omit<UploadRow, 'reel_id' | 'created_at' | 'updated_at'>>

const SELECT = `SELECT u.*, r.source_name, r.caption, r.thumbnail_count
  FROM uploads u JOIN reels r ON r.id = u.reel_id`

export function toUploadItem(row: Joined, live?: { speedBps: number | null; remainingMs: number | null }) {
  return uploadItemSchema.parse({
    reelId: row.reel_id,
    state: row.state,
    sourceName: row.source_name,
    caption: row.caption,
    thumbnailCount: row.thumbnail_count,
    bytesSent: row.bytes_sent,
    bytesTotal: row.bytes_total,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    speedBps: live?.speedBps ?? null,
    remainingMs: live?.remainingMs ?? null,
    rejectCode: row.reject_code,
    rejectMessage: row.reject_message,
    publishedUrl: row.published_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }) satisfies UploadItem
}

export function createUploadStore(db: Database.Database) {
  const byId = db.prepare<[string], Joined>(`${SELECT} WHERE u.reel_id = ?`)
  const all = db.prepare<[], Joined>(`${SELECT} ORDER BY u.created_at DESC, u.reel_id DESC`)
  const inStates = (states: readonly UploadState[]) =>
    db
      .prepare<UploadState[], Joined>(
        `${SELECT} WHERE u.state IN (${states.map(() => '?').join(',')}) ORDER BY u.created_at, u.reel_id`,
      )
      .all(...states)
  const upsert = db.prepare<[string, string, string, string, number, string, string]>(
    `INSERT INTO uploads (reel_id, server_url, package_sha256, fingerprint, bytes_total, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (reel_id) DO UPDATE SET state = 'queued', server_url = excluded.server_url,
       package_sha256 = excluded.package_sha256, fingerprint = excluded.fingerprint, bytes_sent = 0,
       bytes_total = excluded.bytes_total, upload_url = NULL, attempts = 0, next_attempt_at = NULL,
       last_error = NULL, server_status = NULL, reject_code = NULL, reject_message = NULL,
       published_url = NULL, created_at = excluded.created_at, updated_at = excluded.updated_at`,
  )

  return {
    get: (reelId: string): Joined | undefined => byId.get(reelId),
    all: (): Joined[] => all.all(),
    inStates,
    insert(input: { reelId: string; serverUrl: string; sha256: string; fingerprint: string; size: number }) {
      const now = new Date().toISOString()
      upsert.run(input.reelId, input.serverUrl, input.sha256, input.fingerprint, input.size, now, now)
      return byId.get(input.reelId)!
    },
    update(reelId: string, patch: UploadPatch): Joined | undefined {
      const keys = Object.keys(patch) as (keyof UploadPatch)[]
      if (keys.length > 0) {
        const sets = keys.map((key) => `${key} = @${key}`).join(', ')
        db.prepare(`UPDATE uploads SET ${sets}, updated_at = @updated_at WHERE reel_id = @reel_id`).run({
          ...patch,
          updated_at: new Date().toISOString(),
          reel_id: reelId,
        })
      }
      return byId.get(reelId)
    },
  }
}

export type UploadStore = ReturnType<typeof createUploadStore>
export type UploadJoinedRow = Joined
