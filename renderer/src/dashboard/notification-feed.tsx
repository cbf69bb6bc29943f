// The newest notifications first: comments (with a reply box and delete), like milestones, new
// followers. Replies and deletes go to the core's outbox, so they work offline and are sent later.
import { Heart, MessageCircle, Reply, Trash2, UserPlus } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import type { LiveNotification } from '../../../shared/api/live-docs'
import type { DashboardReel } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import { useStudio } from '../rpc/studio-context'
import { formatAgo, formatCount } from './dashboard-format'

type CommentNotification = Extract<LiveNotification, { kind: 'comment' }>

/** The comment a notification is about: its own field when the server sends one, else its id. */
const commentIdOf = (notification: CommentNotification) =>
  (notification as CommentNotification & { commentId?: string }).commentId ?? notification.id

function ReplyBox({ notification, onDone }: { notification: CommentNotification; onDone: () => void }) {
  const client = useStudio()
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await client.call('dashboard.reply', {
        reelId: notification.reelId,
        commentId: commentIdOf(notification),
        text,
      })
      onDone()
    } catch (caught) {
      setError(caught instanceof RpcError ? caught.message : String(caught))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="dash-reply" onSubmit={(event) => void submit(event)}>
      <textarea
        className="text-input dash-reply-input"
        aria-label={`Reply to ${notification.actor}`}
        placeholder={`Reply to ${notification.actor}…`}
        maxLength={500}
        rows={2}
        value={text}
        onChange={(event) => setText(event.target.value)}
        autoFocus
      />
      {error ? (
        <p className="dash-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dash-reply-actions">
        <button type="button" className="button button-ghost button-compact" onClick={onDone}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button-primary button-compact"
          disabled={busy || !text.trim()}
        >
          Send reply
        </button>
      </div>
    </form>
  )
}

function CommentItem({ notification, reel }: { notification: CommentNotification; reel?: DashboardReel }) {
  const client = useStudio()
  const [replying, setReplying] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const remove = () =>
    client
      .call('dashboard.deleteComment', { commentId: commentIdOf(notification) })
      .then(() => setError(null))
      .catch((caught: unknown) => setError(caught instanceof RpcError ? caught.message : String(caught)))
  return (
    <>
      <p className="dash-note-text">
        <strong>{notification.actor}</strong> commented
        {reel ? <> on “{reel.caption.trim() || 'Untitled reel'}”</> : null}
      </p>
      <blockquote className="dash-quote">{notification.text}</blockquote>
      <div className="dash-note-actions">
        <button
          type="button"
          className="button button-ghost button-compact"
          onClick={() => setReplying(true)}
        >
          <Reply size={14} aria-hidden="true" />
          Reply
        </button>
        <button
          type="button"
          className="button button-ghost button-compact"
          aria-label={`Delete ${notification.actor}’s comment`}
          onClick={() => void remove()}
        >
          <Trash2 size={14} aria-hidden="true" />
          Delete
        </button>
      </div>
      {error ? (
        <p className="dash-error" role="alert">
          {error}
        </p>
      ) : null}
      {replying ? <ReplyBox notification={notification} onDone={() => setReplying(false)} /> : null}
    </>
  )
}

const icons = { comment: MessageCircle, like_milestone: Heart, follower: UserPlus }

export function NotificationFeed({
  notifications,
  reels,
}: {
  notifications: LiveNotification[]
  reels: DashboardReel[]
}) {
  const reelOf = (reelId: string) => reels.find((reel) => reel.reelId === reelId)
  return (
    <ul className="dash-notes" aria-label="Notifications">
      {notifications.map((notification) => {
        const Icon = icons[notification.kind]
        return (
          <li key={notification.id} className="dash-note" data-kind={notification.kind}>
            <span className="dash-note-icon" aria-hidden="true">
              <Icon size={15} />
            </span>
            <div className="dash-note-body">
              {notification.kind === 'comment' ? (
                <CommentItem notification={notification} reel={reelOf(notification.reelId)} />
              ) : notification.kind === 'like_milestone' ? (
                <p className="dash-note-text">
                  “{reelOf(notification.reelId)?.caption.trim() || 'Your reel'}” reached{' '}
                  <strong>
                    {formatCount(notification.likes)} {notification.likes === 1 ? 'like' : 'likes'}
                  </strong>
                </p>
              ) : (
                <p className="dash-note-text">
                  <strong>{notification.actor}</strong> started following you
                </p>
              )}
              <time className="dash-note-time" dateTime={notification.at}>
                {formatAgo(notification.at)}
              </time>
            </div>
          </li>
        )
      })}
    </ul>
  )
}
