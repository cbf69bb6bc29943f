// "New reel with sound «title» · @creator": the screen a use-sound link opens over the studio. It
// shows the sound's download, asks for a sign-in to the sound's server when the studio is not
// signed in there, then takes a video the way the Library does (a file dialog, or a drop) and
// opens the new draft in the editor with that sound. Errors say what happened; nothing is lost.
import * as Dialog from '@radix-ui/react-dialog'
import { AlertCircle, Film, LoaderCircle, LogIn, Music, X } from 'lucide-react'
import { useRef, useState, type DragEvent } from 'react'
import type { UseSoundLink } from '../../../shared/api/studio-links'
import { SignInDialog } from '../account/sign-in-dialog'
import { serverHost } from '../account/use-account'
import { formatBytes } from '../library/format-media'
import { formatLength } from '../create/format-time'
import type { ImportInput } from '../library/send-import'
import { dismissStudioLink, useIncomingLink } from './incoming-link'
import { useSoundFlow, type UseSoundState } from './use-sound-flow'

/** Mounted once in the shell: shows whichever link came in last. */
export function IncomingLinkDialog() {
  const incoming = useIncomingLink()
  if (!incoming) return null
  if (incoming.kind === 'invalid') {
    return (
      <FlowDialog title="This link can’t be opened" onClose={() => dismissStudioLink(incoming.key)}>
        <p className="dialog-error" role="alert">
          {incoming.problem}
        </p>
      </FlowDialog>
    )
  }
  // Keyed: a new link starts its own flow from the beginning.
  return (
    <UseSoundFlow key={incoming.key} link={incoming.link} onDone={() => dismissStudioLink(incoming.key)} />
  )
}

function UseSoundFlow({ link, onDone }: { link: UseSoundLink; onDone(): void }) {
  const { state, chooseVideo, retry, leave } = useSoundFlow(link, onDone)
  const [signingIn, setSigningIn] = useState(false)
  const sound = 'sound' in state ? state.sound : null
  const title = sound
    ? `New reel with sound “${sound.title}” · @${sound.creator}`
    : `New reel with a sound from ${serverHost(link.server)}`

  return (
    <>
      <FlowDialog title={title} onClose={leave} busy={state.phase === 'importing'}>
        <FlowBody
          state={state}
          server={link.server}
          onSignIn={() => setSigningIn(true)}
          onVideo={chooseVideo}
        />
        <div className="dialog-actions">
          <button
            type="button"
            className="button button-ghost"
            onClick={leave}
            disabled={state.phase === 'importing'}
          >
            Cancel
          </button>
          {state.phase === 'failed' ? (
            <button type="button" className="button button-primary" onClick={retry}>
              Try again
            </button>
          ) : null}
        </div>
      </FlowDialog>
      <SignInDialog open={signingIn} onOpenChange={setSigningIn} serverUrl={link.server} />
    </>
  )
}

