// A confirmation for an action that cannot be undone: it runs the action, stays open (and cannot be
// dismissed) while it runs, and shows the core's error in place if it fails.
import * as Dialog from '@radix-ui/react-dialog'
import { useState, type ReactNode } from 'react'
import { messageOf } from '../../../shared/rpc/envelope'

export interface ConfirmDialogProps {
  open: boolean
  title: ReactNode
  description: ReactNode
  keepLabel: string
  confirmLabel: string
  busyLabel: string
  onConfirm: () => Promise<unknown>
  onClose: () => void
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function confirm() {
    setBusy(true)
    setError(null)
    try {
      await props.onConfirm()
      props.onClose()
    } catch (caught) {
      setError(messageOf(caught))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog.Root
      open={props.open}
      onOpenChange={(open) => {
        if (open || busy) return
        setError(null)
        props.onClose()
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" role="alertdialog">
          <Dialog.Title className="dialog-title">{props.title}</Dialog.Title>
          <Dialog.Description className="dialog-text">{props.description}</Dialog.Description>
          {error ? (
            <p className="dialog-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="dialog-actions">
            <Dialog.Close asChild>
              <button type="button" className="button button-ghost" disabled={busy}>
                {props.keepLabel}
              </button>
            </Dialog.Close>
            <button
              type="button"
              className="button button-danger"
              onClick={() => void confirm()}
              disabled={busy}
            >
              {busy ? props.busyLabel : props.confirmLabel}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
