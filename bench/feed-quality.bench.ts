// Feed quality: simulated viewers with hidden interests over a synthetic catalogue. Each viewer
// first watches random reels (the history the ranking learns from: watches, skips, likes,
// comments, shares, follows); then each method picks 10 of the reels the viewer has not seen, and
// the same simulated viewer decides what they would have done with each (like = 2, watch through
// = 1, skip = 0). Reported: hit rate@10 (share of the 10 watched through or liked) and NDCG@10
// (ideal = the viewer's best 10 unseen reels), for
//   - ours, as served: candidate sources (followed, affinity, trending, fresh) → rankFeed
//   - ours as served without the exploration slots (what exploration costs today)
//   - newest first, and a fixed-weight formula (freshness 25 %, engagement 35 %,
//     personalisation 30 %, creator 10 %) on the same profiles and stats.
// Deterministic (seeded); runs in-process on the pure ranking module.
import { rankFeed, type RankableReel, type ReelStats } from '../server/src/feed/ranking'
import { buildViewerProfile, type Interaction, type ViewerProfile } from '../server/src/feed/viewer-profile'
import { feedWeights, type FeedWeights } from '../server/src/feed/weights'
import { report } from './run'

const REELS = Number(process.env.SPOOL_BENCH_REELS ?? 10_000)
const USERS = Number(process.env.SPOOL_BENCH_USERS ?? 1_000)
const CREATORS = 400
const TOPICS = 30
const HISTORY = 80
const NOW = Date.UTC(2026, 0, 15)
const HOUR = 3600_000

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = mulberry32(20261123)
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!

// The catalogue: creators have a main topic; reels carry it (and sometimes a second one), a hidden
// quality, and a publication time in the last two weeks.
interface SimReel extends RankableReel {
  quality: number
  topics: number[]
}
const creatorTopic = Array.from({ length: CREATORS }, () => Math.floor(random() * TOPICS))
const reels: SimReel[] = Array.from({ length: REELS }, (_, i) => {
  const creator = Math.floor(random() * CREATORS)
  const topics = [creatorTopic[creator]!]
  if (random() < 0.3) topics.push(Math.floor(random() * TOPICS))
  return {
    id: `r${i}`,
    creatorId: `c${creator}`,
    tags: [...new Set(topics.map((t) => `topic${t}`))],
    soundId: null,
    publishedAt: NOW - Math.floor(random() * 14 * 24 * HOUR),
    stats: { views: 0, watches: 0, completions: 0, likes: 0, comments: 0, shares: 0 },
    quality: (random() + random()) / 2,
    topics,
  }
})

// Viewers: three favourite topics, a few favourite creators, and mild taste for fresh reels.
interface SimUser {
  interest: Float64Array
  favouriteCreators: Set<string>
}
const users: SimUser[] = Array.from({ length: USERS }, () => {
  const interest = new Float64Array(TOPICS).fill(0.03)
  for (let k = 0; k < 3; k++) interest[Math.floor(random() * TOPICS)] = 0.6 + 0.4 * random()
  return {
    interest,
    favouriteCreators: new Set([
      `c${Math.floor(random() * CREATORS)}`,
      `c${Math.floor(random() * CREATORS)}`,
    ]),
  }
})

type Outcome = 'like' | 'completed' | 'watched' | 'skipped'
function completionChance(user: SimUser, reel: SimReel): number {
  let affinity = 0
  for (const t of reel.topics) affinity = Math.max(affinity, user.interest[t]!)
  const creator = user.favouriteCreators.has(reel.creatorId) ? 0.25 : 0
  const freshness = 2 ** (-(NOW - reel.publishedAt) / (72 * HOUR))
  return Math.min(1, (0.55 * affinity + 0.35 * reel.quality + creator) * (0.8 + 0.2 * freshness))
}
function outcome(user: SimUser, reel: SimReel, roll: number, roll2: number): Outcome {
  const p = completionChance(user, reel)
  if (roll >= p) return roll2 < 0.4 ? 'watched' : 'skipped'
  return roll2 < 0.35 ? 'like' : 'completed'
}
// The same viewer always does the same with the same reel: a hash of (viewer, reel) seeds the rolls.
function hashRolls(u: number, r: number): [number, number] {
  const next = mulberry32(Math.imul(u + 1, 0x9e3779b1) ^ Math.imul(r + 1, 0x85ebca77))
  return [next(), next()]
}
const relevance = (o: Outcome) => (o === 'like' ? 2 : o === 'completed' ? 1 : 0)

// History: every viewer watches HISTORY random reels; the stats and profiles come from that.
const histories: { seen: Set<string>; interactions: Interaction[]; follows: Set<string> }[] = []
for (let u = 0; u < USERS; u++) {
  const seen = new Set<string>()
  const interactions: Interaction[] = []
  const likedByCreator = new Map<string, number>()
  while (seen.size < HISTORY) {
    const reel = pick(reels)
    if (seen.has(reel.id)) continue
    seen.add(reel.id)
    const o = outcome(users[u]!, reel, random(), random())
    const s = reel.stats as ReelStats
    s.watches++
    if (o !== 'skipped') s.views++
    if (o === 'like' || o === 'completed') s.completions++
    const base = { reelId: reel.id, creatorId: reel.creatorId, tags: reel.tags }
    interactions.push({ ...base, kind: o === 'like' ? 'completed' : o })
    if (o === 'like') {
      s.likes++
      interactions.push({ ...base, kind: 'like' })
      likedByCreator.set(reel.creatorId, (likedByCreator.get(reel.creatorId) ?? 0) + 1)
      if (random() < 0.15) {
        s.comments++
        interactions.push({ ...base, kind: 'comment' })
      }
      if (random() < 0.08) s.shares++
    }
  }
  const follows = new Set([...likedByCreator].filter(([, n]) => n >= 2).map(([c]) => c))
  for (const c of users[u]!.favouriteCreators) if (random() < 0.3) follows.add(c)
  histories.push({ seen, interactions, follows })
}