function FlowBody(props: {
  state: UseSoundState
  server: string
  onSignIn(): void
  onVideo(input: ImportInput): void
}) {
  const { state, server } = props
  switch (state.phase) {
    case 'fetching': {
      const progress = state.progress
      return (
        <div className="use-sound-step" role="status">
          <LoaderCircle size={18} className="spin" aria-hidden="true" />
          <div className="use-sound-step-body">
            <span>
              {progress
                ? `Downloading the sound… ${formatBytes(progress.bytesDone)}`
                : `Looking up the sound on ${serverHost(server)}…`}
            </span>
            <progress
              className="import-progress"
              max={progress?.filesTotal ?? 1}
              value={progress?.filesDone ?? 0}
              aria-label="Downloading the sound"
            />
          </div>
        </div>
      )
    }
    case 'sign-in':
      return (
        <>
          <p className="dialog-text">{state.message}</p>
          <div className="use-sound-actions">
            <button type="button" className="button button-primary" onClick={props.onSignIn}>
              <LogIn size={16} aria-hidden="true" />
              Sign in to {serverHost(server)}
            </button>
          </div>
        </>
      )
    case 'ready':
      return (
        <>
          <SoundSummary
            title={state.sound.title}
            creator={state.sound.creator}
            durationMs={state.sound.durationMs}
          />
          <VideoPicker onVideo={props.onVideo} />
        </>
      )
    case 'importing': {
      const { fileName, bytesDone, bytesTotal } = state
      return (
        <>
          <SoundSummary
            title={state.sound.title}
            creator={state.sound.creator}
            durationMs={state.sound.durationMs}
          />
          <div className="use-sound-step" role="status">
            <LoaderCircle size={18} className="spin" aria-hidden="true" />
            <div className="use-sound-step-body">
              <span>
                Importing “{fileName}”
                {bytesTotal > 0 ? ` · ${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)}` : '…'}
              </span>
              <progress
                className="import-progress"
                max={Math.max(bytesTotal, 1)}
                value={bytesDone}
                aria-label={`Importing ${fileName}`}
              />
            </div>
          </div>
        </>
      )
    }
    case 'failed':
      return (
        <>
          {state.sound ? (
            <SoundSummary
              title={state.sound.title}
              creator={state.sound.creator}
              durationMs={state.sound.durationMs}
            />
          ) : null}
          <p className="dialog-error use-sound-error" role="alert">
            <AlertCircle size={16} aria-hidden="true" />
            <span>{state.message}</span>
          </p>
        </>
      )
  }
}

function SoundSummary(props: { title: string; creator: string; durationMs: number }) {
  return (
    <div className="use-sound-summary" data-testid="use-sound-summary">
      <span className="use-sound-icon" aria-hidden="true">
        <Music size={18} />
      </span>
      <span className="use-sound-name">
        “{props.title}” · @{props.creator}
      </span>
      <span className="use-sound-length">{formatLength(props.durationMs)}</span>
    </div>
  )
}

/** The Library's two doors for a video: the native dialog in Electron, a file input (or a drop) in the browser. */
function VideoPicker({ onVideo }: { onVideo(input: ImportInput): void }) {
  const input = useRef<HTMLInputElement>(null)
  const [over, setOver] = useState(false)

  async function pick() {
    if (!window.spool) return input.current?.click()
    const [path] = await window.spool.pickVideoFiles()
    if (path) onVideo({ kind: 'path', path, name: path.split(/[\\/]/).pop() ?? path })
  }

  function drop(event: DragEvent) {
    event.preventDefault()
    setOver(false)
    const file = [...event.dataTransfer.files].find((candidate) => candidate.type.startsWith('video/'))
    if (file) onVideo({ kind: 'file', file })
  }

  return (
    <div
      className="use-sound-drop"
      data-over={over || undefined}
      onDragOver={(event) => {
        event.preventDefault()
        setOver(true)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <Film size={22} aria-hidden="true" />
      <p>The sound is ready. Now pick the video for your reel; you can trim it and crop it next.</p>
      <input
        ref={input}
        type="file"
        accept="video/*"
        hidden
        aria-label="Choose a video for this sound"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0]
          event.currentTarget.value = ''
          if (file) onVideo({ kind: 'file', file })
        }}
      />
      <button type="button" className="button button-primary" onClick={() => void pick()}>
        Choose a video…
      </button>
    </div>
  )
}

function FlowDialog(props: { title: string; onClose(): void; busy?: boolean; children: React.ReactNode }) {
  return (
    <Dialog.Root open onOpenChange={(open) => !open && !props.busy && props.onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog use-sound-dialog" aria-describedby={undefined}>
          <div className="sign-in-head">
            <div>
              <Dialog.Title className="dialog-title">{props.title}</Dialog.Title>
            </div>
            <Dialog.Close asChild>
              <button type="button" className="dialog-close" aria-label="Close" disabled={props.busy}>
                <X size={16} aria-hidden="true" />
              </button>
            </Dialog.Close>
          </div>
          {props.children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
