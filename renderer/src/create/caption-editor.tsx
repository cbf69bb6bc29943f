// The caption: a textarea over a mirror that paints #hashtags and @mentions in colour while typing
// (the textarea's own text is transparent, its caret is not), parsed by the same parseCaption the
// server and the viewer app use. The counter counts code points like the server and turns red past
// its limit. Ctrl/Cmd+Z here is the draft's undo, so one history covers caption and edits.
import { useRef, type KeyboardEvent } from 'react'
import { parseCaption } from '../../../shared/caption-entities'
import { captionLength } from '../../../shared/reel/caption'

export function CaptionEditor(props: {
  value: string
  limit: number
  disabled?: boolean
  onChange(value: string): void
  onUndo(): void
  onRedo(): void
}) {
  const { value, limit, disabled, onChange, onUndo, onRedo } = props
  const mirrorRef = useRef<HTMLDivElement>(null)
  const length = captionLength(value)
  const over = length > limit

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z') return
    event.preventDefault()
    if (event.shiftKey) onRedo()
    else onUndo()
  }

  return (
    <div className="caption-editor">
      <div className={`caption-box${over ? ' caption-over' : ''}`}>
        <div ref={mirrorRef} className="caption-mirror" aria-hidden="true" data-testid="caption-highlight">
          {parseCaption(value).map((segment, index) =>
            segment.kind === 'text' ? (
              <span key={index}>{segment.text}</span>
            ) : (
              <mark key={index} className={`caption-${segment.kind}`}>
                {segment.text}
              </mark>
            ),
          )}
          {/* A trailing newline needs a character after it to take up a line in the mirror. */}
          {'\u200b'}
        </div>
        <textarea
          id="caption"
          className="caption-input"
          rows={5}
          value={value}
          disabled={disabled}
          spellCheck
          placeholder="Say what it is. #hashtags and @mentions work."
          aria-describedby="caption-counter"
          onChange={(event) => onChange(event.target.value)}
          onScroll={(event) => {
            if (mirrorRef.current) mirrorRef.current.scrollTop = event.currentTarget.scrollTop
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <div className="caption-footer">
        <span className="caption-legend">
          <mark className="caption-hashtag">#hashtag</mark> <mark className="caption-mention">@mention</mark>
        </span>
        <span id="caption-counter" className={`caption-counter${over ? ' caption-counter-over' : ''}`}>
          {length} / {limit}
        </span>
      </div>
      {over ? (
        <p className="editor-problem" role="alert">
          The caption is {length - limit} characters over the server’s limit of {limit}. Shorten it to encode.
        </p>
      ) : null}
    </div>
  )
}
