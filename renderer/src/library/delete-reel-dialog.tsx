// Confirms a delete, which cannot be undone: the draft and the library's copy of the video go.
// The original file the person imported is never touched, and the dialog says so.
import type { LibraryItem } from '../../../shared/rpc/contract'
import { ConfirmDialog } from '../components/confirm-dialog'
import { useStudio } from '../rpc/studio-context'
import { itemTitle } from './reel-card'

export function DeleteReelDialog({ item, onClose }: { item: LibraryItem | null; onClose: () => void }) {
  const client = useStudio()
  return (
    <ConfirmDialog
      open={item !== null}
      title={`Delete “${item ? itemTitle(item) : ''}”?`}
      description="The draft and the library’s copy of the video are removed from this computer. The original file you imported stays where it is."
      keepLabel="Cancel"
      confirmLabel="Delete"
      busyLabel="Deleting…"
      onConfirm={() => (item ? client.call('library.delete', { id: item.id }) : Promise.resolve())}
      onClose={onClose}
    />
  )
}
