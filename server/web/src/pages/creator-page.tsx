// A creator's page: name, numbers, follow (and "show in my feed" for a creator the viewer hid),
// and their published reels. Asked again when the viewer signs in or out, since the answer's
// `viewer` part says how this viewer relates to the creator.
import { Eye, UserX } from 'lucide-react'
import { useState } from 'react'
import { ApiError } from '../api/api-client'
import { fetchCreator, type CreatorPageData } from '../api/catalog'
import { useRequest } from '../api/use-request'
import { FollowButton } from '../components/follow-button'
import { formatCount } from '../components/format-count'
import { showToast } from '../components/toast'
import { sendHidden } from '../engagement/engagement-api'
import { engagementErrorMessage } from '../engagement/engagement-errors'
import { setMark, useMark } from '../engagement/viewer-marks'
import { currentSession, useSession } from '../session/session-store'
import { LoadingSpinner } from '../components/loading-spinner'
import { PagedPosterGrid } from '../components/poster-grid'
import { RequestFailed } from '../components/request-failed'
import { StateMessage } from '../components/state-message'
import { Link } from '../routing/link'
import { paths } from '../routing/routes'

/** The page's data; what it says about the asking viewer goes to viewer-marks.ts. */
async function loadCreator(username: string, me: string | null, signal: AbortSignal) {
  const data = await fetchCreator(username, undefined, signal)
  const session = currentSession()
  if (data.viewer && me !== null && session.status === 'signed-in' && session.user.username === me) {
    setMark(me, 'following', data.user.username, data.viewer.following)
    setMark(me, 'hidden', data.user.username, data.viewer.hidden)
  }
  return data
}

export function CreatorPage({ username }: { username: string }) {
  const session = useSession()
  const me = session.status === 'signed-in' ? session.user.username : null
  const { state, retry } = useRequest(
    (signal) => loadCreator(username, me, signal),
    `${username}\n${me ?? ''}`,
  )
  const missing = state.status === 'failed' && state.error instanceof ApiError && state.error.status === 404

  return (
    <div className="page">
      <header className="profile-header">
        <span className="avatar" aria-hidden="true">
          {Array.from(username)[0]?.toUpperCase()}
        </span>
        <div className="profile-text">
          <h1 className="profile-name">@{username}</h1>
          {state.status === 'done' && <ProfileNumbers data={state.data} me={me} />}
        </div>
        {state.status === 'done' && (
          <div className="profile-actions">
            <FollowButton username={state.data.user.username} />
            <UnhideButton username={state.data.user.username} me={me} />
          </div>
        )}
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
      {state.status === 'done' && (
        <PagedPosterGrid
          key={username}
          first={state.data}
          loadPage={(cursor) => fetchCreator(state.data.user.username, cursor)}
          empty={
            <>
              <p className="grid-empty-title">No reels yet</p>
              <p className="grid-empty-body">
                When @{state.data.user.username} publishes from Spool Studio, their reels will show up here.
              </p>
            </>
          }
        />
      )}
    </div>
  )
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`

function ProfileNumbers({ data, me }: { data: CreatorPageData; me: string | null }) {
  // The count as loaded, moved by this viewer's follow or unfollow since.
  const following = useMark(me, 'following', data.user.username)
  const followers =
    data.user.followers + (data.viewer ? Number(following) - Number(data.viewer.following) : 0)
  return (
    <p className="profile-sub">
      <span data-count="reels">{plural(data.user.reels, 'reel', 'reels')}</span> ·{' '}
      <span data-count="followers">{plural(Math.max(0, followers), 'follower', 'followers')}</span> ·{' '}
      <span data-count="following">{formatCount(data.user.following)} following</span> ·{' '}
      <span>
        on Spool since{' '}
        {new Date(data.user.createdAt).toLocaleDateString(undefined, { month: 'long', year: 'numeric' })}
      </span>
    </p>
  )
}

/** For a creator this viewer hid from their feed: brings their reels back. */
function UnhideButton({ username, me }: { username: string; me: string | null }) {
  const hidden = useMark(me, 'hidden', username)
  const [busy, setBusy] = useState(false)
  if (!hidden || me === null) return null
  function unhide() {
    setBusy(true)
    sendHidden(username, false).then(
      () => {
        setBusy(false)
        setMark(me!, 'hidden', username, false)
        showToast(`@${username}'s reels can show up in your feed again.`)
      },
      (error: unknown) => {
        setBusy(false)
        showToast(engagementErrorMessage(error))
      },
    )
  }
  return (
    <button type="button" className="button is-quiet is-small" onClick={unhide} disabled={busy}>
      <Eye size={16} aria-hidden="true" />
      Show in my feed
    </button>
  )
}
