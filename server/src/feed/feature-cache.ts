// Ranking features of candidate reels, kept for a while and shared by every viewer: most
// candidates (the newest reels, a popular hashtag's newest, trending) are the same for many
// viewers, and loading features was the largest part of a signed-in feed request. Their stats
// then lag by up to `maxAgeMs`, as the trending reels' always did; a reel unpublished meanwhile may
// still be ranked, and the serve-time filter (ranked-feed.ts) leaves it out of every page.
import type { RankableReel } from './ranking'

export interface FeatureCacheOptions {
  /** Everything is loaded afresh after this long. */
  maxAgeMs: number
  /** Past this many reels the cache starts over, so memory stays bounded under any load. */
  maxEntries: number
  now?: () => number
}

export function createFeatureCache(
  load: (reelIds: readonly string[]) => RankableReel[],
  options: FeatureCacheOptions,
) {
  const now = options.now ?? Date.now
  /** Reel id → its features, or null when it was not published when asked. */
  let entries = new Map<string, RankableReel | null>()
  let since = now()

  return function features(reelIds: readonly string[]): RankableReel[] {
    const at = now()
    // A clock that went back makes the entries' age unknown.
    if (at < since || at - since >= options.maxAgeMs || entries.size >= options.maxEntries) {
      entries = new Map()
      since = at
    }
    const missing = [...new Set(reelIds.filter((id) => !entries.has(id)))]
    if (missing.length > 0) {
      const loaded = new Map(load(missing).map((reel) => [reel.id, reel]))
      for (const id of missing) entries.set(id, loaded.get(id) ?? null)
    }
    return reelIds.flatMap((id) => entries.get(id) ?? [])
  }
}
