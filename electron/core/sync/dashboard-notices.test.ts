// Which desktop notification news gets: one piece as itself, several at once as one summary.
import { describe, expect, it } from 'vitest'
import type { LiveNotification } from '../../../shared/api/live-docs'
import { noticeFor, summaryTitle } from './dashboard-notices'

const REEL = '01J0000000000000000000000A'
const at = '2026-01-02T10:00:00.000Z'
const comment = (id: string, actor: string, text: string): LiveNotification => ({
  id,
  kind: 'comment',
  at,
  reelId: REEL,
  actor,
  text,
})
const follower = (id: string, actor: string): LiveNotification => ({ id, kind: 'follower', at, actor })
const milestone = (id: string, likes: number): LiveNotification => ({
  id,
  kind: 'like_milestone',
  at,
  reelId: REEL,
  likes,
})
const captionOf = (reelId: string) => (reelId === REEL ? 'Harbour at dawn' : undefined)

describe('noticeFor', () => {
  it('tells nothing when there is no news', () => {
    expect(noticeFor([], captionOf)).toBeNull()
  })

  it('tells one piece of news as itself', () => {
    const news = [comment('c1', 'ana', 'Which harbour?')]
    expect(noticeFor(news, captionOf)).toEqual({
      title: 'ana commented on “Harbour at dawn”',
      body: 'Which harbour?',
      notifications: news,
    })
  })

  it('folds what arrived together into one summary, newest lines first', () => {
    const news = [
      comment('c3', 'cyd', 'Third'),
      follower('f1', 'bo'),
      comment('c2', 'bo', 'Second'),
      comment('c1', 'ana', 'First'),
    ]
    const notice = noticeFor(news, captionOf)!
    expect(notice.title).toBe('3 new comments and 1 follower')
    expect(notice.body.split('\n')).toEqual([
      'cyd commented on “Harbour at dawn”: Third',
      'bo started following you.',
      'bo commented on “Harbour at dawn”: Second',
      '…and 1 more',
    ])
    expect(notice.notifications.map((notification) => notification.id)).toEqual(['c3', 'f1', 'c2', 'c1'])
  })

  it('names a reel it has no caption for as "your reel"', () => {
    const other = { ...milestone('m1', 10), reelId: '01J0000000000000000000000B' }
    expect(noticeFor([other, follower('f1', 'ana')], captionOf)!.body).toBe(
      'Your reel reached 10 likes.\nana started following you.',
    )
  })
})

describe('summaryTitle', () => {
  it('counts each kind in a fixed order, singular or plural', () => {
    expect(summaryTitle([follower('f1', 'a'), follower('f2', 'b')])).toBe('2 new followers')
    expect(summaryTitle([milestone('m1', 10), comment('c1', 'a', 'x')])).toBe(
      '1 new comment and 1 like milestone',
    )
    expect(
      summaryTitle([
        follower('f1', 'a'),
        milestone('m1', 10),
        milestone('m2', 100),
        comment('c1', 'a', 'x'),
        comment('c2', 'b', 'y'),
      ]),
    ).toBe('2 new comments, 2 like milestones and 1 follower')
  })
})
