import { Film } from 'lucide-react'
import { ApiError } from '../api/api-client'
import { fetchReel } from '../api/feed'
import { useRequest } from '../api/use-request'
import { ActionRail } from '../components/action-rail'
import { LoadingSpinner } from '../components/loading-spinner'
import { ReelCard } from '../components/reel-card'
import { ReelStage } from '../components/reel-stage'
import { RequestFailed } from '../components/request-failed'
import { StateMessage } from '../components/state-message'
import { Link } from '../routing/link'
import { paths } from '../routing/routes'

export function ReelPage({ reelId }: { reelId: string }) {
  const { state, retry } = useRequest((signal) => fetchReel(reelId, signal), reelId)

  if (state.status === 'loading') {
    return (
      <ReelStage>
        <LoadingSpinner label="Loading the reel" />
      </ReelStage>
    )
  }
  if (state.status === 'failed') {
    const gone = state.error instanceof ApiError && (state.error.status === 404 || state.error.status === 410)
    return (
      <ReelStage>
        {gone ? (
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
        ) : (
          <RequestFailed error={state.error} onRetry={retry} />
        )}
      </ReelStage>
    )
  }
  return (
    <ReelStage rail={<ActionRail reelId={state.data.id} />}>
      <ReelCard reel={state.data} />
    </ReelStage>
  )
}
