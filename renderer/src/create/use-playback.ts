// The editor's transport: play/pause, playback rate (L, L again = faster), frame-accurate seeks,
// and the playhead, looping inside the trimmed range like the finished reel will.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { seekTo, setRate as setElementRate } from './media-element'
import { frameSeekSeconds, frameStartMs } from './trim-math'

export interface Playback {
  currentMs: number
  playing: boolean
  rate: number
  toggle(): void
  play(rate?: number): void
  pause(): void
  seek(ms: number): void
}

export function usePlayback(
  video: HTMLVideoElement | null,
  trim: { inMs: number; outMs: number },
  fps: number,
): Playback {
  const [currentMs, setCurrentMs] = useState(trim.inMs)
  const [playing, setPlaying] = useState(false)
  const [rate, setRate] = useState(1)
  const trimRef = useRef(trim)
  useLayoutEffect(() => {
    trimRef.current = trim
  })

  useEffect(() => {
    if (!video) return
    let frame = 0
    const tick = () => {
      const ms = video.currentTime * 1000
      // Loop inside the trim, as the reel will when it plays in the feed.
      if (!video.paused && ms >= trimRef.current.outMs) seekTo(video, trimRef.current.inMs / 1000)
      // Paused, the playhead is the shown frame's start, so I/O and frame steps land on frames.
      setCurrentMs(video.paused ? frameStartMs(video.currentTime, fps) : Math.round(video.currentTime * 1000))
      if (!video.paused) frame = requestAnimationFrame(tick)
    }
    const onPlay = () => {
      setPlaying(true)
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(tick)
    }
    const onPause = () => {
      setPlaying(false)
      tick()
    }
    video.addEventListener('play', onPlay)
    video.addEventListener('pause', onPause)
    video.addEventListener('seeked', tick)
    return () => {
      cancelAnimationFrame(frame)
      video.removeEventListener('play', onPlay)
      video.removeEventListener('pause', onPause)
      video.removeEventListener('seeked', tick)
    }
  }, [video, fps])

  const seek = useCallback(
    (ms: number) => {
      setCurrentMs(Math.round(ms))
      if (video) seekTo(video, frameSeekSeconds(ms, fps))
    },
    [video, fps],
  )
  const play = useCallback(
    (nextRate = 1) => {
      if (!video) return
      const ms = video.currentTime * 1000
      if (ms < trimRef.current.inMs || ms >= trimRef.current.outMs - 1000 / fps)
        seekTo(video, trimRef.current.inMs / 1000)
      setElementRate(video, nextRate)
      setRate(nextRate)
      // A rejected play() (autoplay policy, a detached element) leaves the player paused, which it shows.
      void video.play().catch(() => {})
    },
    [video, fps],
  )
  const pause = useCallback(() => video?.pause(), [video])
  const toggle = useCallback(() => (video && !video.paused ? pause() : play()), [video, play, pause])
  return { currentMs, playing, rate, toggle, play, pause, seek }
}
