// Opens the studio core's SQLite database in its data dir and brings its schema up to date.
// A database written by a newer Spool is refused (DatabaseTooNewError) instead of guessed at.
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { configure, loadMigrations, migrate } from '../../shared/node/sqlite-migrations'

export const DB_FILE_NAME = 'studio.sqlite'

/**
 * Beside this module in the source tree. Bundled builds cannot rely on that (the SQL files are not
 * bundled), so Electron main passes the folder it ships explicitly.
 */
export const defaultMigrationsDir = fileURLToPath(new URL('./migrations', import.meta.url))

export interface StudioDb {
  db: Database.Database
  schemaVersion: number
  close(): void
}

export function openStudioDb(options: { dataDir: string; migrationsDir?: string }): StudioDb {
  mkdirSync(options.dataDir, { recursive: true })
  const migrations = loadMigrations(options.migrationsDir ?? defaultMigrationsDir)
  const db = configure(new Database(join(options.dataDir, DB_FILE_NAME)))
  try {
    const schemaVersion = migrate(db, migrations, 'studio')
    return { db, schemaVersion, close: () => db.close() }
  } catch (error) {
    db.close()
    throw error
  }
}
