// tus-js-client's UrlStorage (fingerprint → upload URL) in the core's SQLite, so an interrupted
// upload — pause, crash, quit — finds its upload URL again and resumes from the server's offset.
import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { PreviousUpload, UrlStorage } from 'tus-js-client'

export function sqliteUrlStorage(
  db: Database.Database,
): UrlStorage & { removeFingerprint(fp: string): void } {
  const byFingerprint = db.prepare<[string], { storage_key: string; upload: string }>(
    'SELECT storage_key, upload FROM tus_urls WHERE fingerprint = ? ORDER BY created_at DESC',
  )
  const all = db.prepare<[], { storage_key: string; upload: string }>(
    'SELECT storage_key, upload FROM tus_urls ORDER BY created_at DESC',
  )
  const insert = db.prepare<[string, string, string, string]>(
    'INSERT INTO tus_urls (storage_key, fingerprint, upload, created_at) VALUES (?, ?, ?, ?)',
  )
  const removeKey = db.prepare<[string]>('DELETE FROM tus_urls WHERE storage_key = ?')
  const removeFp = db.prepare<[string]>('DELETE FROM tus_urls WHERE fingerprint = ?')

  const toPrevious = (row: { storage_key: string; upload: string }): PreviousUpload => ({
    ...(JSON.parse(row.upload) as PreviousUpload),
    urlStorageKey: row.storage_key,
  })

  return {
    findAllUploads: async () => all.all().map(toPrevious),
    findUploadsByFingerprint: async (fingerprint) => byFingerprint.all(fingerprint).map(toPrevious),
    removeUpload: async (key) => void removeKey.run(key),
    addUpload: async (fingerprint, upload) => {
      const key = `tus::${fingerprint}::${randomUUID()}`
      insert.run(key, fingerprint, JSON.stringify(upload), new Date().toISOString())
      return key
    },
    removeFingerprint: (fingerprint) => void removeFp.run(fingerprint),
  }
}
