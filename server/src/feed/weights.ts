// Every number the feed ranking uses, in one place, with the reason for each. ranking.ts reads
// only these; bench/feed-quality.bench.ts measures what changing them does.

export const feedWeights = {
  /**
   * Predicted engagement is "value per view". A new reel has almost no views, so its rates are
   * smoothed towards these priors as if it had already been watched `views` times at typical
   * rates (a Bayesian average): one lucky like on two views does not make it the best reel of the
   * day, and a reel with thousands of views is judged on its own numbers. 50: how much reels'
   * true completion rates differ (a few points) is small next to the noise of a few dozen
   * watches, and the prior strength that balances them is about the ratio of the two variances
   * (≈ 40–50); in the feed-quality benchmark 20 and 100 did no better on any seed.
   */
  prior: { views: 50, completionRate: 0.3, likeRate: 0.05, commentRate: 0.01, shareRate: 0.005 },

  /**
   * What one event is worth, relative to a watch-through. Equal: a like, comment or share is rare
   * next to watch-throughs (a few per hundred views), so weighting them 4–10× (as before) let one
   * or two events on a little-watched reel outweigh its completion rate, the steadier measure of
   * the same thing (whether people want to see it); in the feed-quality benchmark equal values
   * ranked better on every seed. Only the ratios matter: the score is normalised so a reel at
   * exactly the prior rates scores 1.
   */
  value: { completion: 1, like: 1, comment: 1, share: 1 },

  /**
   * Recency decay: half the freshness every 72 hours, so this week's reels beat last week's at
   * equal fit; the floor keeps a good old reel rankable instead of decaying to nothing (an old
   * reel the viewer has not seen is still new to them). Gentle on purpose: recency should break
   * ties between reels the viewer would want, not bury their topics under whatever was posted
   * last. (36 h with a floor of 0.15, as before, made a day-old reel worth 3.7 week-old ones, now
   * 2; the steeper decay cost about 0.01 hit rate@10 in the feed-quality benchmark on every seed; the simulator's
   * viewers do prefer fresh reels, mildly, which is the assumption this number rests on.)
   */
  recency: { halfLifeHours: 72, floor: 0.3 },

  /**
   * How much this viewer prefers the reel multiplies the score. Following is an explicit wish,
   * the strongest signal a viewer gives: × (1 + followed) = × 3, a bit above the largest lifts
   * history alone yields (× 2 ranked worse in the feed-quality benchmark on every seed). Hashtag and creator lifts (viewer-profile.ts) are already the factor by which
   * this viewer's engagement moves (1.8 = "finishes reels with this hashtag 1.8× as often as their
   * usual"), so they multiply as they are (exponent 1): a larger exponent would claim more than
   * the history shows. Before, affinity entered as 1 + 1.5 × a saturating score, which squeezed a
   * threefold preference into about 1.5× and let recency and noise decide the page.
   */
  relationship: { followed: 2.0, tagLift: 1, creatorLift: 1 },

  /**
   * Negative feedback divides the score by exp(penalty): "not interested" weighs on the reel's
   * hashtags and creator (skips already lower their lifts); the reel itself is never shown again,
   * and a hidden creator is excluded outright (ranking.ts).
   */
  aversion: { tag: 1.0, creator: 1.5 },

  /**
   * Evidence of taste per interaction, for affinity (which orders the affinity candidate sources,
   * feed-sources.ts) and aversion. A skip (under the view threshold) is mild evidence against;
   * "not interested" is an explicit no.
   */
  interaction: { completed: 1, watched: 0.3, skipped: -0.4, like: 2, comment: 3, notInterested: -4 },

  /**
   * Summed evidence becomes affinity = 1 − e^(−sum / positive) (and likewise aversion): about
   * three watch-throughs make a topic 63 % "liked"; one "not interested" (−4) is 63 % aversion.
   */
  evidenceScale: { positive: 3, negative: 4 },

  /**
   * The engagement a viewer gives one reel they saw, for lifts: a watch-through is the signal, a
   * partial watch a little, a skip none; a like or comment adds as much as a watch-through again
   * (not more: likes are a minority habit, and weighting them high let a single like swing a
   * hashtag; like 2 and comment 3 ranked worse in the feed-quality benchmark on every seed).
   */
  engagementValue: { completed: 1, watched: 0.3, skipped: 0, like: 1, comment: 1, notInterested: 0 },

  /**
   * Lifts compare a hashtag's or creator's engagement per reel with the viewer's usual, both
   * shrunk (a Bayesian average): the usual towards `viewerPrior.value` per reel as if the viewer
   * had seen `viewerPrior.reels` more reels (so a new viewer is not judged on two reels), and each
   * key towards the usual as if the viewer had seen `…PriorReels` more of it at their usual rate.
   * Hashtags need little (2): a viewer's topics differ a lot from each other, so a few reels
   * already tell. Creators need much more (30): most of what one reel says about its creator is
   * its topic, which the hashtag lift already counts, so a creator's own lift should move only
   * after many reels of theirs (with 10 the feed-quality benchmark ranked worse on every seed, with
   * 3 much worse: a single liked reel nearly doubled its creator's score).
   */
  lift: { viewerPrior: { value: 0.5, reels: 10 }, tagPriorReels: 2, creatorPriorReels: 30 },

  /**
   * Exploration: every eighth slot goes to a reel with few views whatever its engagement so far
   * (the freshest that fits the viewer best: recency × personal factor), so new creators get an
   * audience and the ranking gets data about new reels. It costs hit rate now for data later; the
   * feed-quality benchmark measures the cost (it cannot measure the gain), which is why it is one
   * slot in eight and not more. Picking the best fit rather than simply the freshest keeps the cost
   * small (the freshest reel is usually off the viewer's topics) and gives the new reel viewers
   * likely to engage, which is the data it needs.
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
   * Candidates' features are shared between requests for a minute (feature-cache.ts), as the
   * trending reels' are: ranking does not notice stats a minute old, and loading them was the
   * largest part of a signed-in request. 50k reels' features are a few tens of MB at most.
   */
  featureCache: { maxAgeMs: 60_000, maxEntries: 50_000 },

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
