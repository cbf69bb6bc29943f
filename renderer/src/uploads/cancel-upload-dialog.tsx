// Confirms cancelling an upload: what the server already received is deleted, and the reel goes
// back to being a draft (its encoded package stays, so "Retry" can send it again).
import type { UploadItem } from '../../../shared/rpc/contract'
import { ConfirmDialog } from '../components/confirm-dialog'
import { useStudio } from '../rpc/studio-context'
import { uploadTitle } from './upload-row'

export function CancelUploadDialog({ item, onClose }: { item: UploadItem | null; onClose: () => void }) {
  const client = useStudio()
  return (
    <ConfirmDialog
      open={item !== null}
      title={`Cancel the upload of “${item ? uploadTitle(item) : ''}”?`}
      description="What the server has received so far is deleted and the reel goes back to your drafts. Its encoded video stays in the library, so you can send it again later."
      keepLabel="Keep uploading"
      confirmLabel="Cancel upload"
      busyLabel="Cancelling…"
      onConfirm={() => (item ? client.call('upload.cancel', { id: item.reelId }) : Promise.resolve())}
      onClose={onClose}
    />
  )
}
