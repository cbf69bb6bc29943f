// Trending: recent engagement on published reels (weights.ts `trending`: the last three days, each
// event halving in weight every day), summed per reel, per hashtag and per sound. A sound is
// identified by the reel it comes from (manifest `sound.sourceReelId`, or the reel itself for an
// original sound). The sums are kept current as events are written (trending-heat.ts), so a read
// is three short index reads; the lists are still cached for `maxAgeMs`, because the feed loads
// the trending reels' features once per list (ranked-feed.ts).
//
// The sums see only this connection's writes. Another process writing the same database (the
// admin CLI, a second server) shows as a new PRAGMA data_version, which is checked on each read
// (a few microseconds): the sums are then rebuilt from the events on a timer, never by the read
// that noticed — `rebuildAfterMs` after the first unseen change, and at most once per
// `minRebuildGapMs`, since a rebuild scans the whole window (1.3–4.6 s at 100k reels).
import type Database from 'better-sqlite3'
import { createTrendingHeat } from './trending-heat'
import { feedWeights } from './weights'

export interface TrendingHashtag {
  tag: string
  reels: number
  score: number
}

export interface TrendingSound {
  /** The reel the sound comes from: "use this sound" refers to it. */
  sourceReelId: string
  title: string
  reels: number
  score: number
}

export interface Trending {
  hashtags: TrendingHashtag[]
  sounds: TrendingSound[]
  /** Reel ids, hottest first: a candidate source for the feed. */
  reelIds: string[]
}

/** Rows read past the limit, so that ties at the limit are broken by name too. */
const TIE_MARGIN = 10

/**
 * The first `limit` by score, equal scores by name. Kept sums that are equal in exact arithmetic
 * can differ in their last bits (they were added up in different orders), so scores are compared
 * to 12 significant digits.
 */
function hottest<T extends { score: number }>(rows: T[], name: (row: T) => string, limit: number): T[] {
  const rounded = (row: T) => Number(row.score.toPrecision(12))
  return rows
    .sort((a, b) => rounded(b) - rounded(a) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0))
    .slice(0, limit)
}

export interface TrendingOptions {
  now?: () => number
  /** How long the lists are served from the cache. */
  maxAgeMs?: number
  /** How long after another connection's first unseen write the sums are rebuilt. */
  rebuildAfterMs?: number
  /** The least time between two such rebuilds, however often others write. */
  minRebuildGapMs?: number
  /** A rebuild that failed (it is tried again after the next unseen write is noticed). */
  onRebuildError?: (error: unknown) => void
}

export function createTrending(db: Database.Database, options: TrendingOptions = {}) {
  const now = options.now ?? Date.now
  const maxAgeMs = options.maxAgeMs ?? 60_000
  const rebuildAfterMs = options.rebuildAfterMs ?? 5_000
  const minRebuildGapMs = options.minRebuildGapMs ?? 60_000
  const w = feedWeights.trending
  const heat = createTrendingHeat(db, w)
  heat.build(now())
  // Stored sums times `scale` are the heat now.
  const reels = db
    .prepare<[number], string>(
      'SELECT reel_id FROM temp.trending_reels WHERE live = 1 AND events > 0 ORDER BY heat DESC LIMIT ?',
    )
    .pluck()
  const hashtags = db.prepare<[number, number], TrendingHashtag>(
    `SELECT tag, reels, heat * ? AS score FROM temp.trending_tags WHERE reels > 0
      ORDER BY heat DESC LIMIT ?`,
  )
  const sounds = db.prepare<[number, number], TrendingSound>(
    `SELECT s.id AS sourceReelId, COALESCE(s.sound_title, '') AS title, t.reels, t.heat * ? AS score
       FROM temp.trending_sounds t CROSS JOIN reels s ON s.id = t.sound_id AND s.status = 'published'
      WHERE t.reels > 0 ORDER BY t.heat DESC LIMIT ?`,
  )
  const refresh = db.transaction((at: number): Trending => {
    const scale = heat.advance(at)
    return {
      hashtags: hottest(hashtags.all(scale, w.limit + TIE_MARGIN), (h) => h.tag, w.limit),
      sounds: hottest(sounds.all(scale, w.limit + TIE_MARGIN), (s) => s.sourceReelId, w.limit),
      reelIds: reels.all(feedWeights.candidates.trending),
    }
  })

  let cached: { at: number; value: Trending } | undefined

  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck()
  let knownVersion = dataVersion.get()!
  let lastRebuildAt = -Infinity
  let rebuild: NodeJS.Timeout | undefined
  function rebuildForOtherWriters(): void {
    rebuild = undefined
    if (!db.open) return
    try {
      const version = dataVersion.get()!
      heat.build(now())
      knownVersion = version
      cached = undefined
    } catch (error) {
      options.onRebuildError?.(error)
    }
    lastRebuildAt = performance.now()
  }
  function noticeOtherWriters(): void {
    if (rebuild !== undefined || dataVersion.get() === knownVersion) return
    const gap = lastRebuildAt + minRebuildGapMs - performance.now()
    rebuild = setTimeout(rebuildForOtherWriters, Math.max(rebuildAfterMs, gap))
    // A pending rebuild must not keep a finished process alive.
    rebuild.unref()
  }

  return function trending(): Trending {
    noticeOtherWriters()
    const at = now()
    // A clock that went back makes the cached lists stale too.
    if (cached && at >= cached.at && at - cached.at < maxAgeMs) return cached.value
    const value = refresh(at)
    cached = { at, value }
    return value
  }
}
