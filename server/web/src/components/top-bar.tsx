import { House, LogOut, Search } from 'lucide-react'
import { useState } from 'react'
import { askToSignIn } from '../auth/sign-in-prompt'
import { Link } from '../routing/link'
import { paths, type Route } from '../routing/routes'
import { signOut, useSession } from '../session/session-store'
import { Wordmark } from './wordmark'

export function TopBar({ route }: { route: Route }) {
  return (
    <header className="top-bar">
      <Wordmark />
      <nav className="top-bar-nav" aria-label="Main">
        <Link
          to={paths.feed()}
          className="nav-link"
          aria-current={route.name === 'feed' ? 'page' : undefined}
        >
          <House size={18} aria-hidden="true" />
          <span>For you</span>
        </Link>
        <Link
          to={paths.search()}
          className="nav-link"
          aria-current={route.name === 'search' ? 'page' : undefined}
        >
          <Search size={18} aria-hidden="true" />
          <span>Search</span>
        </Link>
        <AccountArea />
      </nav>
    </header>
  )
}

function AccountArea() {
  const session = useSession()
  const [signOutFailed, setSignOutFailed] = useState(false)

  // Nothing until /api/auth/me has answered, so the buttons do not flash for a signed-in viewer.
  if (session.status === 'unknown') return null
  if (session.status === 'signed-in') {
    const { username } = session.user
    return (
      <div className="account">
        <Link to={paths.creator(username)} className="account-chip" aria-label={`Your profile, @${username}`}>
          <span className="account-avatar" aria-hidden="true">
            {Array.from(username)[0]?.toUpperCase()}
          </span>
          <span className="account-name">@{username}</span>
        </Link>
        <button
          type="button"
          className="icon-button"
          aria-label={signOutFailed ? 'Log out (the last try failed)' : 'Log out'}
          title="Log out"
          onClick={() => {
            setSignOutFailed(false)
            signOut().catch(() => setSignOutFailed(true))
          }}
        >
          <LogOut size={18} aria-hidden="true" />
        </button>
      </div>
    )
  }
  return (
    <div className="account">
      <button
        type="button"
        className="button is-quiet is-small"
        onClick={() => askToSignIn({ mode: 'login' })}
      >
        Log in
      </button>
      <button
        type="button"
        className="button is-accent is-small"
        onClick={() => askToSignIn({ mode: 'register' })}
      >
        Sign up
      </button>
    </div>
  )
}
