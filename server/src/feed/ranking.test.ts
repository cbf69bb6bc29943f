import { describe, expect, it } from 'vitest'
import { arrangeDiverse } from './diversity'
import {
  predictedEngagement,
  rankFeed,
  recencyFactor,
  scoreReel,
  type RankableReel,
  type ReelStats,
} from './ranking'
import { anonymousProfile, buildViewerProfile } from './viewer-profile'
import { feedWeights } from './weights'

const NOW = Date.UTC(2026, 0, 10)
const HOUR = 3600_000
const noStats: ReelStats = { views: 0, watches: 0, completions: 0, likes: 0, comments: 0, shares: 0 }

function reel(id: string, over: Partial<RankableReel> = {}): RankableReel {
  return {
    id,
    creatorId: `c-${id}`,
    tags: [],
    soundId: null,
    publishedAt: NOW - HOUR,
    stats: noStats,
    ...over,
  }
}

describe('predicted engagement', () => {
  it('is 1 for a reel with no views (the prior) and moves with evidence as views grow', () => {
    expect(predictedEngagement(noStats)).toBeCloseTo(1)
    const great = { views: 1000, watches: 1000, completions: 800, likes: 300, comments: 40, shares: 20 }
    const poor = { views: 1000, watches: 1000, completions: 50, likes: 5, comments: 0, shares: 0 }
    expect(predictedEngagement(great)).toBeGreaterThan(3)
    expect(predictedEngagement(poor)).toBeLessThan(0.4)
  })

  it('does not let one lucky like on two views beat a proven reel (smoothing)', () => {
    const lucky = { views: 2, watches: 2, completions: 2, likes: 2, comments: 0, shares: 0 }
    const proven = { views: 5000, watches: 5000, completions: 3000, likes: 1000, comments: 100, shares: 50 }
    expect(predictedEngagement(lucky)).toBeLessThan(predictedEngagement(proven))
    expect(predictedEngagement(lucky)).toBeGreaterThan(1)
  })
})

describe('scoring', () => {
  it('decays with age towards a floor, halving the fresh part every half-life', () => {
    expect(recencyFactor(NOW, NOW)).toBe(1)
    const { halfLifeHours, floor } = feedWeights.recency
    expect(recencyFactor(NOW - halfLifeHours * HOUR, NOW)).toBeCloseTo(floor + (1 - floor) / 2)
    expect(recencyFactor(NOW - 1000 * 24 * HOUR, NOW)).toBeCloseTo(floor)
  })

  it('boosts followed creators and liked topics, and lowers topics the viewer said no to', () => {
    const base = reel('a', { creatorId: 'mia', tags: ['run'] })
    const plain = scoreReel(base, anonymousProfile, NOW)
    const follower = buildViewerProfile({ interactions: [], followedCreators: ['mia'] })
    expect(scoreReel(base, follower, NOW)).toBeGreaterThan(plain)

    const runner = buildViewerProfile({
      interactions: [{ reelId: 'x', creatorId: 'leo', tags: ['run'], kind: 'like' }],
    })
    expect(scoreReel(base, runner, NOW)).toBeGreaterThan(plain)

    const tired = buildViewerProfile({
      interactions: [{ reelId: 'y', creatorId: 'mia', tags: ['run'], kind: 'notInterested' }],
    })
    expect(scoreReel(base, tired, NOW)).toBeLessThan(plain * 0.3)
  })
})

