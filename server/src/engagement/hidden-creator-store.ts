// Creators a viewer chose to hide ("Hide @creator" in the viewer app): the ranked feed leaves
// their reels out for that viewer. Their page and direct links still open — hiding is about what
// the feed pushes, not a block. Hiding oneself is refused by the route and by the table's CHECK.
import type Database from 'better-sqlite3'

export function createHiddenCreatorStore(db: Database.Database, now: () => number = Date.now) {
  const hide = db.prepare(
    'INSERT OR IGNORE INTO hidden_creators (user_id, creator_id, created_at) VALUES (?, ?, ?)',
  )
  const unhide = db.prepare('DELETE FROM hidden_creators WHERE user_id = ? AND creator_id = ?')
  const hidden = db
    .prepare<[string, string], number>('SELECT 1 FROM hidden_creators WHERE user_id = ? AND creator_id = ?')
    .pluck()

  return {
    setHidden(userId: string, creatorId: string, hiddenNow: boolean): void {
      if (hiddenNow) hide.run(userId, creatorId, now())
      else unhide.run(userId, creatorId)
    },
    isHidden(userId: string, creatorId: string): boolean {
      return hidden.get(userId, creatorId) !== undefined
    },
  }
}

export type HiddenCreatorStore = ReturnType<typeof createHiddenCreatorStore>
