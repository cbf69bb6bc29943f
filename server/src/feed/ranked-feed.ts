// GET /api/feed: gathers candidates (followed, affinity, trending, fresh; anonymous viewers get
// trending and fresh), ranks them for the viewer (ranking.ts), keeps the order in a snapshot
// (feed-snapshots.ts) and answers pages of it with the reels' current data and counts.
import type Database from 'better-sqlite3'
import type { ReelItemRow } from '../../../shared/api/reel-item'
import { reelItemColumns } from './feed-query'
import {
  createFeedSnapshotStore,
  decodeFeedCursor,
  encodeFeedCursor,
  type FeedSnapshot,
} from './feed-snapshots'
import { createFeatureCache } from './feature-cache'
import { createFeedSources } from './feed-sources'
import { rankFeed, type RankableReel } from './ranking'
import type { Trending } from './trending'
import { feedWeights } from './weights'

type ServableRow = ReelItemRow & { position: number }

export interface RankedFeedPage {
  rows: ReelItemRow[]
  nextCursor: string | null
}

export function createRankedFeed(
  db: Database.Database,
  trending: () => Trending,
  now: () => number = Date.now,
) {
  const sources = createFeedSources(db)
  const snapshots = createFeedSnapshotStore(db, now)
  const features = createFeatureCache(sources.load, { ...feedWeights.featureCache, now })
  // What is left of a snapshot from an offset, as the viewer may see it now: a snapshot ranked
  // before the viewer hid a creator or said "not interested" still holds those reels, and a reel
  // may have been unpublished since. `position` is the index in the JSON list given.
  const servable = db.prepare<[string, string | null, string | null, number], ServableRow>(
    `SELECT j.key AS position, ${reelItemColumns}
       FROM json_each(?) j CROSS JOIN reels r ON r.id = j.value
       JOIN users u ON u.id = r.creator_id JOIN reel_stats s ON s.reel_id = r.id
      WHERE r.status = 'published'
        AND NOT EXISTS (SELECT 1 FROM hidden_creators h WHERE h.user_id = ? AND h.creator_id = r.creator_id)
        AND NOT EXISTS (SELECT 1 FROM not_interested n WHERE n.user_id = ? AND n.reel_id = r.id)
      ORDER BY j.key LIMIT ?`,
  )

  // Trending reels are everybody's candidates: their features are loaded once per trending
  // refresh (stats then lag by up to that minute, which ranking does not notice) instead of on
  // every request, which was most of a request's time.
  let trendingLoaded: { source: Trending; reels: RankableReel[] } | undefined
  function trendingCandidates(): RankableReel[] {
    const current = trending()
    if (trendingLoaded?.source !== current) {
      trendingLoaded = { source: current, reels: sources.load(current.reelIds) }
    }
    return trendingLoaded.reels
  }

  function rankSnapshot(userId: string | null, viewerKey: string, excludedIds: string[]): FeedSnapshot {
    const viewer = sources.profile(userId, excludedIds)
    const shared = trendingCandidates()
    const known = new Set(shared.map((reel) => reel.id))
    const ids = new Set(
      [
        ...sources.freshCandidates(userId, viewer, excludedIds.length),
        ...(userId === null ? [] : sources.personalCandidates(viewer)),
      ].filter((id) => !known.has(id)),
    )
    let candidates = [...shared, ...features([...ids])].filter((reel) => !viewer.excludedReels.has(reel.id))
    if (userId !== null) {
      // The profile knows only recent history; the indexes know all of it.
      const seen = sources.seen(
        userId,
        candidates.map((reel) => reel.id),
      )
      candidates = candidates.filter((reel) => !seen.has(reel.id))
    }
    const ranked = rankFeed(candidates, viewer, { now: now(), size: feedWeights.snapshotSize })
    return snapshots.create(
      viewerKey,
      ranked.map((reel) => reel.id),
      excludedIds,
    )
  }

  /**
   * Up to `limit` reels from `offset` in the snapshot, filtered at serve time; `end` is the offset
   * just past the last one served (the snapshot's end when it had fewer left). Offsets index the
   * stored ranking, so a cursor means the same place however often it is used.
   */
  function servePage(snapshot: FeedSnapshot, offset: number, userId: string | null, limit: number) {
    const rest = snapshot.reelIds.slice(offset)
    const served = servable.all(JSON.stringify(rest), userId, userId, limit)
    const last = served.at(-1)
    const end = served.length === limit && last ? offset + last.position + 1 : snapshot.reelIds.length
    return { rows: served.map(({ position: _, ...row }) => row), end }
  }

  return function feedPage(
    userId: string | null,
    options: { cursor?: string | undefined; limit: number },
  ): RankedFeedPage {
    const viewerKey = userId === null ? 'anonymous' : `u:${userId}`
    let snapshot: FeedSnapshot
    let offset = 0
    let rankings = 0
    if (options.cursor === undefined) {
      snapshot = rankSnapshot(userId, viewerKey, [])
      rankings++
    } else {
      const cursor = decodeFeedCursor(options.cursor)
      snapshot = snapshots.get(cursor.snapshotId, viewerKey)
      offset = cursor.offset
    }
    // A page is topped up from further down its snapshot, and past the snapshot's end from the
    // next one (ranked without everything this session got), so only the feed's last page is
    // short. At most two rankings per request bound its cost.
    const rows: ReelItemRow[] = []
    for (;;) {
      const page = servePage(snapshot, offset, userId, options.limit - rows.length)
      rows.push(...page.rows)
      offset = page.end
      if (rows.length === options.limit || snapshot.reelIds.length === 0 || rankings === 2) break
      snapshot = rankSnapshot(userId, viewerKey, [...snapshot.excludedIds, ...snapshot.reelIds])
      rankings++
      offset = 0
    }
    return {
      rows,
      // Only a ranking that found nothing left ends the feed.
      nextCursor:
        snapshot.reelIds.length === 0 ? null : encodeFeedCursor({ snapshotId: snapshot.id, offset }),
    }
  }
}
