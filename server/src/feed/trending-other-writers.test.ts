// Trending sees writes made by another connection to the same database file (an admin CLI, a
// second server): noticed through PRAGMA data_version on a read, rebuilt later on a timer (never
// by the read itself), at most once per minimum gap; its own writes need no rebuild.
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { configure, loadMigrations, migrate } from '../../../shared/node/sqlite-migrations'
import { defaultMigrationsDir } from '../db'
import { createTrending, type TrendingOptions } from './trending'

const dirs: string[] = []
const open: Database.Database[] = []

afterEach(() => {
  for (const db of open.splice(0)) db.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function setUp(options: TrendingOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'spool-trending-'))
  dirs.push(dir)
  const file = join(dir, 'spool.db')
  const server = configure(new Database(file))
  open.push(server)
  migrate(server, loadMigrations(defaultMigrationsDir), 'server')
  server
    .prepare("INSERT INTO users (id, username, password_hash, created_at) VALUES ('c', 'c', 'x', 0)")
    .run()
  const now = Date.now()
  for (const [id, tag] of [
    ['r1', 'cats'],
    ['r2', 'dogs'],
  ]) {
    server
      .prepare(
        `INSERT INTO reels (id, creator_id, status, caption, duration_ms, created_at, published_at)
         VALUES (?, 'c', 'published', '', 10000, ?, ?)`,
      )
      .run(id, now, now)
    server.prepare('INSERT INTO reel_hashtags (reel_id, tag) VALUES (?, ?)').run(id, tag)
  }
  const trending = createTrending(server, { maxAgeMs: 0, ...options })
  const other = configure(new Database(file))
  open.push(other)
  let n = 0
  const countedView = (db: Database.Database, reelId: string) =>
    db
      .prepare(
        `INSERT INTO view_events (reel_id, viewer_key, user_id, watched_ms, completed, counted, created_at)
         VALUES (?, ?, NULL, 5000, 0, 1, ?)`,
      )
      .run(reelId, `s:${n++}`, Date.now())
  const tags = () => trending().hashtags.map((h) => `${h.tag}:${h.reels}`)
  return { server, other, trending, countedView, tags }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe("trending and other connections' writes", () => {
  it('shows them after the rebuild delay, not on the read that noticed them', async () => {
    const { other, countedView, tags } = setUp({ rebuildAfterMs: 150, minRebuildGapMs: 0 })
    expect(tags()).toEqual([])
    countedView(other, 'r1')
    expect(tags()).toEqual([]) // noticed, not rebuilt by this read
    await sleep(400)
    expect(tags()).toEqual(['cats:1'])
    // And again for later writes.
    countedView(other, 'r2')
    countedView(other, 'r2')
    tags()
    await sleep(400)
    expect(tags()).toEqual(['dogs:1', 'cats:1'])
  })

  it('keeps its own writes without a rebuild, and spaces rebuilds out', async () => {
    const { server, other, countedView, tags } = setUp({ rebuildAfterMs: 50, minRebuildGapMs: 1_500 })
    // What the kept sums hold for a reel: its events in the window.
    const events = (reelId: string) =>
      server.prepare('SELECT events FROM temp.trending_reels WHERE reel_id = ?').pluck().get(reelId) ?? 0
    countedView(server, 'r1')
    expect(tags()).toEqual(['cats:1']) // the triggers kept it at once
    countedView(other, 'r2')
    tags()
    await sleep(300)
    expect(tags()).toEqual(['dogs:1', 'cats:1']) // the first rebuild waits only rebuildAfterMs
    expect(events('r2')).toBe(1)
    countedView(other, 'r2')
    countedView(other, 'r2')
    tags()
    await sleep(200)
    tags()
    expect(events('r2')).toBe(1) // within the gap since the last rebuild
    await sleep(1_600)
    tags()
    expect(events('r2')).toBe(3)
    expect(events('r1')).toBe(1)
  })
})
