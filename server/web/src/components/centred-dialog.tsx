// The app's centred modal (sign-in, "more", report): Radix's dialog with our overlay, panel and
// close button, so each dialog only says what goes inside.
import * as Dialog from '@radix-ui/react-dialog'
import { X } from 'lucide-react'
import type { ReactNode } from 'react'

export function CentredDialog(props: {
  open: boolean
  onClose: () => void
  className: string
  children: ReactNode
}) {
  return (
    <Dialog.Root open={props.open} onOpenChange={(open) => !open && props.onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className={`dialog ${props.className}`}>
          {props.children}
          <Dialog.Close className="dialog-close" aria-label="Close">
            <X size={20} aria-hidden="true" />
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
