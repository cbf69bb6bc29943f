// Feed quality: simulated viewers with hidden interests over a synthetic catalogue
// (support/feed-simulation.ts). Each viewer first watches random reels (the history the ranking
// learns from); then each method picks 10 of the reels the viewer has not seen, and the same
// simulated viewer decides what they would have done with each (like = 2, watch through = 1,
// skip = 0). Reported: hit rate@10 (share of the 10 watched through or liked) and NDCG@10
// (ideal = the viewer's best 10 unseen reels), for
//   - ours, as served: candidate sources (followed, affinity, trending, fresh) → rankFeed
//   - ours as served without the exploration slots (what exploration costs today)
//   - newest first, and a fixed-weight formula (freshness 25 %, engagement 35 %,
//     personalisation 30 %, creator 10 %) over every unseen reel, on the same profiles and stats
//   - that formula on our served candidates (tells the ranking's share from the sources').
// Several worlds (seeds, SPOOL_BENCH_SEEDS) so that weights are not fitted to one; the headline is
// the mean over them, each world's numbers are in the notes. Runs in-process on the pure modules.
import { rankFeed, type RankableReel } from '../server/src/feed/ranking'
import { buildViewerProfile, type ViewerProfile } from '../server/src/feed/viewer-profile'
import { feedWeights, type FeedWeights } from '../server/src/feed/weights'
import {
  CREATORS,
  HOUR,
  NOW,
  TOPICS,
  simulateWorld,
  type SimReel,
  type SimWorld,
} from './support/feed-simulation'
import { report } from './run'

const REELS = Number(process.env.SPOOL_BENCH_REELS ?? 10_000)
const USERS = Number(process.env.SPOOL_BENCH_USERS ?? 1_000)
const HISTORY = Number(process.env.SPOOL_BENCH_HISTORY ?? 80)
const SEEDS = (process.env.SPOOL_BENCH_SEEDS ?? '20261123,7,42').split(',').map(Number)
/** The reference's own freshness half-life: it must not move when our weights do. */
const REFERENCE_HALF_LIFE_HOURS = 36

function topKeys(map: ReadonlyMap<string, number>, n: number): string[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k]) => k)
}

/** What production's candidate sources would offer (feed-sources.ts, trending.ts), in memory. */
function candidateSources(reels: readonly SimReel[]) {
  const newest = [...reels].sort((a, b) => b.publishedAt - a.publishedAt)
  const heat = (r: SimReel) =>
    (r.stats.views + 2 * r.stats.likes + 3 * r.stats.comments + 4 * r.stats.shares) *
    2 ** (-(NOW - r.publishedAt) / (24 * HOUR))
  const trending = [...reels].sort((a, b) => heat(b) - heat(a)).slice(0, feedWeights.candidates.trending)
  const byTag = new Map<string, SimReel[]>()
  const byCreator = new Map<string, SimReel[]>()
  for (const reel of newest) {
    for (const tag of reel.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), reel])
    byCreator.set(reel.creatorId, [...(byCreator.get(reel.creatorId) ?? []), reel])
  }
  return {
    newest,
    served(profile: ViewerProfile): SimReel[] {
      const c = feedWeights.candidates
      // Like feed-sources.ts, the personal sources skip reels the viewer has seen.
      const unseen = (list: readonly SimReel[] | undefined, n: number) =>
        (list ?? []).filter((r) => !profile.excludedReels.has(r.id)).slice(0, n)
      return [
        ...trending,
        ...newest.slice(0, c.fresh),
        ...unseen(
          newest.filter((r) => profile.followedCreators.has(r.creatorId)),
          c.followed,
        ),
        ...topKeys(profile.tagAffinity, c.affinityTags).flatMap((t) => unseen(byTag.get(t), c.perTag)),
        ...topKeys(profile.creatorAffinity, c.affinityCreators).flatMap((k) =>
          unseen(byCreator.get(k), c.perCreator),
        ),
      ]
    },
  }
}

