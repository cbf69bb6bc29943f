// The kept trending sums against a recount from the events: random engagement (added, deleted,
// backdated, counted or not), reels unpublished, republished and deleted, hashtags changed and a
// clock that moves on (and once back), on a real SQLite database with the server's migrations.
// After every step the lists must equal what scanning the window's events gives.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { configure, loadMigrations, migrate } from '../../../shared/node/sqlite-migrations'
import { defaultMigrationsDir } from '../db'
import { createTrending, type Trending } from './trending'
import { feedWeights } from './weights'

const HOUR = 3600_000
const START = Date.UTC(2026, 0, 10)

/** Trending as a full scan of the window computes it: the reference the kept sums must match. */
function recount(db: Database.Database, at: number): Trending {
  const w = feedWeights.trending
  const heat = db
    .prepare<object, { reelId: string; heat: number; soundId: string }>(
      `SELECT t.reel_id AS reelId, t.heat, COALESCE(r.sound_source_reel_id, r.id) AS soundId FROM (
         SELECT reel_id, SUM(weight * pow(0.5, (:now - at) / :halfLife)) AS heat FROM (
           SELECT reel_id, ${w.view} AS weight, created_at AS at FROM view_events WHERE created_at > :since AND counted = 1
           UNION ALL SELECT reel_id, ${w.like}, created_at FROM reel_likes WHERE created_at > :since
           UNION ALL SELECT reel_id, ${w.comment}, created_at FROM comments WHERE created_at > :since
           UNION ALL SELECT reel_id, ${w.share}, created_at FROM reel_shares WHERE created_at > :since
         ) GROUP BY reel_id
       ) t JOIN reels r ON r.id = t.reel_id WHERE r.status = 'published' ORDER BY t.heat DESC`,
    )
    .all({ now: at, since: at - w.windowHours * HOUR, halfLife: w.halfLifeHours * HOUR })
  const tags = new Map<string, { reels: number; score: number }>()
  const sounds = new Map<string, { reels: number; score: number }>()
  const tagsOf = db.prepare<[string], string>('SELECT tag FROM reel_hashtags WHERE reel_id = ?').pluck()
  const published = db.prepare<[string], { title: string | null }>(
    "SELECT sound_title AS title FROM reels WHERE id = ? AND status = 'published'",
  )
  const add = (map: typeof tags, key: string, value: number) => {
    const entry = map.get(key) ?? { reels: 0, score: 0 }
    map.set(key, { reels: entry.reels + 1, score: entry.score + value })
  }
  for (const row of heat) {
    for (const tag of tagsOf.all(row.reelId)) add(tags, tag, row.heat)
    if (published.get(row.soundId)) add(sounds, row.soundId, row.heat)
  }
  return {
    reelIds: heat.slice(0, feedWeights.candidates.trending).map((row) => row.reelId),
    hashtags: [...tags]
      .map(([tag, v]) => ({ tag, ...v }))
      .sort((a, b) => b.score - a.score || (a.tag < b.tag ? -1 : 1))
      .slice(0, w.limit),
    sounds: [...sounds]
      .map(([id, v]) => ({ sourceReelId: id, title: published.get(id)?.title ?? '', ...v }))
      .sort((a, b) => b.score - a.score || (a.sourceReelId < b.sourceReelId ? -1 : 1))
      .slice(0, w.limit),
  }
}

function expectSame(actual: Trending, expected: Trending): void {
  expect(actual.reelIds).toEqual(expected.reelIds)
  const rounded = <T extends { score: number }>(list: T[]) =>
    list.map((item) => ({ ...item, score: Number(item.score.toPrecision(9)) }))
  expect(rounded(actual.hashtags)).toEqual(rounded(expected.hashtags))
  expect(rounded(actual.sounds)).toEqual(rounded(expected.sounds))
}

function world() {
  const db = configure(new Database(':memory:'))
  migrate(db, loadMigrations(defaultMigrationsDir), 'server')
  const clock = { now: START }
  let seed = 11
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
    return seed / 4294967296
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const user = db.prepare("INSERT INTO users (id, username, password_hash, created_at) VALUES (?, ?, 'x', 0)")
  const users = Array.from({ length: 12 }, (_, i) => `u${i}`)
  for (const id of users) user.run(id, id)
  const insertReel = db.prepare(
    `INSERT INTO reels (id, creator_id, status, caption, duration_ms, created_at, published_at, sound_title, sound_source_reel_id)
     VALUES (?, ?, 'published', '', 10000, 0, 0, ?, ?)`,
  )
  const tag = db.prepare('INSERT OR IGNORE INTO reel_hashtags (reel_id, tag) VALUES (?, ?)')
  const reels: string[] = []
  for (let i = 0; i < 40; i++) {
    const id = `r${String(i).padStart(3, '0')}`
    // Every fourth reel reuses the sound of one of the first four.
    const source = i >= 4 && i % 4 === 0 ? `r00${i % 3}` : null
    insertReel.run(id, pick(users), source ? null : 'Original sound', source)
    tag.run(id, `t${i % 9}`)
    if (random() < 0.4) tag.run(id, `t${Math.floor(random() * 9)}`)
    reels.push(id)
  }
  return { db, clock, random, pick, users, reels, tag }
}

