// Every number the feed ranking uses, in one place, with the reason for each. ranking.ts reads
// only these; bench/feed-quality.bench.ts measures what changing them does.

export const feedWeights = {
  /**
   * Predicted engagement is "value per view". A new reel has almost no views, so its rates are
   * smoothed towards these priors as if it had already been watched `views` times at typical
   * rates (a Bayesian average): one lucky like on two views does not make it the best reel of the
   * day, and a reel with thousands of views is judged on its own numbers. 50 rather than 20: in
   * the feed-quality simulation (a few views per reel) the stronger prior ranked better.
   */
  prior: { views: 50, completionRate: 0.3, likeRate: 0.05, commentRate: 0.01, shareRate: 0.005 },

  /**
   * What one event is worth, relative to a watch-through. Watching to the end is the most
   * common and weakest signal; a like costs a tap; a comment or a share costs effort and brings
   * other people, so each is worth more. Only the ratios matter: the score is normalised so a
   * reel at exactly the prior rates scores 1.
   */
  value: { completion: 1, like: 4, comment: 8, share: 10 },

  /**
   * Recency decay: half the freshness every 36 hours, so today's reels beat last week's at equal
   * quality; the floor keeps a great old reel rankable instead of decaying to nothing (the
   * catalogue is small, and an old reel the viewer has not seen is still new to them).
   */
  recency: { halfLifeHours: 36, floor: 0.15 },

  /**
   * Relationship and affinity multiply the score by (1 + boost). A followed creator is an explicit
   * wish, so it is the largest boost; affinity is learned from what the viewer watched through,
   * liked or commented (values in [0, 1] after normalising), split between the reel's hashtags
   * (its topic) and its creator.
   */
  relationship: { followed: 1.0, tagAffinity: 1.5, creatorAffinity: 1.0 },

  /**
   * Negative feedback divides the score by exp(penalty): "not interested" and skips weigh on the
   * reel's hashtags and creator; the reel itself is never shown again, and a hidden creator is
   * excluded outright (ranking.ts).
   */
  aversion: { tag: 1.0, creator: 1.5 },

  /**
   * What a viewer's history says about their taste: the weight of each kind of interaction on
   * the reel's hashtags and creator. A skip (under the view threshold) is mild evidence against;
   * "not interested" is an explicit no.
   */
  interaction: { completed: 1, watched: 0.3, skipped: -0.4, like: 2, comment: 3, notInterested: -4 },

  /**
   * Summed evidence becomes affinity = 1 − e^(−sum / positive) (and likewise aversion): about
   * three watch-throughs make a topic 63 % "liked"; one skip (−0.4) is only 10 % aversion, while
   * one "not interested" (−4) is 63 %. Absolute rather than relative to the viewer's strongest
   * signal, so a viewer with little history is not judged on a single skip.
   */
  evidenceScale: { positive: 3, negative: 4 },

  /**
   * Exploration: every eighth slot goes to the freshest reel with few views, whatever its
   * predicted score, so new creators get an audience and the ranking gets data about new reels.
   * It costs hit rate now for data later; the feed-quality benchmark measures the cost (it cannot
   * measure the gain), which is why it is one slot in eight and not more.
   */
  exploration: { everyNth: 8, maxViews: 50 },

  /**
   * Diversity: never two consecutive reels from one creator, and in any 10 consecutive reels at
   * most 3 with the same hashtag and 2 with the same sound, so one topic cannot fill a page.
   */
  diversity: { window: 10, maxPerTag: 3, maxPerSound: 2 },

  /**
   * How many candidates each source offers (before dedupe) and how long a snapshot is. Loading
   * candidates' features is most of a feed request's time, so these are as small as the
   * feed-quality benchmark allows (it measures the served path with these limits).
   */
  candidates: {
    followed: 60,
    affinityTags: 5,
    perTag: 30,
    affinityCreators: 5,
    perCreator: 10,
    trending: 150,
    fresh: 100,
  },
  snapshotSize: 100,

  /**
   * Trending: engagement of the last three days, halving every day (an event three days old
   * still counts 1/8). Reading a longer window costs more than it changes: the sum is computed
   * by scanning the window's events (trending.ts). A like or comment is a stronger sign of
   * interest than a view, a share the strongest.
   */
  trending: { windowHours: 72, halfLifeHours: 24, like: 2, comment: 3, share: 4, view: 1, limit: 10 },
} as const

type Widen<T> = T extends number ? number : { readonly [K in keyof T]: Widen<T[K]> }
/** The shape of the weights, for variants (tests and the benchmark try other numbers). */
export type FeedWeights = Widen<typeof feedWeights>
