import { useState } from 'react'
import { Link } from '../routing/link'
import { paths } from '../routing/routes'
import type { FeedReel } from '../api/feed'

/** One reel in the stage: its poster for now (playback arrives with HLS delivery), creator and caption. */
export function ReelCard({ reel }: { reel: FeedReel }) {
  // A poster that fails to load leaves the stage's own background rather than a broken image.
  const [posterFailed, setPosterFailed] = useState(false)
  return (
    <article className="reel-card">
      {!posterFailed && (
        <img className="reel-poster" src={reel.posterUrl} alt="" onError={() => setPosterFailed(true)} />
      )}
      <div className="reel-overlay">
        <Link className="reel-creator" to={paths.creator(reel.creator.username)}>
          @{reel.creator.username}
        </Link>
        {reel.caption && <p className="reel-caption">{reel.caption}</p>}
      </div>
    </article>
  )
}
