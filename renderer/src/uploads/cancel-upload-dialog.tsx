// Confirms cancelling an upload: what the server already received is deleted, and the reel goes
// back to being a draft (its encoded package stays, so "Retry" can send it again).
import * as Dialog from '@radix-ui/react-dialog'
import { useState } from 'react'
import type { UploadItem } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import { useStudio } from '../rpc/studio-context'
import { uploadTitle } from './upload-row'

export function CancelUploadDialog({ item, onClose }: { item: UploadItem | null; onClose: () => void }) {
  const client = useStudio()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function confirm() {
    if (!item) return
    setBusy(true)
    setError(null)
    try {
      await client.call('upload.cancel', { id: item.reelId })
      onClose()
    } catch (caught) {
      setError(caught instanceof RpcError ? caught.message : String(caught))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog.Root
      open={item !== null}
      onOpenChange={(open) => {
        if (open || busy) return
        setError(null)
        onClose()
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" role="alertdialog">
          <Dialog.Title className="dialog-title">
            Cancel the upload of “{item ? uploadTitle(item) : ''}”?
          </Dialog.Title>
          <Dialog.Description className="dialog-text">
            What the server has received so far is deleted and the reel goes back to your drafts. Its encoded
            video stays in the library, so you can send it again later.
          </Dialog.Description>
          {error ? (
            <p className="dialog-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="dialog-actions">
            <Dialog.Close asChild>
              <button type="button" className="button button-ghost" disabled={busy}>
                Keep uploading
              </button>
            </Dialog.Close>
            <button
              type="button"
              className="button button-danger"
              onClick={() => void confirm()}
              disabled={busy}
            >
              {busy ? 'Cancelling…' : 'Cancel upload'}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
