// One reel's video: video.js with its built-in VHS engine (adaptive HLS over MSE), none of its own
// controls (the app draws its own), muted autoplay when active, loop, a thin progress bar, our
// poster until the first frame, and a plain message instead of a broken player when media fails.
import { Play, RotateCw, VideoOff, Volume2, VolumeX } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import videojs from 'video.js'
import 'video.js/dist/video-js.css'
import type { FeedReel } from '../api/feed'
import { StateMessage } from '../components/state-message'
import { useViewReport } from '../engagement/use-view-report'
import { setMuted, useMuted } from './mute-preference'

type Player = ReturnType<typeof videojs>

const playerOptions = {
  controls: false,
  loop: true,
  muted: true,
  playsinline: true,
  preload: 'auto',
  fill: true,
  // Our own UI only: no big play button, control bar, spinner, error modal or caption settings.
  bigPlayButton: false,
  controlBar: false,
  loadingSpinner: false,
  errorDisplay: false,
  textTrackSettings: false,
  html5: {
    // Chromium now claims native HLS; VHS everywhere gives one adaptive engine to reason about.
    vhs: { overrideNative: true, limitRenditionByPlayerDimensions: true, useDevicePixelRatio: true },
    nativeAudioTracks: false,
    nativeVideoTracks: false,
  },
}

export function ReelPlayer({ reel, active }: { reel: FeedReel; active: boolean }) {
  const hostRef = useRef<HTMLDivElement>(null)
  const barRef = useRef<HTMLDivElement>(null)
  const [player, setPlayer] = useState<Player | null>(null)
  const [failed, setFailed] = useState(false)
  const [started, setStarted] = useState(false)
  const [userPaused, setUserPaused] = useState(false)
  const [attempt, setAttempt] = useState(0)
  const muted = useMuted()
  useViewReport(reel.id, reel.durationMs, player?.el().querySelector('video') ?? null, active && !failed)

  // video.js takes over the element it is given, so it gets one React does not manage.
  useEffect(() => {
    const element = document.createElement('video-js')
    element.className = 'reel-video'
    hostRef.current!.appendChild(element)
    const created = videojs(element, {
      ...playerOptions,
      sources: [{ src: reel.hlsUrl, type: 'application/x-mpegURL' }],
    })
    created.on('error', () => setFailed(true))
    created.on('playing', () => setStarted(true))
    setPlayer(created)
    return () => {
      created.dispose()
      setPlayer(null)
      setStarted(false)
    }
  }, [reel.hlsUrl, attempt])

  useEffect(() => {
    player?.muted(muted)
  }, [player, muted])

  // Only the reel on screen plays; the others wait, loaded, at their first frame.
  useEffect(() => {
    if (!player || failed) return
    if (!active) {
      player.pause()
      player.currentTime(0)
      return
    }
    if (userPaused) {
      player.pause()
      return
    }
    const attemptPlay = (): Promise<void> =>
      Promise.resolve(player.play()).then(
        () => undefined,
        (error: unknown): Promise<void> | undefined => {
          if (player.isDisposed()) return
          // Sound remembered from earlier in the session needs a gesture after a reload: mute and go on.
          if (error instanceof DOMException && error.name === 'NotAllowedError' && !player.muted()) {
            setMuted(true)
            player.muted(true)
            return attemptPlay()
          }
          if (!(error instanceof DOMException && error.name === 'AbortError')) setUserPaused(true)
        },
      )
    void attemptPlay()
  }, [player, active, failed, userPaused])

  // A new turn on screen starts from the top, playing.
  useEffect(() => {
    if (!active) setUserPaused(false)
  }, [active])

  // The progress bar follows every frame without re-rendering React.
  useEffect(() => {
    if (!player || !active) return
    let frame = requestAnimationFrame(function tick() {
      const duration = player.duration() ?? 0
      const fraction = duration > 0 ? Math.min(1, (player.currentTime() ?? 0) / duration) : 0
      if (barRef.current) barRef.current.style.transform = `scaleX(${fraction})`
      frame = requestAnimationFrame(tick)
    })
    return () => cancelAnimationFrame(frame)
  }, [player, active])

  function retry() {
    setFailed(false)
    setUserPaused(false)
    setAttempt((n) => n + 1)
  }

  return (
    <div className="reel-player" data-state={failed ? 'failed' : started ? 'started' : 'waiting'}>
      <div className="reel-video-host" ref={hostRef} />
      {!started && <img className="reel-poster" src={reel.posterUrl} alt="" />}
      {failed ? (
        <div className="reel-failed">
          <StateMessage
            icon={VideoOff}
            title="This reel can't play right now"
            tone="error"
            action={
              <button type="button" className="button" onClick={retry}>
                <RotateCw size={16} aria-hidden="true" />
                Try again
              </button>
            }
          >
            Check your connection, or swipe on to the next reel.
          </StateMessage>
        </div>
      ) : (
        <>
          <button
            type="button"
            className="reel-surface"
            aria-label={userPaused ? 'Play' : 'Pause'}
            onClick={() => setUserPaused((paused) => !paused)}
          >
            {userPaused && (
              <span className="reel-paused-badge" aria-hidden="true">
                <Play size={36} fill="currentColor" />
              </span>
            )}
          </button>
          <button
            type="button"
            className={`mute-button ${muted ? 'is-muted' : ''}`}
            aria-label={muted ? 'Unmute' : 'Mute'}
            aria-pressed={!muted}
            onClick={() => setMuted(!muted)}
          >
            {muted ? <VolumeX size={18} aria-hidden="true" /> : <Volume2 size={18} aria-hidden="true" />}
            {muted && <span className="mute-label">Tap to unmute</span>}
          </button>
          <div className="reel-progress" aria-hidden="true">
            <div className="reel-progress-fill" ref={barRef} />
          </div>
        </>
      )}
    </div>
  )
}
