// What a viewer's history says about their taste, as numbers ranking.ts can use: affinity and
// aversion per hashtag and creator, who they follow, and which reels they must not see again.
// Pure: the server builds the interactions from its tables (feed-sources.ts), the feed-quality
// benchmark from its simulation.
import { feedWeights, type FeedWeights } from './weights'

export type InteractionKind = keyof FeedWeights['interaction']

export interface Interaction {
  reelId: string
  creatorId: string
  tags: readonly string[]
  kind: InteractionKind
}

export interface ViewerProfile {
  followedCreators: ReadonlySet<string>
  hiddenCreators: ReadonlySet<string>
  /** Seen, "not interested", or already served in this scroll session. */
  excludedReels: ReadonlySet<string>
  /** In [0, 1): how sure we are the viewer likes this hashtag/creator. */
  tagAffinity: ReadonlyMap<string, number>
  creatorAffinity: ReadonlyMap<string, number>
  /** In [0, 1): how sure we are the viewer does not want this hashtag/creator. */
  tagAversion: ReadonlyMap<string, number>
  creatorAversion: ReadonlyMap<string, number>
}

export const anonymousProfile: ViewerProfile = {
  followedCreators: new Set(),
  hiddenCreators: new Set(),
  excludedReels: new Set(),
  tagAffinity: new Map(),
  creatorAffinity: new Map(),
  tagAversion: new Map(),
  creatorAversion: new Map(),
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value)
}

/**
 * Splits summed evidence into affinity and aversion in [0, 1), saturating: the first few signals
 * count most, and one skip stays weak evidence however little else the viewer did.
 */
function saturate(
  sums: Map<string, number>,
  scale: FeedWeights['evidenceScale'],
): { positive: Map<string, number>; negative: Map<string, number> } {
  const positive = new Map<string, number>()
  const negative = new Map<string, number>()
  for (const [key, value] of sums) {
    if (value > 0) positive.set(key, 1 - Math.exp(-value / scale.positive))
    else if (value < 0) negative.set(key, 1 - Math.exp(value / scale.negative))
  }
  return { positive, negative }
}

export function buildViewerProfile(
  history: {
    interactions: Iterable<Interaction>
    followedCreators?: Iterable<string>
    hiddenCreators?: Iterable<string>
    /** Reels to leave out besides those the interactions name (e.g. served earlier this session). */
    alsoExclude?: Iterable<string>
  },
  weights: FeedWeights = feedWeights,
): ViewerProfile {
  const tagSums = new Map<string, number>()
  const creatorSums = new Map<string, number>()
  const excludedReels = new Set<string>(history.alsoExclude ?? [])
  for (const interaction of history.interactions) {
    const value = weights.interaction[interaction.kind]
    // A reel with many hashtags is not stronger evidence than one with a single, sharper one.
    const perTag = interaction.tags.length > 0 ? value / Math.sqrt(interaction.tags.length) : 0
    for (const tag of interaction.tags) add(tagSums, tag, perTag)
    add(creatorSums, interaction.creatorId, value)
    excludedReels.add(interaction.reelId)
  }
  const tags = saturate(tagSums, weights.evidenceScale)
  const creators = saturate(creatorSums, weights.evidenceScale)
  return {
    followedCreators: new Set(history.followedCreators ?? []),
    hiddenCreators: new Set(history.hiddenCreators ?? []),
    excludedReels,
    tagAffinity: tags.positive,
    creatorAffinity: creators.positive,
    tagAversion: tags.negative,
    creatorAversion: creators.negative,
  }
}
