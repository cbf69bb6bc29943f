// settings.* — user preferences, one JSON value per key in the settings table, merged over defaults.
import type Database from 'better-sqlite3'
import { settingsSchema, type Settings } from '../../../shared/rpc/contract'
import type { CoreEvents } from '../core-events'
import type { HandlerMap } from '../rpc/dispatcher'

export const defaultSettings: Settings = {
  theme: 'dark',
  serverUrl: 'http://127.0.0.1:8080',
  uploadConcurrency: 2,
  encoder: 'auto',
  notifications: true,
}

type Log = { warn(obj: unknown, msg?: string): void }

/** Reads the settings merged over the defaults; the upload queue reads its concurrency with it. */
export function settingsReader(db: Database.Database, log: Log = console): () => Settings {
  const selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings')
  return function read(): Settings {
    const settings: Record<string, unknown> = { ...defaultSettings }
    for (const row of selectAll.all()) {
      const field = settingsSchema.shape[row.key as keyof Settings]
      // Keys from a removed setting are ignored, and a value that no longer passes the contract (a
      // hand-edited db, a narrowed range) falls back to its default instead of breaking the studio.
      if (!field) continue
      const parsed = field.safeParse(JSON.parse(row.value))
      if (parsed.success) settings[row.key] = parsed.data
      else log.warn({ key: row.key }, 'stored setting is invalid; using the default')
    }
    return settings as Settings
  }
}

export function settingsHandlers(deps: { db: Database.Database; events: CoreEvents; log?: Log }): HandlerMap {
  const { db, events, log = console } = deps
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  )

  const read = settingsReader(db, log)

  const write = db.transaction((changes: Partial<Settings>) => {
    const now = new Date().toISOString()
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value), now)
    }
  })

  return {
    'settings.get': () => read(),
    'settings.set': (changes) => {
      write(changes)
      const settings = read()
      events.emit('settings.changed', settings)
      return settings
    },
  }
}
