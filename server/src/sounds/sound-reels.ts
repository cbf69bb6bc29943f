// A sound's page (GET /api/sounds/:id): the reel the sound comes from, how many published reels use
// it, and those reels — the source first, then the others newest first, paged with the same keyset
// cursor as the creator and hashtag lists, so new reels using the sound never shift later pages.
import type Database from 'better-sqlite3'
import { createReelListQuery, encodeCursor, type FeedPage, type FeedRow } from '../feed/feed-query'

export interface SoundSource {
  id: string
  status: 'processing' | 'published' | 'rejected' | 'removed'
  /** The source's own manifest sound title (what reels reusing it show). */
  title: string
  creator: string
  durationMs: number | null
}

export interface SoundPage extends FeedPage {
  /** Published reels using the sound, the source included. */
  reels: number
}

// A keyset position above every reel: the next page starts at the newest reel using the sound.
// Page 1 of one item is only the source, and its cursor has no reel of its own to point at.
const BEFORE_ALL_REELS = encodeCursor({ publishedAt: Number.MAX_SAFE_INTEGER, id: '' })

export function createSoundReels(db: Database.Database) {
  const sourceById = db.prepare<[string], SoundSource>(
    `SELECT r.id, r.status, COALESCE(r.sound_title, '') AS title, u.username AS creator,
        r.duration_ms AS durationMs
      FROM reels r JOIN users u ON u.id = r.creator_id WHERE r.id = ?`,
  )
  // `r.id <> ?`: a manifest may name its own reel as the source; it is listed once, as the source.
  // The list and the count below read reels_published_by_sound (0009): one index range, in order.
  const usersOf = createReelListQuery<[string, string]>(db, 'r.sound_source_reel_id = ? AND r.id <> ?')
  const sourceItem = createReelListQuery<[string]>(db, 'r.id = ?')
  const usersCount = db
    .prepare<[string, string], number>(
      `SELECT COUNT(*) FROM reels
        WHERE sound_source_reel_id = ? AND id <> ? AND status = 'published'`,
    )
    .pluck()

  /** The reel a sound comes from, in any state; undefined for an id no reel has. */
  function source(soundId: string): SoundSource | undefined {
    return sourceById.get(soundId)
  }

  /** A page of a published source's sound; null when the source is not (or no longer) published. */
  const page = db.transaction(
    (soundId: string, query: { cursor?: string | undefined; limit: number }): SoundPage | null => {
      const first = sourceItem([soundId], { limit: 1 }).rows[0]
      if (!first) return null
      const reels = 1 + usersCount.get(soundId, soundId)!
      const params: [string, string] = [soundId, soundId]
      if (query.cursor) return { reels, ...usersOf(params, query) }
      if (query.limit === 1) {
        const more = usersOf(params, { limit: 1 }).rows.length > 0
        return { reels, rows: [first], nextCursor: more ? BEFORE_ALL_REELS : null }
      }
      const rest = usersOf(params, { limit: query.limit - 1 })
      const rows: FeedRow[] = [first, ...rest.rows]
      return { reels, rows, nextCursor: rest.nextCursor }
    },
  )

  return { source, page }
}
