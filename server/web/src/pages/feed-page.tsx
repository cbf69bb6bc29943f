import { Clapperboard } from 'lucide-react'
import { fetchFeed } from '../api/feed'
import { useRequest } from '../api/use-request'
import { ActionRail } from '../components/action-rail'
import { LoadingSpinner } from '../components/loading-spinner'
import { ReelCard } from '../components/reel-card'
import { ReelStage } from '../components/reel-stage'
import { RequestFailed } from '../components/request-failed'
import { StateMessage } from '../components/state-message'

export function FeedPage() {
  const { state, retry } = useRequest((signal) => fetchFeed({ signal }), 'feed')

  if (state.status === 'loading') {
    return (
      <ReelStage>
        <LoadingSpinner label="Loading reels" />
      </ReelStage>
    )
  }
  if (state.status === 'failed') {
    return (
      <ReelStage>
        <RequestFailed error={state.error} onRetry={retry} />
      </ReelStage>
    )
  }
  const first = state.data.items[0]
  if (!first) {
    return (
      <ReelStage>
        <StateMessage icon={Clapperboard} title="No reels yet">
          Creators publish reels from Spool Studio. When they do, they'll show up here.
        </StateMessage>
      </ReelStage>
    )
  }
  return (
    <ReelStage rail={<ActionRail reelId={first.id} />}>
      <ReelCard reel={first} />
    </ReelStage>
  )
}
