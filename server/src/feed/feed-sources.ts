// Reads what the ranking needs from the database: a viewer's history (as interactions), the
// candidate reels from each source — followed creators, affinity (hashtags and creators), trending
// and fresh — and their features. Every query is bounded by an index and a LIMIT, so the cost of a
// feed request does not grow with the catalogue. Lists of ids go in as JSON, and `json_each(?) j
// CROSS JOIN reels` keeps SQLite from scanning every published reel to test membership.
import type Database from 'better-sqlite3'
import type { RankableReel, ReelStats } from './ranking'
import { buildViewerProfile, type Interaction, type ViewerProfile } from './viewer-profile'
import { feedWeights } from './weights'

/** How far back a viewer's history is read: the most recent events of each kind. */
const HISTORY_LIMIT = 2000

type FeatureRow = Omit<RankableReel, 'tags' | 'stats'> & ReelStats

interface HistoryRow {
  reelId: string
  creatorId: string
  kind: Interaction['kind']
}

function top(map: ReadonlyMap<string, number>, count: number): string[] {
  return [...map]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([key]) => key)
}

export function createFeedSources(db: Database.Database) {
  const { candidates: limits } = feedWeights
  const ids = (sql: string) => db.prepare<unknown[], string>(sql).pluck()

  const hidden = db
    .prepare<[string], string>('SELECT creator_id FROM hidden_creators WHERE user_id = ?')
    .pluck()
  const followed = db
    .prepare<[string], string>('SELECT followee_id FROM follows WHERE follower_id = ?')
    .pluck()
  // The viewer's watches (skips included: a seen reel is not shown again), likes, comments and
  // "not interested", newest first.
  const history = db.prepare<[string, number, string, number, string, number, string], HistoryRow>(
    `SELECT v.reel_id AS reelId, r.creator_id AS creatorId,
        CASE WHEN v.completed = 1 THEN 'completed' WHEN v.counted = 1 THEN 'watched' ELSE 'skipped' END AS kind
       FROM (SELECT reel_id, MAX(completed) AS completed, MAX(counted) AS counted FROM
              (SELECT reel_id, completed, counted FROM view_events WHERE viewer_key = ? ORDER BY created_at DESC LIMIT ?)
             GROUP BY reel_id) v JOIN reels r ON r.id = v.reel_id
     UNION ALL
     SELECT * FROM (SELECT l.reel_id, r.creator_id, 'like' FROM reel_likes l JOIN reels r ON r.id = l.reel_id
       WHERE l.user_id = ? ORDER BY l.created_at DESC LIMIT ?)
     UNION ALL
     SELECT * FROM (SELECT c.reel_id, r.creator_id, 'comment' FROM comments c JOIN reels r ON r.id = c.reel_id
       WHERE c.user_id = ? ORDER BY c.created_at DESC LIMIT ?)
     UNION ALL
     SELECT n.reel_id, r.creator_id, 'notInterested' FROM not_interested n JOIN reels r ON r.id = n.reel_id
       WHERE n.user_id = ?`,
  )
  const tagsOf = db.prepare<[string], { reelId: string; tag: string }>(
    'SELECT reel_id AS reelId, tag FROM reel_hashtags WHERE reel_id IN (SELECT value FROM json_each(?))',
  )
  const features = db.prepare<[string], FeatureRow>(
    `SELECT r.id, r.creator_id AS creatorId, COALESCE(r.sound_source_reel_id, r.id) AS soundId,
        r.published_at AS publishedAt, s.views, s.watches, s.completions, s.likes, s.comments, s.shares
       FROM json_each(?) j CROSS JOIN reels r ON r.id = j.value JOIN reel_stats s ON s.reel_id = r.id
      WHERE r.status = 'published'`,
  )
  // The personal sources skip what the viewer must not see again (the last parameter, a JSON
  // list), so a viewer who has watched a topic's newest reels is offered its next ones.
  const unseen = `AND r.id NOT IN (SELECT value FROM json_each(?))`
  const byCreators = ids(
    `SELECT r.id FROM json_each(?) c CROSS JOIN reels r ON r.creator_id = c.value
      WHERE r.status = 'published' ${unseen} ORDER BY r.published_at DESC LIMIT ?`,
  )
  const byCreator = ids(
    `SELECT r.id FROM reels r WHERE r.creator_id = ? AND r.status = 'published' ${unseen}
      ORDER BY r.created_at DESC LIMIT ?`,
  )
  const byTag = ids(
    // Reel ids are ULIDs, so the index (tag, reel_id) read backwards is newest first and the scan
    // stops after LIMIT rows, however many reels the hashtag has.
    `SELECT r.id FROM reel_hashtags h JOIN reels r ON r.id = h.reel_id
      WHERE h.tag = ? AND r.status = 'published' ${unseen} ORDER BY h.reel_id DESC LIMIT ?`,
  )
  const newest = ids(
    `SELECT id FROM reels WHERE status = 'published' ORDER BY published_at DESC, id DESC LIMIT ?`,
  )

  /** Hashtags of the reels in a JSON list of ids. */
  function tagsByReel(json: string): Map<string, string[]> {
    const tags = new Map<string, string[]>()
    for (const row of tagsOf.all(json)) {
      const list = tags.get(row.reelId)
      if (list) list.push(row.tag)
      else tags.set(row.reelId, [row.tag])
    }
    return tags
  }

  /** Features of these reels (published ones only), with their hashtags. */
  function load(reelIds: readonly string[]): RankableReel[] {
    if (reelIds.length === 0) return []
    const json = JSON.stringify(reelIds)
    const tags = tagsByReel(json)
    return features.all(json).map(({ id, creatorId, soundId, publishedAt, ...stats }) => ({
      id,
      creatorId,
      tags: tags.get(id) ?? [],
      soundId,
      publishedAt,
      stats,
    }))
  }

  return {
    load,

    /** The viewer's profile; reels in `alsoExclude` (served earlier this session) are left out. */
    profile(userId: string | null, alsoExclude: Iterable<string>): ViewerProfile {
      if (userId === null) return buildViewerProfile({ interactions: [], alsoExclude })
      const rows = history.all(
        `u:${userId}`,
        HISTORY_LIMIT,
        userId,
        HISTORY_LIMIT,
        userId,
        HISTORY_LIMIT,
        userId,
      )
      const tags = tagsByReel(JSON.stringify([...new Set(rows.map((r) => r.reelId))]))
      return buildViewerProfile({
        interactions: rows.map((row) => ({ ...row, tags: tags.get(row.reelId) ?? [] })),
        followedCreators: followed.all(userId),
        hiddenCreators: hidden.all(userId),
        alsoExclude,
      })
    },

    /** Candidate ids from the personal sources: followed creators and the viewer's affinities. */
    personalCandidates(viewer: ViewerProfile): string[] {
      const out: string[] = []
      const excluded = JSON.stringify([...viewer.excludedReels])
      if (viewer.followedCreators.size > 0) {
        out.push(...byCreators.all(JSON.stringify([...viewer.followedCreators]), excluded, limits.followed))
      }
      for (const tag of top(viewer.tagAffinity, limits.affinityTags)) {
        out.push(...byTag.all(tag, excluded, limits.perTag))
      }
      for (const creator of top(viewer.creatorAffinity, limits.affinityCreators)) {
        out.push(...byCreator.all(creator, excluded, limits.perCreator))
      }
      return out
    },

    /** The newest reels; `depth` more when that many were already served this session. */
    freshCandidates(depth: number): string[] {
      return newest.all(limits.fresh + depth)
    },
  }
}

export type FeedSources = ReturnType<typeof createFeedSources>
