// Grabs single frames of a library video for the cover picker: a hidden <video> seeks, a small
// canvas draws the frame, and the pixels (for sharpness) and a JPEG (to show) come back.
import { frameSeekSeconds } from './trim-math'

const SEEK_TIMEOUT_MS = 10_000

function seek(video: HTMLVideoElement, seconds: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error('The video did not answer the seek')), SEEK_TIMEOUT_MS)
    const done = (error?: Error) => {
      clearTimeout(timer)
      video.removeEventListener('seeked', onSeeked)
      video.removeEventListener('error', onError)
      if (error) reject(error)
      else resolve()
    }
    const onSeeked = () => done()
    const onError = () => done(new Error(video.error?.message || 'This browser cannot decode the video'))
    video.addEventListener('seeked', onSeeked)
    video.addEventListener('error', onError)
    video.currentTime = seconds
  })
}

export interface GrabbedFrame {
  pixels: ImageData
  /** data: URL of a JPEG, for an <img>. */
  image: string
}

/**
 * Nothing is loaded until the first grab, so creating one during render is cheap and pure; dispose
 * unloads the video, and a later grab loads it again.
 */
export function createFrameGrabber(src: string, fps: number, height = 256) {
  let video: HTMLVideoElement | null = null
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d', { willReadFrequently: true })
  // One seek at a time: a second request waits for the first instead of racing it.
  let queue: Promise<unknown> = Promise.resolve()

  function element(): HTMLVideoElement {
    if (video) return video
    video = document.createElement('video')
    video.muted = true
    video.preload = 'auto'
    video.playsInline = true
    // Electron's spool-media:// is another origin; without CORS the canvas would be tainted.
    video.crossOrigin = 'anonymous'
    video.src = src
    return video
  }

  async function grab(ms: number): Promise<GrabbedFrame> {
    if (!context) throw new Error('No 2D canvas available')
    const media = element()
    if (media.readyState < 1) {
      await new Promise<void>((resolve, reject) => {
        media.addEventListener('loadedmetadata', () => resolve(), { once: true })
        media.addEventListener('error', () => reject(new Error('This browser cannot decode the video')), {
          once: true,
        })
      })
    }
    await seek(media, frameSeekSeconds(ms, fps))
    canvas.height = height
    canvas.width = Math.max(1, Math.round((media.videoWidth / Math.max(1, media.videoHeight)) * height))
    context.drawImage(media, 0, 0, canvas.width, canvas.height)
    return {
      pixels: context.getImageData(0, 0, canvas.width, canvas.height),
      image: canvas.toDataURL('image/jpeg', 0.8),
    }
  }

  return {
    grab(ms: number): Promise<GrabbedFrame> {
      const result = queue.then(() => grab(ms))
      queue = result.catch(() => {})
      return result
    },
    dispose() {
      if (!video) return
      video.removeAttribute('src')
      video.load()
      video = null
    },
  }
}

export type FrameGrabber = ReturnType<typeof createFrameGrabber>
