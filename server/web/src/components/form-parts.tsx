// The end of every form in the app's dialogs: the server's refusal in words, and the submit
// button that spins while the request runs.
import { LoaderCircle } from 'lucide-react'
import type { ReactNode } from 'react'

export function FormError({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  )
}

export function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <button type="submit" className="button is-accent auth-submit" disabled={busy}>
      {busy && <LoaderCircle className="spin" size={16} aria-hidden="true" />}
      {children}
    </button>
  )
}
