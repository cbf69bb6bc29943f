// The box at the bottom of the comments sheet. A comment goes into the outbox (sent at once when
// online, later when not) with its Idempotency-Key made now; a signed-out viewer is asked to log in.
import { SendHorizontal, X } from 'lucide-react'
import { useId, useState, type FormEvent } from 'react'
import { COMMENT_MAX_LENGTH, type CommentItem } from '../../../../shared/api/engagement'
import { captionLength } from '../../../../shared/reel/caption'
import { askToSignIn } from '../auth/sign-in-prompt'
import { queueAction } from '../engagement/outbox-runtime'
import { randomId } from '../engagement/random-id'
import { useSession } from '../session/session-store'

export function CommentComposer(props: {
  reelId: string
  replyTo: CommentItem | null
  onCancelReply: () => void
}) {
  const id = useId()
  const session = useSession()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const length = captionLength(text.trim())

  function submit(event: FormEvent) {
    event.preventDefault()
    if (session.status !== 'signed-in') {
      askToSignIn({ mode: 'login', reason: 'Log in to join the conversation.' })
      return
    }
    if (length === 0) return
    if (length > COMMENT_MAX_LENGTH) {
      setError(`A comment can be at most ${COMMENT_MAX_LENGTH} characters.`)
      return
    }
    const parentId = props.replyTo ? (props.replyTo.parentId ?? props.replyTo.id) : null
    const queued = queueAction({
      kind: 'comment',
      key: randomId(),
      username: session.user.username,
      reelId: props.reelId,
      text: text.trim(),
      parentId,
      at: Date.now(),
    })
    if (!queued) {
      setError('Too much is waiting to be sent. Reconnect, then try again.')
      return
    }
    setText('')
    setError(null)
    props.onCancelReply()
  }

  return (
    <form className="comment-composer" onSubmit={submit}>
      {props.replyTo && (
        <p className="composer-reply">
          Replying to @{props.replyTo.author.username}
          <button
            type="button"
            className="icon-button is-tiny"
            aria-label="Cancel reply"
            onClick={props.onCancelReply}
          >
            <X size={14} aria-hidden="true" />
          </button>
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="composer-row">
        <label className="visually-hidden" htmlFor={`${id}-text`}>
          {props.replyTo ? `Reply to @${props.replyTo.author.username}` : 'Add a comment'}
        </label>
        <textarea
          id={`${id}-text`}
          className="composer-input"
          rows={1}
          placeholder={session.status === 'signed-in' ? 'Add a comment…' : 'Log in to comment'}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault()
              event.currentTarget.form?.requestSubmit()
            }
          }}
        />
        {length > COMMENT_MAX_LENGTH - 50 && (
          <span className={`composer-count ${length > COMMENT_MAX_LENGTH ? 'is-over' : ''}`}>
            {COMMENT_MAX_LENGTH - length}
          </span>
        )}
        <button
          type="submit"
          className="icon-button is-accent"
          aria-label="Post comment"
          disabled={length === 0}
        >
          <SendHorizontal size={18} aria-hidden="true" />
        </button>
      </div>
    </form>
  )
}
