// Where live documents are kept: one row per accepted Yjs update (sync_updates, 0006-sync.sql).
// Appending is cheap and never rewrites a document; past `compactAfter` rows the rows are
// replaced by one snapshot in a transaction — when a document loads, and by the hub for a
// document that stays in memory for days — so storage and load time stay flat.
import type Database from 'better-sqlite3'
import * as Y from 'yjs'

export interface LoadedUpdates {
  /** The document's state as one update (empty document: an empty update). */
  update: Uint8Array
  /** Bytes stored for the document after any compaction (drafts are capped on this). */
  storedBytes: number
  /** Rows stored for the document after this load. */
  rows: number
}

export function createDocStore(db: Database.Database, options: { compactAfter: number }, now = Date.now) {
  const select = db.prepare<[string], { id: number; data: Buffer }>(
    'SELECT id, update_data AS data FROM sync_updates WHERE doc_name = ? ORDER BY id',
  )
  const insert = db.prepare('INSERT INTO sync_updates (doc_name, update_data, created_at) VALUES (?, ?, ?)')
  const removeAll = db.prepare('DELETE FROM sync_updates WHERE doc_name = ?')

  const replace = db.transaction((name: string, snapshot: Uint8Array) => {
    removeAll.run(name)
    insert.run(name, snapshot, now())
  })

  const load = db.transaction((name: string): LoadedUpdates => {
    const rows = select.all(name)
    const merged = rows.length === 0 ? new Uint8Array([0, 0]) : Y.mergeUpdates(rows.map((r) => r.data))
    if (rows.length <= options.compactAfter) {
      const storedBytes = rows.reduce((sum, r) => sum + r.data.length, 0)
      return { update: merged, storedBytes, rows: rows.length }
    }
    // Through a Y.Doc rather than the merged update: the doc garbage-collects deleted content,
    // so overwritten counts and removed comments stop taking space.
    const doc = new Y.Doc()
    Y.applyUpdate(doc, merged)
    const snapshot = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    replace(name, snapshot)
    return { update: snapshot, storedBytes: snapshot.length, rows: 1 }
  })

  return {
    load,
    append(name: string, update: Uint8Array): void {
      insert.run(name, update, now())
    },
    /** Replaces every stored row of a document with one snapshot of its whole state. */
    replace,
    compactAfter: options.compactAfter,
  }
}

export type DocStore = ReturnType<typeof createDocStore>
