// /search?q=…: accounts, hashtags and reels matching what the viewer typed; with nothing typed
// yet, the hashtags and sounds trending now.
import { Hash, Music, SearchX, TrendingUp } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { fetchSearch, fetchTrending, type SearchResults, type Trending } from '../api/search'
import { useRequest } from '../api/use-request'
import { LoadingSpinner } from '../components/loading-spinner'
import { PosterGrid } from '../components/poster-grid'
import { RequestFailed } from '../components/request-failed'
import { StateMessage } from '../components/state-message'
import { navigate, useLocationSearch } from '../routing/history'
import { Link } from '../routing/link'
import { paths } from '../routing/routes'

const reelsLabel = (n: number) => (n === 1 ? '1 reel' : `${n} reels`)

export function SearchPage() {
  const q = new URLSearchParams(useLocationSearch()).get('q')?.trim() ?? ''
  return (
    <div className="page">
      <SearchForm key={q} initial={q} />
      {q ? <Results q={q} /> : <TrendingNow />}
    </div>
  )
}

function SearchForm({ initial }: { initial: string }) {
  const [text, setText] = useState(initial)
  function submit(event: FormEvent) {
    event.preventDefault()
    navigate(paths.search(text))
  }
  return (
    <form className="search-form" role="search" onSubmit={submit}>
      <input
        className="search-input"
        type="search"
        aria-label="Search creators, hashtags and captions"
        placeholder="Search creators, #hashtags, captions"
        maxLength={100}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button is-accent">
        Search
      </button>
    </form>
  )
}

function Results({ q }: { q: string }) {
  const { state, retry } = useRequest((signal) => fetchSearch(q, signal), q)
  if (state.status === 'loading') return <LoadingSpinner label={`Searching for ${q}`} />
  if (state.status === 'failed') return <RequestFailed error={state.error} onRetry={retry} />
  const { creators, hashtags, reels } = state.data
  if (creators.length + hashtags.length + reels.length === 0) {
    return (
      <StateMessage icon={SearchX} title="No results">
        Nothing on this Spool server matches “{q}”. Try another word.
      </StateMessage>
    )
  }
  return <ResultSections data={state.data} />
}

function ResultSections({ data }: { data: SearchResults }) {
  return (
    <>
      {data.creators.length > 0 && (
        <section className="search-section" aria-label="Accounts">
          <h2 className="section-title">Accounts</h2>
          <ul className="result-list">
            {data.creators.map((creator) => (
              <li key={creator.username}>
                <Link className="result-row" to={paths.creator(creator.username)}>
                  <span className="comment-avatar" aria-hidden="true">
                    {Array.from(creator.username)[0]?.toUpperCase()}
                  </span>
                  <span className="result-name">@{creator.username}</span>
                  <span className="result-sub">{reelsLabel(creator.reels)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.hashtags.length > 0 && (
        <section className="search-section" aria-label="Hashtags">
          <h2 className="section-title">Hashtags</h2>
          <TagChips tags={data.hashtags} />
        </section>
      )}
      {data.reels.length > 0 && (
        <section className="search-section" aria-label="Reels">
          <h2 className="section-title">Reels</h2>
          <PosterGrid reels={data.reels} empty={null} />
        </section>
      )}
    </>
  )
}

function TagChips({ tags }: { tags: ReadonlyArray<{ tag: string; reels: number }> }) {
  return (
    <ul className="tag-chips">
      {tags.map((item) => (
        <li key={item.tag}>
          <Link className="tag-chip" to={paths.tag(item.tag)}>
            <Hash size={16} aria-hidden="true" />
            {item.tag}
            <span className="result-sub">{reelsLabel(item.reels)}</span>
          </Link>
        </li>
      ))}
    </ul>
  )
}

function TrendingNow() {
  const { state, retry } = useRequest((signal) => fetchTrending(signal), 'trending')
  return (
    <>
      <section className="search-section" aria-label="Trending hashtags">
        <h2 className="section-title">
          <TrendingUp size={18} aria-hidden="true" />
          Trending hashtags
        </h2>
        {state.status === 'loading' && <LoadingSpinner label="Loading trending hashtags" />}
        {state.status === 'failed' && <RequestFailed error={state.error} onRetry={retry} />}
        {state.status === 'done' &&
          (state.data.hashtags.length > 0 ? (
            <TagChips tags={state.data.hashtags} />
          ) : (
            <p className="result-sub">
              Nothing is trending yet. Hashtags people watch and like will show up here.
            </p>
          ))}
      </section>
      {state.status === 'done' && state.data.sounds.length > 0 && (
        <section className="search-section" aria-label="Trending sounds">
          <h2 className="section-title">
            <Music size={18} aria-hidden="true" />
            Trending sounds
          </h2>
          <SoundChips sounds={state.data.sounds} />
        </section>
      )}
    </>
  )
}

function SoundChips({ sounds }: { sounds: Trending['sounds'] }) {
  return (
    <ul className="tag-chips">
      {sounds.map((sound) => (
        <li key={sound.sourceReelId} className="sound-chip">
          <Link className="tag-chip sound-chip" to={paths.sound(sound.sourceReelId)}>
            <Music size={16} aria-hidden="true" />
            <span className="sound-chip-title">{sound.title || 'Untitled sound'}</span>
            <span className="result-sub">{reelsLabel(sound.reels)}</span>
          </Link>
        </li>
      ))}
    </ul>
  )
}
