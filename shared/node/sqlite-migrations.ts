// Numbered SQL migrations, the same habit on the studio and the server: files named
// NNNN-name.sql are applied in order, each in its own transaction, and recorded. A database that
// has migrations this code does not know was written by a newer version: we refuse to open it
// rather than guess.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'

export interface Migration {
  version: number
  name: string
  sql: string
}

const FILE_NAME = /^(\d{4})-([a-z0-9-]+)\.sql$/

export class DatabaseTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly codeVersion: number,
    what: string,
  ) {
    super(
      `The ${what} database is at schema version ${databaseVersion}, but this version of Spool only knows up to ${codeVersion}. ` +
        `It was written by a newer Spool: update Spool, or point it at another data directory.`,
    )
    this.name = 'DatabaseTooNewError'
  }
}

export function loadMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file)
      if (!match) throw new Error(`Migration file "${file}" in ${dir} is not named NNNN-name.sql`)
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(join(dir, file), 'utf8') }
    })
    .sort((a, b) => a.version - b.version)
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations in ${dir} must be numbered 0001, 0002, … without gaps (found ${migration.version})`,
      )
    }
  })
  return migrations
}

/** Applies what is missing; returns the schema version the database is now at. */
export function migrate(db: Database.Database, migrations: Migration[], what: string): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`)
  const current =
    (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) throw new DatabaseTooNewError(current, latest, what)
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  for (const migration of migrations) {
    if (migration.version <= current) continue
    db.transaction(() => {
      db.exec(migration.sql)
      record.run(migration.version, migration.name, new Date().toISOString())
    })()
  }
  return latest
}

/** Opens a better-sqlite3 database the way both programs want it: WAL, foreign keys, a busy timeout. */
export function configure(db: Database.Database): Database.Database {
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  return db
}
