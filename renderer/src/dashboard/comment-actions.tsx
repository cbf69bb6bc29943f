// Reply and Delete under a comment on one of the creator's reels (the notifications feed and an
// opened reel), with the reply box. Both go to the core's outbox, so they work offline and are sent
// later; an error from the core is shown in place.
import { Reply, Trash2 } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { messageOf } from '../../../shared/rpc/envelope'
import { useStudio } from '../rpc/studio-context'

export interface CommentTarget {
  reelId: string
  /** The comment to delete; a reply goes to its thread (the server keeps one level of replies). */
  commentId: string
  /** The top-level comment of the thread: the comment itself, or the one it replies to. */
  threadId: string
  author: string
}

function ReplyBox({ target, onDone }: { target: CommentTarget; onDone: () => void }) {
  const client = useStudio()
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await client.call('dashboard.reply', { reelId: target.reelId, commentId: target.threadId, text })
      onDone()
    } catch (caught) {
      setError(messageOf(caught))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="dash-reply" onSubmit={(event) => void submit(event)}>
      <textarea
        className="text-input dash-reply-input"
        aria-label={`Reply to ${target.author}`}
        placeholder={`Reply to ${target.author}…`}
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

export function CommentActions({ target, deleting = false }: { target: CommentTarget; deleting?: boolean }) {
  const client = useStudio()
  const [replying, setReplying] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const remove = () =>
    client
      .call('dashboard.deleteComment', { commentId: target.commentId })
      .then(() => setError(null))
      .catch((caught: unknown) => setError(messageOf(caught)))
  return (
    <>
      <div className="dash-note-actions">
        <button
          type="button"
          className="button button-ghost button-compact"
          onClick={() => setReplying(true)}
          disabled={deleting}
        >
          <Reply size={14} aria-hidden="true" />
          Reply
        </button>
        <button
          type="button"
          className="button button-ghost button-compact"
          aria-label={`Delete ${target.author}’s comment`}
          onClick={() => void remove()}
          disabled={deleting}
        >
          <Trash2 size={14} aria-hidden="true" />
          {deleting ? 'Deleting…' : 'Delete'}
        </button>
      </div>
      {error ? (
        <p className="dash-error" role="alert">
          {error}
        </p>
      ) : null}
      {replying ? <ReplyBox target={target} onDone={() => setReplying(false)} /> : null}
    </>
  )
}
