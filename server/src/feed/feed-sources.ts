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
  // The personal sources skip what the profile excludes (recent history, "not interested", served
  // earlier this session; a JSON list), so a viewer who has watched a topic's newest reels is
  // offered its next ones. Older history is caught by `seen()` on the final candidates: probing
  // the (reel, viewer) indexes for every row these sources read cost 4× their time.
  const unseen = (reel: string) => `AND ${reel}.id NOT IN (SELECT value FROM json_each(?))`
  // What `seen()` probes, for a source that must dig past a long run of seen reels.
  const neverSeen = (reel: string) => `${unseen(reel)}
    AND NOT EXISTS (SELECT 1 FROM view_events v WHERE v.reel_id = ${reel}.id AND v.viewer_key = ?)
    AND NOT EXISTS (SELECT 1 FROM reel_likes l WHERE l.reel_id = ${reel}.id AND l.user_id = ?)`
  // Followed creators' newest: each creator's published reels come in order from the partial
  // index reels_published_by_creator (0009) and are merged by one sort. (A LIMIT per creator in a
  // correlated subquery read fewer rows but cost 8× the CPU: the exclusion list was rebuilt per
  // creator.)
  const byCreators = ids(
    `SELECT r.id FROM json_each(?) c CROSS JOIN reels r ON r.creator_id = c.value
      WHERE r.status = 'published' ${unseen('r')} ORDER BY r.published_at DESC LIMIT ?`,
  )
  const byCreator = ids(
    `SELECT r.id FROM reels r WHERE r.creator_id = ? AND r.status = 'published' ${unseen('r')}
      ORDER BY r.published_at DESC LIMIT ?`,
  )
  const byTag = ids(
    // Reel ids are ULIDs, so the index (tag, reel_id) read backwards is newest first and the scan
    // stops after LIMIT rows, however many reels the hashtag has.
    `SELECT r.id FROM reel_hashtags h JOIN reels r ON r.id = h.reel_id
      WHERE h.tag = ? AND r.status = 'published' ${unseen('r')} ORDER BY h.reel_id DESC LIMIT ?`,
  )
  const seenAmong = ids(
    `SELECT j.value FROM json_each(?) j WHERE EXISTS (SELECT 1 FROM view_events v WHERE v.reel_id = j.value AND v.viewer_key = ?)
        OR EXISTS (SELECT 1 FROM reel_likes l WHERE l.reel_id = j.value AND l.user_id = ?)`,
  )
  const newest = ids(
    `SELECT id FROM reels WHERE status = 'published' ORDER BY published_at DESC, id DESC LIMIT ?`,
  )
  // For a signed-in viewer the newest they have never seen: someone who watched the latest
  // thousands is offered the ones before them (two index probes per reel read).
  const newestUnseen = ids(
    `SELECT r.id FROM reels r WHERE r.status = 'published' ${neverSeen('r')}
      ORDER BY r.published_at DESC, r.id DESC LIMIT ?`,
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
        const creators = JSON.stringify([...viewer.followedCreators])
        out.push(...byCreators.all(creators, excluded, limits.followed))
      }
      for (const tag of top(viewer.tagAffinity, limits.affinityTags)) {
        out.push(...byTag.all(tag, excluded, limits.perTag))
      }
      for (const creator of top(viewer.creatorAffinity, limits.affinityCreators)) {
        out.push(...byCreator.all(creator, excluded, limits.perCreator))
      }
      return out
    },

    /**
     * The reels the viewer must not be shown again, of these: every one they ever watched (or
     * scrolled past) or liked, however long ago — the profile reads only recent history.
     */
    seen(userId: string, reelIds: readonly string[]): Set<string> {
      if (reelIds.length === 0) return new Set()
      return new Set(seenAmong.all(JSON.stringify(reelIds), `u:${userId}`, userId))
    },

    /**
     * The newest reels. A signed-in viewer's skip what they ever saw and what the profile
     * excludes; anonymous viewers get `served` more instead (those served earlier this session).
     */
    freshCandidates(userId: string | null, viewer: ViewerProfile, served: number): string[] {
      if (userId === null) return newest.all(limits.fresh + served)
      const excluded = JSON.stringify([...viewer.excludedReels])
      return newestUnseen.all(excluded, `u:${userId}`, userId, limits.fresh)
    },
  }
}

export type FeedSources = ReturnType<typeof createFeedSources>
