// The comments panel of a reel: a side sheet beside the video on wide screens, a bottom sheet on
// phones. Newest first with "Show more", replies one level deep under their comment, our own
// comments shown as "Sending…" / "Waiting for connection" until the server has them.
import * as Dialog from '@radix-ui/react-dialog'
import { CloudOff, LoaderCircle, MessageCircle, X } from 'lucide-react'
import { useState } from 'react'
import type { CommentItem } from '../../../../shared/api/engagement'
import type { FeedReel } from '../api/feed'
import { RequestFailed } from '../components/request-failed'
import { StateMessage } from '../components/state-message'
import { formatCount } from '../components/format-count'
import type { OutboxAction } from '../engagement/outbox'
import { usePendingActions } from '../engagement/outbox-runtime'
import { useReelCounts } from '../engagement/reel-counts'
import { useOnline } from '../engagement/use-online'
import { useLiveComments } from '../live/live-reels'
import { useSession } from '../session/session-store'
import { CommentBody, CommentRow, type CommentActions } from './comment-row'
import { CommentComposer } from './comment-composer'
import { useCommentList } from './use-comment-list'

export function CommentsSheet(props: { reel: FeedReel; open: boolean; onClose: () => void }) {
  const counts = useReelCounts(props.reel.id)
  return (
    <Dialog.Root open={props.open} onOpenChange={(open) => !open && props.onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="sheet-overlay" />
        <Dialog.Content
          className="sheet comments-sheet"
          aria-describedby={undefined}
          // The list, not the first link in it, takes the focus: Tab then walks the comments.
          onOpenAutoFocus={(event) => {
            event.preventDefault()
            ;(event.currentTarget as HTMLElement).focus()
          }}
        >
          <header className="sheet-header">
            <Dialog.Title className="sheet-title">
              Comments{counts && counts.comments > 0 ? ` · ${formatCount(counts.comments)}` : ''}
            </Dialog.Title>
            <Dialog.Close className="icon-button" aria-label="Close comments">
              <X size={20} aria-hidden="true" />
            </Dialog.Close>
          </header>
          {props.open && <CommentsBody reel={props.reel} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

function CommentsBody({ reel }: { reel: FeedReel }) {
  const session = useSession()
  const me = session.status === 'signed-in' ? session.user.username : null
  const live = useLiveComments(reel.id)
  const list = useCommentList(reel.id, live)
  const online = useOnline()
  const [replyTo, setReplyTo] = useState<CommentItem | null>(null)
  const pending = usePendingActions().filter(
    (action): action is Extract<OutboxAction, { kind: 'comment' }> =>
      action.kind === 'comment' && action.reelId === reel.id && action.username === me,
  )
  const { state } = list

  const actions: CommentActions = {
    canDelete: (comment) => me !== null && (comment.author.username === me || reel.creator.username === me),
    onReply: setReplyTo,
    onDelete: (comment) => list.remove(comment.id),
  }

  return (
    <>
      <div className="sheet-body">
        <ul className="comment-list" aria-label="Comments">
          {pending
            .filter((action) => action.parentId === null)
            .map((action) => (
              <PendingComment key={action.key} action={action} />
            ))}
          {state.top.map((comment) => {
            const replies = state.replies[comment.id]
            const shown = replies?.items.length ?? 0
            const hidden = comment.replyCount - shown
            return (
              <li key={comment.id} className="comment">
                <CommentRow comment={comment} actions={actions} />
                <ul className="reply-list" aria-label={`Replies to @${comment.author.username}`}>
                  {pending
                    .filter((action) => action.parentId === comment.id)
                    .map((action) => (
                      <PendingComment key={action.key} action={action} />
                    ))}
                  {replies?.items.map((reply) => (
                    <li key={reply.id} className="comment is-reply">
                      <CommentRow comment={reply} actions={actions} />
                    </li>
                  ))}
                </ul>
                {hidden > 0 && (
                  <button
                    type="button"
                    className="link-button replies-toggle"
                    onClick={() => list.loadReplies(comment.id)}
                    disabled={replies?.loading}
                  >
                    {replies?.loading && <LoaderCircle className="spin" size={14} aria-hidden="true" />}
                    {shown === 0
                      ? `View ${hidden} ${hidden === 1 ? 'reply' : 'replies'}`
                      : `View ${hidden} more`}
                  </button>
                )}
              </li>
            )
          })}
        </ul>
        {state.status === 'loading' && (
          <div className="sheet-state">
            <LoaderCircle className="spin" size={24} aria-label="Loading comments" />
          </div>
        )}
        {state.status === 'failed' && (
          <div className="sheet-state">
            {online ? (
              <RequestFailed error={new Error("Couldn't load the comments.")} onRetry={list.retry} />
            ) : (
              <StateMessage icon={CloudOff} title="You're offline">
                Comments load when you're back online. What you write now is sent then.
              </StateMessage>
            )}
          </div>
        )}
        {state.status === 'ready' && state.top.length === 0 && pending.length === 0 && (
          <div className="sheet-state">
            <StateMessage icon={MessageCircle} title="No comments yet">
              Start the conversation.
            </StateMessage>
          </div>
        )}
        {state.nextCursor && (
          <button
            type="button"
            className="button is-quiet is-small sheet-more"
            onClick={list.loadMore}
            disabled={state.loadingMore}
          >
            {state.loadingMore && <LoaderCircle className="spin" size={16} aria-hidden="true" />}
            Show more comments
          </button>
        )}
      </div>
      <CommentComposer reelId={reel.id} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} />
    </>
  )
}

function PendingComment({ action }: { action: Extract<OutboxAction, { kind: 'comment' }> }) {
  const waiting = !useOnline()
  return (
    <li className={`comment is-pending ${action.parentId ? 'is-reply' : ''}`} data-pending="true">
      <CommentBody
        author={action.username}
        createdAt={null}
        text={action.text}
        status={waiting ? 'Waiting for connection' : 'Sending…'}
      />
      {waiting && <CloudOff className="pending-icon" size={14} aria-hidden="true" />}
    </li>
  )
}
