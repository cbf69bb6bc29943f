import { House } from 'lucide-react'
import { Link } from '../routing/link'
import { paths, type Route } from '../routing/routes'
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
      </nav>
    </header>
  )
}
