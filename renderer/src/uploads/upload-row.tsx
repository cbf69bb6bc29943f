// One reel in the upload queue: poster, title, state in words, a progress bar with speed and time
// left while it moves, its controls, and the server's verdict when it is done.
import { ExternalLink, Film, Pause, Play, RotateCcw, X } from 'lucide-react'
import { useState } from 'react'
import type { Account, UploadItem } from '../../../shared/rpc/contract'
import { thumbnailUrl } from '../library/media-url'
import { formatBytesOf, formatRemaining, formatSpeed, isWaiting, uploadStateText } from './upload-format'

export function uploadTitle(item: Pick<UploadItem, 'caption' | 'sourceName'>): string {
  return item.caption.trim() || item.sourceName
}

export interface UploadActions {
  pause(item: UploadItem): void
  resume(item: UploadItem): void
  retry(item: UploadItem): void
  cancel(item: UploadItem): void
}

function Poster({ item }: { item: UploadItem }) {
  const [failed, setFailed] = useState(false)
  if (item.thumbnailCount === 0 || failed) {
    return (
      <span className="upload-poster upload-poster-empty" aria-hidden="true">
        <Film size={18} strokeWidth={1.6} />
      </span>
    )
  }
  // The upload row's creation versions the image: the strip does not change once a reel is queued.
  const src = thumbnailUrl({ id: item.reelId, updatedAt: item.createdAt }, 0)
  return (
    <span className="upload-poster">
      <img src={src} alt="" loading="lazy" draggable={false} onError={() => setFailed(true)} />
    </span>
  )
}

function Progress({ item }: { item: UploadItem }) {
  const done = item.state === 'processing' ? item.bytesTotal : item.bytesSent
  const percent = Math.min(100, Math.floor((done / item.bytesTotal) * 100))
  return (
    <div
      className="upload-progress"
      role="progressbar"
      aria-label="Upload progress"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-state={item.state}
    >
      <span className="upload-progress-fill" style={{ transform: `scaleX(${percent / 100})` }} />
    </div>
  )
}

export function UploadRow({
  item,
  connection,
  actions,
}: {
  item: UploadItem
  connection: Account['connection'] | undefined
  actions: UploadActions
}) {
  const title = uploadTitle(item)
  const state = uploadStateText(item, connection)
  const moving = item.state === 'uploading'
  const showProgress = isWaiting(item) || item.state === 'processing' || item.state === 'failed'
  const percent = Math.min(100, Math.floor((item.bytesSent / item.bytesTotal) * 100))
  const facts: string[] = []
  if (showProgress && item.state !== 'processing') facts.push(formatBytesOf(item.bytesSent, item.bytesTotal))
  if (moving && item.speedBps !== null) facts.push(formatSpeed(item.speedBps))
  if (moving && item.remainingMs !== null) facts.push(formatRemaining(item.remainingMs))
  // Why it waits or failed; offline and sign-in already say so in the state and the banner.
  const note =
    item.state === 'failed' || (item.state === 'queued' && item.nextAttemptAt && connection === 'online')
      ? item.lastError
      : null

  return (
    <li className="upload-row" aria-label={title} data-state={item.state}>
      <Poster item={item} />
      <div className="upload-body">
        <div className="upload-line">
          <span className="upload-title" title={title}>
            {title}
          </span>
          {showProgress && item.state !== 'processing' ? (
            <span className="upload-percent">{percent} %</span>
          ) : null}
        </div>
        {showProgress ? <Progress item={item} /> : null}
        <p className="upload-meta">
          <span className={`upload-state upload-state-${state.tone}`}>{state.text}</span>
          {facts.map((fact) => (
            <span key={fact} className="upload-fact">
              {fact}
            </span>
          ))}
        </p>
        {note ? <p className="upload-note">{note}</p> : null}
        {item.state === 'rejected' ? (
          <p className="upload-verdict upload-verdict-rejected">
            {item.rejectMessage ?? item.rejectCode ?? 'The server did not say why.'}
          </p>
        ) : null}
        {item.state === 'published' && item.publishedUrl ? (
          <a className="upload-link" href={item.publishedUrl} target="_blank" rel="noopener noreferrer">
            View on Spool
            <ExternalLink size={13} aria-hidden="true" />
          </a>
        ) : null}
      </div>
      <div className="upload-actions">
        {item.state === 'queued' || item.state === 'uploading' ? (
          <button
            type="button"
            className="button button-ghost button-compact"
            onClick={() => actions.pause(item)}
          >
            <Pause size={14} aria-hidden="true" />
            Pause
          </button>
        ) : null}
        {item.state === 'paused' ? (
          <button
            type="button"
            className="button button-ghost button-compact"
            onClick={() => actions.resume(item)}
          >
            <Play size={14} aria-hidden="true" />
            Resume
          </button>
        ) : null}
        {item.state === 'failed' || item.state === 'cancelled' ? (
          <button
            type="button"
            className="button button-ghost button-compact"
            onClick={() => actions.retry(item)}
          >
            <RotateCcw size={14} aria-hidden="true" />
            Retry
          </button>
        ) : null}
        {isWaiting(item) || item.state === 'failed' ? (
          <button
            type="button"
            className="icon-button icon-button-compact"
            aria-label="Cancel upload"
            title="Cancel upload"
            onClick={() => actions.cancel(item)}
          >
            <X size={15} aria-hidden="true" />
          </button>
        ) : null}
      </div>
    </li>
  )
}
