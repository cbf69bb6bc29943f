import type { FeedReel } from '../api/feed'
import { useReelGone } from '../live/live-reels'
import { ReelPlayer } from '../player/reel-player'
import { Link } from '../routing/link'
import { paths } from '../routing/routes'
import { FollowButton } from './follow-button'
import { ReelCaption } from './reel-caption'
import { ReelUnavailable } from './reel-unavailable'
import { ReelSoundLine } from './reel-sound-line'

/** One reel in the stage: its player, and creator, caption and sound bottom-left over the video. */
export function ReelCard({ reel, active }: { reel: FeedReel; active: boolean }) {
  const gone = useReelGone(reel.id)
  return (
    <article
      className="reel-card"
      data-reel-id={reel.id}
      data-active={active}
      // Reels waiting above and below are out of reach of Tab and screen readers until they scroll in.
      inert={!active}
      aria-hidden={active ? undefined : true}
      aria-label={`Reel by @${reel.creator.username}`}
    >
      {gone ? <ReelUnavailable /> : <ReelPlayer reel={reel} active={active} />}
      <div className="reel-overlay">
        <div className="reel-creator-row">
          <Link className="reel-creator" to={paths.creator(reel.creator.username)}>
            <span className="reel-creator-avatar" aria-hidden="true">
              {Array.from(reel.creator.username)[0]?.toUpperCase()}
            </span>
            @{reel.creator.username}
          </Link>
          <FollowButton username={reel.creator.username} compact />
        </div>
        {reel.caption && <ReelCaption caption={reel.caption} />}
        {reel.sound && <ReelSoundLine sound={reel.sound} />}
      </div>
    </article>
  )
}
