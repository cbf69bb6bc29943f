// Batched view writes on a real SQLite database with the server's migrations: written at the timer
// or the row limit, the once-per-hour rule exact while views wait, callbacks after the write, and a
// view whose reel was deleted meanwhile not taking its batch down with it.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { configure, loadMigrations, migrate } from '../../../shared/node/sqlite-migrations'
import { defaultMigrationsDir } from '../db'
import { createReelEngagementStore } from './reel-engagement-store'
import { VIEW_REPEAT_WINDOW_MS, WATCH_PAUSE_ALLOWANCE_MS } from './view-rule'

function setUp(maxDelayMs: number, maxRows = 100) {
  const db = configure(new Database(':memory:'))
  migrate(db, loadMigrations(defaultMigrationsDir), 'server')
  db.prepare("INSERT INTO users (id, username, password_hash, created_at) VALUES ('c', 'c', 'x', 0)").run()
  const reel = db.prepare(
    `INSERT INTO reels (id, creator_id, status, caption, duration_ms, created_at, published_at)
     VALUES (?, 'c', 'published', '', 10000, 0, 0)`,
  )
  reel.run('r1')
  reel.run('r2')
  const clock = { now: 10 * VIEW_REPEAT_WINDOW_MS }
  const errors: unknown[] = []
  const store = createReelEngagementStore(db, () => clock.now, {
    maxDelayMs,
    maxRows,
    onError: (error) => errors.push(error),
  })
  const stored = () => db.prepare('SELECT COUNT(*) FROM view_events').pluck().get() as number
  const reelOf = (id: string) => ({ id, creatorId: 'c', durationMs: 10_000 })
  return { db, clock, store, stored, errors, reelOf }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('batched view writes', () => {
  it('decide once per viewer per hour while the views wait, and write them in one go', () => {
    vi.useFakeTimers()
    const { clock, store, stored, reelOf } = setUp(100)
    const anna = { key: 'u:anna', userId: null }
    const answers = Array.from({ length: 10 }, () => store.recordView(reelOf('r1'), anna, 4_000))
    expect(answers.filter(Boolean)).toHaveLength(1)
    expect(store.recordView(reelOf('r2'), anna, 4_000)).toBe(true) // another reel
    expect(stored()).toBe(0)
    vi.advanceTimersByTime(100)
    expect(stored()).toBe(11)
    // Written now, and still within the hour.
    clock.now += VIEW_REPEAT_WINDOW_MS - 1
    expect(store.recordView(reelOf('r1'), anna, 4_000)).toBe(false)
    clock.now += 1
    expect(store.recordView(reelOf('r1'), anna, 4_000)).toBe(true)
    expect(store.counts('r1')).toMatchObject({ views: 2 })
  })

  it('store a long watch once, with the numbers of its last report, waiting or written', () => {
    for (const flushBetween of [false, true]) {
      const { db, clock, store, reelOf } = setUp(60_000)
      const anna = { key: 'u:anna', userId: null }
      expect(store.recordView(reelOf('r1'), anna, 3_000)).toBe(true) // counts at 3 s
      if (flushBetween) store.flushViews()
      clock.now += 9_000
      expect(store.recordView(reelOf('r1'), anna, 12_000)).toBe(false) // leaves after looping once
      store.flushViews()
      const rows = db.prepare('SELECT watched_ms, completed, counted FROM view_events').all()
      expect(rows).toEqual([{ watched_ms: 12_000, completed: 1, counted: 1 }])
      const stats = db
        .prepare("SELECT views, watches, completions FROM reel_stats WHERE reel_id = 'r1'")
        .get()
      expect(stats).toEqual({ views: 1, watches: 1, completions: 1 })
    }
  })

  it('keep separate watches apart: a rewatch, a late report, another viewer', () => {
    const { db, clock, store, reelOf } = setUp(60_000)
    const anna = { key: 'u:anna', userId: null }
    store.recordView(reelOf('r1'), anna, 3_000)
    clock.now += 5_000
    store.recordView(reelOf('r1'), anna, 8_000) // same watch
    store.recordView(reelOf('r1'), { key: 'u:ben', userId: null }, 9_000)
    clock.now += 60_000
    store.recordView(reelOf('r1'), anna, 3_000) // scrolled back: a new watch, not counted again
    store.flushViews()
    clock.now += 4_000 + WATCH_PAUSE_ALLOWANCE_MS + 1
    store.recordView(reelOf('r1'), anna, 7_000) // paused too long to be sure
    store.flushViews()
    const rows = db
      .prepare('SELECT viewer_key AS viewer, watched_ms AS watched, counted FROM view_events ORDER BY id')
      .all()
    expect(rows).toEqual([
      { viewer: 'u:anna', watched: 8_000, counted: 1 },
      { viewer: 'u:ben', watched: 9_000, counted: 1 },
      { viewer: 'u:anna', watched: 3_000, counted: 0 },
      { viewer: 'u:anna', watched: 7_000, counted: 0 },
    ])
    expect(store.counts('r1').views).toBe(2)
  })

  it('write at the row limit without waiting for the timer', () => {
    const { store, stored, reelOf } = setUp(60_000, 5)
    for (let i = 0; i < 12; i++) store.recordView(reelOf('r1'), { key: `s:${i}`, userId: null }, 4_000)
    expect(stored()).toBe(10)
    store.flushViews()
    expect(stored()).toBe(12)
  })

  it('call back once the views are written, and read counts that include them', () => {
    const { store, reelOf } = setUp(60_000)
    const seen: number[] = []
    store.recordView(reelOf('r1'), { key: 's:1', userId: null }, 4_000)
    store.afterViewsStored(() => seen.push(store.counts('r1').views))
    expect(seen).toEqual([])
    // counts() writes what waits first: a read sees every view answered before it.
    expect(store.counts('r1').views).toBe(1)
    expect(seen).toEqual([1])
    store.afterViewsStored(() => seen.push(-1)) // nothing waiting: at once
    expect(seen).toEqual([1, -1])
  })

  it('keep the other views of a batch when one reel was deleted meanwhile', () => {
    const { db, store, stored, errors, reelOf } = setUp(60_000)
    store.recordView(reelOf('r1'), { key: 's:1', userId: null }, 4_000)
    store.recordView(reelOf('r2'), { key: 's:1', userId: null }, 4_000)
    store.recordView(reelOf('r1'), { key: 's:2', userId: null }, 4_000)
    db.prepare("DELETE FROM reels WHERE id = 'r2'").run()
    store.flushViews()
    expect(stored()).toBe(2)
    expect(errors).toHaveLength(1)
    expect(String(errors[0])).toMatch(/FOREIGN KEY/)
  })

  it('write each view at once by default, failing the call as before', () => {
    const db = configure(new Database(':memory:'))
    migrate(db, loadMigrations(defaultMigrationsDir), 'server')
    const store = createReelEngagementStore(db)
    expect(() =>
      store.recordView({ id: 'gone', creatorId: 'c', durationMs: 1 }, { key: 's:1', userId: null }, 4_000),
    ).toThrow(/FOREIGN KEY/)
  })
})
