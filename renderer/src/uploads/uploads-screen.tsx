// Uploads: every reel on its way to the server, live — progress, speed, time left, pause / resume /
// cancel / retry per reel and for all, and the server's verdict (published with a link, or
// rejected with the reason). Banners say when nothing can move: signed out, or the server away.
import { CloudOff, CloudUpload, LogIn, Pause, Play } from 'lucide-react'
import { useState } from 'react'
import type { UploadItem } from '../../../shared/rpc/contract'
import { messageOf } from '../../../shared/rpc/envelope'
import { SignInDialog } from '../account/sign-in-dialog'
import { serverHost, useAccount } from '../account/use-account'
import { EmptyState } from '../components/empty-state'
import { ScreenHeader } from '../components/screen-header'
import { useStudio } from '../rpc/studio-context'
import { hrefFor } from '../shell/use-route'
import { CancelUploadDialog } from './cancel-upload-dialog'
import { isWaiting } from './upload-format'
import { UploadRow, type UploadActions } from './upload-row'
import { useUploads } from './use-uploads'

export function UploadsScreen() {
  const client = useStudio()
  const account = useAccount()
  const { items, loadError } = useUploads()
  const [cancelling, setCancelling] = useState<UploadItem | null>(null)
  const [signingIn, setSigningIn] = useState(false)
  const [actionError, setActionError] = useState<string | null>(null)

  function run(action: Promise<unknown>) {
    setActionError(null)
    action.catch((error: unknown) => setActionError(messageOf(error)))
  }

  const actions: UploadActions = {
    pause: (item) => run(client.call('upload.pause', { id: item.reelId })),
    resume: (item) => run(client.call('upload.resume', { id: item.reelId })),
    retry: (item) => run(client.call('upload.retry', { id: item.reelId })),
    cancel: setCancelling,
  }

  const list = items ?? []
  const waiting = list.filter(isWaiting).length
  const canPause = list.some((item) => item.state === 'queued' || item.state === 'uploading')
  const canResume = list.some((item) => item.state === 'paused')
  const connection = account?.connection

  return (
    <div className="uploads">
      <ScreenHeader
        title="Uploads"
        subtitle="Reels on their way to your Spool server, and what it said about them."
        actions={
          list.length > 0 ? (
            <>
              <button
                type="button"
                className="button button-ghost"
                disabled={!canPause}
                onClick={() => run(client.call('upload.pauseAll', {}))}
              >
                <Pause size={15} aria-hidden="true" />
                Pause all
              </button>
              <button
                type="button"
                className="button button-ghost"
                disabled={!canResume}
                onClick={() => run(client.call('upload.resumeAll', {}))}
              >
                <Play size={15} aria-hidden="true" />
                Resume all
              </button>
            </>
          ) : null
        }
      />

      {account?.connection === 'signed-out' && waiting > 0 ? (
        <div className="banner banner-info" role="status">
          <LogIn size={18} aria-hidden="true" />
          <div className="banner-text">
            <strong>Sign in to upload</strong>
            <span>
              {waiting === 1 ? '1 reel is' : `${waiting} reels are`} waiting. Uploads start as soon as you
              sign in to {serverHost(account.serverUrl)}.
            </span>
          </div>
          <button type="button" className="button button-primary" onClick={() => setSigningIn(true)}>
            Sign in
          </button>
        </div>
      ) : null}
      {account?.connection === 'offline' ? (
        <div className="banner banner-warn" role="status">
          <CloudOff size={18} aria-hidden="true" />
          <div className="banner-text">
            <strong>Offline — waiting for the server</strong>
            <span>
              {serverHost(account.serverUrl)} is not answering. Uploads carry on by themselves, from where
              they stopped, when it is back.
            </span>
          </div>
        </div>
      ) : null}

      {loadError ? (
        <p className="library-error" role="alert">
          The upload queue could not be loaded: {loadError}
        </p>
      ) : null}
      {actionError ? (
        <p className="library-error" role="alert">
          {actionError}
        </p>
      ) : null}

      {items === null ? null : list.length === 0 ? (
        <EmptyState icon={CloudUpload} title="Nothing is uploading">
          <p>When you encode and queue a reel, its progress, speed and the server’s verdict show up here.</p>
          <p className="empty-note">
            Open a draft from the <a href={hrefFor('library')}>Library</a> and choose “Encode &amp; queue”.
          </p>
        </EmptyState>
      ) : (
        <ul className="upload-list" aria-label="Uploads">
          {list.map((item) => (
            <UploadRow key={item.reelId} item={item} connection={connection} actions={actions} />
          ))}
        </ul>
      )}

      <CancelUploadDialog item={cancelling} onClose={() => setCancelling(null)} />
      <SignInDialog open={signingIn} onOpenChange={setSigningIn} />
    </div>
  )
}
