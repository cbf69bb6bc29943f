// The shared feature cache: loads only what it does not hold, remembers reels that were not
// published, starts over after its age or size limit and when the clock goes back.
import { describe, expect, it } from 'vitest'
import { createFeatureCache } from './feature-cache'
import type { RankableReel } from './ranking'

function setUp(maxEntries = 100) {
  const clock = { now: 1_000 }
  const published = new Set(['a', 'b', 'c', 'd'])
  const asked: string[][] = []
  const load = (ids: readonly string[]): RankableReel[] => {
    asked.push([...ids])
    return ids
      .filter((id) => published.has(id))
      .map((id) => ({
        id,
        creatorId: 'c',
        tags: [],
        soundId: id,
        publishedAt: 0,
        stats: { views: 0, watches: 0, completions: 0, likes: 0, comments: 0, shares: 0 },
      }))
  }
  const features = createFeatureCache(load, { maxAgeMs: 60_000, maxEntries, now: () => clock.now })
  return { clock, asked, features, published }
}

const ids = (reels: RankableReel[]) => reels.map((reel) => reel.id)

describe('feature cache', () => {
  it('loads only the reels it does not hold, unpublished ones included', () => {
    const { asked, features } = setUp()
    expect(ids(features(['a', 'x', 'b']))).toEqual(['a', 'b'])
    expect(ids(features(['b', 'c', 'x', 'c']))).toEqual(['b', 'c', 'c'])
    expect(asked).toEqual([['a', 'x', 'b'], ['c']])
  })

  it('starts over after its age, when the clock goes back, and past its size', () => {
    const { clock, asked, features, published } = setUp(3)
    features(['a'])
    published.delete('a') // unpublished meanwhile: still served from the cache until it expires
    clock.now += 59_999
    expect(ids(features(['a']))).toEqual(['a'])
    clock.now += 1
    expect(ids(features(['a']))).toEqual([])
    clock.now -= 10
    features(['b'])
    features(['c', 'd']) // three entries now: the next call starts over
    features(['b'])
    expect(asked).toEqual([['a'], ['a'], ['b'], ['c', 'd'], ['b']])
  })
})
