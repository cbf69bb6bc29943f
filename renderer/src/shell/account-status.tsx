// The rail's footer, always visible: who is signed in to which server, how that server connection
// is doing (online / offline / syncing), sign in and out, and whether the studio core is reachable.
import { LogIn, LogOut, UserRound } from 'lucide-react'
import { useState } from 'react'
import type { Account } from '../../../shared/rpc/contract'
import { SignInDialog } from '../account/sign-in-dialog'
import { serverHost, useAccount } from '../account/use-account'
import { useConnection, useStudio } from '../rpc/studio-context'
import type { ConnectionState } from '../rpc/live-transport'

const coreStateText: Record<ConnectionState, string> = {
  connecting: 'Connecting to studio core…',
  connected: 'Studio core connected',
  reconnecting: 'Reconnecting to studio core…',
  'no-token': 'No studio link: open the URL printed by studio:web',
}

const serverStates: Record<Exclude<Account['connection'], 'signed-out'>, { text: string; tone: string }> = {
  online: { text: 'Online', tone: 'ok' },
  syncing: { text: 'Syncing', tone: 'sync' },
  offline: { text: 'Offline', tone: 'error' },
}

export function AccountStatus() {
  const { state, kind } = useConnection()
  const client = useStudio()
  const account = useAccount()
  const [signingIn, setSigningIn] = useState(false)
  const [signOutError, setSignOutError] = useState<string | null>(null)
  const tone = state === 'connected' ? 'ok' : state === 'no-token' ? 'error' : 'busy'
  const signedIn = account?.username ? account : null
  const server = signedIn && signedIn.connection !== 'signed-out' ? serverStates[signedIn.connection] : null

  async function signOut() {
    setSignOutError(null)
    await client.call('account.logout', {}).catch((error: unknown) => setSignOutError(String(error)))
  }

  return (
    <div className="rail-footer">
      <div className="account">
        <span className="account-avatar" data-signed-in={signedIn ? true : undefined} aria-hidden="true">
          {signedIn ? signedIn.username?.slice(0, 1).toUpperCase() : <UserRound size={16} />}
        </span>
        <span className="account-text">
          <span className="account-name" title={signedIn?.username ?? undefined}>
            {signedIn ? signedIn.username : 'Not signed in'}
          </span>
          <span className="account-sub" title={signedIn?.serverUrl}>
            {signedIn ? serverHost(signedIn.serverUrl) : 'Local studio'}
          </span>
        </span>
        {signedIn ? (
          <button
            type="button"
            className="account-action"
            aria-label={`Sign out ${signedIn.username}`}
            title="Sign out"
            onClick={() => void signOut()}
          >
            <LogOut size={16} aria-hidden="true" />
          </button>
        ) : null}
      </div>
      {signedIn ? null : (
        <button
          type="button"
          className="button button-ghost button-compact account-sign-in"
          disabled={state !== 'connected'}
          onClick={() => setSigningIn(true)}
        >
          <LogIn size={14} aria-hidden="true" />
          Sign in
        </button>
      )}
      {server ? (
        <div className="connection" role="status" aria-live="polite" data-server-state={signedIn?.connection}>
          <span className={`status-dot status-dot-${server.tone}`} aria-hidden="true" />
          <span>
            Server <strong className="connection-word">{server.text}</strong>
          </span>
        </div>
      ) : null}
      <div className="connection" role="status" aria-live="polite" data-state={state}>
        <span className={`status-dot status-dot-${tone}`} aria-hidden="true" />
        <span>{coreStateText[state]}</span>
      </div>
      {signOutError ? <p className="connection-hint">{signOutError}</p> : null}
      {state === 'reconnecting' && kind === 'web-bridge' ? (
        // Each studio:web run makes a new token, so an old tab cannot get back in by itself.
        <p className="connection-hint">Restarted studio:web? Open the new link it printed.</p>
      ) : null}
      <SignInDialog open={signingIn} onOpenChange={setSigningIn} />
    </div>
  )
}