// What production's candidate sources would offer (feed-sources.ts, trending.ts), in memory.
const newest = [...reels].sort((a, b) => b.publishedAt - a.publishedAt)
const trending = [...reels]
  .sort((a, b) => {
    const heat = (r: SimReel) =>
      (r.stats.views + 2 * r.stats.likes + 3 * r.stats.comments + 4 * r.stats.shares) *
      2 ** (-(NOW - r.publishedAt) / (24 * HOUR))
    return heat(b) - heat(a)
  })
  .slice(0, feedWeights.candidates.trending)
const byTag = new Map<string, SimReel[]>()
const byCreator = new Map<string, SimReel[]>()
for (const reel of newest) {
  for (const tag of reel.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), reel])
  byCreator.set(reel.creatorId, [...(byCreator.get(reel.creatorId) ?? []), reel])
}
function topKeys(map: ReadonlyMap<string, number>, n: number): string[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k]) => k)
}
function servedCandidates(profile: ViewerProfile): SimReel[] {
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
}

// The reference formula: each part in [0, 1], fixed weights, raw (unsmoothed) engagement.
function fixedWeightTop10(pool: SimReel[], profile: ViewerProfile): SimReel[] {
  const score = (r: SimReel) => {
    const freshness = 2 ** (-(NOW - r.publishedAt) / (feedWeights.recency.halfLifeHours * HOUR))
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
const methods: Record<string, (pool: SimReel[], profile: ViewerProfile) => RankableReel[]> = {
  ours: (_pool, profile) => rankFeed(servedCandidates(profile), profile, { now: NOW, size: 10 }),
  oursNoExploration: (_pool, profile) =>
    rankFeed(servedCandidates(profile), profile, { now: NOW, size: 10 }, noExploration),
  newestFirst: (_pool, profile) => newest.filter((r) => !profile.excludedReels.has(r.id)).slice(0, 10),
  fixedWeight: fixedWeightTop10,
}
const totals = Object.fromEntries(Object.keys(methods).map((m) => [m, { hits: 0, ndcg: 0, ms: 0 }]))

const dcg = (gains: number[]) => gains.reduce((sum, rel, i) => sum + (2 ** rel - 1) / Math.log2(i + 2), 0)
const started = performance.now()
for (let u = 0; u < USERS; u++) {
  const history = histories[u]!
  const profile = buildViewerProfile({
    interactions: history.interactions,
    followedCreators: history.follows,
  })
  const pool = reels.filter((r) => !history.seen.has(r.id))
  const rel = new Map<string, number>()
  for (const reel of pool) {
    const [a, b] = hashRolls(u, Number(reel.id.slice(1)))
    rel.set(reel.id, relevance(outcome(users[u]!, reel, a, b)))
  }
  const ideal = dcg([...rel.values()].sort((a, b) => b - a).slice(0, 10))
  for (const [name, method] of Object.entries(methods)) {
    const t0 = performance.now()
    const top = method(pool, profile).slice(0, 10)
    totals[name]!.ms += performance.now() - t0
    const gains = top.map((r) => rel.get(r.id)!)
    if (top.some((r) => history.seen.has(r.id))) throw new Error(`${name} showed a seen reel`)
    totals[name]!.hits += gains.filter((g) => g > 0).length / 10
    totals[name]!.ndcg += ideal > 0 ? dcg(gains) / ideal : 0
  }
}

const result = Object.fromEntries(
  Object.entries(totals).map(([name, t]) => [
    name,
    {
      hitRate: +(t.hits / USERS).toFixed(4),
      ndcg10: +(t.ndcg / USERS).toFixed(4),
      msPerUser: +(t.ms / USERS).toFixed(2),
    },
  ]),
)
const notes = {
  reels: REELS,
  users: USERS,
  creators: CREATORS,
  topics: TOPICS,
  historyPerUser: HISTORY,
  seconds: +((performance.now() - started) / 1000).toFixed(1),
  ...result,
}
console.log(JSON.stringify(notes, null, 2))

for (const [metric, key] of [
  ['NDCG@10', 'ndcg10'],
  ['hit rate@10', 'hitRate'],
] as const) {
  for (const [reference, referenceName] of [
    ['newestFirst', 'newest first, same unseen reels'],
    ['fixedWeight', 'fixed weights 25/35/30/10, same profiles and stats'],
  ] as const) {
    report({
      name: `feed quality ${metric}: ours as served vs ${reference}`,
      unit: metric,
      better: 'higher',
      ours: result.ours![key],
      reference: result[reference]![key],
      referenceName,
      notes,
    })
  }
}
