// Confirms a delete, which cannot be undone: the draft and the library's copy of the video go.
// The original file the person imported is never touched, and the dialog says so.
import * as Dialog from '@radix-ui/react-dialog'
import { useState } from 'react'
import type { LibraryItem } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import { useStudio } from '../rpc/studio-context'
import { itemTitle } from './reel-card'

export function DeleteReelDialog({ item, onClose }: { item: LibraryItem | null; onClose: () => void }) {
  const client = useStudio()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function confirm() {
    if (!item) return
    setBusy(true)
    setError(null)
    try {
      await client.call('library.delete', { id: item.id })
      onClose()
    } catch (caught) {
      setError(caught instanceof RpcError ? caught.message : String(caught))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog.Root open={item !== null} onOpenChange={(open) => !open && !busy && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" role="alertdialog">
          <Dialog.Title className="dialog-title">Delete “{item ? itemTitle(item) : ''}”?</Dialog.Title>
          <Dialog.Description className="dialog-text">
            The draft and the library’s copy of the video are removed from this computer. The original file
            you imported stays where it is.
          </Dialog.Description>
          {error ? (
            <p className="dialog-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="dialog-actions">
            <Dialog.Close asChild>
              <button type="button" className="button button-ghost" disabled={busy}>
                Cancel
              </button>
            </Dialog.Close>
            <button
              type="button"
              className="button button-danger"
              onClick={() => void confirm()}
              disabled={busy}
            >
              {busy ? 'Deleting…' : 'Delete'}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
