// A sound's pages over a real SQLite database with the server's migrations: every page size gives
// the source, then its users newest first, ties broken by id, each once. The API's behaviour (and
// new reels arriving between pages) is in test/integration/server-sounds.test.ts.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { configure, loadMigrations, migrate } from '../../../shared/node/sqlite-migrations'
import { defaultMigrationsDir } from '../db'
import { createSoundReels } from './sound-reels'

function catalogue() {
  const db = configure(new Database(':memory:'))
  migrate(db, loadMigrations(defaultMigrationsDir), 'server')
  db.prepare("INSERT INTO users (id, username, password_hash, created_at) VALUES ('u', 'ana', 'x', 0)").run()
  const reel = db.prepare(
    `INSERT INTO reels (id, creator_id, status, caption, duration_ms, created_at, published_at, sound_title, sound_source_reel_id)
     VALUES (?, 'u', ?, '', 1000, ?, ?, 'Beat', ?)`,
  )
  reel.run('SOURCE', 'published', 0, 0, null)
  // 40 users of the sound, every 4th in the same millisecond as the one before; other reels between.
  for (let i = 1; i <= 120; i++) {
    const at = i - (i % 4 === 0 ? 1 : 0)
    const status = i === 60 ? 'removed' : 'published'
    reel.run(`R${String(i).padStart(3, '0')}`, status, at, at, i % 3 === 0 ? 'SOURCE' : null)
  }
  return db
}

function allIds(sounds: ReturnType<typeof createSoundReels>, limit: number): string[] {
  const ids: string[] = []
  let cursor: string | undefined
  do {
    const page = sounds.page('SOURCE', { cursor, limit })!
    ids.push(...page.rows.map((row) => row.id))
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return ids
}

describe('a sound page', () => {
  it('lists the source, then its users newest first, at any page size', () => {
    const db = catalogue()
    const sounds = createSoundReels(db)
    const expected = [
      'SOURCE',
      ...db
        .prepare<[], string>(
          `SELECT id FROM reels WHERE sound_source_reel_id = 'SOURCE' AND status = 'published'
            ORDER BY published_at DESC, id DESC`,
        )
        .pluck()
        .all(),
    ]
    expect(expected).toHaveLength(40)
    for (const limit of [1, 2, 7, 39, 40, 50]) {
      expect(allIds(sounds, limit), `limit ${limit}`).toEqual(expected)
    }
    expect(sounds.page('SOURCE', { limit: 5 })!.reels).toBe(40)
    expect(sounds.page('SOURCE', { limit: 40 })!.nextCursor).toBeNull()
  })
})
