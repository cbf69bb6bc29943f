// The comments sheet's data: pages from GET /api/reels/:id/comments, replies on demand, our own
// comments once the outbox has sent them, and other people's as they arrive in the live document.
import { useEffect, useReducer, useRef } from 'react'
import type { CommentItem } from '../../../../shared/api/engagement'
import type { LiveComment } from '../../../../shared/api/live-docs'
import { deleteComment, fetchComments } from '../engagement/engagement-api'
import { onOutboxResult } from '../engagement/outbox-runtime'
import { refreshReelCounts } from '../engagement/reel-counts'
import { commentListReducer, deletedSince, initialCommentList } from './comment-list-state'

function fromLive(comment: LiveComment): CommentItem {
  return { ...comment, author: { username: comment.author }, replyCount: 0 }
}

/** `live`: the live document's comments, or null while it is not in sync. */
export function useCommentList(reelId: string, live: readonly LiveComment[] | null) {
  const [state, dispatch] = useReducer(commentListReducer, initialCommentList)
  const [attempt, retry] = useReducer((n: number) => n + 1, 0)

  useEffect(() => {
    const controller = new AbortController()
    fetchComments(reelId, { signal: controller.signal }).then(
      (page) => dispatch({ type: 'first-page', items: page.items, nextCursor: page.nextCursor }),
      () => controller.signal.aborted || dispatch({ type: 'failed' }),
    )
    return () => controller.abort()
  }, [reelId, attempt])

  // Opened while offline: load as soon as the connection is back.
  const failed = state.status === 'failed'
  useEffect(() => {
    if (!failed) return
    window.addEventListener('online', retry)
    return () => window.removeEventListener('online', retry)
  }, [failed])

  useEffect(
    () =>
      onOutboxResult((event) => {
        if (event.type === 'sent' && event.action.kind === 'comment' && event.action.reelId === reelId) {
          dispatch({ type: 'add', comment: event.result as CommentItem })
        }
      }),
    [reelId],
  )

  const previousLive = useRef(live)
  useEffect(() => {
    if (!live) return
    for (const id of deletedSince(previousLive.current ?? [], live)) dispatch({ type: 'remove', id })
    previousLive.current = live
  }, [live])

  const since = state.since
  useEffect(() => {
    if (since === null || !live) return
    // Comments that were already there at the first load are in the pages, or deliberately not yet.
    for (const comment of live) {
      if (comment.createdAt > since) dispatch({ type: 'add', comment: fromLive(comment) })
    }
  }, [live, since])

  function loadMore() {
    if (!state.nextCursor || state.loadingMore) return
    dispatch({ type: 'loading-more' })
    fetchComments(reelId, { cursor: state.nextCursor }).then(
      (page) => dispatch({ type: 'more', items: page.items, nextCursor: page.nextCursor }),
      () => dispatch({ type: 'failed' }),
    )
  }

  function loadReplies(parentId: string) {
    const current = state.replies[parentId]
    if (current?.loading) return
    dispatch({ type: 'replies-loading', parentId })
    fetchComments(reelId, { parentId, cursor: current?.nextCursor ?? undefined }).then(
      (page) => dispatch({ type: 'replies', parentId, items: page.items, nextCursor: page.nextCursor }),
      () => dispatch({ type: 'replies', parentId, items: [], nextCursor: current?.nextCursor ?? null }),
    )
  }

  async function remove(commentId: string): Promise<void> {
    await deleteComment(commentId)
    dispatch({ type: 'remove', id: commentId })
    refreshReelCounts(reelId)
  }

  return { state, retry, loadMore, loadReplies, remove }
}
