// Taste from history: lifts against the viewer's own usual, shrinkage on little evidence, and
// "not interested" kept apart as aversion.
import { describe, expect, it } from 'vitest'
import { buildViewerProfile, type Interaction, type InteractionKind } from './viewer-profile'

let next = 0
function seen(tags: string[], kind: InteractionKind, creatorId = `c${next}`): Interaction[] {
  const reelId = `r${next++}`
  const base = { reelId, creatorId, tags }
  if (kind === 'like')
    return [
      { ...base, kind: 'completed' },
      { ...base, kind: 'like' },
    ]
  return [{ ...base, kind }]
}
const times = (n: number, make: () => Interaction[]) => Array.from({ length: n }, make).flat()

describe('viewer profile', () => {
  it('lifts a hashtag the viewer finishes more often than their usual, and lowers one they skip', () => {
    const profile = buildViewerProfile({
      interactions: [
        ...times(6, () => seen(['cats'], 'completed')),
        ...times(2, () => seen(['cats'], 'skipped')),
        ...times(8, () => seen(['golf'], 'skipped')),
        ...times(4, () => seen(['food'], 'completed')),
        ...times(4, () => seen(['food'], 'skipped')),
      ],
    })
    const cats = profile.tagLift.get('cats')!
    const food = profile.tagLift.get('food')!
    const golf = profile.tagLift.get('golf')!
    expect(cats).toBeGreaterThan(1.3)
    expect(golf).toBeLessThan(0.6)
    expect(food).toBeGreaterThan(golf)
    expect(food).toBeLessThan(cats)
  })

  it('judges a hashtag against this viewer: finishing half is a lot for someone who skips most', () => {
    const picky = buildViewerProfile({
      interactions: [
        ...times(20, () => seen(['other'], 'skipped')),
        ...times(3, () => seen(['jazz'], 'completed')),
        ...times(3, () => seen(['jazz'], 'skipped')),
      ],
    })
    const easy = buildViewerProfile({
      interactions: [
        ...times(20, () => seen(['other'], 'completed')),
        ...times(3, () => seen(['jazz'], 'completed')),
        ...times(3, () => seen(['jazz'], 'skipped')),
      ],
    })
    expect(picky.tagLift.get('jazz')!).toBeGreaterThan(1.5)
    expect(easy.tagLift.get('jazz')!).toBeLessThan(1)
  })

  it('stays near "as usual" on little evidence, and a like says more than a watch-through', () => {
    const one = buildViewerProfile({ interactions: seen(['run'], 'skipped') })
    expect(one.tagLift.get('run')).toBeGreaterThan(0.6)
    const watched = buildViewerProfile({ interactions: seen(['run'], 'completed', 'mia') })
    const liked = buildViewerProfile({ interactions: seen(['run'], 'like', 'mia') })
    expect(liked.tagLift.get('run')!).toBeGreaterThan(watched.tagLift.get('run')!)
    expect(liked.creatorLift.get('mia')!).toBeGreaterThan(watched.creatorLift.get('mia')!)
  })

  it('keeps "not interested" as aversion and excludes every reel it was told about', () => {
    const profile = buildViewerProfile({
      interactions: [
        ...seen(['spam'], 'skipped', 'bot'),
        { reelId: 'x', creatorId: 'bot', tags: ['spam'], kind: 'notInterested' },
      ],
      alsoExclude: ['served'],
    })
    expect(profile.tagAversion.get('spam')).toBeGreaterThan(0.5)
    expect(profile.creatorAversion.get('bot')).toBeGreaterThan(0.5)
    expect([...profile.excludedReels].sort()).toEqual(['r' + (next - 1), 'served', 'x'].sort())
  })
})
