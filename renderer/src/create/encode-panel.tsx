// "Encode & queue": the inspector's last step. It encodes exactly what the draft says (trim, frame,
// crop, cover, caption, sound), so the draft is the one source of truth; then live progress with
// cancel, and the result in plain words.
import type { EncodeJob, EncodeOptions, LibraryItem } from '../../../shared/rpc/contract'
import type { DraftEdit } from '../../../shared/reel/draft-edit'
import { messageOf } from '../../../shared/rpc/envelope'
import { useEffect, useState } from 'react'
import { useEncodeProgress } from '../encode/use-encode-progress'
import { formatDuration } from '../library/format-media'
import { useStudio } from '../rpc/studio-context'

/** The encoder's options for a draft's edit. */
export function encodeOptionsOf(edit: DraftEdit): EncodeOptions {
  const frame = edit.fit === 'fit-black' ? 'fit' : edit.fit
  return {
    frame,
    ...(frame === 'fill' ? { cropX: edit.cropX, cropY: edit.cropY } : {}),
    trimStartMs: edit.trimInMs,
    trimEndMs: edit.trimOutMs,
    coverMs: edit.coverMs ?? edit.trimInMs,
    caption: edit.caption,
    muted: edit.sound === 'mute',
    ...(edit.sound === 'replace' && edit.soundFile ? { soundFile: edit.soundFile.file } : {}),
  }
}

export function EncodePanel(props: {
  item: LibraryItem
  edit: DraftEdit
  /** Why the draft cannot be encoded as it is (too long, caption over the limit…), or null. */
  blocked: string | null
  /** Sends the draft's waiting edits first, so the saved draft matches what is encoded. */
  beforeStart(): Promise<void>
}) {
  const { item, edit, blocked, beforeStart } = props
  const client = useStudio()
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
    action().catch((error: unknown) => setActionError(messageOf(error)))
  }
  const start = () =>
    run(async () => {
      await beforeStart()
      await client.call('encode.start', { id: item.id, options: encodeOptionsOf(edit) })
    })
  const cancel = () => run(() => client.call('encode.cancel', { id: item.id }))

  const editable = item.status === 'draft' || item.status === 'rejected'
  const percent = progress?.percent ?? 0
  return (
    <section className="encode-panel" aria-labelledby="encode-panel-title">
      <h3 id="encode-panel-title" className="visually-hidden">
        Encode &amp; queue
      </h3>
      {item.status === 'encoding' ? (
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
        <>
          <button
            type="button"
            className="button button-primary encode-button"
            disabled={blocked !== null}
            onClick={start}
          >
            Encode &amp; queue
          </button>
          {blocked ? <p className="encode-blocked">{blocked}</p> : null}
        </>
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
