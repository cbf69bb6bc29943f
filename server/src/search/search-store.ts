// GET /api/search: creators by username prefix, hashtags by prefix (both on their B-tree indexes)
// and published reels whose caption matches (FTS5 `reel_search`, kept in sync with the reels table
// by the triggers in 0007-search.sql), best match first.
import type Database from 'better-sqlite3'
import type { ReelItemRow } from '../../../shared/api/reel-item'
import { reelItemColumns } from '../feed/feed-query'
import type { SearchTerms } from './search-query'

export interface CreatorHit {
  username: string
  /** Published reels. */
  reels: number
}

export interface HashtagHit {
  tag: string
  reels: number
}

export interface SearchResults {
  creators: CreatorHit[]
  hashtags: HashtagHit[]
  reels: ReelItemRow[]
}

const LIMIT = 10
const REEL_LIMIT = 20
// Above every character a prefix can be followed by: `x >= p AND x < p || MAX` is "starts with p"
// as a range an index can answer, with no LIKE wildcards to escape.
const MAX_CHAR = String.fromCodePoint(0x10ffff)

export function createSearchStore(db: Database.Database) {
  const creators = db.prepare<[string, string, number], CreatorHit>(
    `SELECT u.username,
        (SELECT COUNT(*) FROM reels r WHERE r.creator_id = u.id AND r.status = 'published') AS reels
       FROM users u WHERE u.username >= ? AND u.username < ?
      ORDER BY reels DESC, u.username LIMIT ?`,
  )
  const hashtags = db.prepare<[string, string, number], HashtagHit>(
    `SELECT h.tag, COUNT(*) AS reels FROM reel_hashtags h JOIN reels r ON r.id = h.reel_id AND r.status = 'published'
      WHERE h.tag >= ? AND h.tag < ? GROUP BY h.tag ORDER BY reels DESC, h.tag LIMIT ?`,
  )
  const reels = db.prepare<[string, number], ReelItemRow>(
    `SELECT ${reelItemColumns} FROM reel_search f
       JOIN reel_search_rows m ON m.search_rowid = f.rowid
       JOIN reels r ON r.id = m.reel_id AND r.status = 'published'
       JOIN users u ON u.id = r.creator_id JOIN reel_stats s ON s.reel_id = r.id
      WHERE reel_search MATCH ? ORDER BY f.rank, r.published_at DESC LIMIT ?`,
  )

  return function search(terms: SearchTerms): SearchResults {
    const { usernamePrefix: user, hashtagPrefix: tag, captionMatch } = terms
    return {
      creators: user === null ? [] : creators.all(user, user + MAX_CHAR, LIMIT),
      hashtags: tag === null ? [] : hashtags.all(tag, tag + MAX_CHAR, LIMIT),
      reels: captionMatch === null ? [] : reels.all(captionMatch, REEL_LIMIT),
    }
  }
}
