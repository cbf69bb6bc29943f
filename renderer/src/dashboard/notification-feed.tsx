// The newest notifications first: comments (with a reply box and delete), like milestones, new
// followers. Replies and deletes go to the core's outbox, so they work offline and are sent later.
import { Heart, MessageCircle, UserPlus } from 'lucide-react'
import type { LiveNotification } from '../../../shared/api/live-docs'
import type { DashboardReel } from '../../../shared/rpc/contract'
import { CommentActions } from './comment-actions'
import { formatAgo, formatCount } from './dashboard-format'

type CommentNotification = Extract<LiveNotification, { kind: 'comment' }>

/** The comment a notification is about: its own field when the server sends one, else its id. */
const commentIdOf = (notification: CommentNotification) =>
  (notification as CommentNotification & { commentId?: string }).commentId ?? notification.id

function CommentItem({ notification, reel }: { notification: CommentNotification; reel?: DashboardReel }) {
  const commentId = commentIdOf(notification)
  return (
    <>
      <p className="dash-note-text">
        <strong>{notification.actor}</strong> commented
        {reel ? <> on “{reel.caption.trim() || 'Untitled reel'}”</> : null}
      </p>
      <blockquote className="dash-quote">{notification.text}</blockquote>
      <CommentActions
        target={{
          reelId: notification.reelId,
          commentId,
          threadId: notification.parentId ?? commentId,
          author: notification.actor,
        }}
      />
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
