import { PosterGrid } from '../components/poster-grid'

// The server has no per-creator endpoint yet (it arrives with accounts), so the grid starts empty
// rather than showing reels from elsewhere; the layout is the real one.
export function CreatorPage({ username }: { username: string }) {
  return (
    <div className="page">
      <header className="profile-header">
        <span className="avatar" aria-hidden="true">
          {Array.from(username)[0]?.toUpperCase()}
        </span>
        <div className="profile-text">
          <h1 className="profile-name">@{username}</h1>
          <p className="profile-sub">Reels by @{username} on this Spool server</p>
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
            <p className="grid-empty-body">
              When @{username} publishes from Spool Studio, their reels will show up here.
            </p>
          </>
        }
      />
    </div>
  )
}
