import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DatabaseTooNewError, loadMigrations } from '../../shared/node/sqlite-migrations'
import { DB_FILE_NAME, defaultMigrationsDir, openStudioDb } from './db'

// Helpers add migrations over time; the first ones are fixed history, the count is the folder's.
const shipped = loadMigrations(defaultMigrationsDir).map(({ version, name }) => ({ version, name }))
const latest = shipped.length

let dataDir: string

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'spool-core-db-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

function recorded(): { version: number; name: string }[] {
  const db = new Database(join(dataDir, DB_FILE_NAME), { readonly: true })
  try {
    return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as never
  } finally {
    db.close()
  }
}

describe('openStudioDb', () => {
  it('creates the data dir and applies the migrations once, recording them', () => {
    const nested = join(dataDir, 'not', 'yet', 'there')
    dataDir = nested
    const store = openStudioDb({ dataDir: nested })
    expect(store.schemaVersion).toBe(latest)
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    store.db
      .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('theme', '\"light\"', 'now')")
      .run()
    store.close()
    expect(recorded()).toEqual(shipped)
    expect(recorded().slice(0, 6)).toEqual([
      { version: 1, name: 'init' },
      { version: 2, name: 'library' },
      { version: 3, name: 'encode' },
      { version: 4, name: 'uploads' },
      { version: 5, name: 'drafts' },
      { version: 6, name: 'live-sync' },
    ])
  })

  it('reopens idempotently: nothing re-applied, data kept', () => {
    openStudioDb({ dataDir }).close()
    const first = openStudioDb({ dataDir })
    first.db
      .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('theme', '\"light\"', 'now')")
      .run()
    first.close()
    const again = openStudioDb({ dataDir })
    expect(again.schemaVersion).toBe(latest)
    expect(again.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('theme')).toBe('"light"')
    again.close()
    expect(recorded()).toHaveLength(latest)
  })

  it('applies a new migration from an overridden migrations dir on the next open', () => {
    openStudioDb({ dataDir }).close()
    const migrationsDir = join(dataDir, 'migrations')
    cpSync(defaultMigrationsDir, migrationsDir, { recursive: true })
    const next = String(latest + 1).padStart(4, '0')
    writeFileSync(join(migrationsDir, `${next}-extra.sql`), 'CREATE TABLE extra (id TEXT PRIMARY KEY);')
    const store = openStudioDb({ dataDir, migrationsDir })
    expect(store.schemaVersion).toBe(latest + 1)
    store.close()
    expect(recorded().map((m) => m.name)).toEqual([...shipped.map((m) => m.name), 'extra'])
  })

  it('refuses a database written by a newer Spool, with a message saying what to do', () => {
    openStudioDb({ dataDir }).close()
    const db = new Database(join(dataDir, DB_FILE_NAME))
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')").run()
    db.close()
    let error: unknown
    try {
      openStudioDb({ dataDir })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(DatabaseTooNewError)
    expect((error as Error).message).toContain('schema version 999')
    expect((error as Error).message).toContain('update Spool, or point it at another data directory')
    // The refused database is closed again, not left locked: it can still be deleted or inspected.
    expect(() => rmSync(join(dataDir, DB_FILE_NAME))).not.toThrow()
  })

  it('rejects a settings value that is not JSON at the database level', () => {
    const store = openStudioDb({ dataDir })
    expect(() =>
      store.db
        .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('theme', 'light', 'now')")
        .run(),
    ).toThrow(/CHECK constraint failed/)
    store.close()
  })
})
