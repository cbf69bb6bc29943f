// The simulated world the feed-quality benchmark judges rankings in: a catalogue of reels with a
// hidden quality, viewers with hidden interests, and each viewer's history (random reels they
// watched, skipped, liked, commented; the creators they follow). The ranking under test only ever
// sees what a server would: reel stats, the viewer's interactions and follows. Deterministic for a
// seed; the hidden parts (interests, quality) decide what a viewer does with a reel.
import type { RankableReel, ReelStats } from '../../server/src/feed/ranking'
import type { Interaction } from '../../server/src/feed/viewer-profile'

export const NOW = Date.UTC(2026, 0, 15)
export const HOUR = 3600_000
export const CREATORS = 400
export const TOPICS = 30

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface SimReel extends RankableReel {
  quality: number
  topics: number[]
}

interface SimUser {
  interest: Float64Array
  favouriteCreators: Set<string>
}

export interface SimHistory {
  seen: Set<string>
  interactions: Interaction[]
  follows: Set<string>
}

type Outcome = 'like' | 'completed' | 'watched' | 'skipped'

export function simulateWorld(options: { seed: number; reels: number; users: number; history: number }) {
  const random = mulberry32(options.seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!

  // The catalogue: creators have a main topic; reels carry it (and sometimes a second one), a
  // hidden quality, and a publication time in the last two weeks.
  const creatorTopic = Array.from({ length: CREATORS }, () => Math.floor(random() * TOPICS))
  const reels: SimReel[] = Array.from({ length: options.reels }, (_, i) => {
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
  const users: SimUser[] = Array.from({ length: options.users }, () => {
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

  // History: every viewer watches `history` random reels; the stats and profiles come from that.
  const histories: SimHistory[] = []
  for (let u = 0; u < options.users; u++) {
    const seen = new Set<string>()
    const interactions: Interaction[] = []
    const likedByCreator = new Map<string, number>()
    while (seen.size < options.history) {
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

  return {
    reels,
    histories,
    /**
     * What viewer `u` would do with a reel they have not seen: like = 2, watch through = 1,
     * skip = 0. The same viewer always does the same with the same reel: a hash of (viewer, reel)
     * seeds the rolls.
     */
    relevance(u: number, reel: SimReel): number {
      const next = mulberry32(
        Math.imul(u + 1, 0x9e3779b1) ^ Math.imul(Number(reel.id.slice(1)) + 1, 0x85ebca77),
      )
      const o = outcome(users[u]!, reel, next(), next())
      return o === 'like' ? 2 : o === 'completed' ? 1 : 0
    },
  }
}

export type SimWorld = ReturnType<typeof simulateWorld>
