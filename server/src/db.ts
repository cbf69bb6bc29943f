// The server's database. SQLite in the data directory is the embedded default; PostgreSQL is the
// scale-out option and is not built yet, so asking for it fails loudly instead of falling back.
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { configure, loadMigrations, migrate } from '../../shared/node/sqlite-migrations'
import type { DatabaseConfig } from './config'

export { DatabaseTooNewError } from '../../shared/node/sqlite-migrations'

export const defaultMigrationsDir = fileURLToPath(new URL('../migrations', import.meta.url))

export class UnsupportedDatabaseError extends Error {
  override name = 'UnsupportedDatabaseError'
}

export interface ServerDatabase {
  db: Database.Database
  schemaVersion: number
  /** Checkpoints the WAL into the main file and closes; safe to call twice. */
  close(): void
}

export function openDatabase(
  config: DatabaseConfig,
  options: { migrationsDir?: string } = {},
): ServerDatabase {
  if (config.kind === 'postgres') {
    throw new UnsupportedDatabaseError(
      'PostgreSQL support is not built yet: unset SPOOL_DATABASE_URL (or --database-url) to use the embedded SQLite database.',
    )
  }
  mkdirSync(dirname(config.file), { recursive: true })
  const db = configure(new Database(config.file))
  let schemaVersion: number
  try {
    schemaVersion = migrate(db, loadMigrations(options.migrationsDir ?? defaultMigrationsDir), 'server')
  } catch (error) {
    db.close()
    throw error
  }
  return {
    db,
    schemaVersion,
    close() {
      if (!db.open) return
      // TRUNCATE leaves an empty -wal file even if SQLite keeps it; closing the last connection
      // then removes it, so a stopped server leaves one self-contained file behind.
      db.pragma('wal_checkpoint(TRUNCATE)')
      db.close()
    },
  }
}
