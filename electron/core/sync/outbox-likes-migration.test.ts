// Migration 0007 rebuilds the outbox to take likes: what waited before it must still wait, with its
// id, and ids already handed out are never handed out again.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { configure, loadMigrations, migrate } from '../../../shared/node/sqlite-migrations'
import { defaultMigrationsDir } from '../db'

const migrations = loadMigrations(defaultMigrationsDir)
const LIKES_VERSION = migrations.findIndex((migration) => migration.name === 'reel-likes') + 1
let db: Database.Database

afterEach(() => db?.close())

const insertRow = (key: string, kind: string, reelId?: string) =>
  db
    .prepare(
      `INSERT INTO outbox (server_url, username, idempotency_key, kind, method, path, body, summary, created_at
         ${reelId ? ', reel_id' : ''})
       VALUES ('http://s', 'maya', ?, ?, 'POST', '/api/x', NULL, 'x', '2026-01-01T00:00:00.000Z'
         ${reelId ? ', ?' : ''})`,
    )
    .run(...(reelId ? [key, kind, reelId] : [key, kind]))

describe('migration 0007 (likes in the outbox)', () => {
  it('keeps waiting writes and their ids, and never reuses an id', () => {
    expect(LIKES_VERSION).toBeGreaterThan(6)
    db = configure(new Database(':memory:'))
    migrate(db, migrations.slice(0, LIKES_VERSION - 1), 'studio')
    insertRow('k1', 'reply')
    insertRow('k2', 'delete-comment')
    insertRow('k3', 'reply')
    // The newest id was handed out, then its row went (a dismissed write).
    db.prepare(`DELETE FROM outbox WHERE idempotency_key = 'k3'`).run()

    migrate(db, migrations, 'studio')
    const rows = db.prepare('SELECT id, idempotency_key AS key, kind, reel_id FROM outbox ORDER BY id').all()
    expect(rows).toEqual([
      { id: 1, key: 'k1', kind: 'reply', reel_id: null },
      { id: 2, key: 'k2', kind: 'delete-comment', reel_id: null },
    ])
    expect(Number(insertRow('k4', 'like', '01J0000000000000000000000A').lastInsertRowid)).toBe(4)
  })

  it('refuses a like without its reel, and a reel on a kind that has none', () => {
    db = configure(new Database(':memory:'))
    migrate(db, migrations, 'studio')
    expect(() => insertRow('k1', 'like')).toThrow(/CHECK/)
    expect(() => insertRow('k2', 'reply', '01J0000000000000000000000A')).toThrow(/CHECK/)
    expect(() => insertRow('k3', 'share', '01J0000000000000000000000A')).toThrow(/CHECK/)
  })
})
