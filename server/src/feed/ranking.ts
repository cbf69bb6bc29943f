// The feed ranking, pure: candidate reels and a viewer profile in, an ordered list of reel ids
// out. Score = predicted engagement × recency × how much this viewer prefers the reel (following,
// their lifts for its hashtags and creator) ÷ aversion; then exploration slots and the diversity
// rules (diversity.ts) decide the order. Every constant comes from weights.ts.
import { arrangeDiverse } from './diversity'
import type { ViewerProfile } from './viewer-profile'
import { feedWeights, type FeedWeights } from './weights'

export interface ReelStats {
  /** Counted views. */
  views: number
  /** Every reported watch, counted or not (the denominator of the completion rate). */
  watches: number
  completions: number
  likes: number
  comments: number
  shares: number
}

export interface RankableReel {
  id: string
  creatorId: string
  tags: readonly string[]
  /** The sound's identity (the reel it comes from), or null when unknown. */
  soundId: string | null
  publishedAt: number
  stats: ReelStats
}

const HOUR_MS = 3600_000

function smoothed(count: number, trials: number, priorRate: number, priorTrials: number): number {
  return (count + priorRate * priorTrials) / (trials + priorTrials)
}

/** Expected engagement value of one view, 1 for a reel at exactly the prior rates. */
export function predictedEngagement(stats: ReelStats, weights: FeedWeights = feedWeights): number {
  const { prior, value } = weights
  const expected =
    value.completion * smoothed(stats.completions, stats.watches, prior.completionRate, prior.views) +
    value.like * smoothed(stats.likes, stats.views, prior.likeRate, prior.views) +
    value.comment * smoothed(stats.comments, stats.views, prior.commentRate, prior.views) +
    value.share * smoothed(stats.shares, stats.views, prior.shareRate, prior.views)
  const atPrior =
    value.completion * prior.completionRate +
    value.like * prior.likeRate +
    value.comment * prior.commentRate +
    value.share * prior.shareRate
  return expected / atPrior
}

export function recencyFactor(publishedAt: number, now: number, weights: FeedWeights = feedWeights): number {
  const ageHours = Math.max(0, now - publishedAt) / HOUR_MS
  const { halfLifeHours, floor } = weights.recency
  return floor + (1 - floor) * 2 ** (-ageHours / halfLifeHours)
}

function strongest(tags: readonly string[], map: ReadonlyMap<string, number>): number {
  let best = 0
  for (const tag of tags) best = Math.max(best, map.get(tag) ?? 0)
  return best
}

/** The lift of the reel's best-liked hashtag; hashtags the viewer has no history with count 1. */
function strongestLift(tags: readonly string[], lifts: ReadonlyMap<string, number>): number {
  if (tags.length === 0) return 1
  let best = 0
  for (const tag of tags) best = Math.max(best, lifts.get(tag) ?? 1)
  return best
}

/** How many times their usual engagement this viewer is expected to give this reel. */
export function personalFactor(
  reel: RankableReel,
  viewer: ViewerProfile,
  weights: FeedWeights = feedWeights,
): number {
  const { relationship, aversion } = weights
  const followed = viewer.followedCreators.has(reel.creatorId) ? 1 + relationship.followed : 1
  const lift =
    strongestLift(reel.tags, viewer.tagLift) ** relationship.tagLift *
    (viewer.creatorLift.get(reel.creatorId) ?? 1) ** relationship.creatorLift
  const penalty =
    aversion.tag * strongest(reel.tags, viewer.tagAversion) +
    aversion.creator * (viewer.creatorAversion.get(reel.creatorId) ?? 0)
  return followed * lift * Math.exp(-penalty)
}

export function scoreReel(
  reel: RankableReel,
  viewer: ViewerProfile,
  now: number,
  weights: FeedWeights = feedWeights,
): number {
  return (
    predictedEngagement(reel.stats, weights) *
    recencyFactor(reel.publishedAt, now, weights) *
    personalFactor(reel, viewer, weights)
  )
}

/** Whether the viewer may be shown this reel at all. */
export function isEligible(reel: RankableReel, viewer: ViewerProfile): boolean {
  return !viewer.excludedReels.has(reel.id) && !viewer.hiddenCreators.has(reel.creatorId)
}

function byScore(a: { score: number; reel: RankableReel }, b: { score: number; reel: RankableReel }): number {
  // The id breaks ties so that the same inputs always give the same order.
  return b.score - a.score || (a.reel.id < b.reel.id ? 1 : -1)
}

/**
 * Orders candidates for one viewer: eligible reels by score, with every Nth slot taken by the
 * little-watched reel not placed yet that is freshest and fits the viewer best (exploration), then
 * arranged for diversity.
 * Duplicated candidates (a reel offered by several sources) count once. Returns at most `size`.
 */
export function rankFeed(
  candidates: Iterable<RankableReel>,
  viewer: ViewerProfile,
  options: { now: number; size: number },
  weights: FeedWeights = feedWeights,
): RankableReel[] {
  const unique = new Map<string, RankableReel>()
  for (const reel of candidates) if (isEligible(reel, viewer)) unique.set(reel.id, reel)
  const scored = [...unique.values()].map((reel) => ({
    reel,
    score: scoreReel(reel, viewer, options.now, weights),
  }))
  scored.sort(byScore)
  // A little-watched reel's engagement is mostly the prior, so exploration picks by what is known:
  // how fresh it is and how well it fits this viewer.
  const explore = scored
    .filter(({ reel }) => reel.stats.views <= weights.exploration.maxViews)
    .map(({ reel }) => ({
      reel,
      score: recencyFactor(reel.publishedAt, options.now, weights) * personalFactor(reel, viewer, weights),
    }))
    .sort(byScore)

  const ordered: RankableReel[] = []
  const placed = new Set<string>()
  let best = 0
  let fresh = 0
  const take = (list: { reel: RankableReel }[], from: number): number => {
    let i = from
    while (i < list.length && placed.has(list[i]!.reel.id)) i++
    if (i < list.length) {
      placed.add(list[i]!.reel.id)
      ordered.push(list[i]!.reel)
    }
    return i + 1
  }
  while (ordered.length < scored.length) {
    const explorationSlot = (ordered.length + 1) % weights.exploration.everyNth === 0
    const before = ordered.length
    if (explorationSlot) fresh = take(explore, fresh)
    if (ordered.length === before) best = take(scored, best)
  }
  return arrangeDiverse(ordered, weights.diversity, options.size)
}
