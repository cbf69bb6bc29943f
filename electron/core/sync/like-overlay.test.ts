// The creator's waiting likes shown on the Dashboard's numbers before the server has them.
import { describe, expect, it } from 'vitest'
import { withOwnLikes } from './like-overlay'

const A = '01J0000000000000000000000A'
const B = '01J0000000000000000000000B'
const C = '01J0000000000000000000000C'
const stats = (reelId: string, likes: number, removedAt?: string) => ({
  reelId,
  views: 9,
  likes,
  comments: 0,
  shares: 0,
  caption: reelId,
  publishedAt: '2026-01-01T10:00:00.000Z',
  ...(removedAt ? { removedAt } : {}),
})
const totals = { views: 27, likes: 7, comments: 0, shares: 0, followers: 1, reels: 3 }

describe('withOwnLikes', () => {
  it('shows the server’s word when nothing waits, unknown as not liked', () => {
    const shown = withOwnLikes([stats(A, 3), stats(B, 4)], totals, new Map([[A, true]]), new Map())
    expect(shown.reels.map((reel) => [reel.liked, reel.likeWaiting, reel.likes])).toEqual([
      [true, false, 3],
      [false, false, 4],
    ])
    expect(shown.totals).toEqual(totals)
  })

  it('lays a waiting like or unlike over the heart, the reel’s count and the total', () => {
    const known = new Map([
      [A, false],
      [B, true],
      [C, true],
    ])
    // A: like waiting; B: unlike waiting; C: a like waiting on a reel the server says is liked already.
    const waiting = new Map([
      [A, true],
      [B, false],
      [C, true],
    ])
    const shown = withOwnLikes([stats(A, 3), stats(B, 4), stats(C, 0)], totals, known, waiting)
    expect(shown.reels.map((reel) => [reel.liked, reel.likeWaiting, reel.likes])).toEqual([
      [true, true, 4],
      [false, true, 3],
      [true, true, 0],
    ])
    expect(shown.totals?.likes).toBe(7)
    const liked = withOwnLikes([stats(A, 3)], totals, known, new Map([[A, true]]))
    expect(liked.totals?.likes).toBe(8)
  })

  it('leaves a removed reel’s like out of the totals and has no totals to change when there are none', () => {
    const removed = withOwnLikes(
      [stats(A, 3, '2026-01-03T00:00:00.000Z')],
      totals,
      new Map(),
      new Map([[A, true]]),
    )
    expect(removed.reels[0]!.likes).toBe(4)
    expect(removed.totals?.likes).toBe(7)
    expect(withOwnLikes([stats(A, 0)], null, new Map(), new Map([[A, true]])).totals).toBeNull()
  })
})
