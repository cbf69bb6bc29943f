// Reading creator:<username> as the server writes it, and refusing what it should not contain.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { describeNotification, readCreatorDoc } from './dashboard-snapshot'

const REEL_A = '01J0000000000000000000000A'
const REEL_B = '01J0000000000000000000000B'
const counts = { views: 10, likes: 3, comments: 1, shares: 0 }

function creatorDoc(): Y.Doc {
  const doc = new Y.Doc()
  doc.getMap('totals').set('views', 10)
  for (const [key, value] of Object.entries({ likes: 3, comments: 1, shares: 0, followers: 2, reels: 2 }))
    doc.getMap('totals').set(key, value)
  doc.getMap('reels').set(REEL_A, { ...counts, caption: 'Older', publishedAt: '2026-01-01T10:00:00.000Z' })
  doc.getMap('reels').set(REEL_B, { ...counts, caption: 'Newer', publishedAt: '2026-01-02T10:00:00.000Z' })
  doc.getArray('notifications').push([
    { id: 'n1', kind: 'follower', at: '2026-01-02T10:00:00.000Z', actor: 'ana' },
    { id: 'c1', kind: 'comment', at: '2026-01-02T11:00:00.000Z', reelId: REEL_B, actor: 'bo', text: 'Nice' },
  ])
  return doc
}

describe('readCreatorDoc', () => {
  it('gives totals, reels newest first and notifications newest first', () => {
    const content = readCreatorDoc(creatorDoc())
    expect(content.totals).toEqual({ views: 10, likes: 3, comments: 1, shares: 0, followers: 2, reels: 2 })
    expect(content.reels.map((reel) => reel.caption)).toEqual(['Newer', 'Older'])
    expect(content.reels[0]).toMatchObject({ reelId: REEL_B, likes: 3 })
    expect(content.notifications.map((note) => note.id)).toEqual(['c1', 'n1'])
  })

  it('leaves out what does not fit the shapes instead of showing it wrong', () => {
    const doc = creatorDoc()
    doc.getMap('totals').set('likes', -4)
    doc.getMap('reels').set('junk', { caption: 42 })
    doc.getArray('notifications').push([{ id: 'x', kind: 'unknown' }, 'not an object'])
    const content = readCreatorDoc(doc)
    expect(content.totals).toBeNull()
    expect(content.reels.map((reel) => reel.reelId)).toEqual([REEL_B, REEL_A])
    expect(content.notifications.map((note) => note.id)).toEqual(['c1', 'n1'])
  })

  it('keeps a removed reel marked with when it was removed', () => {
    const doc = creatorDoc()
    const removedAt = '2026-01-03T09:00:00.000Z'
    doc
      .getMap('reels')
      .set(REEL_A, { ...counts, caption: 'Older', publishedAt: '2026-01-01T10:00:00.000Z', removedAt })
    const content = readCreatorDoc(doc)
    expect(content.reels.find((reel) => reel.reelId === REEL_A)).toMatchObject({
      caption: 'Older',
      removedAt,
    })
    expect(content.reels.find((reel) => reel.reelId === REEL_B)!.removedAt).toBeUndefined()
  })

  it('reads an empty document as nothing yet', () => {
    expect(readCreatorDoc(new Y.Doc())).toEqual({ totals: null, reels: [], notifications: [] })
  })
})

describe('describeNotification', () => {
  const captionOf = (id: string) => (id === REEL_A ? 'Sunrise surf' : undefined)
  it('names who did what, on which reel', () => {
    expect(
      describeNotification(
        { id: 'c', kind: 'comment', at: '', reelId: REEL_A, actor: 'ana', text: 'Wow' },
        captionOf,
      ),
    ).toEqual({ title: 'ana commented on “Sunrise surf”', body: 'Wow' })
    expect(
      describeNotification(
        { id: 'm', kind: 'like_milestone', at: '', reelId: REEL_B, likes: 1000 },
        captionOf,
      ),
    ).toEqual({ title: '1,000 likes', body: 'Your reel reached 1,000 likes.' })
    expect(describeNotification({ id: 'f', kind: 'follower', at: '', actor: 'bo' }, captionOf)).toEqual({
      title: 'New follower',
      body: 'bo started following you.',
    })
  })
})
