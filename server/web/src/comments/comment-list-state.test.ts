// The comments sheet's list rules: comments arriving twice (our own answer and the live
// document) show once, a reply bumps its thread, a deleted comment stays gone, and a comment that
// left the live list is a deletion only when it did not simply age out of it.
import { describe, expect, it } from 'vitest'
import type { CommentItem } from '../../../../shared/api/engagement'
import { LIVE_COMMENTS_KEPT, type LiveComment } from '../../../../shared/api/live-docs'
import {
  commentListReducer,
  deletedSince,
  initialCommentList,
  type CommentListAction,
} from './comment-list-state'

const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString()
const comment = (id: string, n: number, parentId: string | null = null, replyCount = 0): CommentItem => ({
  id,
  parentId,
  author: { username: 'leo' },
  text: `comment ${id}`,
  createdAt: at(n),
  replyCount,
})
const run = (...actions: CommentListAction[]) => actions.reduce(commentListReducer, initialCommentList)

describe('comment list', () => {
  it('adds a new comment once, on top, and remembers the first page’s newest time', () => {
    const state = run(
      { type: 'first-page', items: [comment('b', 2), comment('a', 1)], nextCursor: 'next' },
      { type: 'add', comment: comment('c', 3) },
      { type: 'add', comment: comment('c', 3) },
    )
    expect(state.top.map((item) => item.id)).toEqual(['c', 'b', 'a'])
    expect(state.since).toBe(at(2))
    expect(state.nextCursor).toBe('next')
  })

  it('appends later pages without repeating what is already shown', () => {
    const state = run(
      { type: 'first-page', items: [comment('c', 3), comment('b', 2)], nextCursor: 'x' },
      { type: 'more', items: [comment('b', 2), comment('a', 1)], nextCursor: null },
    )
    expect(state.top.map((item) => item.id)).toEqual(['c', 'b', 'a'])
    expect(state.nextCursor).toBeNull()
  })

  it('counts a new reply on its thread, and lists it when the thread is open', () => {
    const closed = run(
      { type: 'first-page', items: [comment('p', 1, null, 2)], nextCursor: null },
      { type: 'add', comment: comment('r3', 5, 'p') },
    )
    expect(closed.top[0]!.replyCount).toBe(3)
    expect(closed.replies.p).toBeUndefined()

    const open = run(
      { type: 'first-page', items: [comment('p', 1, null, 1)], nextCursor: null },
      { type: 'replies', parentId: 'p', items: [comment('r1', 2, 'p')], nextCursor: null },
      { type: 'add', comment: comment('r2', 5, 'p') },
      { type: 'add', comment: comment('r2', 5, 'p') },
    )
    expect(open.top[0]!.replyCount).toBe(2)
    expect(open.replies.p!.items.map((item) => item.id)).toEqual(['r2', 'r1'])
  })

  it('removes a comment with its replies and keeps it out if it arrives again', () => {
    const state = run(
      { type: 'first-page', items: [comment('p', 1, null, 1), comment('q', 0)], nextCursor: null },
      { type: 'replies', parentId: 'p', items: [comment('r1', 2, 'p')], nextCursor: null },
      { type: 'remove', id: 'r1' },
      { type: 'remove', id: 'q' },
      { type: 'add', comment: comment('q', 0) },
    )
    expect(state.top.map((item) => [item.id, item.replyCount])).toEqual([['p', 0]])
    expect(state.replies.p!.items).toEqual([])
    const gone = run(
      { type: 'first-page', items: [comment('p', 1)], nextCursor: null },
      { type: 'remove', id: 'p' },
    )
    expect(gone.top).toEqual([])
  })

  it('tells a deleted live comment from one that aged out of the kept window', () => {
    const live = (id: string, n: number): LiveComment => ({
      id,
      author: 'leo',
      text: id,
      parentId: null,
      createdAt: at(n),
    })
    expect(deletedSince([live('a', 1), live('b', 2)], [live('a', 1)])).toEqual(['b'])
    const full = Array.from({ length: LIVE_COMMENTS_KEPT }, (_, i) => live(`n${i}`, 10 + i))
    // "old" fell off the front when a new one came: not a deletion. "n5" vanished from the middle: one.
    const before = [live('old', 5), ...full]
    const after = [...full.filter((item) => item.id !== 'n5'), live('new', 100)]
    expect(deletedSince(before, after)).toEqual(['n5'])
  })
})
