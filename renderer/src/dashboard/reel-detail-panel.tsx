// One of the creator's reels in detail, in a sheet over the Dashboard: poster, caption, its live
// counts and the latest comments (newest last, as text), each with Reply and Delete through the
// outbox. The core reads the reel's own live document only while this is open; offline it shows
// the Dashboard's last known numbers and says so, and a reel taken down by moderation says
// "Removed".
import * as Dialog from '@radix-ui/react-dialog'
import { CloudOff, Radio, RefreshCw, ShieldOff, X } from 'lucide-react'
import type { LiveComment } from '../../../shared/api/live-docs'
import type { DashboardReel, ReelDetail } from '../../../shared/rpc/contract'
import { CommentActions } from './comment-actions'
import { formatAgo } from './dashboard-format'
import { ReelPoster } from './reel-stats-list'
import { useNow } from './sync-indicator'
import { TotalsRow } from './totals-row'
import { useReelDetail } from './use-reel-detail'

function ReelStatus({ detail }: { detail: ReelDetail | null }) {
  const now = useNow()
  if (!detail) return null
  const updated = detail.syncedAt ? `updated ${formatAgo(detail.syncedAt, now)}` : 'never updated yet'
  const {
    icon: Icon,
    word,
    line,
  } = detail.state === 'online'
    ? { icon: Radio, word: 'Live', line: 'Numbers and comments update as they happen.' }
    : detail.state === 'syncing'
      ? { icon: RefreshCw, word: 'Connecting', line: `Showing numbers ${updated}.` }
      : detail.state === 'offline'
        ? { icon: CloudOff, word: 'Offline', line: `Showing numbers ${updated}.` }
        : {
            icon: ShieldOff,
            word: 'Removed',
            line: 'Moderation took this reel down: nobody can watch it, and its numbers no longer count.',
          }
  return (
    <p className="dash-sync dash-detail-status" role="status" data-sync-state={detail.state}>
      <Icon size={15} aria-hidden="true" />
      <strong>{word}</strong>
      <span>{line}</span>
    </p>
  )
}

function CommentRow(props: {
  comment: LiveComment
  reelId: string
  parentAuthor: string | undefined
  deleting: boolean
  actions: boolean
}) {
  const { comment, reelId } = props
  return (
    <li
      className="dash-detail-comment"
      data-reply={comment.parentId ? 'true' : undefined}
      data-deleting={props.deleting || undefined}
      data-comment-id={comment.id}
    >
      <p className="dash-note-text">
        <strong>{comment.author}</strong>
        {props.parentAuthor ? (
          <span className="dash-detail-to"> replying to {props.parentAuthor}</span>
        ) : null}
        <time className="dash-note-time" dateTime={comment.createdAt}>
          {' · '}
          {formatAgo(comment.createdAt)}
        </time>
      </p>
      <p className="dash-detail-text">{comment.text}</p>
      {props.actions ? (
        <CommentActions
          deleting={props.deleting}
          target={{
            reelId,
            commentId: comment.id,
            threadId: comment.parentId ?? comment.id,
            author: comment.author,
          }}
        />
      ) : null}
    </li>
  )
}

function Comments({ detail }: { detail: ReelDetail }) {
  const authorOf = (id: string | null) => detail.comments.find((comment) => comment.id === id)?.author
  if (detail.comments.length === 0) {
    return (
      <p className="dash-quiet">
        {detail.countsLive ? 'No comments yet.' : 'The latest comments show here once the studio is online.'}
      </p>
    )
  }
  return (
    <ol className="dash-detail-comments" aria-label="Latest comments">
      {detail.comments.map((comment) => (
        <CommentRow
          key={comment.id}
          comment={comment}
          reelId={detail.reelId}
          parentAuthor={authorOf(comment.parentId)}
          deleting={detail.deleting.includes(comment.id)}
          actions={detail.state !== 'removed'}
        />
      ))}
    </ol>
  )
}

export function ReelDetailPanel(props: {
  reelId: string | null
  /** The reel's Dashboard row, shown until the core answers. */
  row: DashboardReel | undefined
  onClose: () => void
}) {
  const { detail, error } = useReelDetail(props.reelId)
  const reel = detail?.reel ?? props.row
  const title = reel?.caption.trim() || 'Untitled reel'
  return (
    <Dialog.Root open={props.reelId !== null} onOpenChange={(open) => !open && props.onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dash-detail" aria-describedby={undefined}>
          <header className="dash-detail-head">
            {reel ? <ReelPoster reel={reel} /> : null}
            <div className="dash-detail-heading">
              <Dialog.Title className="dialog-title">{title}</Dialog.Title>
              {reel ? (
                <p className="dash-reel-meta">
                  {reel.removedAt
                    ? `Removed ${formatAgo(reel.removedAt)}`
                    : `Published ${formatAgo(reel.publishedAt)}`}
                </p>
              ) : null}
            </div>
            <Dialog.Close asChild>
              <button type="button" className="dialog-close" aria-label="Close">
                <X size={16} aria-hidden="true" />
              </button>
            </Dialog.Close>
          </header>
          {error ? (
            <p className="dialog-error" role="alert">
              This reel could not be opened: {error}
            </p>
          ) : null}
          <ReelStatus detail={detail} />
          {detail?.counts ? <TotalsRow totals={detail.counts} label="Reel numbers" /> : null}
          {detail ? (
            <section className="dash-detail-section" aria-labelledby="dash-detail-comments-title">
              <h3 className="section-title" id="dash-detail-comments-title">
                Latest comments
              </h3>
              <Comments detail={detail} />
            </section>
          ) : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
