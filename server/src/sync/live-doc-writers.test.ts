import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { LiveComment, LiveNotification } from '../../../shared/api/live-docs'
import {
  pushNotification,
  reconcileComments,
  removeNotifications,
  setEntry,
  setNumbers,
} from './live-doc-writers'

const comment = (id: string): LiveComment => ({ id, author: 'bob', text: id, parentId: null, createdAt: '' })
const ids = (array: Y.Array<LiveComment>) => array.toArray().map((c) => c.id)

/** Runs a change and answers how many updates it produced. */
function updatesOf(doc: Y.Doc, change: () => void): number {
  let n = 0
  const count = () => n++
  doc.on('update', count)
  doc.transact(change)
  doc.off('update', count)
  return n
}

describe('setNumbers / setEntry', () => {
  it('write only what differs, so an unchanged refresh costs no update', () => {
    const doc = new Y.Doc()
    const map = doc.getMap<unknown>('counts')
    expect(updatesOf(doc, () => setNumbers(map, { likes: 1, views: 2 }))).toBe(1)
    expect(updatesOf(doc, () => setNumbers(map, { likes: 1, views: 2 }))).toBe(0)
    expect(updatesOf(doc, () => setEntry(map, 'r', { likes: 1 }))).toBe(1)
    expect(updatesOf(doc, () => setEntry(map, 'r', { likes: 1 }))).toBe(0)
    setEntry(map, 'r', undefined)
    expect(map.has('r')).toBe(false)
    expect(map.toJSON()).toEqual({ likes: 1, views: 2 })
  })
})

describe('reconcileComments', () => {
  it('appends new comments, removes deleted ones and lets older ones back in below the cap', () => {
    const doc = new Y.Doc()
    const array = doc.getArray<LiveComment>('comments')
    reconcileComments(array, ['a', 'b', 'c'].map(comment))
    expect(ids(array)).toEqual(['a', 'b', 'c'])
    reconcileComments(array, ['b', 'c', 'd'].map(comment)) // 'd' new, 'a' pushed out
    expect(ids(array)).toEqual(['b', 'c', 'd'])
    reconcileComments(array, ['a', 'b', 'd'].map(comment)) // 'c' deleted, 'a' back in front
    expect(ids(array)).toEqual(['a', 'b', 'd'])
    reconcileComments(array, [])
    expect(ids(array)).toEqual([])
  })

  it('leaves kept entries alone: a new comment is one insert', () => {
    const doc = new Y.Doc()
    const array = doc.getArray<LiveComment>('comments')
    reconcileComments(array, ['a', 'b'].map(comment))
    const kept = array.get(0)
    const events: number[] = []
    array.observe((event) => events.push(event.changes.delta.length))
    reconcileComments(array, ['a', 'b', 'c'].map(comment))
    expect(array.get(0)).toBe(kept)
    expect(events).toEqual([2]) // retain 2, insert 1
  })
})

describe('notifications', () => {
  it('keep the newest up to the cap, and can be removed by a rule', () => {
    const doc = new Y.Doc()
    const array = doc.getArray<LiveNotification>('notifications')
    for (let i = 0; i < 5; i++) {
      pushNotification(array, { id: String(i), kind: 'follower', at: '', actor: `u${i}` }, 3)
    }
    expect(array.toArray().map((n) => n.id)).toEqual(['2', '3', '4'])
    removeNotifications(array, (n) => n.id === '3')
    expect(array.toArray().map((n) => n.id)).toEqual(['2', '4'])
  })
})
