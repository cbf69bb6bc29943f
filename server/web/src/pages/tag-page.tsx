import { Hash } from 'lucide-react'
import { fetchTagReels } from '../api/catalog'
import { useRequest } from '../api/use-request'
import { LoadingSpinner } from '../components/loading-spinner'
import { PagedPosterGrid } from '../components/poster-grid'
import { RequestFailed } from '../components/request-failed'

export function TagPage({ tag }: { tag: string }) {
  const { state, retry } = useRequest((signal) => fetchTagReels(tag, undefined, signal), tag)
  return (
    <div className="page">
      <header className="profile-header">
        <span className="avatar is-tag" aria-hidden="true">
          <Hash size={40} strokeWidth={2.25} />
        </span>
        <div className="profile-text">
          <h1 className="profile-name">#{tag}</h1>
          <p className="profile-sub">Reels tagged #{tag}</p>
        </div>
      </header>
      <div className="tabs" role="presentation">
        <span className="tab is-active">Reels</span>
      </div>
      {state.status === 'loading' && <LoadingSpinner label={`Loading reels tagged #${tag}`} />}
      {state.status === 'failed' && <RequestFailed error={state.error} onRetry={retry} />}
      {state.status === 'done' && (
        <PagedPosterGrid
          key={tag}
          first={state.data}
          loadPage={(cursor) => fetchTagReels(tag, cursor)}
          empty={
            <>
              <p className="grid-empty-title">No reels yet</p>
              <p className="grid-empty-body">Reels with #{tag} in their caption will show up here.</p>
            </>
          }
        />
      )}
    </div>
  )
}