// The reference formula: each part in [0, 1], fixed weights, raw (unsmoothed) engagement.
function fixedWeightTop10(pool: readonly SimReel[], profile: ViewerProfile): SimReel[] {
  const score = (r: SimReel) => {
    const freshness = 2 ** (-(NOW - r.publishedAt) / (REFERENCE_HALF_LIFE_HOURS * HOUR))
    const s = r.stats
    const engagement = Math.min(1, (s.completions + s.likes + s.comments + s.shares) / Math.max(1, s.watches))
    let personal = 0
    for (const t of r.tags) personal = Math.max(personal, profile.tagAffinity.get(t) ?? 0)
    const creator = profile.followedCreators.has(r.creatorId)
      ? 1
      : (profile.creatorAffinity.get(r.creatorId) ?? 0)
    return 0.25 * freshness + 0.35 * engagement + 0.3 * personal + 0.1 * creator
  }
  return pool
    .map((r) => ({ r, s: score(r) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, 10)
    .map((x) => x.r)
}

const noExploration: FeedWeights = {
  ...feedWeights,
  exploration: { ...feedWeights.exploration, everyNth: Number.MAX_SAFE_INTEGER },
}
type Method = (pool: SimReel[], profile: ViewerProfile) => RankableReel[]
function methodsFor(sources: ReturnType<typeof candidateSources>): Record<string, Method> {
  return {
    ours: (_pool, profile) => rankFeed(sources.served(profile), profile, { now: NOW, size: 10 }),
    oursNoExploration: (_pool, profile) =>
      rankFeed(sources.served(profile), profile, { now: NOW, size: 10 }, noExploration),
    newestFirst: (_pool, profile) =>
      sources.newest.filter((r) => !profile.excludedReels.has(r.id)).slice(0, 10),
    fixedWeight: fixedWeightTop10,
    fixedWeightOnOurCandidates: (_pool, profile) =>
      fixedWeightTop10(
        sources.served(profile).filter((r) => !profile.excludedReels.has(r.id)),
        profile,
      ),
  }
}

const dcg = (gains: number[]) => gains.reduce((sum, rel, i) => sum + (2 ** rel - 1) / Math.log2(i + 2), 0)

interface Scores {
  hitRate: number
  ndcg10: number
  msPerUser: number
}

function evaluate(world: SimWorld): Record<string, Scores> {
  const methods = methodsFor(candidateSources(world.reels))
  const totals = Object.fromEntries(Object.keys(methods).map((m) => [m, { hits: 0, ndcg: 0, ms: 0 }]))
  world.histories.forEach((history, u) => {
    const profile = buildViewerProfile({
      interactions: history.interactions,
      followedCreators: history.follows,
    })
    const pool = world.reels.filter((r) => !history.seen.has(r.id))
    const rel = new Map(pool.map((reel) => [reel.id, world.relevance(u, reel)]))
    const ideal = dcg([...rel.values()].sort((a, b) => b - a).slice(0, 10))
    for (const [name, method] of Object.entries(methods)) {
      const t0 = performance.now()
      const top = method(pool, profile).slice(0, 10)
      totals[name]!.ms += performance.now() - t0
      if (top.some((r) => history.seen.has(r.id))) throw new Error(`${name} showed a seen reel`)
      const gains = top.map((r) => rel.get(r.id)!)
      totals[name]!.hits += gains.filter((g) => g > 0).length / 10
      totals[name]!.ndcg += ideal > 0 ? dcg(gains) / ideal : 0
    }
  })
  const users = world.histories.length
  return Object.fromEntries(
    Object.entries(totals).map(([name, t]) => [
      name,
      {
        hitRate: +(t.hits / users).toFixed(4),
        ndcg10: +(t.ndcg / users).toFixed(4),
        msPerUser: +(t.ms / users).toFixed(2),
      },
    ]),
  )
}

const started = performance.now()
const perSeed: Record<number, Record<string, Scores>> = {}
for (const seed of SEEDS) {
  perSeed[seed] = evaluate(simulateWorld({ seed, reels: REELS, users: USERS, history: HISTORY }))
  console.log(JSON.stringify({ seed, ...perSeed[seed] }))
}
const mean = (name: string, key: 'hitRate' | 'ndcg10') =>
  +(SEEDS.reduce((sum, seed) => sum + perSeed[seed]![name]![key], 0) / SEEDS.length).toFixed(4)
const first = SEEDS[0]!
const notes = {
  reels: REELS,
  users: USERS,
  creators: CREATORS,
  topics: TOPICS,
  historyPerUser: HISTORY,
  seeds: SEEDS,
  seconds: +((performance.now() - started) / 1000).toFixed(1),
  meanOverSeeds: Object.fromEntries(
    Object.keys(perSeed[first]!).map((name) => [
      name,
      { hitRate: mean(name, 'hitRate'), ndcg10: mean(name, 'ndcg10') },
    ]),
  ),
  perSeed,
}

for (const [metric, key] of [
  ['NDCG@10', 'ndcg10'],
  ['hit rate@10', 'hitRate'],
] as const) {
  for (const [reference, referenceName] of [
    ['newestFirst', 'newest first, same unseen reels'],
    ['fixedWeight', 'fixed weights 25/35/30/10 over every unseen reel, same profiles and stats'],
  ] as const) {
    report({
      name: `feed quality ${metric}: ours as served vs ${reference} (mean of ${SEEDS.length} seeds)`,
      unit: metric,
      better: 'higher',
      ours: mean('ours', key),
      reference: mean(reference, key),
      referenceName,
      notes,
    })
  }
}
