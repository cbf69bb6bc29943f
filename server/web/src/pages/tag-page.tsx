import { Hash } from 'lucide-react'
import { PosterGrid } from '../components/poster-grid'

// As on the creator page: the grid is filled once the server has a hashtag endpoint.
export function TagPage({ tag }: { tag: string }) {
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
      <PosterGrid
        reels={[]}
        empty={
          <>
            <p className="grid-empty-title">No reels yet</p>
            <p className="grid-empty-body">Reels with #{tag} in their caption will show up here.</p>
          </>
        }
      />
    </div>
  )
}
