import { Clapperboard, Play } from 'lucide-react'
import type { ReactNode } from 'react'
import { Link } from '../routing/link'
import { paths } from '../routing/routes'
import type { FeedReel } from '../api/feed'

/** The grid of 9:16 posters on creator and hashtag pages, with its own empty state. */
export function PosterGrid({ reels, empty }: { reels: readonly FeedReel[]; empty: ReactNode }) {
  if (reels.length === 0) {
    return (
      <div className="grid-empty" role="status">
        <Clapperboard size={32} strokeWidth={1.5} aria-hidden="true" />
        {empty}
      </div>
    )
  }
  return (
    <ul className="poster-grid">
      {reels.map((reel) => (
        <li key={reel.id}>
          <Link
            className="poster-tile"
            to={paths.reel(reel.id)}
            aria-label={reel.caption || `Reel by @${reel.creator.username}`}
          >
            <img src={reel.posterUrl} alt="" loading="lazy" />
            {reel.durationMs !== null && (
              <span className="poster-duration" aria-hidden="true">
                <Play size={14} fill="currentColor" />
                {formatDuration(reel.durationMs)}
              </span>
            )}
          </Link>
        </li>
      ))}
    </ul>
  )
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}
