// One comment: its author, when, the words (always as text: markup people type stays visible
// characters), and Reply / Delete. A top-level comment also shows its thread's replies on demand.
import { LoaderCircle, Trash2 } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import type { CommentItem } from '../../../../shared/api/engagement'
import { Link } from '../routing/link'
import { paths } from '../routing/routes'
import { formatAgo } from './format-ago'

export interface CommentActions {
  canDelete: (comment: CommentItem) => boolean
  onReply: (comment: CommentItem) => void
  onDelete: (comment: CommentItem) => Promise<void>
}

export function CommentBody(props: {
  author: string
  createdAt: string | null
  text: string
  status?: string
  children?: ReactNode
}) {
  return (
    <div className="comment-main">
      <Link className="comment-avatar" to={paths.creator(props.author)} aria-hidden="true" tabIndex={-1}>
        {Array.from(props.author)[0]?.toUpperCase()}
      </Link>
      <div className="comment-content">
        <p className="comment-meta">
          <Link className="comment-author" to={paths.creator(props.author)}>
            @{props.author}
          </Link>
          {props.createdAt && <span className="comment-time">{formatAgo(props.createdAt)}</span>}
          {props.status && <span className="comment-status">{props.status}</span>}
        </p>
        <p className="comment-text">{props.text}</p>
        {props.children}
      </div>
    </div>
  )
}

export function CommentRow(props: { comment: CommentItem; actions: CommentActions }) {
  const { comment, actions } = props
  const [deleting, setDeleting] = useState(false)
  const [error, setError] = useState<string | null>(null)

  function remove() {
    setDeleting(true)
    setError(null)
    actions.onDelete(comment).catch(() => {
      setDeleting(false)
      setError("Couldn't delete. Try again.")
    })
  }

  return (
    <CommentBody author={comment.author.username} createdAt={comment.createdAt} text={comment.text}>
      <div className="comment-actions">
        <button type="button" className="link-button" onClick={() => actions.onReply(comment)}>
          Reply
        </button>
        {actions.canDelete(comment) && (
          <button
            type="button"
            className="link-button"
            onClick={remove}
            disabled={deleting}
            aria-label={`Delete comment by @${comment.author.username}`}
          >
            {deleting ? (
              <LoaderCircle className="spin" size={14} aria-hidden="true" />
            ) : (
              <Trash2 size={14} aria-hidden="true" />
            )}
            Delete
          </button>
        )}
        {error && (
          <span className="comment-error" role="alert">
            {error}
          </span>
        )}
      </div>
    </CommentBody>
  )
}
