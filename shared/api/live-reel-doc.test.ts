// The reel document reader keeps what fits the shared schemas and leaves the rest out.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readLiveReelDoc } from './live-reel-doc'

const comment = (id: string, text: string) => ({
  id,
  author: 'ana',
  text,
  parentId: null,
  createdAt: '2026-11-23T10:00:00.000Z',
})

describe('readLiveReelDoc', () => {
  it('reads counts and comments, newest last', () => {
    const doc = new Y.Doc()
    const counts = doc.getMap('counts')
    for (const [key, value] of Object.entries({ views: 5, likes: 2, comments: 2, shares: 0 })) {
      counts.set(key, value)
    }
    doc.getArray('comments').push([comment('a', 'first'), comment('b', 'second')])
    expect(readLiveReelDoc(doc)).toEqual({
      counts: { views: 5, likes: 2, comments: 2, shares: 0 },
      comments: [comment('a', 'first'), comment('b', 'second')],
    })
  })

  it('leaves out what does not fit: no counts until all four are numbers, broken comments', () => {
    const doc = new Y.Doc()
    doc.getMap('counts').set('views', 3)
    doc.getArray('comments').push([{ id: 'x', text: 42 }, 'not an object', comment('c', 'kept')])
    expect(readLiveReelDoc(doc)).toEqual({ counts: null, comments: [comment('c', 'kept')] })
    doc.getMap('counts').set('likes', -1)
    expect(readLiveReelDoc(doc).counts).toBeNull()
  })
})
