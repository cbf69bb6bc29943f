// What the media route knows about published reels: per reel, its files' sizes, sha256s and
// the response headers they are served with, kept in memory so that a segment request asks the
// database one cheap question (has anyone else written to it?) instead of joining two tables and
// building the same headers again. Only published reels are kept; anything else is looked up
// each time (a 404 or 410 is not the hot path).
//
// It can never serve a reel that is no longer published:
// - this process changes a published reel's status only through media-tree.ts, whose
//   onStatusChange drops the reel here before its folder moves;
// - another process writing the database (the admin CLI, a test, a second server on the same
//   file) bumps SQLite's `PRAGMA data_version` for this connection, and then everything here is
//   dropped before the request is answered.
import type Database from 'better-sqlite3'
import { contentTypeFor } from '../http/static-file'

const IMMUTABLE = 'public, max-age=31536000, immutable'
// Playlists never change either, but a moderator's removal must reach viewers soon.
const PLAYLIST = 'public, max-age=10'

export interface ServedFile {
  size: number
  sha256: string
  /** The strong ETag: the sha256 the package's manifest gave the file. */
  etag: string
  /** Every header but the length and range ones, as writeHead's flat [name, value, …] list. */
  headers: readonly string[]
}

export interface MediaIndex {
  /** A file of a published reel; 'removed' for a removed reel; undefined for anything else. */
  lookup(reelId: string, path: string): ServedFile | 'removed' | undefined
  /** Forgets a reel (its status changed in this process). */
  forget(reelId: string): void
}

function servedFile(path: string, size: number, sha256: string): ServedFile {
  const etag = `"${sha256}"`
  return {
    size,
    sha256,
    etag,
    headers: [
      'content-type',
      contentTypeFor(path),
      'cache-control',
      path.endsWith('.m3u8') ? PLAYLIST : IMMUTABLE,
      'etag',
      etag,
      'accept-ranges',
      'bytes',
      'x-content-type-options',
      'nosniff',
    ],
  }
}

export function createMediaIndex(db: Database.Database, maxReels = 10_000): MediaIndex {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck()
  const statusOf = db.prepare<[string], string>('SELECT status FROM reels WHERE id = ?').pluck()
  const filesOf = db.prepare<[string], { path: string; size: number; sha256: string }>(
    'SELECT path, size, sha256 FROM reel_files WHERE reel_id = ?',
  )
  // Insertion order is recency: a hit re-inserts its reel, so the first key is the coldest.
  const reels = new Map<string, Map<string, ServedFile>>()
  let seenVersion = dataVersion.get()

  function load(reelId: string): Map<string, ServedFile> | 'removed' | undefined {
    const status = statusOf.get(reelId)
    if (status === 'removed') return 'removed'
    if (status !== 'published') return undefined
    const files = new Map<string, ServedFile>()
    for (const row of filesOf.all(reelId)) files.set(row.path, servedFile(row.path, row.size, row.sha256))
    reels.set(reelId, files)
    if (reels.size > maxReels) reels.delete(reels.keys().next().value!)
    return files
  }

  return {
    lookup(reelId, path) {
      const version = dataVersion.get()
      if (version !== seenVersion) {
        reels.clear()
        seenVersion = version
      }
      let files = reels.get(reelId)
      if (files) {
        reels.delete(reelId)
        reels.set(reelId, files)
      } else {
        const loaded = load(reelId)
        if (loaded === undefined || loaded === 'removed') return loaded
        files = loaded
      }
      return files.get(path)
    },
    forget(reelId) {
      reels.delete(reelId)
    },
  }
}
