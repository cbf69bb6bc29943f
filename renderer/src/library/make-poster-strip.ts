// Makes the poster strip in the renderer, which has the browser's video decoder (the core has no
// ffmpeg): a hidden <video> seeks to evenly spaced moments and a canvas turns each into a JPEG.
import { THUMBNAIL_MAX_BASE64_CHARS } from '../../../shared/rpc/contract'

export const POSTER_STRIP_COUNT = 8
/** Tall enough for a sharp card poster at 2x, small enough for eight to fit one bridge message. */
const THUMB_HEIGHT = 320
const SEEK_TIMEOUT_MS = 10_000

function once(video: HTMLVideoElement, event: 'loadedmetadata' | 'seeked'): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`The video did not answer (${event})`)), SEEK_TIMEOUT_MS)
    const finish = (error?: Error) => {
      clearTimeout(timer)
      video.removeEventListener(event, onEvent)
      video.removeEventListener('error', onError)
      if (error) reject(error)
      else resolve()
    }
    const onEvent = () => finish()
    const onError = () => finish(new Error(video.error?.message || 'This browser cannot decode the video'))
    video.addEventListener(event, onEvent)
    video.addEventListener('error', onError)
  })
}

/** Base64 JPEGs (no data: prefix), ready for library.saveThumbnails. */
export async function makePosterStrip(src: string, count = POSTER_STRIP_COUNT): Promise<string[]> {
  const video = document.createElement('video')
  video.muted = true
  video.preload = 'auto'
  video.playsInline = true
  // Electron's spool-media:// is another origin; without CORS the canvas would be tainted.
  video.crossOrigin = 'anonymous'
  const loaded = once(video, 'loadedmetadata')
  video.src = src
  try {
    await loaded
    const duration = Number.isFinite(video.duration) ? video.duration : 0
    const scale = THUMB_HEIGHT / Math.max(1, video.videoHeight)
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(video.videoWidth * scale))
    canvas.height = THUMB_HEIGHT
    const context = canvas.getContext('2d')
    if (!context) throw new Error('No 2D canvas available')
    const images: string[] = []
    for (let index = 0; index < count; index += 1) {
      const seeked = once(video, 'seeked')
      // Mid-points of equal slices: never the black first frame, never past the end.
      video.currentTime = (duration * (index + 0.5)) / count
      await seeked
      context.drawImage(video, 0, 0, canvas.width, canvas.height)
      images.push(encodeJpeg(canvas))
    }
    return images
  } finally {
    video.removeAttribute('src')
    video.load()
  }
}

function encodeJpeg(canvas: HTMLCanvasElement): string {
  for (const quality of [0.82, 0.7, 0.55, 0.4]) {
    const base64 = canvas.toDataURL('image/jpeg', quality).slice('data:image/jpeg;base64,'.length)
    if (base64.length <= THUMBNAIL_MAX_BASE64_CHARS) return base64
  }
  throw new Error('The thumbnail is too large even at low quality')
}
