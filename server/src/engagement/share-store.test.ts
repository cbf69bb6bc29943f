import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { configure, loadMigrations, migrate } from '../../../shared/node/sqlite-migrations'
import { defaultMigrationsDir } from '../db'
import { createShareStore, SHARE_REPEAT_WINDOW_MS } from './share-store'

function storeAt(start: number) {
  const db = configure(new Database(':memory:'))
  migrate(db, loadMigrations(defaultMigrationsDir), 'server')
  db.prepare("INSERT INTO users (id, username, password_hash, created_at) VALUES ('u1', 'mia', 'x', 0)").run()
  const reel = db.prepare(
    "INSERT INTO reels (id, creator_id, status, created_at, published_at) VALUES (?, 'u1', 'published', 0, 0)",
  )
  reel.run('r1')
  reel.run('r2')
  const clock = { now: start }
  return { db, clock, store: createShareStore(db, () => clock.now) }
}

describe('share store', () => {
  it('counts a signed-out session once per reel per hour', () => {
    const { clock, store } = storeAt(1_000)
    expect(store.share('r1', { sessionId: 's1' })).toBe(true)
    clock.now += SHARE_REPEAT_WINDOW_MS - 1
    expect(store.share('r1', { sessionId: 's1' })).toBe(false)
    expect(store.share('r2', { sessionId: 's1' })).toBe(true)
    expect(store.share('r1', { sessionId: 's2' })).toBe(true)
    expect(store.count('r1')).toBe(2)
    // An hour after the counted one (not after the refused one), the session counts again.
    clock.now = 1_000 + SHARE_REPEAT_WINDOW_MS
    expect(store.share('r1', { sessionId: 's1' })).toBe(true)
    expect(store.count('r1')).toBe(3)
  })

  it('counts every signed-in share, and the feed’s totals follow', () => {
    const { db, store } = storeAt(1_000)
    expect(store.share('r1', { userId: 'u1' })).toBe(true)
    expect(store.share('r1', { userId: 'u1' })).toBe(true)
    expect(store.share('r1', { sessionId: 's1' })).toBe(true)
    expect(store.count('r1')).toBe(3)
    expect(db.prepare("SELECT shares FROM reel_stats WHERE reel_id = 'r1'").pluck().get()).toBe(3)
  })
})
