// The feed benchmarks' data set: 100k published reels, 10k viewers with history (views, likes,
// comments, follows), seeded straight into the database in bulk, in one transaction, after the
// migrations (triggers included) ran as on a real server. SPOOL_BENCH_DATA_DIR keeps the seeded
// database for the next run (seeding takes minutes); later migrations apply when it is reopened.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hashToken } from '../../server/src/accounts/sessions'
import { openDatabase } from '../../server/src/db'

export const REELS = Number(process.env.SPOOL_BENCH_REELS ?? 100_000)
export const USERS = Number(process.env.SPOOL_BENCH_USERS ?? 10_000)
const CREATORS = Math.min(2_000, USERS)
const TOPICS = 300
const NOW = Date.now()
const DAY = 24 * 3600_000

export const userId = (i: number) => `user${String(i).padStart(6, '0')}`
// 26 characters like a ULID (the engagement routes want one; the feed only needs them unique).
const reelId = (i: number) => `01BENCH${String(i).padStart(19, '0')}`
export const tokenOf = (i: number) => `bench-token-${String(i).padStart(8, '0')}-xxxxxxxxxx`

/** Seeds (or keeps) the data set; answers its data directory and whether the caller must remove it. */
export function feedCatalogue(): { dataDir: string; temporary: boolean } {
  const keptDir = process.env.SPOOL_BENCH_DATA_DIR
  const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), 'spool-feed-bench-'))
  const seeding = performance.now()
  if (keptDir === undefined || !existsSync(join(keptDir, 'spool.db'))) {
    mkdirSync(dataDir, { recursive: true })
    seed(join(dataDir, 'spool.db'))
  }
  console.log(
    `seeded (or kept) ${REELS} reels, ${USERS} users in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  )
  return { dataDir, temporary: keptDir === undefined }
}

function seed(file: string): void {
  let state = 7
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
  const int = (n: number) => Math.floor(random() * n)
  const { db, close } = openDatabase({ kind: 'sqlite', file })
  const insert = {
    user: db.prepare("INSERT INTO users (id, username, password_hash, created_at) VALUES (?, ?, 'x', 0)"),
    session: db.prepare(
      "INSERT INTO sessions (token_hash, user_id, kind, created_at, last_used_at, expires_at) VALUES (?, ?, 'bearer', ?, ?, ?)",
    ),
    reel: db.prepare(
      `INSERT INTO reels (id, creator_id, status, caption, duration_ms, created_at, published_at, sound_title)
       VALUES (?, ?, 'published', ?, 15000, ?, ?, 'Original sound')`,
    ),
    tag: db.prepare('INSERT OR IGNORE INTO reel_hashtags (reel_id, tag) VALUES (?, ?)'),
    view: db.prepare(
      'INSERT INTO view_events (reel_id, viewer_key, user_id, watched_ms, completed, counted, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    like: db.prepare('INSERT OR IGNORE INTO reel_likes (reel_id, user_id, created_at) VALUES (?, ?, ?)'),
    comment: db.prepare(
      'INSERT INTO comments (id, reel_id, user_id, text, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    follow: db.prepare(
      'INSERT OR IGNORE INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?)',
    ),
  }
  db.transaction(() => {
    for (let i = 0; i < USERS; i++) {
      insert.user.run(userId(i), userId(i))
      insert.session.run(hashToken(tokenOf(i)), userId(i), NOW, NOW, NOW + 30 * DAY)
    }
    for (let i = 0; i < REELS; i++) {
      // Ids grow with time, as ULIDs do (feed-sources.ts relies on it).
      const at = NOW - Math.floor(((REELS - i) / REELS) * 30 * DAY)
      const topic = int(TOPICS)
      insert.reel.run(reelId(i), userId(int(CREATORS)), `Reel ${i} about #topic${topic}`, at, at)
      insert.tag.run(reelId(i), `topic${topic}`)
      if (random() < 0.3) insert.tag.run(reelId(i), `topic${int(TOPICS)}`)
    }
    let comments = 0
    for (let u = 0; u < USERS; u++) {
      for (let k = 0; k < 50; k++) {
        const reel = reelId(int(REELS))
        const watched = int(15_000)
        const at = NOW - int(7 * DAY)
        insert.view.run(
          reel,
          `u:${userId(u)}`,
          userId(u),
          watched,
          watched > 14_000 ? 1 : 0,
          watched >= 3000 ? 1 : 0,
          at,
        )
        if (random() < 0.2) insert.like.run(reel, userId(u), at)
        if (random() < 0.02) insert.comment.run(`c${comments++}`, reel, userId(u), 'nice', at)
      }
      for (let k = 0; k < 20; k++) {
        const creator = int(CREATORS)
        if (creator !== u) insert.follow.run(userId(u), userId(creator), NOW)
      }
    }
  })()
  db.pragma('optimize')
  close()
}
