// The ranked feed over a real SQLite database with the server's migrations: cursor stability while
// reels and engagement arrive, no repeats across snapshots, seen reels left out, bad cursors.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { configure, loadMigrations, migrate } from '../../../shared/node/sqlite-migrations'
import { defaultMigrationsDir } from '../db'
import { BadFeedCursorError } from './feed-snapshots'
import { createRankedFeed } from './ranked-feed'
import { createTrending } from './trending'

const START = Date.UTC(2026, 0, 10)

function catalogue(reels: number) {
  const db = configure(new Database(':memory:'))
  migrate(db, loadMigrations(defaultMigrationsDir), 'server')
  const clock = { now: START }
  const user = db.prepare("INSERT INTO users (id, username, password_hash, created_at) VALUES (?, ?, 'x', 0)")
  for (let i = 0; i < 20; i++) user.run(`c${i}`, `creator${i}`)
  user.run('viewer', 'viewer')
  user.run('other', 'other')
  const reel = db.prepare(
    `INSERT INTO reels (id, creator_id, status, caption, duration_ms, created_at, published_at)
     VALUES (?, ?, 'published', '', 10000, ?, ?)`,
  )
  const tag = db.prepare('INSERT INTO reel_hashtags (reel_id, tag) VALUES (?, ?)')
  const publish = (id: string, creator: string, at: number, tags: string[]) => {
    reel.run(id, creator, at, at)
    for (const t of tags) tag.run(id, t)
  }
  for (let i = 0; i < reels; i++) {
    publish(`r${String(i).padStart(4, '0')}`, `c${i % 20}`, START - i * 60_000, [`topic${i % 7}`])
  }
  const view = db.prepare(
    `INSERT INTO view_events (reel_id, viewer_key, user_id, watched_ms, completed, counted, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const like = db.prepare('INSERT OR IGNORE INTO reel_likes (reel_id, user_id, created_at) VALUES (?, ?, ?)')
  const trending = createTrending(db, { now: () => clock.now, maxAgeMs: 0 })
  const feed = createRankedFeed(db, trending, () => clock.now)
  return { db, clock, feed, publish, view, like }
}

function pageThrough(
  feed: ReturnType<typeof catalogue>['feed'],
  userId: string | null,
  pages: number,
  between?: (i: number) => void,
) {
  const ids: string[] = []
  let cursor: string | undefined
  for (let i = 0; i < pages; i++) {
    const page = feed(userId, { cursor, limit: 10 })
    ids.push(...page.rows.map((r) => r.id))
    if (!page.nextCursor) break
    cursor = page.nextCursor
    between?.(i)
  }
  return ids
}

describe('ranked feed', () => {
  it('pages one ranking without repeats while new reels and engagement arrive', () => {
    const { feed, clock, publish, like } = catalogue(300)
    const reference = pageThrough(catalogue(300).feed, 'viewer', 10)
    let n = 0
    const ids = pageThrough(feed, 'viewer', 10, (i) => {
      clock.now += 1000
      publish(`new${i}`, 'c3', clock.now, ['topic1'])
      // Heavy engagement on a reel further down would move it up a fresh ranking.
      for (let u = 0; u < 20; u++) like.run('r0250', `c${u}`, clock.now + n++)
    })
    expect(ids).toHaveLength(100)
    expect(new Set(ids).size).toBe(100)
    // The first snapshot (100 reels) was ranked before anything changed: same pages as a feed
    // that saw no changes at all.
    expect(ids).toEqual(reference)
    expect(ids.some((id) => id.startsWith('new'))).toBe(false)
  })

  it('continues past a snapshot with reels the session has not had yet', () => {
    const { feed } = catalogue(260)
    const ids = pageThrough(feed, null, 40)
    expect(new Set(ids).size).toBe(ids.length)
    // Anonymous viewers draw on fresh + trending; each continuation offers deeper fresh reels.
    expect(ids.length).toBe(260)
  })

  it('does not show reels the viewer has seen, and learns from what they watched through', () => {
    const { feed, view } = catalogue(250)
    for (let i = 0; i < 30; i++) {
      const id = `r${String(i * 7 + 3).padStart(4, '0')}` // all topic3
      view.run(id, 'u:viewer', 'viewer', 10_000, 1, 1, START)
    }
    const seen = new Set(Array.from({ length: 30 }, (_, i) => `r${String(i * 7 + 3).padStart(4, '0')}`))
    const page = feed('viewer', { limit: 20 })
    expect(page.rows.some((r) => seen.has(r.id))).toBe(false)
    // topic3 reels lead despite being no newer (diversity caps them at 3 per 10).
    const topic3 = page.rows.filter((r) => Number(r.id.slice(1)) % 7 === 3).length
    expect(topic3).toBe(6)
    // The watched reels now have good numbers, so they lead everybody's feed; unseen reels of the
    // same topic do not lead a feed that knows nothing of this viewer.
    const anonymous = feed(null, { limit: 20 }).rows.filter(
      (r) => Number(r.id.slice(1)) % 7 === 3 && !seen.has(r.id),
    )
    expect(anonymous.length).toBeLessThan(topic3)
  })

  it('leaves out at serve time what the viewer hid after the ranking, and keeps pages full', () => {
    const { db, feed } = catalogue(300)
    const first = feed('viewer', { limit: 10 })
    const hiddenCreator = 'c4'
    db.prepare('INSERT INTO hidden_creators (user_id, creator_id, created_at) VALUES (?, ?, 0)').run(
      'viewer',
      hiddenCreator,
    )
    const creatorOf = (id: string) => `c${Number(id.slice(1)) % 20}`
    const servedFirst = new Set(first.rows.map((r) => r.id))
    // Reels the viewer has not been served yet, from creators they did not hide.
    const [unwanted, removed] = Array.from(
      { length: 300 },
      (_, i) => `r${String(i).padStart(4, '0')}`,
    ).filter((id) => !servedFirst.has(id) && creatorOf(id) !== hiddenCreator)
    db.prepare('INSERT INTO not_interested (user_id, reel_id, created_at) VALUES (?, ?, 0)').run(
      'viewer',
      unwanted,
    )
    db.prepare("UPDATE reels SET status = 'removed' WHERE id = ?").run(removed)
    const again = feed('viewer', { cursor: first.nextCursor!, limit: 10 })
    // The same cursor answers the same page: offsets still index the stored ranking.
    expect(feed('viewer', { cursor: first.nextCursor!, limit: 10 })).toEqual(again)
    expect(again.rows).toHaveLength(10)
    const served = again.rows.map((r) => r.id)
    let cursor = again.nextCursor
    while (cursor && served.length < 400) {
      const page = feed('viewer', { cursor, limit: 10 })
      // Topped up from further down the snapshot and then the next one: only the last page is short.
      if (page.nextCursor) expect(page.rows).toHaveLength(10)
      served.push(...page.rows.map((r) => r.id))
      cursor = page.nextCursor
    }
    expect(served.filter((id) => creatorOf(id) === hiddenCreator)).toEqual([])
    expect(served).not.toContain(unwanted)
    expect(served).not.toContain(removed)
    const all = [...servedFirst, ...served]
    expect(new Set(all).size).toBe(all.length)
    // Everything else still comes: all but the hidden creator's 15 (less those served before the
    // hide), the reel the viewer did not want and the removed one.
    const hiddenServedFirst = [...servedFirst].filter((id) => creatorOf(id) === hiddenCreator).length
    expect(all.length).toBe(300 - 15 + hiddenServedFirst - 2)
  })

  it('never shows a reel again however long the history, and offers the next ones', () => {
    const { feed, view, like, publish } = catalogue(10)
    // 3,000 watched reels, all newer than the 10 unseen ones; the oldest watched first.
    for (let i = 0; i < 3_000; i++) {
      const id = `w${String(i).padStart(4, '0')}`
      publish(id, `c${i % 20}`, START + 60_000 + i * 1_000, [`topic${i % 7}`])
      view.run(id, 'u:viewer', 'viewer', 10_000, 1, 1, START - 3_000 + i)
    }
    like.run('r0003', 'viewer', START) // liked through a link, never reported as watched
    const ids = pageThrough(feed, 'viewer', 10)
    expect(ids.filter((id) => id.startsWith('w'))).toEqual([])
    expect(ids).not.toContain('r0003')
    // The viewer's favourite topics' older reels come instead (affinity reaches past the seen).
    expect(ids.length).toBeGreaterThanOrEqual(5)
  })

  it('refuses a garbage cursor and one that belongs to another viewer', () => {
    const { feed } = catalogue(30)
    expect(() => feed('viewer', { cursor: 'nope', limit: 10 })).toThrow(BadFeedCursorError)
    const mine = feed('viewer', { limit: 10 }).nextCursor!
    expect(() => feed('other', { cursor: mine, limit: 10 })).toThrow(BadFeedCursorError)
    expect(() => feed(null, { cursor: mine, limit: 10 })).toThrow(BadFeedCursorError)
  })

  it('carries counts that match the engagement rows', () => {
    const { feed, view, like } = catalogue(5)
    view.run('r0001', 's:anon', null, 10_000, 1, 1, START)
    view.run('r0001', 's:anon2', null, 500, 0, 0, START)
    like.run('r0001', 'viewer', START)
    const row = feed(null, { limit: 10 }).rows.find((r) => r.id === 'r0001')!
    expect(row).toMatchObject({ views: 1, likes: 1, comments: 0, shares: 0 })
  })
})
