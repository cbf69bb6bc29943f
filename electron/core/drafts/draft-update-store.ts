// The `draft_updates` table: each draft's Yjs updates, appended in order, and replaced by one
// snapshot when compacted. Knows bytes only; what they mean is draft-docs.ts's business.
import type Database from 'better-sqlite3'

export function createDraftUpdateStore(db: Database.Database) {
  const all = db.prepare<[string], { update: Buffer }>(
    'SELECT "update" FROM draft_updates WHERE reel_id = ? ORDER BY seq',
  )
  const count = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM draft_updates WHERE reel_id = ?',
  )
  const insert = db.prepare<[string, string, Buffer, string]>(
    `INSERT INTO draft_updates (reel_id, seq, "update", created_at)
     VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM draft_updates WHERE reel_id = ?), ?, ?)`,
  )
  const removeAll = db.prepare<[string]>('DELETE FROM draft_updates WHERE reel_id = ?')

  return {
    updates(reelId: string): Uint8Array[] {
      return all.all(reelId).map((row) => new Uint8Array(row.update))
    },
    count(reelId: string): number {
      return count.get(reelId)!.n
    },
    append(reelId: string, update: Uint8Array): void {
      insert.run(reelId, reelId, Buffer.from(update), new Date().toISOString())
    },
    /** One snapshot instead of every update, atomically: a crash leaves either all rows or the snapshot. */
    replaceWithSnapshot: db.transaction((reelId: string, snapshot: Uint8Array) => {
      removeAll.run(reelId)
      insert.run(reelId, reelId, Buffer.from(snapshot), new Date().toISOString())
    }),
  }
}

export type DraftUpdateStore = ReturnType<typeof createDraftUpdateStore>
