// Who is signed in and whether the studio core is reachable. Sign-in comes with the server
// issue; until then we say so plainly rather than show a pretend account.
import { UserRound } from 'lucide-react'
import { useConnection } from '../rpc/studio-context'
import type { ConnectionState } from '../rpc/live-transport'

const coreStateText: Record<ConnectionState, string> = {
  connecting: 'Connecting to studio core…',
  connected: 'Studio core connected',
  reconnecting: 'Reconnecting to studio core…',
  'no-token': 'No studio link: open the URL printed by studio:web',
}

export function AccountStatus() {
  const { state, kind } = useConnection()
  const tone = state === 'connected' ? 'ok' : state === 'no-token' ? 'error' : 'busy'
  return (
    <div className="rail-footer">
      <div className="account">
        <span className="account-avatar" aria-hidden="true">
          <UserRound size={16} />
        </span>
        <span className="account-text">
          <span className="account-name">Not signed in</span>
          <span className="account-sub">Local studio</span>
        </span>
      </div>
      <div className="connection" role="status" aria-live="polite" data-state={state}>
        <span className={`status-dot status-dot-${tone}`} aria-hidden="true" />
        <span>{coreStateText[state]}</span>
      </div>
      {state === 'reconnecting' && kind === 'web-bridge' ? (
        // Each studio:web run makes a new token, so an old tab cannot get back in by itself.
        <p className="connection-hint">Restarted studio:web? Open the new link it printed.</p>
      ) : null}
    </div>
  )
}
