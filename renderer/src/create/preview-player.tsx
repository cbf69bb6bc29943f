// The 9:16 preview: video.js on the library source, framed the way the reel will be. Fill shows
// the crop window's picture (object-fit: cover, object-position from the crop) and is dragged to
// move the window; fit-black letterboxes on black; fit-blur paints a small, blurred copy of the
// current frame behind the picture (a canvas refreshed while it plays, not a second decoder).
// video.js's stylesheet is not loaded: it embeds its icon font as a data: URL, which the studio's
// CSP refuses, and with no video.js controls shown editor.css positions the picture itself.
import { Move } from 'lucide-react'
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import videojs from 'video.js'
import type { Fit } from '../../../shared/reel/draft-edit'
import { setMuted } from './media-element'
import { cropWindow } from './trim-math'

const MIME: Record<string, string> = {
  MP4: 'video/mp4',
  QuickTime: 'video/mp4',
  WebM: 'video/webm',
  Matroska: 'video/webm',
}

interface Props {
  src: string
  container: string
  sourceWidth: number
  sourceHeight: number
  fit: Fit
  cropX: number
  cropY: number
  muted: boolean
  onVideo(video: HTMLVideoElement | null): void
  onCropChange(cropX: number, cropY: number): void
}

export function PreviewPlayer(props: Props) {
  const { src, container, sourceWidth, sourceHeight, fit, muted, onVideo, onCropChange } = props
  const hostRef = useRef<HTMLDivElement>(null)
  const blurRef = useRef<HTMLCanvasElement>(null)
  const [video, setVideo] = useState<HTMLVideoElement | null>(null)
  const [failed, setFailed] = useState(false)
  // While dragging, the crop follows the pointer locally; the draft gets one edit on release.
  const [dragCrop, setDragCrop] = useState<{ x: number; y: number } | null>(null)
  const cropX = dragCrop?.x ?? props.cropX
  const cropY = dragCrop?.y ?? props.cropY

  useEffect(() => {
    // video.js takes over the element it is given, so it gets one React does not manage.
    const element = document.createElement('video-js')
    hostRef.current!.appendChild(element)
    const player = videojs(element, {
      controls: false,
      preload: 'auto',
      fill: true,
      playsinline: true,
      bigPlayButton: false,
      controlBar: false,
      loadingSpinner: false,
      errorDisplay: false,
      textTrackSettings: false,
      sources: [{ src, type: MIME[container] ?? 'video/mp4' }],
    })
    player.on('error', () => setFailed(true))
    const tech = player.el().querySelector('video')
    if (tech) tech.crossOrigin = 'anonymous'
    // The element exists only once video.js has built it, here; the rest of the editor needs it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setVideo(tech)
    onVideo(tech)
    return () => {
      onVideo(null)
      setVideo(null)
      player.dispose()
    }
  }, [src, container, onVideo])

  useEffect(() => {
    if (video) setMuted(video, muted)
  }, [video, muted])

  // The blurred backdrop: a 27×48 canvas, scaled up and blurred by CSS, redrawn on every frame shown.
  useEffect(() => {
    const canvas = blurRef.current
    if (!video || !canvas || fit !== 'fit-blur') return
    const context = canvas.getContext('2d')
    let frame = 0
    const draw = () => {
      if (context && video.readyState >= 2) {
        const crop = cropWindow(sourceWidth, sourceHeight, 0.5, 0.5)
        const sw = video.videoWidth * crop.width
        const sh = video.videoHeight * crop.height
        context.drawImage(
          video,
          (video.videoWidth - sw) / 2,
          (video.videoHeight - sh) / 2,
          sw,
          sh,
          0,
          0,
          27,
          48,
        )
      }
      if (!video.paused) frame = requestAnimationFrame(draw)
    }
    draw()
    const events = ['play', 'seeked', 'loadeddata'] as const
    events.forEach((name) => video.addEventListener(name, draw))
    return () => {
      cancelAnimationFrame(frame)
      events.forEach((name) => video.removeEventListener(name, draw))
    }
  }, [video, fit, sourceWidth, sourceHeight])

  const crop = cropWindow(sourceWidth, sourceHeight, cropX, cropY)
  const movable = fit === 'fill' && (crop.width < 1 || crop.height < 1)

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (!movable || event.button !== 0) return
    const stage = event.currentTarget.getBoundingClientRect()
    const start = { x: event.clientX, y: event.clientY, cropX, cropY }
    // The picture shown is the source scaled so its crop window fills the stage.
    const pictureWidth = stage.width / crop.width
    const pictureHeight = stage.height / crop.height
    let latest = { x: cropX, y: cropY }
    const clamp = (value: number, size: number) => Math.min(1 - size / 2, Math.max(size / 2, value))
    const move = (moveEvent: PointerEvent) => {
      // Dragging the picture right shows more of its left: the window moves the other way.
      latest = {
        x: clamp(start.cropX - (moveEvent.clientX - start.x) / pictureWidth, crop.width),
        y: clamp(start.cropY - (moveEvent.clientY - start.y) / pictureHeight, crop.height),
      }
      setDragCrop(latest)
    }
    const up = () => {
      document.removeEventListener('pointermove', move)
      document.removeEventListener('pointerup', up)
      setDragCrop(null)
      if (latest.x !== start.cropX || latest.y !== start.cropY) onCropChange(latest.x, latest.y)
    }
    document.addEventListener('pointermove', move)
    document.addEventListener('pointerup', up)
  }

  return (
    <div
      className={`preview-stage preview-${fit}${movable ? ' preview-movable' : ''}`}
      style={{
        ['--crop-x' as string]: `${(crop.offsetX * 100).toFixed(2)}%`,
        ['--crop-y' as string]: `${(crop.offsetY * 100).toFixed(2)}%`,
      }}
      onPointerDown={onPointerDown}
      aria-label="Preview"
      role="img"
    >
      {fit === 'fit-blur' ? <canvas ref={blurRef} className="preview-blur" width={27} height={48} /> : null}
      <div ref={hostRef} className="preview-video" />
      {movable ? (
        <span className="preview-hint">
          <Move size={13} aria-hidden="true" /> Drag to reframe
        </span>
      ) : null}
      {failed ? <p className="preview-failed">This browser cannot play this video.</p> : null}
    </div>
  )
}
