import { UserX } from 'lucide-react'
import { ApiError } from '../api/api-client'
import { fetchCreator, type CreatorPageData } from '../api/catalog'
import { useMoreReels } from '../api/use-more-reels'
import { useRequest } from '../api/use-request'
import { FollowButton } from '../components/follow-button'
import { LoadingSpinner } from '../components/loading-spinner'
import { MoreButton } from '../components/more-button'
import { PosterGrid } from '../components/poster-grid'
import { RequestFailed } from '../components/request-failed'
import { StateMessage } from '../components/state-message'
import { Link } from '../routing/link'
import { paths } from '../routing/routes'

export function CreatorPage({ username }: { username: string }) {
  const { state, retry } = useRequest((signal) => fetchCreator(username, undefined, signal), username)
  const missing = state.status === 'failed' && state.error instanceof ApiError && state.error.status === 404

  return (
    <div className="page">
      <header className="profile-header">
        <span className="avatar" aria-hidden="true">
          {Array.from(username)[0]?.toUpperCase()}
        </span>
        <div className="profile-text">
          <h1 className="profile-name">@{username}</h1>
          {state.status === 'done' && (
            <p className="profile-sub">
              {reelCount(state.data)} · on Spool since{' '}
              {new Date(state.data.user.createdAt).toLocaleDateString(undefined, {
                month: 'long',
                year: 'numeric',
              })}
            </p>
          )}
        </div>
        {state.status === 'done' && <FollowButton username={state.data.user.username} />}
      </header>
      <div className="tabs" role="presentation">
        <span className="tab is-active">Reels</span>
      </div>
      {state.status === 'loading' && <LoadingSpinner label={`Loading @${username}'s reels`} />}
      {missing && (
        <StateMessage
          icon={UserX}
          title="This account doesn't exist"
          action={
            <Link className="button" to={paths.feed()}>
              Go to the feed
            </Link>
          }
        >
          There is no one called @{username} on this Spool server. Check the spelling of the link.
        </StateMessage>
      )}
      {state.status === 'failed' && !missing && <RequestFailed error={state.error} onRetry={retry} />}
      {state.status === 'done' && <CreatorReels key={username} data={state.data} />}
    </div>
  )
}

function reelCount(data: CreatorPageData): string {
  const n = data.reels.length
  if (data.nextCursor) return `${n}+ reels`
  return n === 1 ? '1 reel' : `${n} reels`
}

function CreatorReels({ data }: { data: CreatorPageData }) {
  const username = data.user.username
  const list = useMoreReels(data, (cursor) => fetchCreator(username, cursor))
  return (
    <>
      <PosterGrid
        reels={list.reels}
        empty={
          <>
            <p className="grid-empty-title">No reels yet</p>
            <p className="grid-empty-body">
              When @{username} publishes from Spool Studio, their reels will show up here.
            </p>
          </>
        }
      />
      {list.hasMore && <MoreButton loading={list.loading} failed={list.failed} onClick={list.loadMore} />}
    </>
  )
}
