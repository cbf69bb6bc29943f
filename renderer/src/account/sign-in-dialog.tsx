// Sign in to a Spool server: its address (the settings' one, prefilled), username and password.
// The core does the sign-in and keeps the token; its errors are already sentences for people
// (wrong password, server not reachable, too many attempts and how long to wait).
import * as Dialog from '@radix-ui/react-dialog'
import { X } from 'lucide-react'
import { useId, useState, type FormEvent } from 'react'
import { RpcError } from '../../../shared/rpc/envelope'
import { useSettings } from '../rpc/use-settings'
import { useStudio } from '../rpc/studio-context'

function errorText(error: unknown): string {
  if (!(error instanceof RpcError)) return String(error)
  // The only field the core can refuse by shape is the address.
  if (error.code === 'invalid_params')
    return 'Check the server address: it starts with http:// or https:// and names a host.'
  return error.message
}

export function SignInDialog({
  open,
  onOpenChange,
  serverUrl,
}: {
  open: boolean
  onOpenChange(open: boolean): void
  /** The server to sign in to, when a flow needs that one (e.g. "use this sound"); else the settings' one. */
  serverUrl?: string
}) {
  const [busy, setBusy] = useState(false)
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !busy && onOpenChange(next)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog sign-in-dialog">
          <div className="sign-in-head">
            <span className="rail-logo" aria-hidden="true">
              <span className="rail-logo-reel" />
            </span>
            <div>
              <Dialog.Title className="dialog-title">Sign in to Spool</Dialog.Title>
              <Dialog.Description className="dialog-text">
                Your reels upload to this server, under your name.
              </Dialog.Description>
            </div>
            <Dialog.Close asChild>
              <button type="button" className="dialog-close" aria-label="Close" disabled={busy}>
                <X size={16} aria-hidden="true" />
              </button>
            </Dialog.Close>
          </div>
          {/* Mounted with the content, so every opening starts fresh from the settings' server. */}
          <SignInForm
            busy={busy}
            setBusy={setBusy}
            serverUrl={serverUrl}
            onSignedIn={() => onOpenChange(false)}
          />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

function SignInForm({
  busy,
  setBusy,
  serverUrl: wantedServer,
  onSignedIn,
}: {
  busy: boolean
  setBusy(busy: boolean): void
  serverUrl?: string
  onSignedIn(): void
}) {
  const client = useStudio()
  const { settings, update } = useSettings()
  const id = useId()
  const [serverUrl, setServerUrl] = useState(wantedServer ?? settings?.serverUrl ?? '')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const ready = serverUrl.trim() !== '' && username.trim() !== '' && password !== ''

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!ready || busy) return
    setBusy(true)
    setError(null)
    const url = serverUrl.trim().replace(/\/+$/, '')
    try {
      await client.call('account.login', { serverUrl: url, username: username.trim(), password })
      // The settings name the studio's server too (limits, new uploads): keep the two in step.
      if (settings && settings.serverUrl.replace(/\/+$/, '') !== url)
        await update({ serverUrl: url }).catch(() => undefined)
      setBusy(false)
      onSignedIn()
    } catch (caught) {
      setError(errorText(caught))
      setBusy(false)
    }
  }

  return (
    <form className="sign-in-form" onSubmit={(event) => void submit(event)} noValidate>
      <label className="field" htmlFor={`${id}-server`}>
        <span className="field-label">Server</span>
        <input
          id={`${id}-server`}
          className="text-input"
          type="url"
          inputMode="url"
          spellCheck={false}
          autoComplete="url"
          placeholder="https://spool.example.com"
          value={serverUrl}
          onChange={(event) => setServerUrl(event.target.value)}
        />
      </label>
      <label className="field" htmlFor={`${id}-username`}>
        <span className="field-label">Username</span>
        <input
          id={`${id}-username`}
          className="text-input"
          autoComplete="username"
          spellCheck={false}
          autoFocus
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
      </label>
      <label className="field" htmlFor={`${id}-password`}>
        <span className="field-label">Password</span>
        <input
          id={`${id}-password`}
          className="text-input"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
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
        <button type="submit" className="button button-primary" disabled={!ready || busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
    </form>
  )
}
