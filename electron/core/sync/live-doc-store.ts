// The studio's local copy of server documents (`live_doc_updates`, `live_docs`): the updates each
// one received, in order, compacted into one snapshot on load, and when it last matched the server.
// Knows bytes only; what they mean is the reader's business (dashboard-snapshot.ts).
import type Database from 'better-sqlite3'
import * as Y from 'yjs'

/**
 * What the studio keeps of an account is keyed by "<server URL> <user id>": the same name on a
 * server whose data was reset (new user ids) is another account, whose history ours must not join.
 */
export const accountScope = (session: { serverUrl: string; userId: string }) =>
  `${session.serverUrl} ${session.userId}`

/** More rows than this are folded into one snapshot on load, as drafts do. */
export const LIVE_COMPACT_AFTER_UPDATES = 50

export function createLiveDocStore(db: Database.Database) {
  const all = db.prepare<[string, string], { update: Buffer }>(
    'SELECT "update" FROM live_doc_updates WHERE scope = ? AND doc_name = ? ORDER BY seq',
  )
  const insert = db.prepare<[string, string, string, string, Buffer, string]>(
    `INSERT INTO live_doc_updates (scope, doc_name, seq, "update", created_at)
     VALUES (?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM live_doc_updates
                    WHERE scope = ? AND doc_name = ?), ?, ?)`,
  )
  const removeAll = db.prepare<[string, string]>(
    'DELETE FROM live_doc_updates WHERE scope = ? AND doc_name = ?',
  )
  const selectSynced = db.prepare<[string, string], { synced_at: string }>(
    'SELECT synced_at FROM live_docs WHERE scope = ? AND doc_name = ?',
  )
  const upsertSynced = db.prepare<[string, string, string]>(
    `INSERT INTO live_docs (scope, doc_name, synced_at) VALUES (?, ?, ?)
     ON CONFLICT (scope, doc_name) DO UPDATE SET synced_at = excluded.synced_at`,
  )

  const removeSynced = db.prepare<[string, string]>('DELETE FROM live_docs WHERE scope = ? AND doc_name = ?')

  const append = (scope: string, name: string, update: Uint8Array) =>
    insert.run(scope, name, scope, name, Buffer.from(update), new Date().toISOString())

  const compact = db.transaction((scope: string, name: string, snapshot: Uint8Array) => {
    removeAll.run(scope, name)
    append(scope, name, snapshot)
  })

  return {
    /**
     * The stored document of this scope ("<server URL> <user id>") as one update (null: nothing
     * stored), compacting the rows when many piled up.
     */
    load(scope: string, name: string): Uint8Array | null {
      const rows = all.all(scope, name).map((row) => new Uint8Array(row.update))
      if (rows.length === 0) return null
      const merged = Y.mergeUpdates(rows)
      if (rows.length > LIVE_COMPACT_AFTER_UPDATES) compact(scope, name, merged)
      return merged
    },
    append,
    rowCount(scope: string, name: string): number {
      return all.all(scope, name).length
    },
    syncedAt(scope: string, name: string): string | null {
      return selectSynced.get(scope, name)?.synced_at ?? null
    },
    /** Forgets the copy: the server refused it (it diverged), so the next link starts from nothing. */
    clear: db.transaction((scope: string, name: string) => {
      removeAll.run(scope, name)
      removeSynced.run(scope, name)
    }),
    markSynced(scope: string, name: string, at = new Date()): string {
      const iso = at.toISOString()
      upsertSynced.run(scope, name, iso)
      return iso
    },
  }
}

export type LiveDocStore = ReturnType<typeof createLiveDocStore>
