// Trending: recent engagement on published reels (weights.ts `trending`: the last three days, each
// event halving in weight every day), summed per reel, per hashtag and per sound. A sound is
// identified by the reel it comes from (manifest `sound.sourceReelId`, or the reel itself for an
// original sound). The sums scan the window's events, so they are computed at most once per
// `maxAgeMs` and shared by every request in between; that scan runs on the request that finds the
// cache stale (measured in bench/feed-latency.bench.ts).
import type Database from 'better-sqlite3'
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

const HOUR_MS = 3600_000

export function createTrending(
  db: Database.Database,
  options: { now?: () => number; maxAgeMs?: number } = {},
) {
  const now = options.now ?? Date.now
  const maxAgeMs = options.maxAgeMs ?? 60_000
  const w = feedWeights.trending
  // (heat of one reel) = Σ weight(kind) × 0.5^(age / half-life) over its events in the window.
  // Computed once per refresh into a temporary table (this connection only), which the three
  // lists then read; grouping the events before joining reels keeps SQLite from probing every
  // published reel.
  db.exec('CREATE TEMP TABLE IF NOT EXISTS trending_heat (reel_id TEXT PRIMARY KEY, heat REAL NOT NULL)')
  const clear = db.prepare('DELETE FROM temp.trending_heat')
  const fill = db.prepare<object>(
    `INSERT INTO temp.trending_heat (reel_id, heat)
     SELECT t.reel_id, t.heat FROM (
       SELECT e.reel_id, SUM(e.weight * pow(0.5, (:now - e.at) / :halfLife)) AS heat FROM (
         SELECT reel_id, ${w.view} AS weight, created_at AS at FROM view_events WHERE created_at > :since AND counted = 1
         UNION ALL SELECT reel_id, ${w.like}, created_at FROM reel_likes WHERE created_at > :since
         UNION ALL SELECT reel_id, ${w.comment}, created_at FROM comments WHERE created_at > :since
         UNION ALL SELECT reel_id, ${w.share}, created_at FROM reel_shares WHERE created_at > :since
       ) e GROUP BY e.reel_id
     ) t CROSS JOIN reels r ON r.id = t.reel_id WHERE r.status = 'published'`,
  )
  const reels = db
    .prepare<[number], string>('SELECT reel_id FROM temp.trending_heat ORDER BY heat DESC LIMIT ?')
    .pluck()
  const hashtags = db.prepare<[number], TrendingHashtag>(
    `SELECT h.tag, COUNT(*) AS reels, SUM(t.heat) AS score FROM temp.trending_heat t
       JOIN reel_hashtags h ON h.reel_id = t.reel_id GROUP BY h.tag ORDER BY score DESC, h.tag LIMIT ?`,
  )
  const sounds = db.prepare<[number], TrendingSound>(
    `SELECT s.id AS sourceReelId, COALESCE(s.sound_title, '') AS title, COUNT(*) AS reels, SUM(t.heat) AS score
       FROM temp.trending_heat t JOIN reels r ON r.id = t.reel_id
       JOIN reels s ON s.id = COALESCE(r.sound_source_reel_id, r.id) AND s.status = 'published'
      GROUP BY s.id ORDER BY score DESC, s.id LIMIT ?`,
  )
  const refresh = db.transaction((at: number): Trending => {
    clear.run()
    fill.run({ now: at, since: at - w.windowHours * HOUR_MS, halfLife: w.halfLifeHours * HOUR_MS })
    return {
      hashtags: hashtags.all(w.limit),
      sounds: sounds.all(w.limit),
      reelIds: reels.all(feedWeights.candidates.trending),
    }
  })

  let cached: { at: number; value: Trending } | undefined

  return function trending(): Trending {
    const at = now()
    if (cached && at - cached.at < maxAgeMs) return cached.value
    const value = refresh(at)
    cached = { at, value }
    return value
  }
}
