import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type ServerDatabase } from '../db'
import { createMediaTree, type MediaTree } from './media-tree'

const ids = {
  published: '01JD8Z7Q3X4Y5Z6A7B8C9D0E1A',
  removed: '01JD8Z7Q3X4Y5Z6A7B8C9D0E1B',
  processing: '01JD8Z7Q3X4Y5Z6A7B8C9D0E1C',
  unknown: '01JD8Z7Q3X4Y5Z6A7B8C9D0E1D',
}

describe('createMediaTree', () => {
  let dataDir: string
  let database: ServerDatabase
  let tree: MediaTree
  const warnings: string[] = []
  const log = { warn: (fields: object, message: string) => void warnings.push(message) }

  const media = (id: string) => join(dataDir, 'media', id)
  const removed = (id: string) => join(dataDir, 'removed', id)
  const statusOf = (id: string) =>
    database.db.prepare<[string], { status: string }>('SELECT status FROM reels WHERE id = ?').get(id)?.status
  /** A reel folder with one file whose content names where it was made. */
  function folder(path: string, content: string): void {
    mkdirSync(join(path, '720p'), { recursive: true })
    writeFileSync(join(path, '720p', 'seg000.m4s'), content)
  }
  const contentOf = (path: string) => readFileSync(join(path, '720p', 'seg000.m4s'), 'utf8')

  beforeEach(async () => {
    warnings.length = 0
    dataDir = mkdtempSync(join(tmpdir(), 'spool-media-tree-'))
    database = openDatabase({ kind: 'sqlite', file: join(dataDir, 'spool.db') })
    database.db
      .prepare("INSERT INTO users (id, username, password_hash, created_at) VALUES ('u', 'u', 'x', 0)")
      .run()
    const reel = database.db.prepare(
      "INSERT INTO reels (id, creator_id, status, created_at, published_at) VALUES (?, 'u', ?, 0, ?)",
    )
    reel.run(ids.published, 'published', 1)
    reel.run(ids.removed, 'removed', 1)
    reel.run(ids.processing, 'processing', null)
    tree = createMediaTree(database.db, dataDir, () => 42)
    await tree.init()
  })
  afterEach(() => {
    database.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('places a staged package, replacing a leftover of an earlier crash', async () => {
    folder(media(ids.processing), 'leftover')
    folder(join(dataDir, 'staging-x'), 'checked')
    await tree.placeStaged(ids.processing, join(dataDir, 'staging-x'))
    expect(contentOf(media(ids.processing))).toBe('checked')
    expect(existsSync(join(dataDir, 'staging-x'))).toBe(false)
  })

  it('removes: the database first, then the folder leaves the published tree; restore undoes it', async () => {
    folder(media(ids.published), 'bytes')
    expect(await tree.remove(ids.published)).toBe(true)
    expect(statusOf(ids.published)).toBe('removed')
    expect(database.db.prepare('SELECT removed_at FROM reels WHERE id = ?').pluck().get(ids.published)).toBe(
      42,
    )
    expect(existsSync(media(ids.published))).toBe(false)
    expect(contentOf(removed(ids.published))).toBe('bytes')
    // Only a published reel can be removed, only a removed one restored.
    expect(await tree.remove(ids.published)).toBe(false)
    expect(await tree.remove(ids.processing)).toBe(false)
    expect(await tree.restore(ids.processing)).toBe(false)
    expect(contentOf(removed(ids.published))).toBe('bytes')

    expect(await tree.restore(ids.published)).toBe(true)
    expect(statusOf(ids.published)).toBe('published')
    expect(contentOf(media(ids.published))).toBe('bytes')
    expect(existsSync(removed(ids.published))).toBe(false)
  })

  it('replaces a stale copy at the destination but never deletes the only copy', async () => {
    folder(media(ids.published), 'current')
    folder(removed(ids.published), 'stale')
    expect(await tree.remove(ids.published)).toBe(true)
    expect(contentOf(removed(ids.published))).toBe('current')
    // The folder is already gone from media/ (moved by hand, or by reconcile): nothing is lost.
    await tree.restore(ids.published)
    rmSync(media(ids.published), { recursive: true })
    folder(removed(ids.published), 'only copy')
    database.db.prepare("UPDATE reels SET status = 'published' WHERE id = ?").run(ids.published)
    expect(await tree.remove(ids.published)).toBe(true)
    expect(contentOf(removed(ids.published))).toBe('only copy')
  })

  it('reconciles the tree with the database after a crash between the two steps', async () => {
    folder(media(ids.published), 'published')
    folder(removed(ids.published), 'a restore that stopped half-way')
    rmSync(media(ids.published), { recursive: true })
    folder(media(ids.removed), 'a removal that stopped half-way')
    folder(media(ids.processing), 'a publish that stopped before its commit')
    folder(media(ids.unknown), 'no reel')
    folder(removed(ids.unknown), 'no reel either')
    writeFileSync(join(dataDir, 'media', 'not-a-reel-id'), 'junk')

    await tree.reconcile(log)

    expect(contentOf(media(ids.published))).toBe('a restore that stopped half-way')
    expect(existsSync(removed(ids.published))).toBe(false)
    expect(existsSync(media(ids.removed))).toBe(false)
    expect(contentOf(removed(ids.removed))).toBe('a removal that stopped half-way')
    for (const path of [media(ids.processing), media(ids.unknown), removed(ids.unknown)]) {
      expect(existsSync(path), path).toBe(false)
    }
    expect(existsSync(join(dataDir, 'media', 'not-a-reel-id'))).toBe(false)
    expect(warnings).toHaveLength(6)

    // A second pass has nothing to do.
    warnings.length = 0
    await tree.reconcile(log)
    expect(warnings).toEqual([])
  })
})
