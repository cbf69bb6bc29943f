import { Clapperboard, Play } from 'lucide-react'
import type { ReactNode } from 'react'
import { Link } from '../routing/link'
import { paths } from '../routing/routes'
import type { FeedReel } from '../api/feed'
import { useMoreReels, type ReelList } from '../api/use-more-reels'
import { MoreButton } from './more-button'

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

/** A page's poster grid with "Show more": `first` came with the page, `loadPage` fetches the rest. */
export function PagedPosterGrid(props: {
  first: ReelList
  loadPage: (cursor: string) => Promise<ReelList>
  empty: ReactNode
}) {
  const list = useMoreReels(props.first, props.loadPage)
  return (
    <>
      <PosterGrid reels={list.reels} empty={props.empty} />
      {list.hasMore && <MoreButton loading={list.loading} failed={list.failed} onClick={list.loadMore} />}
    </>
  )
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}
