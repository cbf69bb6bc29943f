import { Hash } from 'lucide-react'
import { fetchTagReels, type TagPageData } from '../api/catalog'
import { useMoreReels } from '../api/use-more-reels'
import { useRequest } from '../api/use-request'
import { LoadingSpinner } from '../components/loading-spinner'
import { MoreButton } from '../components/more-button'
import { PosterGrid } from '../components/poster-grid'
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
      {state.status === 'done' && <TagReels key={tag} tag={tag} data={state.data} />}
    </div>
  )
}

function TagReels({ tag, data }: { tag: string; data: TagPageData }) {
  const list = useMoreReels(data, (cursor) => fetchTagReels(tag, cursor))
  return (
    <>
      <PosterGrid
        reels={list.reels}
        empty={
          <>
            <p className="grid-empty-title">No reels yet</p>
            <p className="grid-empty-body">Reels with #{tag} in their caption will show up here.</p>
          </>
        }
      />
      {list.hasMore && <MoreButton loading={list.loading} failed={list.failed} onClick={list.loadMore} />}
    </>
  )
}
