// "Encode & queue" for a draft (the inspector's last step until the full editor lands): 9:16 by fit
// or fill, the cover time, the caption; then live progress with cancel, the result in plain words.
import { useEffect, useState } from 'react'
import type { EncodeJob, LibraryItem } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import { defaultEncodeOptions } from '../encode/encode-plan'
import { useEncodeProgress } from '../encode/use-encode-progress'
import { formatDuration } from '../library/format-media'
import { useStudio } from '../rpc/studio-context'

const CAPTION_MAX = 2200

export function EncodePanel({ item }: { item: LibraryItem }) {
  const client = useStudio()
  const defaults = defaultEncodeOptions(item.probe)
  const [frame, setFrame] = useState<'fit' | 'fill'>('fill')
  const [coverMs, setCoverMs] = useState(defaults.coverMs)
  const [caption, setCaption] = useState(item.caption)
  const [job, setJob] = useState<EncodeJob | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)
  const progress = useEncodeProgress().get(item.id)

  // The newest job says why the last encode failed; reloaded whenever a job of this reel changes.
  useEffect(() => {
    let current = true
    const load = () =>
      client.call('encode.latest', { id: item.id }).then(
        (result) => current && setJob(result.job),
        () => {},
      )
    void load()
    const off = client.on('encode.changed', (change) => change.reelId === item.id && void load())
    return () => {
      current = false
      off()
    }
  }, [client, item.id])

  const run = (action: () => Promise<unknown>) => {
    setActionError(null)
    action().catch((error: unknown) =>
      setActionError(error instanceof RpcError ? error.message : String(error)),
    )
  }
  const start = () =>
    run(() => client.call('encode.start', { id: item.id, options: { ...defaults, frame, coverMs, caption } }))
  const cancel = () => run(() => client.call('encode.cancel', { id: item.id }))

  const editable = item.status === 'draft' || item.status === 'rejected'
  const encoding = item.status === 'encoding'
  const percent = progress?.percent ?? 0
  return (
    <section className="encode-panel" aria-labelledby="encode-panel-title">
      <h3 id="encode-panel-title">Encode &amp; queue</h3>
      <fieldset className="encode-field" disabled={!editable}>
        <legend>Fit to 9:16</legend>
        <div className="encode-choices">
          {(['fill', 'fit'] as const).map((choice) => (
            <label key={choice} className="encode-choice">
              <input type="radio" name="frame" checked={frame === choice} onChange={() => setFrame(choice)} />
              {choice === 'fill' ? 'Fill (crop the centre)' : 'Fit (black bars)'}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="encode-field">
        <span>
          Cover frame at <strong>{formatDuration(coverMs)}</strong>
        </span>
        <input
          type="range"
          min={0}
          max={Math.max(0, defaults.trimEndMs - 1)}
          step={100}
          value={coverMs}
          disabled={!editable}
          onChange={(event) => setCoverMs(Number(event.target.value))}
        />
      </label>
      <label className="encode-field">
        <span>Caption</span>
        <textarea
          rows={3}
          maxLength={CAPTION_MAX}
          value={caption}
          disabled={!editable}
          placeholder="Say what it is. #hashtags and @mentions work."
          onChange={(event) => setCaption(event.target.value)}
        />
        <span className="encode-counter" aria-live="polite">
          {caption.length} / {CAPTION_MAX}
        </span>
      </label>
      {item.probe.durationMs > defaults.trimEndMs ? (
        <p className="empty-note">Reels are at most 90 s: the first 90 s will be used.</p>
      ) : null}

      {encoding ? (
        <div className="encode-progress" role="status" aria-label="Encoding progress">
          <progress max={100} value={percent} aria-label="Encoded" />
          <div className="encode-progress-text">
            <span>{progress ? `Encoding ${Math.floor(percent)} %` : 'Waiting for the encoder…'}</span>
            {progress ? (
              <span>
                {formatDuration(progress.elapsedMs)} elapsed
                {progress.remainingMs !== null ? ` · about ${formatDuration(progress.remainingMs)} left` : ''}
              </span>
            ) : null}
          </div>
          <button type="button" className="button" onClick={cancel}>
            Cancel encoding
          </button>
        </div>
      ) : editable ? (
        <button type="button" className="button button-primary" onClick={start}>
          Encode &amp; queue
        </button>
      ) : item.status === 'queued' ? (
        <p className="encode-done" role="status">
          Queued for upload. The package passed the same checks the server runs.
        </p>
      ) : null}

      {editable && job?.state === 'failed' && job.error ? (
        <p className="encode-error" role="alert">
          The last encode did not work: {job.error} Change the settings or try again.
        </p>
      ) : null}
      {actionError ? (
        <p className="encode-error" role="alert">
          {actionError}
        </p>
      ) : null}
    </section>
  )
}