describe('kept trending sums', () => {
  it('equal a recount of the window after every kind of change', () => {
    const { db, clock, random, pick, users, reels, tag } = world()
    // Some history before the trending sums are built, including events outside the window.
    const view = db.prepare(
      `INSERT INTO view_events (reel_id, viewer_key, user_id, watched_ms, completed, counted, created_at)
       VALUES (?, ?, NULL, 5000, 0, ?, ?)`,
    )
    for (let i = 0; i < 200; i++)
      view.run(pick(reels), `s:${i}`, random() < 0.7 ? 1 : 0, START - random() * 100 * HOUR)
    const trending = createTrending(db, { now: () => clock.now, maxAgeMs: 0 })
    expectSame(trending(), recount(db, clock.now))

    const like = db.prepare(
      'INSERT OR IGNORE INTO reel_likes (reel_id, user_id, created_at) VALUES (?, ?, ?)',
    )
    const comment = db.prepare(
      'INSERT INTO comments (id, reel_id, user_id, text, created_at) VALUES (?, ?, ?, ?, ?)',
    )
    const share = db.prepare('INSERT INTO reel_shares (reel_id, user_id, created_at) VALUES (?, ?, ?)')
    // When an event happens: mostly now, some backdated (even past the window), some ahead.
    const when = () => clock.now - Math.floor((random() < 0.8 ? random() * 2 : random() * 90) * HOUR) + 1
    let comments = 0
    // One row picked by the seeded generator, so that a failing run can be repeated.
    const removeOne = (table: string, key: string) => {
      const total = db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number
      db.prepare(
        `DELETE FROM ${table} WHERE ${key} = (SELECT ${key} FROM ${table} ORDER BY ${key} LIMIT 1 OFFSET ?)`,
      ).run(Math.floor(random() * total))
    }
    const steps: Array<() => void> = [
      () => view.run(pick(reels), `s:${random()}`, random() < 0.7 ? 1 : 0, when()),
      () => like.run(pick(reels), pick(users), when()),
      () => removeOne('reel_likes', 'rowid'),
      () => comment.run(`c${comments++}`, pick(reels), pick(users), 'hi', when()),
      () => removeOne('comments', 'id'),
      () => share.run(pick(reels), pick(users), when()),
      () => removeOne('view_events', 'id'),
      () =>
        db
          .prepare(
            "UPDATE reels SET status = CASE status WHEN 'published' THEN 'removed' ELSE 'published' END WHERE id = ?",
          )
          .run(pick(reels)),
      () => tag.run(pick(reels), `t${Math.floor(random() * 12)}`),
      () => removeOne('reel_hashtags', 'rowid'),
      () => (clock.now += Math.floor(random() * 6 * HOUR)),
    ]
    for (let i = 0; i < 1500; i++) {
      pick(steps)()
      if (i % 300 === 150) {
        // A hot reel deleted (its events and hashtags go by cascade), every other time one that
        // reuses a sound; sound sources stay.
        const reusing = (id: string) => Number(id.slice(1)) % 4 === 0
        const candidates = reels.slice(4).filter((id) => reusing(id) === (i % 600 === 150))
        const gone = pick(candidates)
        reels.splice(reels.indexOf(gone), 1)
        like.run(gone, pick(users), clock.now)
        expectSame(trending(), recount(db, clock.now))
        db.prepare('DELETE FROM reels WHERE id = ?').run(gone)
      }
      if (i === 900) clock.now -= 30 * HOUR // a clock set back: rebuilt from the events
      if (i % 5 === 0) expectSame(trending(), recount(db, clock.now))
    }
    expectSame(trending(), recount(db, clock.now))
    expect(trending().hashtags.length).toBeGreaterThan(3)
    // A recount after every fifth step takes a few seconds.
  }, 60_000)

  it('takes back the heat of a write that rolls back', () => {
    const { db, clock, reels } = world()
    const trending = createTrending(db, { now: () => clock.now, maxAgeMs: 0 })
    const like = db.prepare('INSERT INTO reel_likes (reel_id, user_id, created_at) VALUES (?, ?, ?)')
    expect(() =>
      db.transaction(() => {
        like.run(reels[0], 'u1', clock.now)
        throw new Error('rolled back')
      })(),
    ).toThrow('rolled back')
    expect(trending()).toEqual({ reelIds: [], hashtags: [], sounds: [] })
    like.run(reels[0], 'u1', clock.now)
    expect(trending().reelIds).toEqual([reels[0]])
  })
})
