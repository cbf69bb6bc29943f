import Database from 'better-sqlite3'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type ServerDatabase } from '../db'
import { createMediaIndex, type ServedFile } from './media-index'
import { createMediaTree } from './media-tree'

const A = '01JD8Z7Q3X4Y5Z6A7B8C9D0E1A'
const B = '01JD8Z7Q3X4Y5Z6A7B8C9D0E1B'
const C = '01JD8Z7Q3X4Y5Z6A7B8C9D0E1C'
const sha = (n: number) => String(n).repeat(64).slice(0, 64)

describe('createMediaIndex', () => {
  let dataDir: string
  let database: ServerDatabase

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'spool-media-index-'))
    database = openDatabase({ kind: 'sqlite', file: join(dataDir, 'spool.db') })
    const db = database.db
    db.prepare("INSERT INTO users (id, username, password_hash, created_at) VALUES ('u', 'u', 'x', 0)").run()
    const reel = db.prepare(
      "INSERT INTO reels (id, creator_id, status, created_at, published_at) VALUES (?, 'u', ?, 0, 1)",
    )
    const file = db.prepare('INSERT INTO reel_files (reel_id, path, size, sha256) VALUES (?, ?, ?, ?)')
    reel.run(A, 'published')
    file.run(A, 'master.m3u8', 120, sha(1))
    file.run(A, '720p/seg000.m4s', 90_000, sha(2))
    reel.run(B, 'removed')
    file.run(B, 'master.m3u8', 120, sha(3))
    reel.run(C, 'processing')
  })
  afterEach(() => {
    database.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('gives a published file its size, strong ETag and headers by type', () => {
    const index = createMediaIndex(database.db)
    const segment = index.lookup(A, '720p/seg000.m4s')
    expect(segment).toMatchObject({ size: 90_000, sha256: sha(2), etag: `"${sha(2)}"` })
    const headers = (segment as ServedFile).headers
    expect(headers).toEqual([
      'content-type',
      'video/iso.segment',
      'cache-control',
      'public, max-age=31536000, immutable',
      'etag',
      `"${sha(2)}"`,
      'accept-ranges',
      'bytes',
      'x-content-type-options',
      'nosniff',
    ])
    const playlist = index.lookup(A, 'master.m3u8') as ServedFile
    expect(playlist.headers.slice(0, 4)).toEqual([
      'content-type',
      'application/vnd.apple.mpegurl',
      'cache-control',
      'public, max-age=10',
    ])
  })

  it('says removed for a removed reel and nothing for unknown, unpublished reels and files', () => {
    const index = createMediaIndex(database.db)
    expect(index.lookup(B, 'master.m3u8')).toBe('removed')
    expect(index.lookup(C, 'master.m3u8')).toBeUndefined()
    expect(index.lookup('01JD8Z7Q3X4Y5Z6A7B8C9D0E1D', 'master.m3u8')).toBeUndefined()
    expect(index.lookup(A, 'manifest.json')).toBeUndefined()
  })

  it('stops serving a reel removed through the media tree before its folder moves', async () => {
    const index = createMediaIndex(database.db)
    const tree = createMediaTree(database.db, dataDir)
    await tree.init()
    mkdirSync(join(dataDir, 'media', A))
    const seen: unknown[] = []
    tree.onStatusChange((reelId, status) => {
      index.forget(reelId)
      seen.push(index.lookup(reelId, 'master.m3u8'), status)
    })
    expect(index.lookup(A, 'master.m3u8')).toMatchObject({ size: 120 })
    expect(await tree.remove(A)).toBe(true)
    expect(seen).toEqual(['removed', 'removed'])
    expect(index.lookup(A, 'master.m3u8')).toBe('removed')
    expect(await tree.restore(A)).toBe(true)
    expect(index.lookup(A, 'master.m3u8')).toMatchObject({ size: 120 })
  })

  it('drops what it knows when another connection writes the database', () => {
    const index = createMediaIndex(database.db)
    expect(index.lookup(A, 'master.m3u8')).toMatchObject({ size: 120 })
    // The same connection's own writes do not count: they go through media-tree.ts.
    database.db.prepare(`UPDATE reels SET status = 'removed' WHERE id = ?`).run(A)
    expect(index.lookup(A, 'master.m3u8')).toMatchObject({ size: 120 })
    database.db.prepare(`UPDATE reels SET status = 'published' WHERE id = ?`).run(A)

    const other = new Database(join(dataDir, 'spool.db'))
    try {
      other.prepare(`UPDATE reels SET status = 'removed' WHERE id = ?`).run(A)
    } finally {
      other.close()
    }
    expect(index.lookup(A, 'master.m3u8')).toBe('removed')
  })

  it('keeps at most the given number of reels, the least recently asked for leaving first', () => {
    const index = createMediaIndex(database.db, 1)
    expect(index.lookup(A, 'master.m3u8')).toMatchObject({ size: 120 })
    database.db.prepare(`UPDATE reels SET status = 'published' WHERE id = ?`).run(B)
    // B was never looked up as published, so it is loaded now and A is pushed out.
    expect(index.lookup(B, 'master.m3u8')).toMatchObject({ size: 120 })
    database.db.prepare(`UPDATE reels SET status = 'removed' WHERE id = ?`).run(A)
    expect(index.lookup(A, 'master.m3u8')).toBe('removed')
    // B stayed: its own-connection status change is not seen until it is forgotten.
    database.db.prepare(`UPDATE reels SET status = 'removed' WHERE id = ?`).run(B)
    expect(index.lookup(B, 'master.m3u8')).toMatchObject({ size: 120 })
  })
})
