import { Link } from '../routing/link'
import { paths } from '../routing/routes'

export function Wordmark() {
  return (
    <Link to={paths.feed()} className="wordmark" aria-label="Spool home">
      <svg className="wordmark-mark" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="9" />
        <circle cx="16" cy="16" r="8.5" fill="none" stroke="currentColor" strokeWidth="3" />
        <circle cx="16" cy="16" r="2.75" fill="currentColor" />
      </svg>
      <span className="wordmark-text">Spool</span>
    </Link>
  )
}
