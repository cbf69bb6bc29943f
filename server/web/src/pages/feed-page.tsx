import { Clapperboard, Film } from 'lucide-react'
import { useState } from 'react'
import { LoadingSpinner } from '../components/loading-spinner'
import { ReelStage } from '../components/reel-stage'
import { RequestFailed } from '../components/request-failed'
import { StateMessage } from '../components/state-message'
import { ReelFeed } from '../feed/reel-feed'
import { useReelFeed } from '../feed/use-reel-feed'
import { Link } from '../routing/link'
import { paths } from '../routing/routes'

/** The feed at `/`, or from the reel a `/r/:id` link opened, continuing into the feed. */
export function FeedPage(props: { initialReelId?: string }) {
  // Fixed at mount: the address then follows the reel on screen without restarting the feed.
  const [initialReelId] = useState(props.initialReelId)
  const feed = useReelFeed(initialReelId)
  const { state } = feed

  if (state.status === 'loading') {
    return (
      <ReelStage>
        <LoadingSpinner label={initialReelId ? 'Loading the reel' : 'Loading reels'} />
      </ReelStage>
    )
  }
  if (state.status === 'failed') {
    return (
      <ReelStage>
        <RequestFailed error={state.error} onRetry={feed.retry} />
      </ReelStage>
    )
  }
  if (state.data.items === null) {
    return (
      <ReelStage>
        <StateMessage
          icon={Film}
          title="This reel isn't available"
          action={
            <Link className="button" to={paths.feed()}>
              Back to the feed
            </Link>
          }
        >
          It may have been removed, or the link may be wrong.
        </StateMessage>
      </ReelStage>
    )
  }
  if (feed.items.length === 0) {
    return (
      <ReelStage>
        <StateMessage icon={Clapperboard} title="No reels yet">
          Creators publish reels from Spool Studio. When they do, they'll show up here.
        </StateMessage>
      </ReelStage>
    )
  }
  return <ReelFeed items={feed.items} hasMore={feed.hasMore} onNearEnd={feed.loadMore} />
}
