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
import { createFeedSources } from './feed-sources'
import { rankFeed, type RankableReel } from './ranking'
import type { Trending } from './trending'
import { feedWeights } from './weights'

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
  const rowsById = db.prepare<[string], ReelItemRow>(
    `SELECT ${reelItemColumns} FROM json_each(?) j CROSS JOIN reels r ON r.id = j.value
       JOIN users u ON u.id = r.creator_id JOIN reel_stats s ON s.reel_id = r.id
      WHERE r.status = 'published'`,
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
    // Deeper in a session the newest reels were served already: offer that many more.
    const depth = excludedIds.length
    const shared = trendingCandidates()
    const known = new Set(shared.map((reel) => reel.id))
    const ids = new Set(
      [
        ...sources.freshCandidates(depth),
        ...(userId === null ? [] : sources.personalCandidates(viewer)),
      ].filter((id) => !known.has(id)),
    )
    const candidates = [...shared, ...sources.load([...ids])]
    const ranked = rankFeed(candidates, viewer, { now: now(), size: feedWeights.snapshotSize })
    return snapshots.create(
      viewerKey,
      ranked.map((reel) => reel.id),
      excludedIds,
    )
  }

  return function feedPage(
    userId: string | null,
    options: { cursor?: string | undefined; limit: number },
  ): RankedFeedPage {
    const viewerKey = userId === null ? 'anonymous' : `u:${userId}`
    let snapshot: FeedSnapshot
    let offset = 0
    if (options.cursor === undefined) {
      snapshot = rankSnapshot(userId, viewerKey, [])
    } else {
      const cursor = decodeFeedCursor(options.cursor)
      snapshot = snapshots.get(cursor.snapshotId, viewerKey)
      offset = cursor.offset
      if (offset >= snapshot.reelIds.length) {
        snapshot = rankSnapshot(userId, viewerKey, [...snapshot.excludedIds, ...snapshot.reelIds])
        offset = 0
      }
    }
    const pageIds = snapshot.reelIds.slice(offset, offset + options.limit)
    const end = offset + pageIds.length
    // A snapshot shorter than asked for means the candidates ran out: nothing more to rank.
    const more = end < snapshot.reelIds.length || snapshot.reelIds.length >= feedWeights.snapshotSize
    const found = new Map(rowsById.all(JSON.stringify(pageIds)).map((row) => [row.id, row]))
    return {
      // A reel removed since the snapshot was ranked is left out of its page.
      rows: pageIds.flatMap((id) => found.get(id) ?? []),
      nextCursor: more ? encodeFeedCursor({ snapshotId: snapshot.id, offset: end }) : null,
    }
  }
}
