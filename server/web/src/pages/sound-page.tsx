// /s/:id: a sound — named by the reel it comes from — with that reel's poster, title, creator and
// how many reels use it, a "Use this sound" link into Spool Studio, and the reels as a poster grid
// (the source first). Public: signed-out viewers see it too.
import { Music, MicOff } from 'lucide-react'
import { ApiError } from '../api/api-client'
import { fetchSound, type SoundPageData } from '../api/sounds'
import { useRequest } from '../api/use-request'
import { formatCount } from '../components/format-count'
import { LoadingSpinner } from '../components/loading-spinner'
import { PagedPosterGrid } from '../components/poster-grid'
import { RequestFailed } from '../components/request-failed'
import { StateMessage } from '../components/state-message'
import { Link } from '../routing/link'
import { paths } from '../routing/routes'
import { buildUseSoundLink } from '../../../../shared/api/studio-links'

export function SoundPage({ soundId }: { soundId: string }) {
  const { state, retry } = useRequest((signal) => fetchSound(soundId, undefined, signal), soundId)
  const missing = state.status === 'failed' && state.error instanceof ApiError ? state.error.status : null
  return (
    <div className="page">
      {state.status === 'loading' && <LoadingSpinner label="Loading this sound" />}
      {(missing === 404 || missing === 410) && <SoundMissing removed={missing === 410} />}
      {state.status === 'failed' && missing !== 404 && missing !== 410 && (
        <RequestFailed error={state.error} onRetry={retry} />
      )}
      {state.status === 'done' && (
        <>
          <SoundHeader sound={state.data.sound} />
          <div className="tabs" role="presentation">
            <span className="tab is-active">Reels</span>
          </div>
          <PagedPosterGrid
            key={soundId}
            first={state.data}
            loadPage={(cursor) => fetchSound(soundId, cursor)}
            empty={<p className="grid-empty-title">No reels use this sound yet</p>}
          />
        </>
      )}
    </div>
  )
}

function SoundHeader({ sound }: { sound: SoundPageData['sound'] }) {
  // The page's own origin is the server the studio should fetch the sound from.
  const useLink = buildUseSoundLink({ server: window.location.origin, sound: sound.id })
  return (
    <header className="profile-header sound-header">
      <Link
        className="poster-tile sound-cover"
        to={paths.reel(sound.id)}
        aria-label="Watch the original reel"
      >
        <img src={sound.posterUrl} alt="" />
        <span className="sound-cover-badge" aria-hidden="true">
          <Music size={18} />
        </span>
      </Link>
      <div className="profile-text">
        <h1 className="profile-name">{sound.title || 'Untitled sound'}</h1>
        <p className="profile-sub">
          <Link className="caption-link" to={paths.creator(sound.creator)}>
            @{sound.creator}
          </Link>{' '}
          ·{' '}
          <span data-count="reels">{`${formatCount(sound.reels)} ${sound.reels === 1 ? 'reel' : 'reels'}`}</span>
        </p>
        <div className="sound-use">
          <a className="button is-accent" href={useLink}>
            <Music size={16} aria-hidden="true" />
            Use this sound
          </a>
          <p className="sound-use-help">Opens Spool Studio on this computer</p>
        </div>
      </div>
    </header>
  )
}

function SoundMissing({ removed }: { removed: boolean }) {
  return (
    <StateMessage
      icon={MicOff}
      title={removed ? 'This sound was removed' : "This sound isn't available"}
      action={
        <Link className="button" to={paths.feed()}>
          Go to the feed
        </Link>
      }
    >
      {removed
        ? 'The reel this sound comes from was removed, so its sound cannot be used any more.'
        : 'There is no such sound on this Spool server. Check the link.'}
    </StateMessage>
  )
}
