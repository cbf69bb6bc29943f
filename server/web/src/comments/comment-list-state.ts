// What the comments sheet holds: the top-level comments page by page (newest first), the replies
// of the threads the viewer opened, and the rules for adding a comment that arrives later (our own,
// once the server stored it, or someone else's from the live document): never twice, never one
// the viewer deleted, and a reply bumps its thread's reply count.
import type { CommentItem } from '../../../../shared/api/engagement'
import { LIVE_COMMENTS_KEPT, type LiveComment } from '../../../../shared/api/live-docs'

export interface ReplyList {
  items: CommentItem[]
  nextCursor: string | null
  loading: boolean
}

export interface CommentListState {
  status: 'loading' | 'ready' | 'failed'
  top: CommentItem[]
  nextCursor: string | null
  loadingMore: boolean
  replies: Record<string, ReplyList>
  /** Every id shown or counted, so the same comment arriving twice is added once. */
  seen: ReadonlySet<string>
  removed: ReadonlySet<string>
  /** The newest comment's time at the first load: live comments after it are new. */
  since: string | null
}

export type CommentListAction =
  | { type: 'first-page'; items: CommentItem[]; nextCursor: string | null }
  | { type: 'failed' }
  | { type: 'loading-more' }
  | { type: 'more'; items: CommentItem[]; nextCursor: string | null }
  | { type: 'replies-loading'; parentId: string }
  | { type: 'replies'; parentId: string; items: CommentItem[]; nextCursor: string | null }
  | { type: 'add'; comment: CommentItem }
  | { type: 'remove'; id: string }

export const initialCommentList: CommentListState = {
  status: 'loading',
  top: [],
  nextCursor: null,
  loadingMore: false,
  replies: {},
  seen: new Set(),
  removed: new Set(),
  since: null,
}

const withSeen = (seen: ReadonlySet<string>, items: readonly CommentItem[]) =>
  new Set([...seen, ...items.map((item) => item.id)])

/** Items not already shown, in their order. */
const unseen = (state: CommentListState, items: readonly CommentItem[]) =>
  items.filter((item) => !state.seen.has(item.id) && !state.removed.has(item.id))

export function commentListReducer(state: CommentListState, action: CommentListAction): CommentListState {
  switch (action.type) {
    case 'first-page':
      return {
        ...state,
        status: 'ready',
        top: unseen(state, action.items).concat(state.top),
        nextCursor: action.nextCursor,
        seen: withSeen(state.seen, action.items),
        since: action.items[0]?.createdAt ?? '',
      }
    case 'failed':
      return state.status === 'loading' ? { ...state, status: 'failed' } : { ...state, loadingMore: false }
    case 'loading-more':
      return { ...state, loadingMore: true }
    case 'more':
      return {
        ...state,
        top: [...state.top, ...unseen(state, action.items)],
        nextCursor: action.nextCursor,
        loadingMore: false,
        seen: withSeen(state.seen, action.items),
      }
    case 'replies-loading': {
      const current = state.replies[action.parentId] ?? { items: [], nextCursor: null, loading: false }
      return { ...state, replies: { ...state.replies, [action.parentId]: { ...current, loading: true } } }
    }
    case 'replies': {
      const current = state.replies[action.parentId]?.items ?? []
      const fresh = action.items.filter((item) => !current.some((shown) => shown.id === item.id))
      return {
        ...state,
        replies: {
          ...state.replies,
          [action.parentId]: {
            items: [...current, ...fresh.filter((item) => !state.removed.has(item.id))],
            nextCursor: action.nextCursor,
            loading: false,
          },
        },
        seen: withSeen(state.seen, action.items),
      }
    }
    case 'add':
      return add(state, action.comment)
    case 'remove':
      return remove(state, action.id)
  }
}

function add(state: CommentListState, comment: CommentItem): CommentListState {
  if (state.seen.has(comment.id) || state.removed.has(comment.id)) return state
  const seen = withSeen(state.seen, [comment])
  if (comment.parentId === null) return { ...state, top: [comment, ...state.top], seen }
  const parentId = comment.parentId
  const replies = state.replies[parentId]
  return {
    ...state,
    seen,
    top: state.top.map((item) =>
      item.id === parentId ? { ...item, replyCount: item.replyCount + 1 } : item,
    ),
    replies: replies
      ? { ...state.replies, [parentId]: { ...replies, items: [comment, ...replies.items] } }
      : state.replies,
  }
}

function remove(state: CommentListState, id: string): CommentListState {
  const removed = new Set([...state.removed, id])
  const reply = Object.values(state.replies)
    .flatMap((list) => list.items)
    .find((item) => item.id === id)
  const replies = Object.fromEntries(
    Object.entries(state.replies)
      .filter(([parentId]) => parentId !== id)
      .map(([parentId, list]) => [parentId, { ...list, items: list.items.filter((item) => item.id !== id) }]),
  )
  const top = state.top
    .filter((item) => item.id !== id)
    .map((item) =>
      reply && item.id === reply.parentId ? { ...item, replyCount: Math.max(0, item.replyCount - 1) } : item,
    )
  return { ...state, top, replies, removed }
}

/**
 * Comments that left the live list because they were deleted, not because newer ones pushed them
 * out of its last LIVE_COMMENTS_KEPT: those would be older than everything still in it.
 */
export function deletedSince(before: readonly LiveComment[], now: readonly LiveComment[]): string[] {
  const still = new Set(now.map((comment) => comment.id))
  const oldest = now.length >= LIVE_COMMENTS_KEPT ? (now[0]?.createdAt ?? '') : ''
  return before.filter((comment) => !still.has(comment.id) && comment.createdAt >= oldest).map((c) => c.id)
}
