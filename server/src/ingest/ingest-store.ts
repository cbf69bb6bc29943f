// The ingest's durable state in SQLite: reel id claims, tus uploads and the ingest jobs they turn
// into, and the reel rows that publishing or rejecting writes. Each decision that must not race
// (claim + quota + insert; publish + job done) is one transaction.
import type Database from 'better-sqlite3'
import { hashtagsOf, mentionsOf } from '../../../shared/caption-entities'
import type { CheckedFile } from '../../../shared/node/package-check'
import type { ReelManifest } from '../../../shared/reel/manifest-schema'

export type ReelStatus = 'processing' | 'published' | 'rejected' | 'removed'

export interface IngestJob {
  uploadId: string
  reelId: string
  userId: string
}

export interface UploadQuota {
  maxUnfinishedUploads: number
  maxUnfinishedBytes: number
}

export type StartUploadResult =
  { ok: true } | { ok: false; code: 'reel_id_taken' | 'quota_exceeded'; message: string }

export function createIngestStore(db: Database.Database, now: () => number = Date.now) {
  const reelRow = db.prepare<[string], { creatorId: string; status: ReelStatus }>(
    'SELECT creator_id AS creatorId, status FROM reels WHERE id = ?',
  )
  const claimRow = db.prepare<[string], { userId: string }>(
    'SELECT user_id AS userId FROM reel_claims WHERE reel_id = ?',
  )
  const insertClaim = db.prepare(
    'INSERT INTO reel_claims (reel_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  )
  const unfinished = db.prepare<[string], { count: number; bytes: number }>(
    `SELECT count(*) AS count, coalesce(sum(size), 0) AS bytes FROM ingest_uploads
      WHERE user_id = ? AND state = 'uploading'`,
  )
  const insertUpload = db.prepare(
    `INSERT INTO ingest_uploads (upload_id, reel_id, user_id, size, state, created_at)
      VALUES (?, ?, ?, ?, 'uploading', ?)`,
  )
  const markPending = db.prepare(
    `UPDATE ingest_uploads SET state = 'pending', completed_at = ? WHERE upload_id = ? AND state = 'uploading'`,
  )
  const uploadRow = db.prepare<[string], IngestJob & { state: string }>(
    'SELECT upload_id AS uploadId, reel_id AS reelId, user_id AS userId, state FROM ingest_uploads WHERE upload_id = ?',
  )
  // A reel row appears when its first upload completes; a retry after a rejection resets it.
  const upsertProcessing = db.prepare(
    `INSERT INTO reels (id, creator_id, status, created_at) VALUES (?, ?, 'processing', ?)
      ON CONFLICT (id) DO UPDATE SET status = 'processing', reject_reason = NULL, reject_message = NULL
      WHERE reels.creator_id = excluded.creator_id AND reels.status IN ('processing', 'rejected')`,
  )
  const pendingJobs = db.prepare<[], IngestJob>(
    `SELECT upload_id AS uploadId, reel_id AS reelId, user_id AS userId FROM ingest_uploads
      WHERE state = 'pending' ORDER BY completed_at, upload_id`,
  )
  const markDone = db.prepare(`UPDATE ingest_uploads SET state = 'done', finished_at = ? WHERE upload_id = ?`)
  const publishReel = db.prepare(
    `UPDATE reels SET status = 'published', caption = ?, duration_ms = ?, width = ?, height = ?,
        sound_title = ?,
        -- A package naming a reel that itself reuses a sound credits the original (trending and
        -- sound pages identify a sound by its first reel).
        sound_source_reel_id = COALESCE((SELECT s.sound_source_reel_id FROM reels s WHERE s.id = ?), ?),
        reject_reason = NULL, reject_message = NULL,
        published_at = ?
      WHERE id = ? AND status = 'processing'`,
  )
  const rejectReel = db.prepare(
    `UPDATE reels SET status = 'rejected', reject_reason = ?, reject_message = ?
      WHERE id = ? AND status = 'processing'`,
  )
  const deleteHashtags = db.prepare('DELETE FROM reel_hashtags WHERE reel_id = ?')
  const insertHashtag = db.prepare('INSERT INTO reel_hashtags (reel_id, tag) VALUES (?, ?)')
  const deleteMentions = db.prepare('DELETE FROM reel_mentions WHERE reel_id = ?')
  const insertMention = db.prepare('INSERT INTO reel_mentions (reel_id, username) VALUES (?, ?)')
  const uploadsInState = db.prepare<[string], { uploadId: string; reelId: string; createdAt: number }>(
    `SELECT upload_id AS uploadId, reel_id AS reelId, created_at AS createdAt FROM ingest_uploads WHERE state = ?`,
  )
  const deleteUpload = db.prepare('DELETE FROM ingest_uploads WHERE upload_id = ?')
  // A claim is released only when nothing holds it any more: no reel row, no other upload.
  const releaseClaim = db.prepare(
    `DELETE FROM reel_claims WHERE reel_id = ?
      AND NOT EXISTS (SELECT 1 FROM reels WHERE id = reel_claims.reel_id)
      AND NOT EXISTS (SELECT 1 FROM ingest_uploads WHERE reel_id = reel_claims.reel_id)`,
  )

  /** The user id that owns this reel id, from the reel or its claim; null when nobody does. */
  function ownerOf(reelId: string): string | null {
    return reelRow.get(reelId)?.creatorId ?? claimRow.get(reelId)?.userId ?? null
  }

  const startUpload = db.transaction(
    (upload: { uploadId: string; reelId: string; userId: string; size: number }, quota: UploadQuota) => {
      const owner = ownerOf(upload.reelId)
      if (owner !== null && owner !== upload.userId) {
        return refused('reel_id_taken', `The reel id ${upload.reelId} belongs to another creator.`)
      }
      const reel = reelRow.get(upload.reelId)
      if (reel && (reel.status === 'published' || reel.status === 'removed')) {
        return refused(
          'reel_id_taken',
          `The reel ${upload.reelId} is already ${reel.status}; it cannot be replaced.`,
        )
      }
      const open = unfinished.get(upload.userId)!
      if (open.count >= quota.maxUnfinishedUploads) {
        return refused(
          'quota_exceeded',
          `You already have ${open.count} unfinished uploads; finish or cancel one first.`,
        )
      }
      if (open.bytes + upload.size > quota.maxUnfinishedBytes) {
        return refused(
          'quota_exceeded',
          `Your unfinished uploads would add up to more than ${quota.maxUnfinishedBytes} bytes; finish or cancel one first.`,
        )
      }
      insertClaim.run(upload.reelId, upload.userId, now())
      insertUpload.run(upload.uploadId, upload.reelId, upload.userId, upload.size, now())
      return { ok: true } as StartUploadResult
    },
  )

  /** The upload is complete: it becomes a pending job and its reel shows as processing. */
  const completeUpload = db.transaction((uploadId: string): IngestJob | null => {
    const row = uploadRow.get(uploadId)
    if (!row || row.state !== 'uploading') return null
    markPending.run(now(), uploadId)
    upsertProcessing.run(row.reelId, row.userId, now())
    return { uploadId: row.uploadId, reelId: row.reelId, userId: row.userId }
  })

  const deleteFiles = db.prepare('DELETE FROM reel_files WHERE reel_id = ?')
  const insertFile = db.prepare('INSERT INTO reel_files (reel_id, path, size, sha256) VALUES (?, ?, ?, ?)')

  const publish = db.transaction((job: IngestJob, manifest: ReelManifest, files: readonly CheckedFile[]) => {
    const changed = publishReel.run(
      manifest.caption,
      manifest.durationMs,
      manifest.width,
      manifest.height,
      manifest.sound.title,
      manifest.sound.sourceReelId,
      manifest.sound.sourceReelId,
      now(),
      job.reelId,
    ).changes
    if (changed === 1) {
      deleteHashtags.run(job.reelId)
      for (const tag of hashtagsOf(manifest.caption)) insertHashtag.run(job.reelId, tag)
      deleteMentions.run(job.reelId)
      for (const username of mentionsOf(manifest.caption)) insertMention.run(job.reelId, username)
      deleteFiles.run(job.reelId)
      // manifest.json is kept on disk for the record but is not part of what viewers get.
      for (const file of files) {
        if (file.path !== 'manifest.json') insertFile.run(job.reelId, file.path, file.size, file.sha256)
      }
    }
    markDone.run(now(), job.uploadId)
    return changed === 1
  })

  /** Closes a job without touching its reel (it was published or removed meanwhile). */
  const skip = (job: IngestJob) => void markDone.run(now(), job.uploadId)

  const reject = db.transaction((job: IngestJob, reason: string, message: string) => {
    rejectReel.run(reason, message, job.reelId)
    markDone.run(now(), job.uploadId)
  })

  /** Forgets uploads whose file is gone (expired, terminated, done) and releases claims nothing holds. */
  const forgetUploads = db.transaction((uploadIds: readonly string[]) => {
    const reelIds = new Set<string>()
    for (const uploadId of uploadIds) {
      const row = uploadRow.get(uploadId)
      if (!row) continue
      reelIds.add(row.reelId)
      deleteUpload.run(uploadId)
    }
    for (const reelId of reelIds) releaseClaim.run(reelId)
  })

  return {
    ownerOf,
    /** Who created this upload (null: we never recorded it, or it was forgotten). */
    uploadOwner: (uploadId: string): string | null => uploadRow.get(uploadId)?.userId ?? null,
    reelStatus: (reelId: string): ReelStatus | null => reelRow.get(reelId)?.status ?? null,
    startUpload,
    completeUpload,
    pendingJobs: () => pendingJobs.all(),
    uploadsInState: (state: 'uploading' | 'pending' | 'done') => uploadsInState.all(state),
    publish,
    reject,
    skip,
    forgetUploads,
  }
}

function refused(code: 'reel_id_taken' | 'quota_exceeded', message: string): StartUploadResult {
  return { ok: false, code, message }
}

export type IngestStore = ReturnType<typeof createIngestStore>