describe('rankFeed', () => {
  it('leaves out seen and not-interested reels and hidden creators, and counts duplicates once', () => {
    const viewer = buildViewerProfile({
      interactions: [
        { reelId: 'seen', creatorId: 'c1', tags: [], kind: 'skipped' },
        { reelId: 'nope', creatorId: 'c2', tags: [], kind: 'notInterested' },
      ],
      hiddenCreators: ['hidden'],
    })
    const candidates = [
      reel('seen'),
      reel('nope'),
      reel('h', { creatorId: 'hidden' }),
      reel('ok'),
      reel('ok'),
      reel('fine'),
    ]
    const ids = rankFeed(candidates, viewer, { now: NOW, size: 10 }).map((r) => r.id)
    expect(ids.sort()).toEqual(['fine', 'ok'])
  })

  it('puts the better reel first and is deterministic', () => {
    const good = { views: 500, watches: 500, completions: 400, likes: 150, comments: 20, shares: 10 }
    const candidates = [
      reel('meh'),
      reel('good', { stats: good }),
      reel('old', { publishedAt: NOW - 500 * HOUR }),
    ]
    const first = rankFeed(candidates, anonymousProfile, { now: NOW, size: 3 }).map((r) => r.id)
    expect(first).toEqual(['good', 'meh', 'old'])
    expect(
      rankFeed([...candidates].reverse(), anonymousProfile, { now: NOW, size: 3 }).map((r) => r.id),
    ).toEqual(first)
  })

  it('gives every Nth slot to a fresh little-watched reel, the one that fits the viewer best', () => {
    const watched = { views: 5000, watches: 5000, completions: 4000, likes: 1500, comments: 200, shares: 100 }
    const strong = Array.from({ length: 8 }, (_, i) =>
      reel(`s${i}`, { stats: watched, publishedAt: NOW - 10 * HOUR - i }),
    )
    const newcomer = reel('new', { publishedAt: NOW - 60_000 })
    const ids = rankFeed([...strong, newcomer], anonymousProfile, { now: NOW, size: 9 }).map((r) => r.id)
    expect(ids.indexOf('new')).toBe(feedWeights.exploration.everyNth - 1)

    // A cook gets the slightly older cooking newcomer rather than the newest golf reel.
    const cook = buildViewerProfile({
      interactions: Array.from({ length: 6 }, (_, i) => ({
        reelId: `seen${i}`,
        creatorId: `chef${i}`,
        tags: ['food'],
        kind: 'completed' as const,
      })),
    })
    const golf = reel('golf', { publishedAt: NOW - 60_000, tags: ['golf'] })
    const pasta = reel('pasta', { publishedAt: NOW - 2 * HOUR, tags: ['food'] })
    const forCook = rankFeed([...strong, golf, pasta], cook, { now: NOW, size: 10 }).map((r) => r.id)
    expect(forCook.indexOf('pasta')).toBe(feedWeights.exploration.everyNth - 1)
  })

  it('never shows two reels of one creator in a row when others are available', () => {
    const candidates = [
      ...Array.from({ length: 6 }, (_, i) => reel(`m${i}`, { creatorId: 'mia', publishedAt: NOW - i })),
      ...Array.from({ length: 4 }, (_, i) => reel(`o${i}`, { publishedAt: NOW - 100 * HOUR - i })),
    ]
    const ranked = rankFeed(candidates, anonymousProfile, { now: NOW, size: 10 }).map((r) => r.id)
    // Her reels rank first, so they alternate with the others until only hers are left.
    expect(ranked).toEqual(['m0', 'o0', 'm1', 'o1', 'm2', 'o2', 'm3', 'o3', 'm4', 'm5'])
  })
})

describe('arrangeDiverse', () => {
  const rules = { window: 10, maxPerTag: 3, maxPerSound: 2 }
  type Item = { id: string; creatorId: string; tags: string[]; soundId: string | null }

  it('caps a hashtag and a sound in every window, keeping rank order otherwise', () => {
    const items: Item[] = [
      ...Array.from({ length: 6 }, (_, i) => ({
        id: `t${i}`,
        creatorId: `c${i}`,
        tags: ['cats'],
        soundId: null,
      })),
      ...Array.from({ length: 4 }, (_, i) => ({
        id: `s${i}`,
        creatorId: `d${i}`,
        tags: [],
        soundId: 'song',
      })),
      ...Array.from({ length: 6 }, (_, i) => ({ id: `x${i}`, creatorId: `e${i}`, tags: [], soundId: null })),
    ]
    const out = arrangeDiverse(items, rules)
    expect(out.map((r) => r.id).slice(0, 6)).toEqual(['t0', 't1', 't2', 's0', 's1', 'x0'])
    for (let start = 0; start + rules.window <= out.length; start++) {
      const window = out.slice(start, start + rules.window)
      expect(window.filter((r) => r.tags.includes('cats')).length).toBeLessThanOrEqual(3)
      expect(window.filter((r) => r.soundId === 'song').length).toBeLessThanOrEqual(2)
    }
  })

  it('relaxes the caps first, and the creator rule only when nothing else is left', () => {
    const items: Item[] = Array.from({ length: 5 }, (_, i) => ({
      id: `t${i}`,
      creatorId: i % 2 ? 'a' : 'b',
      tags: ['x'],
      soundId: null,
    }))
    expect(arrangeDiverse(items, rules).map((r) => r.id)).toEqual(['t0', 't1', 't2', 't3', 't4'])
    const same: Item[] = [items[0]!, items[2]!, { ...items[1]!, tags: [] }]
    expect(arrangeDiverse(same, rules).map((r) => r.id)).toEqual(['t0', 't1', 't2'])
  })
})
