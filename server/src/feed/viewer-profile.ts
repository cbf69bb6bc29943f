// What a viewer's history says about their taste, as numbers ranking.ts can use: how much more or
// less than usual they engage with each hashtag and creator (lifts), how sure we are they like one
// (affinity, which orders the candidate sources), what they said no to, who they follow, and which
// reels they must not see again. Pure: the server builds the interactions from its tables
// (feed-sources.ts), the feed-quality benchmark from its simulation.
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
  /** In [0, 1): how sure we are the viewer likes this hashtag/creator (saturating evidence). */
  tagAffinity: ReadonlyMap<string, number>
  creatorAffinity: ReadonlyMap<string, number>
  /**
   * How many times their usual engagement per reel the viewer gives reels with this
   * hashtag/from this creator (> 1 more, < 1 less), shrunk towards 1 on little history; a key
   * missing is 1.
   */
  tagLift: ReadonlyMap<string, number>
  creatorLift: ReadonlyMap<string, number>
  /** In [0, 1): how sure we are the viewer does not want this hashtag/creator ("not interested"). */
  tagAversion: ReadonlyMap<string, number>
  creatorAversion: ReadonlyMap<string, number>
}

export const anonymousProfile: ViewerProfile = {
  followedCreators: new Set(),
  hiddenCreators: new Set(),
  excludedReels: new Set(),
  tagAffinity: new Map(),
  creatorAffinity: new Map(),
  tagLift: new Map(),
  creatorLift: new Map(),
  tagAversion: new Map(),
  creatorAversion: new Map(),
}

/** Per hashtag or creator: summed evidence, "not interested" evidence, engagement value, reels seen. */
class Tally {
  readonly evidence = new Map<string, number>()
  readonly refusals = new Map<string, number>()
  readonly value = new Map<string, number>()
  readonly reels = new Map<string, number>()

  add(key: string, weight: number, kind: InteractionKind, weights: FeedWeights): void {
    const bump = (map: Map<string, number>, amount: number) => {
      if (amount !== 0) map.set(key, (map.get(key) ?? 0) + amount * weight)
    }
    bump(this.evidence, weights.interaction[kind])
    bump(this.refusals, kind === 'notInterested' ? weights.interaction.notInterested : 0)
    bump(this.value, weights.engagementValue[kind])
    bump(this.reels, isWatch(kind) ? 1 : 0)
  }
}

/** A watch (one per reel seen); likes and comments add value to a reel already counted. */
function isWatch(kind: InteractionKind): boolean {
  return kind === 'completed' || kind === 'watched' || kind === 'skipped'
}

/** The positive or negative part of summed evidence, saturating into [0, 1). */
function saturate(sums: ReadonlyMap<string, number>, sign: 1 | -1, scale: number): Map<string, number> {
  const out = new Map<string, number>()
  for (const [key, sum] of sums) if (sum * sign > 0) out.set(key, 1 - Math.exp((-sum * sign) / scale))
  return out
}

/** Each key's engagement per reel seen, as a multiple of the viewer's usual, shrunk towards 1. */
function lifts(tally: Tally, usual: number, priorReels: number): Map<string, number> {
  const out = new Map<string, number>()
  for (const key of new Set([...tally.value.keys(), ...tally.reels.keys()])) {
    const value = tally.value.get(key) ?? 0
    const reels = tally.reels.get(key) ?? 0
    out.set(key, (value + priorReels * usual) / (reels + priorReels) / usual)
  }
  return out
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
  const tags = new Tally()
  const creators = new Tally()
  const excludedReels = new Set<string>(history.alsoExclude ?? [])
  let totalValue = 0
  let totalReels = 0
  for (const interaction of history.interactions) {
    const { kind } = interaction
    excludedReels.add(interaction.reelId)
    totalValue += weights.engagementValue[kind]
    totalReels += isWatch(kind) ? 1 : 0
    // A reel with many hashtags is weaker evidence about each of them than one with a single tag.
    const perTag = 1 / Math.sqrt(interaction.tags.length)
    for (const tag of interaction.tags) tags.add(tag, perTag, kind, weights)
    creators.add(interaction.creatorId, 1, kind, weights)
  }
  const { lift, evidenceScale: scale } = weights
  const usual =
    (totalValue + lift.viewerPrior.reels * lift.viewerPrior.value) / (totalReels + lift.viewerPrior.reels)
  return {
    followedCreators: new Set(history.followedCreators ?? []),
    hiddenCreators: new Set(history.hiddenCreators ?? []),
    excludedReels,
    tagAffinity: saturate(tags.evidence, 1, scale.positive),
    creatorAffinity: saturate(creators.evidence, 1, scale.positive),
    tagLift: lifts(tags, usual, lift.tagPriorReels),
    creatorLift: lifts(creators, usual, lift.creatorPriorReels),
    tagAversion: saturate(tags.refusals, -1, scale.negative),
    creatorAversion: saturate(creators.refusals, -1, scale.negative),
  }
}
